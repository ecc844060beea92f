import { Body, Controller, Get, HttpCode, Param, PayloadTooLargeException, Post, Req, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { catchError, type Observable } from 'rxjs';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { DocumentedBody } from '../openapi/zod-openapi';
import {
  PLAN_UPLOAD_LIMIT_BYTES,
  suggestedDepartmentsBody,
  yearParam,
  type PlanImportResultDto,
  type PlanSummaryDto,
  type PlanTreeDto,
  type SuggestedDepartmentsBody,
  type SuggestedDepartmentsResultDto,
} from './plan.dto';
import { PLAN_TOO_LARGE_MESSAGE } from './plan-import';
import { PlanService } from './plan.service';

/** Says the plan document limit when multer refuses a file as too large (the generic 413 names no limit). */
class PlanLimitMessage implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) throw new DomainError(ErrorCode.PayloadTooLarge, PLAN_TOO_LARGE_MESSAGE);
        throw error;
      }),
    );
  }
}

@Controller('plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  /**
   * The document as a multipart `file` field or as the raw body (`text/plain`), ≤ 50 MB: .docx,
   * .xlsx, PDF with a text layer, .html or .txt (UTF-8/GB18030), recognised by content.
   */
  @Post('import')
  @Roles(['admin'])
  @HttpCode(200)
  @UseInterceptors(PlanLimitMessage, FileInterceptor('file', { limits: { fileSize: PLAN_UPLOAD_LIMIT_BYTES, files: 1 } }))
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

  /** 设定建议牵头处室 in bulk (局领导, 系统管理员): its head then sees the measures under 待交办. */
  @Post(':year/suggested-departments')
  @Roles(['leader', 'admin'])
  @HttpCode(200)
  setSuggestedDepartments(
    @Param('year', new ZodValidationPipe(yearParam)) year: number,
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(suggestedDepartmentsBody)) body: SuggestedDepartmentsBody,
  ): Promise<SuggestedDepartmentsResultDto> {
    return this.plans.setSuggestedDepartments(year, body, user);
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
