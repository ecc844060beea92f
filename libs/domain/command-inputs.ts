// Inputs of measure commands and their checks, shared by the API (400 before sending) and the
// workflow validators (the last word, whoever the caller is).
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
    if (!input.backdateReason?.trim()) return '补录已在办理的工作时必须说明补录原因';
    if (input.assignedOn > today) return `交办日期不能晚于今天（${today}，北京时间）`;
    if (input.assignedOn > input.dueDate) return '交办日期不能晚于截止日期';
  } else if (input.dueDate < today) {
    return `${pastDateMessage('截止日期', today)}；补录已在办理的工作请由局领导或系统管理员填写交办日期和补录原因`;
  }
  for (const m of input.milestones ?? []) {
    if (!m.title?.trim()) return '节点名称不能为空';
    if (!isIsoDate(m.dueDate)) return `节点「${m.title}」的日期无效`;
    if (m.dueDate > input.dueDate) return `节点「${m.title}」不能晚于截止日期`;
    if (!backdated && m.dueDate < today) return pastDateMessage(`节点「${m.title}」的日期`, today);
  }
  if ((input.coDepartments ?? []).includes(input.leadDepartment)) return '配合处室不能与牵头处室相同';
  return undefined;
}

export function progressInputProblem(input: ProgressInput, quantityTarget: number | null): string | undefined {
  if (input.percent === undefined && input.quantityDone === undefined && !input.note?.trim()) return '请填写进展说明、完成百分比或完成数量';
  if (input.percent !== undefined && !(Number.isFinite(input.percent) && input.percent >= 0 && input.percent <= 100)) return '完成百分比应在 0–100 之间';
  if (input.quantityDone !== undefined) {
    if (!(Number.isFinite(input.quantityDone) && input.quantityDone >= 0)) return '完成数量不能为负数';
    if (quantityTarget !== null && input.quantityDone > quantityTarget * 10) return '完成数量明显超出目标，请核对';
  }
  return undefined;
}

export function returnInputProblem(input: ReviewInput): string | undefined {
  return input.comment?.trim() ? undefined : '退回时必须填写意见';
}

export function extensionRequestProblem(input: ExtensionRequestInput, currentDue: string | null, today: string): string | undefined {
  if (!isIsoDate(input.newDueDate)) return '新的截止日期应为有效日期，格式 YYYY-MM-DD';
  if (input.newDueDate < today) return pastDateMessage('新的截止日期', today);
  if (currentDue && input.newDueDate <= currentDue) return '新的截止日期应晚于当前截止日期';
  if (!input.reason?.trim()) return '申请延期必须说明理由';
  return undefined;
}

export function cancelInputProblem(input: CancelInput): string | undefined {
  return input.reason?.trim() ? undefined : '撤销事项必须说明理由';
}

export function reopenInputProblem(input: ReopenInput): string | undefined {
  return input.reason?.trim() ? undefined : '重新打开事项必须说明理由';
}

/** A finding's rectification deadline: a real date after today (Beijing). */
export function findingDueDateProblem(description: string, dueDate: string, today: string): string | undefined {
  return isIsoDate(dueDate) && dueDate > today ? undefined : `问题「${description}」的整改期限应为今天（${today}，北京时间）以后的有效日期`;
}
