import { z } from 'zod';
import {
  ESCALATION_LEVELS,
  INPUT_MESSAGES as M,
  MEASURE_STATES,
  PROGRESS_TEXT_FIELDS,
  progressTextTooLong,
  TEXT_LIMITS as L,
  STATUS_LIGHTS,
  type EscalationLevel,
  type LadderStep,
  type MeasureSnapshot,
  type MeasureState,
  type ProgressTextField,
  type StatusLight,
} from '@duban/domain';
import { isoDate } from '../common/iso-date';
import type { EvidenceFileDto } from '../evidence/evidence.dto';
import type { QuantityDto } from '../plan/plan.dto';

export const measureIdParam = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d+(\.\d+)*$/, '事项编号格式应为 年份-编号，例如 2022-2.1.1');

const shortText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const code = z.string().trim().min(1).max(64);
const evidenceList = z.array(shortText(L.evidence)).max(L.evidenceCount, `佐证材料最多 ${L.evidenceCount} 项`);

export const assignBody = z.object({
  assigneeId: code,
  leadDepartment: code,
  coDepartments: z.array(code).max(L.coDepartments).optional(),
  dueDate: isoDate,
  milestones: z.array(z.object({ title: shortText(L.milestoneTitle).min(1, M.milestoneTitle), dueDate: isoDate })).max(L.milestones).optional(),
  /** 补录: the real date of an assignment made before duban (局领导 or 系统管理员 only); past due dates are then accepted. */
  assignedOn: isoDate.optional(),
  backdateReason: shortText(L.backdateReason).min(1, M.backdateReason).optional(),
});
export type AssignBody = z.infer<typeof assignBody>;

/** 存在问题 / 下步打算: optional, the domain's limit and message (progressTextTooLong). */
const progressText = (field: ProgressTextField) => z.string({ error: `${PROGRESS_TEXT_FIELDS[field]}应为文字` }).trim().max(L.note, progressTextTooLong(field));

export const progressBody = z.object({
  note: shortText(L.note).optional(),
  problems: progressText('problems').optional(),
  nextSteps: progressText('nextSteps').optional(),
  percent: z.number().min(0, M.percentRange).max(100, M.percentRange).optional(),
  quantityDone: z.number().min(0, M.negativeQuantity).max(1e12).optional(),
  evidence: evidenceList.optional(),
});
export type ProgressBody = z.infer<typeof progressBody>;

export const submitBody = z.object({ note: shortText(L.note).optional(), evidence: evidenceList.optional() });
export type SubmitBody = z.infer<typeof submitBody>;

export const approveBody = z.object({ comment: shortText(L.note).optional() });
export type ApproveBody = z.infer<typeof approveBody>;

export const returnBody = z.object({ comment: shortText(L.note).min(1, M.returnComment) });
export type ReturnBody = z.infer<typeof returnBody>;

export const extensionRequestBody = z.object({ newDueDate: isoDate, reason: shortText(L.note).min(1, M.extensionReason) });
export type ExtensionRequestBody = z.infer<typeof extensionRequestBody>;

export const extensionNumberParam = z.coerce.number({ error: '申请编号应为数字' }).int().min(1).max(1000);

export const extensionDecisionBody = z.object({ approve: z.boolean({ error: 'approve 应为 true 或 false' }), comment: shortText(L.note).optional() });
export type ExtensionDecisionBody = z.infer<typeof extensionDecisionBody>;

export const inspectionBody = z.object({
  findings: z
    .array(z.object({ description: shortText(L.note).min(1, M.findingDescription), dueDate: isoDate }))
    .min(1, M.noFindings)
    .max(20, M.tooManyFindings),
});
export type InspectionBody = z.infer<typeof inspectionBody>;

export const cancelBody = z.object({ reason: shortText(L.note).min(1, M.cancelReason) });
export type CancelBody = z.infer<typeof cancelBody>;

export const reopenBody = z.object({ reason: shortText(L.note).min(1, M.reopenReason) });
export type ReopenBody = z.infer<typeof reopenBody>;

/** 退回交办: before 签收, the assignee says why the task is not theirs. */
export const declineBody = z.object({ reason: shortText(L.note).min(1, M.declineReason) });
export type DeclineBody = z.infer<typeof declineBody>;

/** 申请移交: the department asked to take the measure over, and why. */
export const transferRequestBody = z.object({ toDepartment: code, reason: shortText(L.note).min(1, M.transferReason) });
export type TransferRequestBody = z.infer<typeof transferRequestBody>;

export const transferDecisionBody = z.object({ accept: z.boolean({ error: 'accept 应为 true 或 false' }), comment: shortText(L.note).optional() });
export type TransferDecisionBody = z.infer<typeof transferDecisionBody>;

export const milestoneNumberParam = z.coerce.number({ error: '节点编号应为数字' }).int('节点编号应为整数').min(1, '节点编号应从 1 开始').max(L.milestones, `节点编号不能大于 ${L.milestones}`);
export const transferNumberParam = z.coerce.number({ error: '移交申请编号应为数字' }).int().min(1).max(1000);

export const milestoneCompletionBody = z.object({ note: shortText(L.note).optional() });
export type MilestoneCompletionBody = z.infer<typeof milestoneCompletionBody>;

export interface MeasureEventDto {
  sequence: number;
  type: string;
  actorId: string;
  actorRole: string;
  /** 委托代理: the head the actor acted for (shown 「王五（代 张三）」); absent when they acted as themselves. */
  onBehalfOf?: string;
  stateAfter: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface MeasureDto {
  id: string;
  year: number;
  code: string;
  title: string;
  body: string;
  state: string;
  stateLabel: string;
  assigneeId: string | null;
  assigneeName: string | null;
  headId: string | null;
  headName: string | null;
  leadDepartment: string | null;
  leadDepartmentName: string | null;
  coDepartments: DepartmentRefDto[];
  suggestedDepartmentCode: string | null;
  suggestedDepartmentName: string | null;
  /** The co-operating departments the plan names (配合单位), matched to the organization. */
  suggestedCoDepartments: string[];
  /** Who leads and co-operates as the plan's own text says (牵头/配合), null when it says nothing. */
  leadText: string | null;
  coText: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  escalationLevel: string | null;
  light: StatusLight;
  lightLabel: string;
  lightReasons: string[];
  workingDaysOverdue: number;
  progressPercent: number | null;
  /** Every quantity the plan states for the measure, in document order. */
  quantities: QuantityDto[];
  /** The counted target progress is reported against (the first quantity that is not a percentage). */
  quantityTarget: QuantityDto | null;
  quantityDone: number | null;
  findings: MeasureFindingDto[];
  /** Uploaded 佐证材料 of the measure; events cite them by id in their `evidence`. */
  evidenceFiles: EvidenceFileDto[];
  /** Escalation steps already fired, then the steps still planned for the current deadline or review. */
  ladder: LadderStepDto[];
  snapshot: Record<string, unknown> | null;
  /** The newest events (up to TIMELINE_PAGE), oldest first; older ones from GET /measures/:id/events. */
  events: MeasureEventDto[];
  /** All events of the measure (its findings' included). */
  eventTotal: number;
}

/** Events in one page of a measure's timeline, and the most a page may hold. */
export const TIMELINE_PAGE = 50;
export const TIMELINE_PAGE_MAX = 200;

export const timelineQuery = z.strictObject({
  offset: z.coerce.number({ error: 'offset 应为数字' }).int('offset 应为整数').min(0, 'offset 不能为负数').max(1_000_000, 'offset 过大').optional(),
  limit: z.coerce.number({ error: 'limit 应为数字' }).int('limit 应为整数').min(1, 'limit 应在 1–200 之间').max(TIMELINE_PAGE_MAX, 'limit 应在 1–200 之间').optional(),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export interface MeasureTimelineDto {
  /** All events of the measure. */
  total: number;
  /** Skipped from the newest. */
  offset: number;
  /** This page, oldest first. */
  events: MeasureEventDto[];
}

export interface DepartmentRefDto {
  code: string;
  name: string;
}

export interface MeasureFindingDto {
  findingId: string;
  n: number;
  description: string;
  status: string;
  statusLabel: string;
  round: number;
  dueDate: string;
  assigneeId: string;
  inspectorId: string;
  escalationLevel: string | null;
  /** Not closed and past its rectification due date. */
  overdue: boolean;
}

export interface LadderStepDto {
  /** As the workflow records it: `assignee:<due date>:<level>` or `reviewer:<submitted on>:<level>`. */
  key: string;
  level: EscalationLevel;
  label: string;
  against: LadderStep['against'];
  date: string;
  provisional: boolean;
  status: 'fired' | 'pending';
  /** A milestone's step (节点 n, 1-based) rather than the deadline's or the review's; null otherwise. */
  milestone: number | null;
  milestoneTitle: string | null;
}

const enumOf = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { error: `${name} 应为 ${values.join('、')} 之一` });
const intIn = (name: string, min: number, max: number) =>
  z.coerce.number({ error: `${name} 应为数字` }).int(`${name} 应为整数`).min(min, `${name} 应在 ${min}–${max} 之间`).max(max, `${name} 应在 ${min}–${max} 之间`);

export const MEASURE_LIST_SORTS = ['urgency', 'code'] as const;

/** GET /measures: unknown parameters are refused, so a misspelt filter never silently lists everything. */
export const measureListQuery = z.strictObject({
  status: enumOf('status', MEASURE_STATES).optional(),
  department: code.optional(),
  assignee: code.optional(),
  overdue: enumOf('overdue', ['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  escalationLevel: enumOf('escalationLevel', ESCALATION_LEVELS).optional(),
  light: enumOf('light', STATUS_LIGHTS).optional(),
  year: intIn('year', 2000, 2100).optional(),
  q: z.string().trim().max(100, '搜索内容不能超过 100 个字').optional(),
  // The cockpit's click-throughs (definitions in libs/domain/cockpit.ts):
  /** Owning department (lead, or suggested while unassigned), one code or several separated by commas. */
  lead: z
    .string()
    .trim()
    .max(2000, 'lead 过长')
    .transform((v) => [...new Set(v.split(',').map((c) => c.trim()).filter(Boolean))])
    .refine((list) => list.length > 0 && list.length <= 100 && list.every((c) => c.length <= 64), 'lead 应为 1–100 个处室代码，以逗号分隔')
    .optional(),
  /** Completed on or before the due date (on_time) or after it (late). */
  completion: enumOf('completion', ['on_time', 'late'] as const).optional(),
  /** Under accountability: the ladder reached 问责, or an outcome is recorded. */
  accountability: enumOf('accountability', ['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Leaves out cancelled measures (what the cockpit counts). */
  excludeCancelled: enumOf('excludeCancelled', ['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: intIn('page', 1, 1_000_000).default(1),
  pageSize: intIn('pageSize', 1, 100).default(20),
  sort: enumOf('sort', MEASURE_LIST_SORTS).default('urgency'),
});
export type MeasureListQuery = z.infer<typeof measureListQuery>;

export interface MeasureListItemDto {
  id: string;
  year: number;
  code: string;
  title: string;
  state: MeasureState;
  stateLabel: string;
  leadDepartment: string | null;
  leadDepartmentName: string | null;
  coDepartments: DepartmentRefDto[];
  assigneeId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  escalationLevel: EscalationLevel | null;
  progressPercent: number | null;
  light: StatusLight;
  lightLabel: string;
  lightReasons: string[];
  workingDaysOverdue: number;
  /** Findings not closed yet (open or awaiting re-inspection). */
  openFindings: number;
  suggestedDepartmentCode: string | null;
}

export interface MeasureListDto {
  items: MeasureListItemDto[];
  total: number;
  page: number;
  pageSize: number;
}

export type MeasureCommandResultDto = MeasureSnapshot;
