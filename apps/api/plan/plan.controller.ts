import { Controller, Get, HttpCode, Param, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { AdminAuditRepository } from '@duban/db';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { DocumentedBody } from '../openapi/zod-openapi';
import { PLAN_UPLOAD_LIMIT_BYTES, yearParam, type PlanImportResultDto, type PlanSummaryDto, type PlanTreeDto } from './plan.dto';
import { PlanService } from './plan.service';

@Controller('plans')
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  /** The document as `text/plain` body or as a multipart `file` field (≤ 2 MB). */
  @Post('import')
  @Roles(['admin'])
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PLAN_UPLOAD_LIMIT_BYTES, files: 1 } }))
  @DocumentedBody({
    required: true,
    content: {
      'text/plain': { schema: { type: 'string', maxLength: PLAN_UPLOAD_LIMIT_BYTES } },
      'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
    },
  })
  async import(@Req() request: Request, @CurrentUser() user: AuthenticatedUser, @UploadedFile() file?: Express.Multer.File): Promise<PlanImportResultDto> {
    const document = file?.buffer ?? planBody(request);
    const result = await this.plans.importDocument(document);
    // Who imported which document, and what it changed: an entry of the admin audit stream.
    const sha256 = createHash('sha256').update(document).digest('hex');
    await this.adminAudit.record({ actorId: user.username, actorRole: user.role, action: 'plan.import', target: `plan:${result.year}`, after: { sha256, bytes: document.length, report: result } });
    return result;
  }

  @Get()
  @SignedIn()
  list(): Promise<PlanSummaryDto[]> {
    return this.plans.list();
  }

  @Get(':year')
  @SignedIn()
  tree(@Param('year', new ZodValidationPipe(yearParam)) year: number): Promise<PlanTreeDto> {
    return this.plans.tree(year);
  }
}

function planBody(request: Request): Buffer {
  if (Buffer.isBuffer(request.body) && request.body.length > 0) return request.body;
  throw new DomainError(
    ErrorCode.UnsupportedMediaType,
    '请以 text/plain 正文或 multipart/form-data 的 file 字段上传工作要点文档',
  );
}
