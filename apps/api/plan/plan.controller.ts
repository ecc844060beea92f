import { applyDecorators, Body, Controller, Get, HttpCode, Param, PayloadTooLargeException, Post, Req, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { catchError, type Observable } from 'rxjs';
import { z } from 'zod';
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
import { PlanPreviewService } from './plan-preview.service';
import { reviewedPlanBody, type PlanPreviewDto, type ReviewedPlanBody } from './plan-preview.dto';

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

/**
 * An admin's upload of a plan (200 on success): the multipart `field` (≤ 50 MB, one file, the limit
 * said in Chinese when exceeded) or the raw body of `bodyType` with `bodySchema`, as documented.
 */
function PlanUpload(field: string, bodyType: string, bodySchema: Record<string, unknown>) {
  return applyDecorators(
    Roles(['admin']),
    HttpCode(200),
    UseInterceptors(PlanLimitMessage, FileInterceptor(field, { limits: { fileSize: PLAN_UPLOAD_LIMIT_BYTES, files: 1 } })),
    DocumentedBody({
      required: true,
      content: {
        [bodyType]: { schema: bodySchema },
        'multipart/form-data': { schema: { type: 'object', required: [field], properties: { [field]: { type: 'string', format: 'binary' } } } },
      },
    }),
  );
}

const DOCUMENT_BODY = { type: 'string', maxLength: PLAN_UPLOAD_LIMIT_BYTES };

/** The reviewed plan's JSON schema, for the OpenAPI document (the route validates by hand: JSON body or JSON file). */
const REVIEWED_PLAN_SCHEMA = (({ $schema: _, ...schema }) => schema)(z.toJSONSchema(reviewedPlanBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);

@Controller('plans')
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly previews: PlanPreviewService,
  ) {}

  /**
   * The document as a multipart `file` field or as the raw body (`text/plain`), ≤ 50 MB: .docx,
   * .xlsx, PDF with a text layer, .html or .txt (UTF-8/GB18030), recognised by content.
   */
  @Post('import')
  @PlanUpload('file', 'text/plain', DOCUMENT_BODY)
  async import(@Req() request: Request, @CurrentUser() user: AuthenticatedUser, @UploadedFile() file?: Express.Multer.File): Promise<PlanImportResultDto> {
    return this.plans.importDocument(file?.buffer ?? planBody(request), user);
  }

  /**
   * 导入前预览: the same uploads and limit as `import`; answers the parsed plan as editable JSON with
   * the suggested lead departments, the warnings and — a year already imported — the diff. Stores nothing.
   */
  @Post('preview')
  @PlanUpload('file', 'text/plain', DOCUMENT_BODY)
  preview(@Req() request: Request, @UploadedFile() file?: Express.Multer.File): Promise<PlanPreviewDto> {
    return this.previews.preview(file?.buffer ?? planBody(request));
  }

  /**
   * The previewed plan as the admin corrected it, imported as `import` does; 400 with every problem
   * and nothing written. A JSON body (≤ 100 KB, the API's JSON limit), or — a large plan — the same
   * JSON as the multipart `plan` file (≤ 50 MB, as the document itself).
   */
  @Post('import-reviewed')
  @PlanUpload('plan', 'application/json', REVIEWED_PLAN_SCHEMA)
  importReviewed(@Req() request: Request, @CurrentUser() user: AuthenticatedUser, @UploadedFile() file?: Express.Multer.File): Promise<PlanImportResultDto> {
    return this.previews.importReviewed(reviewedPlan(request, file), user);
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

  /** 修改已导入的工作要点: the stored plan as an editable preview (confirmed through `import-reviewed`, like a document's). */
  @Get(':year/outline')
  @Roles(['admin'])
  outline(@Param('year', new ZodValidationPipe(yearParam)) year: number): Promise<PlanPreviewDto> {
    return this.previews.outline(year);
  }

  @Get(':year')
  @SignedIn()
  tree(@Param('year', new ZodValidationPipe(yearParam)) year: number): Promise<PlanTreeDto> {
    return this.plans.tree(year);
  }
}

/** The reviewed plan from a JSON body or a multipart `plan` file of JSON, validated as one. */
function reviewedPlan(request: Request, file?: Express.Multer.File): ReviewedPlanBody {
  let value: unknown = request.body;
  if (file) {
    try {
      value = JSON.parse(file.buffer.toString('utf8'));
    } catch {
      throw new DomainError(ErrorCode.ValidationFailed, '上传的工作要点无法解析（应为有效的 JSON）');
    }
  } else if (Buffer.isBuffer(value) || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, '请以 application/json 正文或 multipart/form-data 的 plan 字段（JSON 文件）提交工作要点');
  }
  return new ZodValidationPipe(reviewedPlanBody).transform(value);
}

function planBody(request: Request): Buffer {
  if (Buffer.isBuffer(request.body) && request.body.length > 0) return request.body;
  throw new DomainError(
    ErrorCode.UnsupportedMediaType,
    '请以 text/plain 正文或 multipart/form-data 的 file 字段上传工作要点文档',
  );
}
