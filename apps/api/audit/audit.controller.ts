import { Controller, Get, Header, HttpCode, Param, Post, Query, type StreamableFile } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { pdfFile } from '../documents/pdf-file';
import { download } from '../report/download';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  adminAuditQuery,
  escalationQuery,
  noticeEventParam,
  noticeQuery,
  overdueQuery,
  scorecardQuery,
  type AdminAuditItemDto,
  type AdminAuditQuery,
  type AnchorWriteDto,
  type AuditHeadDto,
  type ChainVerificationDto,
  type EscalationLogItemDto,
  type EscalationQuery,
  type NoticeDto,
  type NoticeQuery,
  type OverduePageDto,
  type OverdueQuery,
  type PageDto,
  type ScorecardDto,
  type ScorecardQuery,
} from './audit.dto';
import { AuditService } from './audit.service';

/**
 * Supervisors' views (纪检监察). Reads, and the anchor (which only seals what is there): no route here,
 * or anywhere, changes or deletes an event.
 */
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('overdue')
  @Roles(['leader', 'supervisor', 'admin'])
  overdue(@Query(new ZodValidationPipe(overdueQuery)) query: OverdueQuery): Promise<OverduePageDto> {
    return this.audit.overdue(query);
  }

  @Get('escalations')
  @Roles(['leader', 'supervisor', 'admin'])
  escalations(@Query(new ZodValidationPipe(escalationQuery)) query: EscalationQuery): Promise<PageDto<EscalationLogItemDto>> {
    return this.audit.escalations(query);
  }

  @Get('scorecard')
  @Roles(['leader', 'supervisor', 'admin'])
  scorecard(@Query(new ZodValidationPipe(scorecardQuery)) query: ScorecardQuery): Promise<ScorecardDto> {
    return this.audit.scorecard(query);
  }

  @Get('notices')
  @Roles(['leader', 'supervisor', 'admin'])
  notices(@Query(new ZodValidationPipe(noticeQuery)) query: NoticeQuery): Promise<PageDto<NoticeDto>> {
    return this.audit.notices(query);
  }

  // 导出 Excel: each list with its own query and roles, every matching row (apps/api/export).
  @Get('overdue/export')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async overdueExport(@Query(new ZodValidationPipe(overdueQuery)) query: OverdueQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.audit.exportOverdue(user, query));
  }

  @Get('escalations/export')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async escalationsExport(@Query(new ZodValidationPipe(escalationQuery)) query: EscalationQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.audit.exportEscalations(user, query));
  }

  @Get('scorecard/export')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async scorecardExport(@Query(new ZodValidationPipe(scorecardQuery)) query: ScorecardQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.audit.exportScorecard(user, query));
  }

  @Get('notices/export')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async noticesExport(@Query(new ZodValidationPipe(noticeQuery)) query: NoticeQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.audit.exportNotices(user, query));
  }

  /** A notice of the list (督办单 / 问责记录) as its printable A4 PDF. */
  @Get('notices/:eventId/document')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async noticeDocument(@Param('eventId', new ZodValidationPipe(noticeEventParam)) eventId: string): Promise<StreamableFile> {
    return pdfFile(await this.audit.noticeDocument(eventId));
  }

  @Get('verify')
  @Roles(['supervisor', 'admin'])
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }

  /** The latest anchor (every stream's head, hash-chained): kept outside duban, it shows a cut-off tail later. */
  @Get('head')
  @Roles(['supervisor', 'admin'])
  head(): Promise<AuditHeadDto> {
    return this.audit.head();
  }

  /**
   * Writes an anchor now (the worker writes one every minute) unless nothing changed since the
   * latest; refuses, saying why, when the record no longer extends it. Changes no event.
   */
  @Post('anchor')
  @Roles(['supervisor', 'admin'])
  @HttpCode(200)
  anchor(): Promise<AnchorWriteDto> {
    return this.audit.anchor();
  }

  /** The admin audit stream (管理操作记录), newest first. */
  @Get('admin')
  @Roles(['supervisor', 'admin'])
  admin(@Query(new ZodValidationPipe(adminAuditQuery)) query: AdminAuditQuery): Promise<PageDto<AdminAuditItemDto>> {
    return this.audit.adminLog(query);
  }
}
