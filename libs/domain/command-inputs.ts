// Inputs of measure commands and their checks. The checks run in decideMeasure/decideFinding (the
// workflows' validators: the last word, whoever the caller is); the API checks an assignment before
// sending it; the API's schemas and the web's fields take their limits and messages from here.
import type { AssigneeFacts } from './commands';
import type { Actor } from './measure-event';

export interface AssignInput {
  actor: Actor;
  assigneeId: string;
  leadDepartment: string;
  coDepartments?: string[];
  /** YYYY-MM-DD */
  dueDate: string;
  milestones?: Array<{ title: string; dueDate: string }>;
  /** Recording work already under way (补录): the real date of assignment, before today. */
  assignedOn?: string;
  backdateReason?: string;
  /** The assignee as the directory knows them, attached by the API and checked by the workflow. */
  assignee?: AssigneeFacts;
}

export interface ReopenInput {
  actor: Actor;
  reason: string;
}

export interface ActorOnly {
  actor: Actor;
}

export interface ProgressInput {
  actor: Actor;
  note?: string;
  /** 存在问题: what holds the work up (optional). */
  problems?: string;
  /** 下步打算: what comes next (optional). */
  nextSteps?: string;
  percent?: number;
  quantityDone?: number;
  evidence?: string[];
}

export interface SubmitInput {
  actor: Actor;
  note?: string;
  evidence?: string[];
}

export interface ReviewInput {
  actor: Actor;
  comment?: string;
}

export interface ExtensionRequestInput {
  actor: Actor;
  newDueDate: string;
  reason: string;
}

export interface ExtensionDecisionInput {
  actor: Actor;
  n: number;
  approve: boolean;
  comment?: string;
}

export interface CancelInput {
  actor: Actor;
  reason: string;
}

/** 退回交办: the assignee sends a mis-assigned task back before 签收. */
export interface DeclineInput {
  actor: Actor;
  reason: string;
}

/** 申请移交: the owning department asks another department to take the measure over. */
export interface TransferRequestInput {
  actor: Actor;
  toDepartment: string;
  reason: string;
}

/** 审批移交 by the receiving department's head (or a leader). */
export interface TransferDecisionInput {
  actor: Actor;
  n: number;
  accept: boolean;
  comment?: string;
}

/** 节点完成: the assignee reports milestone `n` (1-based, in the assignment's order) done. */
export interface MilestoneCompletionInput {
  actor: Actor;
  n: number;
  note?: string;
}

/** 年终结转: the measure continues as `successorId` in next year's plan. */
export interface CarryOverInput {
  actor: Actor;
  successorId: string;
  toYear: number;
  reason: string;
}

/** Messages of the input rules that the API's schemas give too (for a field left empty). */
export const INPUT_MESSAGES = {
  returnComment: '退回时必须填写意见',
  extensionReason: '申请延期必须说明理由',
  cancelReason: '撤销事项必须说明理由',
  reopenReason: '重新打开事项必须说明理由',
  milestoneTitle: '节点名称不能为空',
  backdateReason: '补录已在办理的工作时必须说明补录原因',
  findingDescription: '问题描述不能为空',
  noFindings: '请至少填写一个检查问题',
  tooManyFindings: '一次检查最多 20 个问题',
  rectificationNote: '请说明整改情况',
  percentRange: '完成百分比应在 0–100 之间',
  negativeQuantity: '完成数量不能为负数',
  declineReason: '退回交办必须说明理由（例如不属于本人职责）',
  transferReason: '申请移交必须说明理由',
  transferDepartment: '必须指定接收处室',
  transferRefusalComment: '不同意移交时必须填写意见',
  carryOverReason: '年终结转必须说明理由',
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (pure arithmetic, no local time zone involved). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

/** The message for a date before today (Beijing); `what` names the date. */
function pastDateMessage(what: string, today: string): string {
  return `${what}不能早于今天（${today}，北京时间）`;
}

/**
 * A plain reason why the assignment is unusable, or undefined when it is fine. `today` is the
 * Beijing date: due dates and milestones before it are refused, unless the assignment records work
 * already under way (assignedOn + backdateReason), whose dates may lie in the past.
 */
export function assignInputProblem(input: AssignInput, today: string): string | undefined {
  if (!input.assigneeId) return '必须指定承办人';
  if (!input.leadDepartment) return '必须指定牵头处室';
  if (!isIsoDate(input.dueDate)) return '截止日期应为有效日期，格式 YYYY-MM-DD';
  const backdated = input.assignedOn !== undefined || input.backdateReason !== undefined;
  if (backdated) {
    if (input.assignedOn === undefined || !isIsoDate(input.assignedOn)) return '补录时必须填写有效的交办日期，格式 YYYY-MM-DD';
    if (!input.backdateReason?.trim()) return INPUT_MESSAGES.backdateReason;
    if (input.assignedOn > today) return `交办日期不能晚于今天（${today}，北京时间）`;
    if (input.assignedOn > input.dueDate) return '交办日期不能晚于截止日期';
  } else if (input.dueDate < today) {
    return `${pastDateMessage('截止日期', today)}；补录已在办理的工作请由局领导或系统管理员填写交办日期和补录原因`;
  }
  for (const m of input.milestones ?? []) {
    if (!m.title?.trim()) return INPUT_MESSAGES.milestoneTitle;
    if (!isIsoDate(m.dueDate)) return `节点「${m.title}」的日期无效`;
    if (m.dueDate > input.dueDate) return `节点「${m.title}」不能晚于截止日期`;
    if (!backdated && m.dueDate < today) return pastDateMessage(`节点「${m.title}」的日期`, today);
  }
  if ((input.coDepartments ?? []).includes(input.leadDepartment)) return '配合处室不能与牵头处室相同';
  return undefined;
}

/**
 * 报送进展's written parts besides the note, with their labels: optional, each as long as a note at
 * most. The API's schema, the web's dialog and the workflow's validator all take them from here.
 */
export const PROGRESS_TEXT_FIELDS = { problems: '存在问题', nextSteps: '下步打算' } as const;
export type ProgressTextField = keyof typeof PROGRESS_TEXT_FIELDS;

/** The message for a 存在问题/下步打算 text over the limit. */
export function progressTextTooLong(field: ProgressTextField): string {
  return `${PROGRESS_TEXT_FIELDS[field]}不能超过 ${TEXT_LIMITS.note} 个字`;
}

/** Why a 存在问题/下步打算 value is unusable (not text, or too long once trimmed); undefined when fine or absent. */
export function progressTextProblem(field: ProgressTextField, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return `${PROGRESS_TEXT_FIELDS[field]}应为文字`;
  return value.trim().length > TEXT_LIMITS.note ? progressTextTooLong(field) : undefined;
}

export function progressInputProblem(input: ProgressInput, quantityTarget: number | null): string | undefined {
  for (const field of Object.keys(PROGRESS_TEXT_FIELDS) as ProgressTextField[]) {
    const problem = progressTextProblem(field, input[field]);
    if (problem) return problem;
  }
  const written = [input.note, input.problems, input.nextSteps].some((t) => typeof t === 'string' && t.trim() !== '');
  if (input.percent === undefined && input.quantityDone === undefined && !written) return '请填写进展说明、完成百分比或完成数量';
  if (input.percent !== undefined && !(Number.isFinite(input.percent) && input.percent >= 0 && input.percent <= 100)) return INPUT_MESSAGES.percentRange;
  if (input.quantityDone !== undefined) {
    if (!(Number.isFinite(input.quantityDone) && input.quantityDone >= 0)) return INPUT_MESSAGES.negativeQuantity;
    if (quantityTarget !== null && input.quantityDone > quantityTarget * 10) return '完成数量明显超出目标，请核对';
  }
  return undefined;
}

export function returnInputProblem(input: ReviewInput): string | undefined {
  return input.comment?.trim() ? undefined : INPUT_MESSAGES.returnComment;
}

export function extensionRequestProblem(input: ExtensionRequestInput, currentDue: string | null, today: string): string | undefined {
  if (!isIsoDate(input.newDueDate)) return '新的截止日期应为有效日期，格式 YYYY-MM-DD';
  if (input.newDueDate < today) return pastDateMessage('新的截止日期', today);
  if (currentDue && input.newDueDate <= currentDue) return '新的截止日期应晚于当前截止日期';
  if (!input.reason?.trim()) return INPUT_MESSAGES.extensionReason;
  return undefined;
}

export function cancelInputProblem(input: CancelInput): string | undefined {
  return input.reason?.trim() ? undefined : INPUT_MESSAGES.cancelReason;
}

export function reopenInputProblem(input: ReopenInput): string | undefined {
  return input.reason?.trim() ? undefined : INPUT_MESSAGES.reopenReason;
}

export function declineInputProblem(input: DeclineInput): string | undefined {
  return input.reason?.trim() ? undefined : INPUT_MESSAGES.declineReason;
}

export function transferRequestProblem(input: TransferRequestInput, owner: string | null): string | undefined {
  if (!input.toDepartment?.trim()) return INPUT_MESSAGES.transferDepartment;
  if (input.toDepartment === owner) return '接收处室不能是本事项现在的牵头处室';
  return input.reason?.trim() ? undefined : INPUT_MESSAGES.transferReason;
}

/** The receiving department of a transfer as the directory knows it: an active business department. */
export function transferTargetProblem(code: string, department: { active: boolean; kind: string } | null | undefined): string | undefined {
  if (!department) return `处室 ${code} 不存在`;
  if (!department.active) return `处室 ${code} 已停用，不能接收移交`;
  if (department.kind !== 'business') return '只能移交给业务处室';
  return undefined;
}

export function carryOverInputProblem(input: CarryOverInput, measureYear: number): string | undefined {
  if (!Number.isInteger(input.toYear) || input.toYear <= measureYear) return `结转年度应晚于本事项所属年度（${measureYear}）`;
  if (!input.successorId?.trim()) return '必须指明结转后的事项';
  return input.reason?.trim() ? undefined : INPUT_MESSAGES.carryOverReason;
}

/** A finding's rectification deadline: a real date after today (Beijing). */
export function findingDueDateProblem(description: string, dueDate: string, today: string): string | undefined {
  return isIsoDate(dueDate) && dueDate > today ? undefined : `问题「${description}」的整改期限应为今天（${today}，北京时间）以后的有效日期`;
}

/**
 * Lengths of command text, one place for the API's schemas, the workflow's validators and the web's
 * input fields (characters).
 */
export const TEXT_LIMITS = {
  /** Notes, comments, reasons, finding descriptions. */
  note: 2000,
  /** One evidence reference (an uploaded file's reference or a description). */
  evidence: 500,
  /** Evidence references on one report or submission. */
  evidenceCount: 50,
  milestoneTitle: 100,
  milestones: 50,
  backdateReason: 500,
  coDepartments: 20,
} as const;

/** How much of its history the measure's state keeps (the rest is in the record, events in PostgreSQL). */
export const STATE_LIMITS = {
  /** 延期申请 per measure. */
  extensions: 20,
  /** 检查问题 per measure. */
  findings: 100,
  /** Keys of fired ladder steps kept to tell a fired step from a pending one (4 per ladder). */
  firedSteps: 32,
  /** 整改轮次 per finding. */
  findingRounds: 10,
} as const;

/**
 * The most one command may carry into Temporal (its JSON, UTF-8 bytes): far below the server's 2 MB
 * payload limit, far above any command within TEXT_LIMITS (about 80 KB at most).
 */
export const COMMAND_MAX_BYTES = 128 * 1024;

/** UTF-8 length of a string, without TextEncoder (not every runtime of the domain has it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A command too large to cross into a workflow, said plainly; undefined when it fits. */
export function commandSizeProblem(input: unknown): string | undefined {
  const size = utf8Length(JSON.stringify(input) ?? '');
  return size > COMMAND_MAX_BYTES ? `提交的内容过大（${Math.ceil(size / 1024)} KB，上限 ${COMMAND_MAX_BYTES / 1024} KB），请精简说明或分次报送` : undefined;
}

/** Text fields of a command over TEXT_LIMITS (for callers that bypass the API's schemas). */
export function textLimitProblem(input: object): string | undefined {
  const fields = input as { note?: unknown; comment?: unknown; reason?: unknown; evidence?: unknown; findings?: unknown };
  const labels = { note: '说明', comment: '意见', reason: '理由' } as const;
  for (const field of ['note', 'comment', 'reason'] as const) {
    const value = fields[field];
    if (typeof value === 'string' && value.trim().length > TEXT_LIMITS.note) return `${labels[field]}不能超过 ${TEXT_LIMITS.note} 个字`;
  }
  for (const field of Object.keys(PROGRESS_TEXT_FIELDS) as ProgressTextField[]) {
    const problem = progressTextProblem(field, (input as Partial<Record<ProgressTextField, unknown>>)[field]);
    if (problem) return problem;
  }
  if (Array.isArray(fields.evidence)) {
    if (fields.evidence.length > TEXT_LIMITS.evidenceCount) return `佐证材料最多 ${TEXT_LIMITS.evidenceCount} 项`;
    if (fields.evidence.some((e) => typeof e !== 'string' || e.trim().length > TEXT_LIMITS.evidence)) return `每项佐证材料不能超过 ${TEXT_LIMITS.evidence} 个字`;
  }
  if (Array.isArray(fields.findings) && fields.findings.some((f: { description?: unknown }) => typeof f?.description === 'string' && f.description.trim().length > TEXT_LIMITS.note)) {
    return `问题描述不能超过 ${TEXT_LIMITS.note} 个字`;
  }
  return undefined;
}
