import { z } from 'zod';
import { ESCALATION_LEVELS, type AnchorHeads, type AnchorWriteResult, type ChainHead, type EscalationLevel, type RecordVerification } from '@duban/domain';
import { isoDate } from '../common/iso-date';
import { page, pageSize } from '../common/paging';

export const overdueQuery = z.object({ page, pageSize });
export type OverdueQuery = z.infer<typeof overdueQuery>;

export const escalationQuery = z
  .object({
    level: z.enum(ESCALATION_LEVELS, { error: '级别应为 warning、urging、supervision 或 accountability' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page,
    pageSize,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于截止日期', path: ['from'] });
export type EscalationQuery = z.infer<typeof escalationQuery>;

export const scorecardQuery = z.object({
  /** The plan year (the measure ids' prefix); defaults to this year in Beijing. */
  year: z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围').optional(),
});
export type ScorecardQuery = z.infer<typeof scorecardQuery>;

export const NOTICE_KINDS = ['supervision', 'accountability'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const noticeQuery = z.object({
  kind: z.enum(NOTICE_KINDS, { error: 'kind 应为 supervision（督办单）或 accountability（问责记录）' }),
  page,
  pageSize,
});
export type NoticeQuery = z.infer<typeof noticeQuery>;

/** A notice's event id (e.g. `measure-2022-2.1.1#5`, URL-encoded). */
export const noticeEventParam = z.string({ error: '通知编号无效' }).trim().min(1, '通知编号无效').max(300, '通知编号无效');

export interface PageDto<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PersonDto {
  username: string;
  /** Null when the username is not (or no longer) a known user. */
  displayName: string | null;
}

export interface DepartmentDto {
  code: string;
  name: string | null;
}

export interface UrgingDto {
  level: string;
  label: string;
  /** Beijing date the escalation was issued. */
  date: string;
  occurredAt: string;
}

export interface OverdueItemDto {
  kind: 'measure' | 'finding';
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  /** The finding's description (findings only). */
  description: string | null;
  /** Measure state or finding status. */
  state: string;
  dueDate: string;
  workingDaysOverdue: number;
  escalationLevel: EscalationLevel | null;
  escalationLabel: string | null;
  /** The lead department, responsible for the measure (and for its findings). */
  department: DepartmentDto | null;
  /** The assignee (承办人), who does the work and rectifies findings. */
  person: PersonDto | null;
  /** Every escalation issued so far for this measure or finding, oldest first. */
  urgings: UrgingDto[];
}

export interface OverduePageDto extends PageDto<OverdueItemDto> {
  /** The Beijing date overdue is counted to. */
  today: string;
}

export interface EscalationLogItemDto {
  eventId: string;
  level: string;
  label: string;
  /** Whose slip it is: the assignee's work or the reviewer's review. */
  against: string | null;
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  /** The working day the ladder step fell due. */
  stepDate: string | null;
  /** Who the ladder told, as keys (user:…, head:…, group:supervisors, group:leadership). */
  recipients: string[];
  /** The usernames the notifications actually went to. */
  notified: string[];
  /** Beijing date of issue. */
  date: string;
  occurredAt: string;
}

export interface ScorecardDepartmentDto {
  department: DepartmentDto;
  /** Measures led by the department this year (assigned; cancelled ones left out). */
  assigned: number;
  completed: number;
  /** Completed no later than the due date. */
  completedOnTime: number;
  /** Should be done by now (应办结): completed, or open and past the due date. */
  due: number;
  /** completedOnTime ÷ due, 0–1; null when nothing is due yet. */
  onTimeRate: number | null;
  /** Open and past the due date. */
  overdue: number;
  /** Mean working days overdue of the overdue ones; null when none is. */
  averageWorkingDaysOverdue: number | null;
  /** Returned for rework at least once. */
  reworked: number;
  /** reworked ÷ assigned, 0–1; null when nothing is assigned. */
  reworkRate: number | null;
  /** Inspection findings not yet closed. */
  openFindings: number;
  /** Accountability outcomes recorded by supervisors on the department's measures (约谈, 通报批评, 诫勉, 问责处理). */
  accountabilityOutcomes: number;
  /** The same by kind, with its label, kinds with none left out. */
  outcomesByKind: Array<{ kind: string; label: string; count: number }>;
}

export interface ScorecardDto {
  year: number;
  today: string;
  departments: ScorecardDepartmentDto[];
}

export interface NoticeDto {
  /** e.g. 督〔2022〕第3号 (supervision) or 问〔2022〕第1号 (accountability), numbered in order of record per year. */
  number: string;
  kind: NoticeKind;
  documentTitle: string;
  eventId: string;
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  responsibleUnit: DepartmentDto | null;
  responsiblePerson: PersonDto | null;
  /** Working days past the deadline on the day of issue. */
  overdueWorkingDays: number | null;
  issuedOn: string;
  issuedAt: string;
  recipients: string[];
  notified: string[];
}

/** /audit/verify: the measure audit streams (top level), their events, the admin audit stream and the anchors. */
export type ChainVerificationDto = RecordVerification;

/**
 * /audit/head: the latest anchor (审计锚点), to keep elsewhere — every measure stream's head and the
 * admin stream's head, hash-chained to the anchors before it. Its `hash` is
 * chainHash(prevHash, {createdAt, heads}), so the copy checks itself; a later anchor whose heads do
 * not extend these (a stream shorter, gone or with another hash) means the record was cut or rewritten.
 * Every field but `admin` is null (and `streamCount` 0) before the first anchor.
 */
export interface AuditHeadDto {
  id: string | null;
  createdAt: string | null;
  prevHash: string | null;
  hash: string | null;
  /** Measure streams the anchor holds. */
  streamCount: number;
  heads: AnchorHeads | null;
  /** The admin audit stream's head now (its rows, last id, hash and time). */
  admin: ChainHead;
}

/** POST /audit/anchor: whether an anchor was written now, and the latest anchor either way. */
export type AnchorWriteDto = AnchorWriteResult;

export const adminAuditQuery = z.object({ page, pageSize });
export type AdminAuditQuery = z.infer<typeof adminAuditQuery>;

/** One entry of the admin audit stream (管理操作记录). */
export interface AdminAuditItemDto {
  id: string;
  occurredAt: string;
  actorId: string;
  actorRole: string;
  /** e.g. calendar.load, plan.import, report.export, user.update. */
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}
