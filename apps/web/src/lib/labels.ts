// Plain labels for states, lights, ladder levels, light reasons and timeline events (Chinese from
// @duban/domain, English for the UI switch) and the colours the dashboard uses for 红黄绿灯.
// One word for done: 办结 (the state's official label), for the light as for the state.
import {
  LADDER_ISSUER_LABEL,
  COMMAND_RULES,
  DIRECTIVE_KIND_LABELS,
  directiveStatusLabel,
  OUTCOME_KIND_LABELS,
  type DirectiveKind,
  type DirectiveStatus,
  type OutcomeKind,
  ESCALATION_LABELS,
  FINDING_STATUS_LABELS,
  MEASURE_STATE_LABELS,
  ROLE_LABELS,
  STATUS_LIGHT_LABELS,
  type EscalationLevel,
  type FindingStatus,
  type MeasureCommand,
  type MeasureState,
  type Role,
  type StatusLight,
} from '@duban/domain';
import type { Language } from './i18n';

const STATE_EN: Record<MeasureState, string> = {
  imported: 'Not assigned',
  assigned: 'Assigned',
  in_progress: 'In progress',
  under_review: 'Under review',
  returned: 'Returned',
  completed: 'Completed',
  cancelled: 'Cancelled',
  carried_over: 'Carried over',
};
const LIGHT_EN: Record<StatusLight, string> = { red: 'Red', yellow: 'Yellow', green: 'Green', grey: 'Not assigned', done: STATE_EN.completed };
/** The domain's labels: a completed measure's light says what its state says (已办结). */
const LIGHT_ZH: Record<StatusLight, string> = STATUS_LIGHT_LABELS;
const ESCALATION_EN: Record<EscalationLevel, string> = { warning: 'Warning', urging: 'Urging', supervision: 'Supervision', accountability: 'Accountability' };
const ROLE_EN: Record<Role, string> = { admin: 'Administrator', leader: 'Bureau leader', department_head: 'Department head', staff: 'Staff', supervisor: 'Discipline supervisor' };
const FINDING_EN: Record<FindingStatus, string> = { open: 'Being rectified', submitted: 'Awaiting re-inspection', closed: 'Closed' };

export const LIGHT_COLORS: Record<StatusLight, string> = {
  red: '#f5222d',
  yellow: '#faad14',
  green: '#52c41a',
  grey: '#bfbfbf',
  // Finished: a muted grey-green, apart from the red/yellow/green of work in hand (not blue, which
  // read as a fourth signal). The XLSX exports use the same colour (FF7D9A8A).
  done: '#7d9a8a',
};

export const ESCALATION_COLORS: Record<EscalationLevel, string> = {
  warning: 'gold',
  urging: 'orange',
  supervision: 'volcano',
  accountability: 'red',
};

export const STATE_COLORS: Record<MeasureState, string> = {
  imported: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  under_review: 'purple',
  returned: 'orange',
  completed: 'success',
  cancelled: 'default',
  carried_over: 'cyan',
};

export const stateLabel = (state: string, language: Language) =>
  (language === 'en' ? STATE_EN : MEASURE_STATE_LABELS)[state as MeasureState] ?? state;
export const lightLabel = (light: string, language: Language) =>
  (language === 'en' ? LIGHT_EN : LIGHT_ZH)[light as StatusLight] ?? light;
export const escalationLabel = (level: string, language: Language) =>
  (language === 'en' ? ESCALATION_EN : ESCALATION_LABELS)[level as EscalationLevel] ?? level;
export const roleLabel = (role: string, language: Language) => (language === 'en' ? ROLE_EN : ROLE_LABELS)[role as Role] ?? role;
export const findingStatusLabel = (status: string, language: Language) =>
  (language === 'en' ? FINDING_EN : FINDING_STATUS_LABELS)[status as FindingStatus] ?? status;

/**
 * A light's reason in the UI language. The reasons are the domain's sentences (statusLight in
 * libs/domain/status-light.ts); each of its forms has its English here (the unit spec checks every
 * one the domain can give). An unknown form stays as the domain wrote it.
 */
const REASON_EN: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^逾期 (\d+) 个工作日$/, (m) => `${m[1]} working day${m[1] === '1' ? '' : 's'} overdue`],
  [/^已过截止日期$/, () => 'past the due date'],
  [/^(\d+) 个检查问题逾期未整改$/, (m) => `${m[1]} finding${m[1] === '1' ? '' : 's'} not rectified in time`],
  [/^(\d+) 个节点逾期未完成$/, (m) => `${m[1]} milestone${m[1] === '1' ? '' : 's'} slipped`],
  [/^距截止不足 (\d+) 个工作日$/, (m) => `less than ${m[1]} working days to the due date`],
  [/^进度 (\d+)% 落后序时进度 (\d+)%$/, (m) => `progress ${m[1]}% behind the ${m[2]}% expected by now`],
];

export function lightReasonText(reason: string, language: Language): string {
  if (language !== 'en') return reason;
  for (const [pattern, english] of REASON_EN) {
    const match = pattern.exec(reason);
    if (match) return english(match);
  }
  return reason;
}

const DIRECTIVE_KIND_EN: Record<DirectiveKind, string> = { instruction: 'Leader’s instruction', urging: 'Urging', notice: 'Supervision notice', outcome: 'Accountability outcome' };
const OUTCOME_KIND_EN: Record<OutcomeKind, string> = { interview: 'Admonitory talk', circulated_criticism: 'Circulated criticism', admonishment: 'Formal admonishment', accountability: 'Accountability measures' };

export const directiveKindLabel = (kind: string, language: Language) =>
  (language === 'en' ? DIRECTIVE_KIND_EN : DIRECTIVE_KIND_LABELS)[kind as DirectiveKind] ?? kind;
export const outcomeKindLabel = (kind: string, language: Language) =>
  (language === 'en' ? OUTCOME_KIND_EN : OUTCOME_KIND_LABELS)[kind as OutcomeKind] ?? kind;

/** A directive's status in words (the domain's per-kind words in Chinese). */
export function directiveStatusText(kind: DirectiveKind, status: DirectiveStatus, language: Language): string {
  if (language !== 'en') return directiveStatusLabel(kind, status);
  if (status === 'recorded') return 'Recorded';
  if (status === 'closed') return 'Closed';
  if (kind === 'urging') return status === 'answered' ? 'Answered' : 'Awaiting answer';
  if (status === 'issued') return 'Awaiting signature';
  if (status === 'acknowledged') return kind === 'notice' ? 'Signed for, awaiting progress report' : 'Signed for, awaiting answer';
  return kind === 'notice' ? 'Progress reported' : 'Answered';
}

const EVENT_LABELS: Record<string, [string, string]> = {
  escalation: ['逐级督办', 'Escalation'],
  calendarReplanned: ['按新日历重排期限', 'Deadlines re-planned'],
  findingOpened: ['检查发现问题', 'Finding filed'],
  rectificationSubmitted: ['提交整改材料', 'Rectification submitted'],
  rectificationVerified: ['复查', 'Re-inspection'],
  instructionIssued: ['领导批示', 'Leader’s instruction'],
  urgingIssued: ['催办', 'Urged'],
  supervisionNoticeIssued: ['发出督办单', 'Supervision notice issued'],
  accountabilityRecorded: ['记录问责结果', 'Accountability outcome recorded'],
  directiveAcknowledged: ['签收（批示/督办单）', 'Signed for (instruction/notice)'],
  directiveResponded: ['答复（批示/催办/督办单）', 'Answered (instruction/urging/notice)'],
  directiveClosed: ['批示办结', 'Instruction closed'],
  directiveEscalation: ['批示/督办单逐级督办', 'Instruction/notice escalation'],
};
const COMMAND_EN: Record<MeasureCommand, string> = {
  assign: 'Assigned',
  reassign: 'Reassigned',
  accept: 'Accepted',
  reportProgress: 'Progress reported',
  submitForReview: 'Submitted for review',
  approve: 'Approved',
  returnForRework: 'Returned for rework',
  requestExtension: 'Extension requested',
  decideExtension: 'Extension decided',
  cancel: 'Cancelled',
  fileInspection: 'Inspected',
  reopen: 'Reopened',
  decline: 'Sent back by the assignee',
  requestTransfer: 'Transfer requested',
  decideTransfer: 'Transfer decided',
  completeMilestone: 'Milestone completed',
  carryOver: 'Carried over',
};

export function eventLabel(type: string, language: Language): string {
  if (type in COMMAND_RULES) return language === 'en' ? COMMAND_EN[type as MeasureCommand] : COMMAND_RULES[type as MeasureCommand].label;
  const pair = EVENT_LABELS[type];
  return pair ? pair[language === 'en' ? 1 : 0] : type;
}

/** The issuer of a notice the ladder started itself. */
export const ladderIssuerLabel = (language: Language): string => (language === 'en' ? 'Escalation rule (automatic when overdue)' : LADDER_ISSUER_LABEL);
