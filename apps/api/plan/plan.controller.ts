import { Controller, Get, HttpCode, Param, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
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
  constructor(private readonly plans: PlanService) {}

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
    return this.plans.importDocument(file?.buffer ?? planBody(request), user);
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
