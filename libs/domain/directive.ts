// 跟办事项 (directives): work ABOUT a measure that runs as a workflow of its own — a leader's 批示, a
// 催办 by hand, a 督办单, a recorded 问责结果 — whatever state the measure is in, never reopening it.
// Pure: kinds, states, labels, who may act, input rules and messages; `decideDirective` turns a
// command into the event to record (or a refusal), `evolveDirective` folds a recorded event in.
import { commandSizeProblem, isIsoDate, STATE_LIMITS, TEXT_LIMITS } from './command-inputs';
import { owningDepartment, type MeasureFacts } from './commands';
import { beijingDate, ESCALATION_LEVELS, ladderRecipients, type EscalationLevel, type EscalationPolicy, type WorkingDays } from './escalation';
import { keptFiredKeys, ladderStepKey, pendingLadder, type PlannedStep } from './ladder-plan';
import type { Role } from './lifecycle';
import { SYSTEM_ACTOR, type Actor, type EventActor, type MeasureEvent } from './measure-event';
import type { DecidedEvent, Decision, MeasureEventFacts } from './measure-machine';
import { unstorableText, unstorableTextMessage } from './storable-text';

export const DIRECTIVE_KINDS = ['instruction', 'urging', 'notice', 'outcome'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, string> = {
  instruction: '领导批示',
  urging: '催办',
  notice: '督办单',
  outcome: '问责结果',
};

export const DIRECTIVE_STATUSES = ['issued', 'acknowledged', 'answered', 'closed', 'recorded'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

/** Status words per kind: an urging is answered by 反馈, a notice by 办理情况, an instruction by 答复. */
export function directiveStatusLabel(kind: DirectiveKind, status: DirectiveStatus): string {
  if (status === 'recorded') return '已记录';
  if (status === 'closed') return '已办结';
  if (kind === 'urging') return status === 'answered' ? '已反馈' : '待反馈';
  if (status === 'issued') return '待签收';
  if (status === 'acknowledged') return kind === 'notice' ? '已签收，待报办理情况' : '已签收，待答复';
  return kind === 'notice' ? '已报办理情况' : '已答复';
}

/** 问责结果 kinds: stored as codes, shown with the official words. */
export const OUTCOME_KINDS = ['interview', 'circulated_criticism', 'admonishment', 'accountability'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = {
  interview: '约谈',
  circulated_criticism: '通报批评',
  admonishment: '诫勉',
  accountability: '问责处理',
};

/** A code or its official word (约谈 …) → the code; undefined for anything else. */
export function outcomeKindOf(value: unknown): OutcomeKind | undefined {
  if (typeof value !== 'string') return undefined;
  return OUTCOME_KINDS.find((k) => k === value || OUTCOME_KIND_LABELS[k] === value.trim());
}

export const DIRECTIVE_COMMANDS = ['acknowledge', 'respond', 'close'] as const;
export type DirectiveCommand = (typeof DIRECTIVE_COMMANDS)[number];

/** What a command is called for each kind (签收 / 答复 / 反馈 / 办理情况 / 办结). */
export function directiveCommandLabel(kind: DirectiveKind, command: DirectiveCommand): string {
  if (command === 'acknowledge') return '签收';
  if (command === 'close') return '办结';
  return kind === 'urging' ? '反馈' : kind === 'notice' ? '报送办理情况' : '答复';
}

/** Who may issue each kind (the route guards take their roles from here). Admins never. */
export const DIRECTIVE_ISSUE_ROLES: Record<DirectiveKind, readonly Role[]> = {
  instruction: ['leader'],
  urging: ['department_head', 'supervisor', 'leader'],
  notice: ['supervisor', 'leader'],
  outcome: ['supervisor'],
};

/** Who may run each command, by role; the department and person rules are checkDirectiveCommand's. */
export const DIRECTIVE_COMMAND_ROLES: Record<Exclude<DirectiveKind, 'outcome'>, Partial<Record<DirectiveCommand, readonly Role[]>>> = {
  instruction: { acknowledge: ['department_head', 'leader'], respond: ['department_head', 'leader'], close: ['leader'] },
  urging: { respond: ['staff'] },
  notice: { acknowledge: ['department_head'], respond: ['department_head'] },
};

/** A reply to a directive (答复 / 反馈 / 办理情况). */
export interface DirectiveResponse {
  by: string;
  role: Role;
  text: string;
  at: string;
}

export interface DirectiveSnapshot {
  directiveId: string;
  measureId: string;
  kind: DirectiveKind;
  /** Ordinal of this kind on the measure (1, 2 …). */
  n: number;
  /** The instruction, the urging note, the notice's matter, or the outcome's note. */
  text: string;
  outcomeKind: OutcomeKind | null;
  issuedBy: string;
  /** `system` for the ladder's own 督办单 (issued when a measure reaches 督办). */
  issuerRole: Role | 'system';
  /** The ladder's escalation event a 督办单 was issued for: it carries that event's 督〔year〕第N号. */
  sourceEventId?: string | null;
  /** The department that must answer (the measure's owning department when issued). */
  departmentCode: string | null;
  /** The assignee who must answer an urging. */
  assigneeId: string | null;
  dueDate: string | null;
  status: DirectiveStatus;
  /** 督〔2026〕第12号 / 催〔2026〕第3号, given when the issue is recorded. */
  noticeNumber: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  responses: DirectiveResponse[];
  closedBy: string | null;
  closedAt: string | null;
  closeComment: string | null;
  issuedAt: string | null;
  sequence: number;
  escalation: { level: EscalationLevel | null; fired: string[] };
}

/** An event of a directive's workflow; on the measure's timeline and audit chain too. */
export interface DirectiveEvent extends Omit<MeasureEvent, 'stateAfter' | 'snapshot'> {
  directiveId: string;
  stateAfter: DirectiveStatus;
  snapshot: DirectiveSnapshot;
}

export function isDirectiveEvent(event: { type: string } & object): event is DirectiveEvent {
  return 'directiveId' in event && typeof (event as { directiveId?: unknown }).directiveId === 'string';
}

/** The event types a directive records (the first is the issue, sequence 1). */
export const DIRECTIVE_EVENT_TYPES = {
  instruction: 'instructionIssued',
  urging: 'urgingIssued',
  notice: 'supervisionNoticeIssued',
  outcome: 'accountabilityRecorded',
  acknowledge: 'directiveAcknowledged',
  respond: 'directiveResponded',
  close: 'directiveClosed',
  escalation: 'directiveEscalation',
} as const;

// ---- identities -------------------------------------------------------------------------------

/** `<measureId>:<kind>:<n>`, e.g. `2022-2.1.1:instruction:1`. */
export function directiveId(measureId: string, kind: DirectiveKind, n: number): string {
  return `${measureId}:${kind}:${n}`;
}

const DIRECTIVE_ID = /^(\d{4}-\d+(?:\.\d+)*):(instruction|urging|notice|outcome):(\d{1,6})$/;

export function parseDirectiveId(id: string): { measureId: string; kind: DirectiveKind; n: number } | undefined {
  const m = DIRECTIVE_ID.exec(id);
  return m ? { measureId: m[1], kind: m[2] as DirectiveKind, n: Number(m[3]) } : undefined;
}

/** `directive-<measureId>-<kind>-<n>`, e.g. `directive-2022-2.1.1-instruction-1`. */
/** Every directive's workflow id starts so (its events share the measure's timeline). */
export const DIRECTIVE_WORKFLOW_PREFIX = 'directive-';

/** Who issued a notice the ladder started itself (the issuer shown on the notice, its print and in lists). */
export const LADDER_ISSUER_LABEL = '督办规则（逾期自动督办）';

export function directiveWorkflowId(id: string): string {
  const parsed = parseDirectiveId(id);
  if (!parsed) throw new Error(`not a directive id: ${id}`);
  return `${DIRECTIVE_WORKFLOW_PREFIX}${parsed.measureId}-${parsed.kind}-${parsed.n}`;
}

/** The notice-number series a kind shares with the ladder's own notices (notice_numbers.level). */
export const NOTICE_SERIES: Partial<Record<DirectiveKind, { level: EscalationLevel; prefix: string }>> = {
  urging: { level: 'urging', prefix: '催' },
  notice: { level: 'supervision', prefix: '督' },
};

export function noticeNumberText(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕第${n}号`;
}

// ---- issuing ----------------------------------------------------------------------------------

export interface IssueInput {
  actor: Actor;
  kind: DirectiveKind;
  text: string;
  dueDate?: string;
  outcomeKind?: OutcomeKind;
}

export type DirectiveRefusal = { ok: false; reason: 'wrong_state' | 'wrong_role' | 'wrong_person' | 'wrong_department' | 'invalid_input'; message: string };
export type DirectiveCheck = { ok: true } | DirectiveRefusal;

const refuse = (reason: DirectiveRefusal['reason'], message: string): DirectiveRefusal => ({ ok: false, reason, message });

const ISSUE_ROLE_MESSAGES: Record<DirectiveKind, string> = {
  instruction: '只有局领导可以作出批示',
  urging: '只有处室负责人、纪检监察人员或局领导可以催办',
  notice: '只有纪检监察人员或局领导可以发督办单',
  outcome: '只有纪检监察人员可以记录问责结果',
};

/** Whether `actor` may issue a `kind` on the measure as it stands (any state, closed ones included). */
export function checkIssue(kind: DirectiveKind, measure: MeasureFacts, actor: Actor): DirectiveCheck {
  if (!DIRECTIVE_ISSUE_ROLES[kind].includes(actor.role)) return refuse('wrong_role', ISSUE_ROLE_MESSAGES[kind]);
  const owner = owningDepartment(measure);
  if (kind === 'urging') {
    if (actor.role === 'department_head' && (!owner || owner !== actor.department)) {
      return refuse('wrong_department', '本事项不属于您所在处室，处室负责人只能催办本处室牵头的事项');
    }
    if (!measure.assigneeId) return refuse('wrong_state', '该事项尚未交办到承办人，无法催办；请先交办');
  }
  if ((kind === 'instruction' || kind === 'notice') && !owner) {
    return refuse('wrong_state', '该事项尚无牵头处室或建议牵头处室，无法确定答复单位');
  }
  return { ok: true };
}

export const DIRECTIVE_MESSAGES = {
  instructionText: '请填写批示内容',
  urgingNote: '请填写催办意见',
  noticeText: '请填写督办事项',
  outcomeNote: '请填写问责情况说明',
  outcomeKind: '问责结果类型应为 约谈、通报批评、诫勉 或 问责处理',
  noticeDueDate: '督办单必须给出办理期限（YYYY-MM-DD）',
  dueDateFormat: '期限应为有效日期，格式 YYYY-MM-DD',
  dueDatePast: '期限不能早于今天',
  dueDateNotWorkingDay: '期限应为工作日（不能是周末或法定节假日）',
  responseText: '请填写答复内容',
  tooManyResponses: `答复最多 ${STATE_LIMITS.extensions} 次`,
} as const;

/** Working days an instruction gets to be answered when the leader sets no date. */
export const DEFAULT_INSTRUCTION_WORKING_DAYS = 5;

/**
 * The input rules of an issue: text, the outcome kind, and the due date (a working day, today or
 * later in Beijing; an instruction without one gets 5 working days). Returns the due date to use.
 */
export function issueInputProblem(input: Omit<IssueInput, 'actor'>, today: string, calendar: WorkingDays & { isWorkingDay(date: string): boolean }): { ok: true; dueDate: string | null } | DirectiveRefusal {
  const unstorable = unstorableText(input);
  if (unstorable !== undefined) return refuse('invalid_input', unstorableTextMessage(unstorable));
  const tooLarge = commandSizeProblem(input);
  if (tooLarge) return refuse('invalid_input', tooLarge);
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  const missing = { instruction: DIRECTIVE_MESSAGES.instructionText, urging: DIRECTIVE_MESSAGES.urgingNote, notice: DIRECTIVE_MESSAGES.noticeText, outcome: DIRECTIVE_MESSAGES.outcomeNote }[input.kind];
  if (!text) return refuse('invalid_input', missing);
  if (text.length > TEXT_LIMITS.note) return refuse('invalid_input', `内容不能超过 ${TEXT_LIMITS.note} 个字`);
  if (input.kind === 'outcome') {
    if (!outcomeKindOf(input.outcomeKind)) return refuse('invalid_input', DIRECTIVE_MESSAGES.outcomeKind);
    return { ok: true, dueDate: null };
  }
  if (input.kind === 'urging') return { ok: true, dueDate: null };
  if (input.dueDate === undefined || input.dueDate === null || input.dueDate === '') {
    if (input.kind === 'notice') return refuse('invalid_input', DIRECTIVE_MESSAGES.noticeDueDate);
    return { ok: true, dueDate: calendar.addWorkingDays(today, DEFAULT_INSTRUCTION_WORKING_DAYS).value };
  }
  if (!isIsoDate(input.dueDate)) return refuse('invalid_input', DIRECTIVE_MESSAGES.dueDateFormat);
  if (input.dueDate < today) return refuse('invalid_input', DIRECTIVE_MESSAGES.dueDatePast);
  if (!calendar.isWorkingDay(input.dueDate)) return refuse('invalid_input', DIRECTIVE_MESSAGES.dueDateNotWorkingDay);
  return { ok: true, dueDate: input.dueDate };
}

/** A new directive as its workflow starts (nothing recorded yet). */
export function openedDirective(on: {
  measureId: string;
  kind: DirectiveKind;
  n: number;
  text: string;
  outcomeKind?: OutcomeKind | null;
  actor: Actor | typeof SYSTEM_ACTOR;
  departmentCode: string | null;
  assigneeId: string | null;
  dueDate: string | null;
}): DirectiveSnapshot {
  return {
    directiveId: directiveId(on.measureId, on.kind, on.n),
    measureId: on.measureId,
    kind: on.kind,
    n: on.n,
    text: on.text.trim(),
    outcomeKind: on.kind === 'outcome' ? (on.outcomeKind ?? null) : null,
    issuedBy: on.actor.userId,
    issuerRole: on.actor.role,
    departmentCode: on.departmentCode,
    assigneeId: on.kind === 'urging' ? on.assigneeId : null,
    dueDate: on.kind === 'instruction' || on.kind === 'notice' ? on.dueDate : null,
    status: 'issued',
    noticeNumber: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    responses: [],
    closedBy: null,
    closedAt: null,
    closeComment: null,
    issuedAt: null,
    sequence: 0,
    escalation: { level: null, fired: [] },
  };
}

/** Who is told of the issue: the department's head, and the assignee of an urging; the leadership of an outcome. */
export function issueRecipients(d: DirectiveSnapshot): string[] {
  const head = d.departmentCode ? `head:${d.departmentCode}` : null;
  const list: Array<string | null> =
    d.kind === 'urging' ? [d.assigneeId && `user:${d.assigneeId}`, head] : d.kind === 'outcome' ? [head, 'group:leadership'] : [head];
  return [...new Set(list.filter((k): k is string => Boolean(k)))];
}

/** The event that opens the directive's record (sequence 1). */
export function issuedEvent(d: DirectiveSnapshot): DecidedEvent {
  return {
    type: DIRECTIVE_EVENT_TYPES[d.kind],
    actor: d.issuerRole === 'system' ? SYSTEM_ACTOR : { userId: d.issuedBy, role: d.issuerRole },
    payload: {
      directiveId: d.directiveId,
      kind: d.kind,
      n: d.n,
      note: d.text,
      answerBy: d.dueDate,
      departmentCode: d.departmentCode,
      assigneeId: d.assigneeId,
      outcomeKind: d.outcomeKind,
      recipients: issueRecipients(d),
    },
  };
}

// ---- commands on a directive ------------------------------------------------------------------

export interface DirectiveCommandInput {
  command: DirectiveCommand;
  input: { actor: Actor; text?: string; comment?: string };
}

/** Whether a status still waits for an answer (the ladder runs, 签收/答复 are open). */
export function awaitingAnswer(d: Pick<DirectiveSnapshot, 'status'>): boolean {
  return d.status === 'issued' || d.status === 'acknowledged';
}

/** A directive that takes no more commands: its workflow ends. */
export function isFinalDirective(d: Pick<DirectiveSnapshot, 'kind' | 'status'>): boolean {
  if (d.kind === 'outcome') return d.status === 'recorded';
  if (d.kind === 'urging' || d.kind === 'notice') return d.status === 'answered' || d.status === 'closed';
  return d.status === 'closed';
}

/**
 * Who may run `command` on the directive now: role, then state, then department and person. Used by
 * the workflow's validator, the API's pre-check and the web's buttons.
 */
export function checkDirectiveCommand(d: Pick<DirectiveSnapshot, 'kind' | 'status' | 'departmentCode' | 'assigneeId'>, command: DirectiveCommand, actor: Actor): DirectiveCheck {
  if (d.kind === 'outcome') return refuse('wrong_state', '问责结果已记录，无需办理');
  const roles = DIRECTIVE_COMMAND_ROLES[d.kind][command];
  if (!roles) return refuse('wrong_state', `${DIRECTIVE_KIND_LABELS[d.kind]}不需要${directiveCommandLabel(d.kind, command)}`);
  if (!roles.includes(actor.role)) {
    const who = d.kind === 'urging' ? '只有被催办的承办人可以反馈' : command === 'close' ? '只有局领导可以办结批示' : d.kind === 'notice' ? '只有受理处室的负责人可以办理督办单' : '只有牵头处室负责人或局领导可以办理批示';
    return refuse('wrong_role', who);
  }
  if (command === 'acknowledge' && d.status !== 'issued') return refuse('wrong_state', d.status === 'closed' ? '该事项已办结' : '已签收，无需重复签收');
  if (command === 'respond') {
    if (d.status === 'issued' && d.kind !== 'urging') return refuse('wrong_state', '请先签收，再答复');
    if (d.status === 'closed' || isFinalDirective(d)) return refuse('wrong_state', d.kind === 'urging' ? '已反馈，该催办已办结' : '该事项已办结');
  }
  if (command === 'close' && d.status === 'closed') return refuse('wrong_state', '该批示已办结');
  if (actor.role === 'department_head' && (!d.departmentCode || actor.department !== d.departmentCode)) {
    return refuse('wrong_department', '不是您所在处室的事项，只有受理处室的负责人可以办理');
  }
  if (d.kind === 'urging' && actor.userId !== d.assigneeId) return refuse('wrong_person', '只有被催办的承办人可以反馈');
  return { ok: true };
}

/** The rules of a command on the directive as it stands: the event, or why not. */
export function decideDirective(d: DirectiveSnapshot, cmd: DirectiveCommandInput, stage: 'validate' | 'apply' = 'validate'): Decision {
  const { actor } = cmd.input;
  if (stage === 'validate') {
    const unstorable = unstorableText(cmd.input);
    if (unstorable !== undefined) return { ok: false, reason: 'invalid_input', message: unstorableTextMessage(unstorable) };
    const tooLarge = commandSizeProblem(cmd.input);
    if (tooLarge) return { ok: false, reason: 'invalid_input', message: tooLarge };
  }
  const check = checkDirectiveCommand(d, cmd.command, actor);
  if (!check.ok) return check;
  if (cmd.command === 'respond') {
    const text = cmd.input.text?.trim() ?? '';
    if (!text) return { ok: false, reason: 'invalid_input', message: d.kind === 'urging' ? '请填写反馈内容' : d.kind === 'notice' ? '请填写办理情况' : DIRECTIVE_MESSAGES.responseText };
    if (text.length > TEXT_LIMITS.note) return { ok: false, reason: 'invalid_input', message: `内容不能超过 ${TEXT_LIMITS.note} 个字` };
    if (d.responses.length >= STATE_LIMITS.extensions) return { ok: false, reason: 'invalid_input', message: DIRECTIVE_MESSAGES.tooManyResponses };
    return { ok: true, event: { type: DIRECTIVE_EVENT_TYPES.respond, actor, payload: { directiveId: d.directiveId, note: text, recipients: responseRecipients(d) } } };
  }
  if (cmd.command === 'close') {
    const comment = cmd.input.comment?.trim() || null;
    if (comment && comment.length > TEXT_LIMITS.note) return { ok: false, reason: 'invalid_input', message: `意见不能超过 ${TEXT_LIMITS.note} 个字` };
    return { ok: true, event: { type: DIRECTIVE_EVENT_TYPES.close, actor, payload: { directiveId: d.directiveId, comment } } };
  }
  return { ok: true, event: { type: DIRECTIVE_EVENT_TYPES.acknowledge, actor, payload: { directiveId: d.directiveId } } };
}

/** An answer is told to whoever issued the directive (and the head, for an urging's 反馈). */
function responseRecipients(d: DirectiveSnapshot): string[] {
  const list = [issuerKey(d), d.kind === 'urging' && d.departmentCode ? `head:${d.departmentCode}` : null];
  return [...new Set(list.filter((k): k is string => Boolean(k)))];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The state after a recorded event of the directive. */
export function evolveDirective(d: DirectiveSnapshot, event: MeasureEventFacts): DirectiveSnapshot {
  const p = event.payload;
  const next: DirectiveSnapshot = { ...d, sequence: d.sequence + 1 };
  switch (event.type) {
    case DIRECTIVE_EVENT_TYPES.instruction:
    case DIRECTIVE_EVENT_TYPES.urging:
    case DIRECTIVE_EVENT_TYPES.notice:
      return { ...next, issuedAt: event.occurredAt, status: 'issued' };
    case DIRECTIVE_EVENT_TYPES.outcome:
      return { ...next, issuedAt: event.occurredAt, status: 'recorded' };
    case DIRECTIVE_EVENT_TYPES.acknowledge:
      return { ...next, status: 'acknowledged', acknowledgedBy: event.actor.userId, acknowledgedAt: event.occurredAt };
    case DIRECTIVE_EVENT_TYPES.respond: {
      const actor = event.actor as Actor;
      const response: DirectiveResponse = { by: actor.userId, role: actor.role, text: str(p.note) ?? '', at: event.occurredAt };
      return { ...next, status: d.status === 'closed' ? 'closed' : 'answered', responses: [...d.responses, response] };
    }
    case DIRECTIVE_EVENT_TYPES.close:
      return { ...next, status: 'closed', closedBy: event.actor.userId, closedAt: event.occurredAt, closeComment: str(p.comment) };
    case DIRECTIVE_EVENT_TYPES.escalation: {
      const top = ESCALATION_LEVELS.find((l) => l === p.level) ?? null;
      const skipped = Array.isArray(p.skipped) ? p.skipped.filter((l): l is EscalationLevel => ESCALATION_LEVELS.includes(l as EscalationLevel)) : [];
      const keys = top && d.dueDate ? [...skipped, top].map((l) => ladderStepKey('assignee', d.dueDate as string, l)) : [];
      const fired = keptFiredKeys([...d.escalation.fired, ...keys], [d.dueDate ? `assignee:${d.dueDate}` : null], STATE_LIMITS.firedSteps);
      return { ...next, escalation: { level: top, fired } };
    }
    default:
      return next;
  }
}

// ---- the ladder of an unanswered directive ----------------------------------------------------

/** Instructions and notices have a due date, and so a ladder; urgings and outcomes none. */
export function directiveHasLadder(d: Pick<DirectiveSnapshot, 'kind' | 'dueDate'>): boolean {
  return d.dueDate !== null && (d.kind === 'instruction' || d.kind === 'notice');
}

/** The steps ahead of a directive: its due date's ladder while it waits for an answer, none otherwise. */
export function pendingDirectiveLadder(d: DirectiveSnapshot, policy: EscalationPolicy, calendar: WorkingDays): PlannedStep[] {
  if (!directiveHasLadder(d) || !d.dueDate) return [];
  // The finding's shape of the one ladder plan: 'open' runs the deadline ladder, anything else none.
  const pending = pendingLadder({ status: awaitingAnswer(d) ? 'open' : 'closed', dueDate: d.dueDate, escalation: d.escalation }, policy, calendar);
  // A 预警 due on (or before) the day it was issued would only repeat the issue's own notice.
  const issuedOn = d.issuedAt ? beijingDate(Date.parse(d.issuedAt)) : null;
  return pending.filter((s) => !(s.level === 'warning' && issuedOn !== null && s.date <= issuedOn));
}

/** Who is told at each step: the answering department's head, and (from 催办 on) the one who issued it. */
/** Who stands for the issuer: the person, or for the ladder's own 督办单 the supervisors (督查室). */
function issuerKey(d: Pick<DirectiveSnapshot, 'issuedBy'>): string {
  return d.issuedBy === SYSTEM_ACTOR.userId ? 'group:supervisors' : `user:${d.issuedBy}`;
}

/** Working days the department gets to answer the ladder's own 督办单. */
export const LADDER_NOTICE_ANSWER_WORKING_DAYS = 5;

/**
 * The 督办单 the ladder issues itself when a measure reaches 督办: numbered with its escalation
 * event's own 督〔year〕第N号 (`sourceEventId`), to be signed for and answered by the department that
 * owns the measure within LADDER_NOTICE_ANSWER_WORKING_DAYS; unanswered, it climbs its own ladder.
 */
export function ladderNotice(on: {
  measureId: string;
  n: number;
  departmentCode: string | null;
  against: 'assignee' | 'reviewer';
  /** The escalation event announcing 督办 itself (it then shares that event's number); null when the ladder went on past it at once (问责 announced, the notice numbered on its own). */
  sourceEventId: string | null;
  today: string;
  calendar: WorkingDays;
}): DirectiveSnapshot {
  const dueDate = on.calendar.addWorkingDays(on.today, LADDER_NOTICE_ANSWER_WORKING_DAYS).value;
  const text =
    on.against === 'reviewer'
      ? `本事项审核已超过时限，按督办规则发出督办单：请签收，并于 ${dueDate} 前完成审核，书面报告超期原因。`
      : `本事项已逾期，按督办规则发出督办单：请签收，并于 ${dueDate} 前书面报告办理情况、逾期原因和整改措施。`;
  return {
    ...openedDirective({ measureId: on.measureId, kind: 'notice', n: on.n, text, actor: SYSTEM_ACTOR, departmentCode: on.departmentCode, assigneeId: null, dueDate }),
    sourceEventId: on.sourceEventId,
  };
}

export function directiveLadderRecipients(level: EscalationLevel, d: Pick<DirectiveSnapshot, 'departmentCode' | 'issuedBy'>): string[] {
  const base = ladderRecipients(level, { assigneeId: null, headId: null, leadDepartment: d.departmentCode }, 'assignee');
  const head = d.departmentCode ? `head:${d.departmentCode}` : null;
  const issuer = level === 'warning' ? null : issuerKey(d);
  return [...new Set([head, issuer, ...base].filter((k): k is string => Boolean(k)))];
}

/** The escalation event of a directive for the steps reached at once (only the highest is announced). */
export function directiveEscalationEvent(reached: PlannedStep[], d: DirectiveSnapshot): DecidedEvent {
  const top = reached[reached.length - 1];
  const actor: EventActor = { userId: 'system', role: 'system' };
  return {
    type: DIRECTIVE_EVENT_TYPES.escalation,
    actor,
    payload: {
      directiveId: d.directiveId,
      kind: d.kind,
      level: top.level,
      stepDate: top.date,
      provisional: top.provisional,
      recipients: directiveLadderRecipients(top.level, d),
      skipped: reached.slice(0, -1).map((s) => s.level),
    },
  };
}
