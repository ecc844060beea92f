import {
  Controller,
  Get,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { attachmentDisposition } from '../common/attachment';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { measureIdParam } from '../measure/measure.dto';
import { DocumentedBody } from '../openapi/zod-openapi';
import { EVIDENCE_UPLOAD_LIMIT_BYTES, evidenceIdParam, type EvidenceFileDto } from './evidence.dto';
import { asciiEvidenceName } from './evidence-read';
import { EvidenceService, type UploadedFile as EvidenceUpload } from './evidence.service';

/** Says the evidence limit when multer refuses a file as too large (the generic 413 names the body limit). */
class EvidenceLimitMessage implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) throw new DomainError(ErrorCode.PayloadTooLarge, '单个佐证材料不能超过 20 MB');
        throw error;
      }),
    );
  }
}

/**
 * Decides before multer reads a byte of the body: a measure out of scope, an uploader who may not
 * add to it, a closed measure or a full quota is refused at once, and the file is never buffered.
 */
@Injectable()
class EvidenceUploadGate implements NestInterceptor {
  constructor(private readonly evidence: EvidenceService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const measureId = request.params.id;
    // Signed in for certain (the guard ran first); a missing id is the route's own 400.
    if (request.user && typeof measureId === 'string') await this.evidence.authorizeUpload(measureId, request.user);
    return next.handle();
  }
}

@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /**
   * One file per request as the multipart field `file` (≤ 20 MB; per measure ≤ 100 files, 200 MB);
   * the answer carries its SHA-256. Who may upload is decided before the body is read.
   */
  @Post('measures/:id/evidence')
  @SignedIn()
  @UseInterceptors(EvidenceUploadGate, EvidenceLimitMessage, FileInterceptor('file', { limits: { fileSize: EVIDENCE_UPLOAD_LIMIT_BYTES, files: 1 }, defParamCharset: 'utf8' }))
  @DocumentedBody({
    required: true,
    content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
  })
  upload(@Param('id', new ZodValidationPipe(measureIdParam)) id: string, @CurrentUser() user: AuthenticatedUser, @UploadedFile() file?: EvidenceUpload): Promise<EvidenceFileDto> {
    return this.evidence.upload(id, user, file);
  }

  @Get('measures/:id/evidence')
  @SignedIn()
  list(@Param('id', new ZodValidationPipe(measureIdParam)) id: string, @CurrentUser() user: AuthenticatedUser): Promise<EvidenceFileDto[]> {
    return this.evidence.list(id, user);
  }

  /** Always an attachment with nosniff: an uploaded page must never run in duban's origin. */
  @Get('evidence/:id')
  @SignedIn()
  async download(
    @Param('id', new ZodValidationPipe(evidenceIdParam)) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, content } = await this.evidence.download(id, user);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(content, { type: file.contentType, length: content.length, disposition: attachmentDisposition(file.fileName, asciiEvidenceName(file)) });
  }
}
