import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  adminAuditQuery,
  escalationQuery,
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
