import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, anchorSummary, AuditRepository, DirectiveRepository, type EscalationRow, type NoticeRow } from '@duban/db';
import { beijingDate, ESCALATION_LABELS, ESCALATION_LEVELS, OUTCOME_KIND_LABELS, outcomeKindOf, workingDaysPastDeadline, type EscalationLevel } from '@duban/domain';
import { CalendarService } from '../calendar/calendar.service';
import { workingDaysSince } from './working-days-since';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DirectiveService } from '../directive/directive.service';
import { documentFonts } from '../documents/fonts';
import { DEFAULT_ISSUER, ladderNoticeDocumentOf, officialDocumentPdf } from '../documents/notice-document';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { EXPORT_WINDOW, escalationsTable, ListExportService, noticesTable, overdueTable, scorecardTable } from '../export/list-export';
import { ApiConfig } from '../infra/api-config';
import type { ReportFile } from '../report/table';
import type {
  AdminAuditItemDto,
  AdminAuditQuery,
  AnchorWriteDto,
  AuditHeadDto,
  ChainVerificationDto,
  DepartmentDto,
  EscalationLogItemDto,
  EscalationQuery,
  NoticeDto,
  NoticeKind,
  NoticeQuery,
  OverdueItemDto,
  OverduePageDto,
  OverdueQuery,
  PageDto,
  PersonDto,
  ScorecardDto,
  ScorecardQuery,
  UrgingDto,
} from './audit.dto';

const NOTICE_DOCUMENTS: Record<NoticeKind, { prefix: string; title: string }> = {
  supervision: { prefix: '督', title: '督办通知单' },
  accountability: { prefix: '问', title: '问责记录' },
};

const NOTICE_LEVEL_KINDS: Record<string, NoticeKind | undefined> = { supervision: 'supervision', accountability: 'accountability' };

const FINDING_WORKFLOW_PREFIX = 'finding-';

/**
 * What discipline supervisors (and admins) see: everything overdue, every escalation, notices, the
 * departments' record, and whether the audit trail is intact. Read-only: nothing here changes an event.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly calendars: CalendarService,
    private readonly adminAudit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly directives: DirectiveService,
    private readonly directiveRows: DirectiveRepository,
    private readonly exports: ListExportService,
    private readonly config: ApiConfig,
  ) {}

  /** A page, or (`window`, the export) every row. */
  async overdue(query: OverdueQuery, window = pageWindow(query)): Promise<OverduePageDto> {
    const today = this.calendars.today();
    const { rows, total } = await this.audit.overduePage(today, window.offset, window.limit);
    // Working days are counted for this page only; the SQL order (due date) is already the order by days overdue.
    const [calendar, escalations] = await Promise.all([this.calendars.workingDayCalendar(), this.audit.escalationsOf([...new Set(rows.map((r) => r.measureId))])]);
    const overdueDays = workingDaysSince(rows.map((r) => r.dueDate), today, calendar);
    const urgings = new Map<string, UrgingDto[]>();
    for (const e of escalations) {
      const list = urgings.get(e.workflowId) ?? [];
      list.push({ level: e.level, label: levelLabel(e.level), date: beijingDate(e.occurredAt.getTime()), occurredAt: e.occurredAt.toISOString() });
      urgings.set(e.workflowId, list);
    }
    const items: OverdueItemDto[] = rows.map((r) => {
      const level = escalationLevel(r.escalationLevel);
      return {
        kind: r.kind,
        measureId: r.measureId,
        measureTitle: r.measureTitle,
        findingId: r.findingId,
        description: r.description,
        state: r.state,
        dueDate: r.dueDate,
        workingDaysOverdue: overdueDays.get(r.dueDate) ?? 0,
        escalationLevel: level,
        escalationLabel: level ? ESCALATION_LABELS[level] : null,
        department: r.departmentCode ? { code: r.departmentCode, name: r.departmentName } : null,
        person: r.personId ? { username: r.personId, displayName: r.personName } : null,
        urgings: urgings.get(r.workflowId) ?? [],
      };
    });
    return { items, total, page: query.page, pageSize: query.pageSize, today };
  }

  async escalations(query: EscalationQuery, window = pageWindow(query)): Promise<PageDto<EscalationLogItemDto>> {
    const { rows, total } = await this.audit.escalationPage({ level: query.level, from: query.from, to: query.to }, window.offset, window.limit);
    const items = rows.map((r): EscalationLogItemDto => {
      const level = String(r.payload.level ?? '');
      return {
        eventId: r.eventId,
        level,
        label: levelLabel(level),
        against: typeof r.payload.against === 'string' ? r.payload.against : null,
        measureId: r.measureId,
        measureTitle: r.measureTitle,
        findingId: findingIdOf(r.workflowId),
        stepDate: typeof r.payload.stepDate === 'string' ? r.payload.stepDate : null,
        recipients: recipientKeys(r),
        notified: r.notified,
        date: beijingDate(r.occurredAt.getTime()),
        occurredAt: r.occurredAt.toISOString(),
      };
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async notices(query: NoticeQuery, window = pageWindow(query)): Promise<PageDto<NoticeDto>> {
    const { rows, total } = await this.audit.noticePage(query.kind, window.offset, window.limit);
    return { items: await this.noticeDtos(rows, query.kind), total, page: query.page, pageSize: query.pageSize };
  }

  private async noticeDtos(rows: NoticeRow[], kind: NoticeKind): Promise<NoticeDto[]> {
    const document = NOTICE_DOCUMENTS[kind];
    // Who was responsible when the notice was issued: the ladder named them in its recipients.
    const responsible = rows.map((r) => {
      const keys = recipientKeys(r);
      const person = keys.find((k) => k.startsWith('user:'))?.slice('user:'.length) ?? r.currentAssignee;
      const unit = keys.find((k) => k.startsWith('head:'))?.slice('head:'.length) ?? r.currentDepartment;
      return { person, unit };
    });
    const [calendar, names] = await Promise.all([
      this.calendars.workingDayCalendar(),
      this.audit.names(
        responsible.flatMap((x) => (x.person ? [x.person] : [])),
        responsible.flatMap((x) => (x.unit ? [x.unit] : [])),
      ),
    ]);
    return rows.map((r, i): NoticeDto => {
      const issuedOn = beijingDate(r.occurredAt.getTime());
      const stepDate = typeof r.payload.stepDate === 'string' ? r.payload.stepDate : null;
      const { person, unit } = responsible[i];
      return {
        number: `${document.prefix}〔${r.year}〕第${r.n}号`,
        kind,
        documentTitle: document.title,
        eventId: r.eventId,
        measureId: r.measureId,
        measureTitle: r.measureTitle,
        findingId: findingIdOf(r.workflowId),
        responsibleUnit: unit ? ({ code: unit, name: names.departments.get(unit) ?? null } satisfies DepartmentDto) : null,
        responsiblePerson: person ? ({ username: person, displayName: names.users.get(person) ?? null } satisfies PersonDto) : null,
        overdueWorkingDays: stepDate ? workingDaysPastDeadline(kind, stepDate, issuedOn, calendar) : null,
        issuedOn,
        issuedAt: r.occurredAt.toISOString(),
        recipients: recipientKeys(r),
        notified: r.notified,
      };
    });
  }

  /**
   * A notice of the list as its printable A4 document: a 督办单 that a directive carries (hand-issued,
   * or the ladder's own) prints as that directive (requirement, deadline, 签收, 办理情况); any other
   * notice prints from what its escalation records, a 问责记录 with the measure's recorded 问责结果.
   */
  async noticeDocument(eventId: string): Promise<{ content: Buffer; fileName: string; asciiFileName: string }> {
    const row = await this.audit.notice(eventId);
    const kind = NOTICE_LEVEL_KINDS[row?.level ?? ''];
    if (!row || !kind) throw new DomainError(ErrorCode.DirectiveNotFound, '该督办单或问责记录不存在');
    const [notice] = await this.noticeDtos([row], kind);
    if (kind === 'supervision') {
      const directive = await this.directiveRows.findByNoticeNumber(notice.number);
      if (directive) return this.directives.documentOf(directive);
    }
    const outcomes = kind === 'accountability' ? (await this.directiveRows.listForMeasure(notice.measureId)).filter((d) => d.kind === 'outcome') : [];
    const document = ladderNoticeDocumentOf(
      {
        kind,
        number: notice.number,
        measureId: notice.measureId,
        measureTitle: notice.measureTitle,
        findingId: notice.findingId,
        unit: notice.responsibleUnit ? (notice.responsibleUnit.name ?? notice.responsibleUnit.code) : null,
        person: notice.responsiblePerson ? (notice.responsiblePerson.displayName ?? notice.responsiblePerson.username) : null,
        overdueWorkingDays: notice.overdueWorkingDays,
        issuedOn: notice.issuedOn,
        outcomes: outcomes.map((o) => ({
          kind: o.snapshot.outcomeKind ? OUTCOME_KIND_LABELS[outcomeKindOf(o.snapshot.outcomeKind) ?? 'accountability'] : '问责结果',
          text: o.snapshot.text,
          by: o.issuedByName ?? o.issuedBy,
          on: beijingDate(o.issuedAt.getTime()),
        })),
      },
      DEFAULT_ISSUER,
    );
    const content = await officialDocumentPdf(document, documentFonts(this.config.values));
    return { content, fileName: `${document.title}-${notice.number}.pdf`, asciiFileName: `${kind}-${row.year}-${row.n}.pdf` };
  }

  /** 导出 Excel of the lists: every row the list's query matches, through the list's own read. */
  async exportOverdue(user: AuthenticatedUser, query: OverdueQuery): Promise<ReportFile> {
    const page = await this.overdue(query, EXPORT_WINDOW);
    return this.exports.file(user, 'overdue', {}, overdueTable(page.items, page.today));
  }

  async exportEscalations(user: AuthenticatedUser, query: EscalationQuery): Promise<ReportFile> {
    const { items } = await this.escalations(query, EXPORT_WINDOW);
    const { users } = await this.audit.names([...new Set(items.flatMap((i) => i.notified))], []);
    return this.exports.file(user, 'escalations', { level: query.level, from: query.from, to: query.to }, escalationsTable(items, query, users));
  }

  async exportScorecard(user: AuthenticatedUser, query: ScorecardQuery): Promise<ReportFile> {
    return this.exports.file(user, 'scorecard', query, scorecardTable(await this.scorecard(query)));
  }

  async exportNotices(user: AuthenticatedUser, query: NoticeQuery): Promise<ReportFile> {
    const { items } = await this.notices(query, EXPORT_WINDOW);
    return this.exports.file(user, 'notices', { kind: query.kind }, noticesTable(items, query.kind));
  }

  async scorecard(query: ScorecardQuery): Promise<ScorecardDto> {
    const today = this.calendars.today();
    const year = query.year ?? Number(today.slice(0, 4));
    const [rows, calendar] = await Promise.all([this.audit.scorecard(year, today), this.calendars.workingDayCalendar()]);
    const overdueDays = workingDaysSince(rows.flatMap((r) => r.overdueByDueDate.map((o) => o.dueDate)), today, calendar);
    const departments = rows.map((r) => {
      const overdue = r.overdueByDueDate.reduce((n, o) => n + o.count, 0);
      const daysOverdue = r.overdueByDueDate.reduce((sum, o) => sum + o.count * (overdueDays.get(o.dueDate) ?? 0), 0);
      const due = r.completed + overdue;
      return {
        department: { code: r.departmentCode, name: r.departmentName },
        assigned: r.assigned,
        completed: r.completed,
        completedOnTime: r.completedOnTime,
        due,
        onTimeRate: ratio(r.completedOnTime, due),
        overdue,
        averageWorkingDaysOverdue: overdue > 0 ? Math.round((daysOverdue / overdue) * 10) / 10 : null,
        reworked: r.reworked,
        reworkRate: ratio(r.reworked, r.assigned),
        openFindings: r.openFindings,
        accountabilityOutcomes: r.outcomes.reduce((n, o) => n + o.count, 0),
        outcomesByKind: r.outcomes.map((o) => ({ kind: o.kind, label: OUTCOME_KIND_LABELS[outcomeKindOf(o.kind) ?? 'accountability'], count: o.count })),
      };
    });
    return { year, today, departments };
  }

  /**
   * The whole record from one snapshot (a read-only REPEATABLE READ transaction): every measure
   * stream's chain against the latest anchor, the anchor chain, every event against its audit row,
   * and the admin audit stream, each reported on its own.
   */
  async verify(): Promise<ChainVerificationDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const admin = await this.adminAudit.verify({ manager });
      return this.audit.verifyRecord({ manager, admin });
    });
  }

  async head(): Promise<AuditHeadDto> {
    const [anchor, admin] = await Promise.all([this.audit.latestAnchor(), this.adminAudit.head()]);
    if (!anchor) return { id: null, createdAt: null, prevHash: null, hash: null, streamCount: 0, heads: null, admin };
    return { ...anchorSummary(anchor), heads: anchor.heads, admin };
  }

  anchor(): Promise<AnchorWriteDto> {
    return this.audit.writeAnchor();
  }

  async adminLog(query: AdminAuditQuery): Promise<PageDto<AdminAuditItemDto>> {
    const { rows, total } = await this.adminAudit.page((query.page - 1) * query.pageSize, query.pageSize);
    const items = rows.map((r): AdminAuditItemDto => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}

function pageWindow(query: { page: number; pageSize: number }): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

function escalationLevel(value: string | null): EscalationLevel | null {
  return ESCALATION_LEVELS.find((l) => l === value) ?? null;
}

function levelLabel(value: string): string {
  const level = escalationLevel(value);
  return level ? ESCALATION_LABELS[level] : value;
}

function findingIdOf(workflowId: string): string | null {
  return workflowId.startsWith(FINDING_WORKFLOW_PREFIX) ? workflowId.slice(FINDING_WORKFLOW_PREFIX.length) : null;
}

function recipientKeys(row: EscalationRow): string[] {
  const value = row.payload.recipients;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
