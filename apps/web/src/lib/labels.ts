// Plain labels for states, lights, ladder levels and timeline events (Chinese from @duban/domain,
// English for the UI switch) and the colours the dashboard uses for 红黄绿灯.
import {
  COMMAND_RULES,
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
const LIGHT_EN: Record<StatusLight, string> = { red: 'Red', yellow: 'Yellow', green: 'Green', grey: 'Not assigned', done: 'Done' };
const ESCALATION_EN: Record<EscalationLevel, string> = { warning: 'Warning', urging: 'Urging', supervision: 'Supervision', accountability: 'Accountability' };
const ROLE_EN: Record<Role, string> = { admin: 'Administrator', leader: 'Bureau leader', department_head: 'Department head', staff: 'Staff', supervisor: 'Discipline supervisor' };
const FINDING_EN: Record<FindingStatus, string> = { open: 'Being rectified', submitted: 'Awaiting re-inspection', closed: 'Closed' };

export const LIGHT_COLORS: Record<StatusLight, string> = {
  red: '#f5222d',
  yellow: '#faad14',
  green: '#52c41a',
  grey: '#bfbfbf',
  done: '#1677ff',
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
  (language === 'en' ? LIGHT_EN : STATUS_LIGHT_LABELS)[light as StatusLight] ?? light;
export const escalationLabel = (level: string, language: Language) =>
  (language === 'en' ? ESCALATION_EN : ESCALATION_LABELS)[level as EscalationLevel] ?? level;
export const roleLabel = (role: string, language: Language) => (language === 'en' ? ROLE_EN : ROLE_LABELS)[role as Role] ?? role;
export const findingStatusLabel = (status: string, language: Language) =>
  (language === 'en' ? FINDING_EN : FINDING_STATUS_LABELS)[status as FindingStatus] ?? status;

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
