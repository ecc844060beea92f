// 站内通知: who is told about which event, and in what words. Pure: recipients are keys
// ('user:<username>', 'head:<department>', 'group:supervisors', 'group:leadership') that the
// repository resolves to people when it writes the notifications with the event.
import { DEFAULT_ESCALATION_POLICY, ESCALATION_LABELS, ESCALATION_LEVELS, type EscalationLevel, type EscalationPolicy } from './escalation';
import type { FindingEvent, MeasureEvent } from './measure-event';
import { DIRECTIVE_EVENT_TYPES, DIRECTIVE_KIND_LABELS, isDirectiveEvent, OUTCOME_KIND_LABELS, type DirectiveEvent, type OutcomeKind } from './directive';

export const NOTIFICATION_KINDS = [
  'assigned',
  'submitted',
  'returned',
  'approved',
  'extensionRequested',
  'extensionDecided',
  'inspection',
  'rectificationSubmitted',
  'rectificationVerified',
  'escalation',
  'directiveIssued',
  'directiveAcknowledged',
  'directiveResponded',
  'directiveClosed',
  'directiveEscalation',
  'declined',
  'transferRequested',
  'transferDecided',
  'milestoneCompleted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationPlan {
  kind: NotificationKind;
  /** The escalation level, for kind 'escalation' only. */
  level: EscalationLevel | null;
  /** Recipient keys, without duplicates and without the person who acted. */
  recipients: string[];
}

/** What a working-day count needs from the calendar (WorkingDayCalendar satisfies it). */
export interface WorkingDaysBetween {
  workingDaysBetween(from: string, to: string): { value: number };
}

export function isFindingEvent(event: MeasureEvent | FindingEvent): event is FindingEvent {
  return 'findingId' in event && typeof event.findingId === 'string';
}

export function userKey(username: string): string {
  return `user:${username}`;
}

/** Who is told about an event, or undefined when nobody is (progress reports, acceptance …). */
export function notificationFor(event: MeasureEvent | FindingEvent | DirectiveEvent): NotificationPlan | undefined {
  if (isDirectiveEvent(event)) return directiveNotification(event);
  if (event.type === 'escalation') {
    const level = escalationLevelOf(event.payload.level);
    return level ? plan('escalation', stringList(event.payload.recipients), event, level) : undefined;
  }
  const user = (id: string | null | undefined) => (id ? userKey(id) : null);
  if (isFindingEvent(event)) {
    const f = event.snapshot;
    if (event.type === 'rectificationSubmitted') return plan('rectificationSubmitted', [user(f.inspectorId)], event);
    if (event.type === 'rectificationVerified') return plan('rectificationVerified', [user(f.assigneeId)], event);
    return undefined;
  }
  const m = event.snapshot;
  switch (event.type) {
    case 'assign':
    case 'reassign':
      return plan('assigned', [user(m.assigneeId)], event);
    case 'submitForReview':
      return plan('submitted', [user(m.headId)], event);
    case 'returnForRework':
      return plan('returned', [user(m.assigneeId)], event);
    case 'approve':
      return plan('approved', [user(m.assigneeId)], event);
    case 'requestExtension':
      return plan('extensionRequested', [user(m.headId)], event);
    case 'decideExtension':
      return plan('extensionDecided', [user(m.assigneeId)], event);
    case 'fileInspection':
      return plan('inspection', [user(m.assigneeId), user(m.headId)], event);
    case 'decline': {
      // The head who assigned it, and whoever heads its department now.
      const department = typeof event.payload.leadDepartment === 'string' ? `head:${event.payload.leadDepartment}` : null;
      return plan('declined', [user(m.headId), department], event);
    }
    case 'requestTransfer':
      return plan('transferRequested', [typeof event.payload.toDepartment === 'string' ? `head:${event.payload.toDepartment}` : null], event);
    case 'decideTransfer': {
      const requestedBy = m.transfer?.requestedBy ?? null;
      const from = typeof event.payload.fromDepartment === 'string' ? `head:${event.payload.fromDepartment}` : null;
      return plan('transferDecided', [user(requestedBy), from], event);
    }
    case 'completeMilestone':
      return plan('milestoneCompleted', [user(m.headId)], event);
    default:
      return undefined;
  }
}

/** 批示, 催办, 督办单, 问责结果: the issue's and the ladder's recipients are on the event; a 签收 or 答复 tells the issuer. */
function directiveNotification(event: DirectiveEvent): NotificationPlan | undefined {
  const d = event.snapshot;
  switch (event.type) {
    case DIRECTIVE_EVENT_TYPES.instruction:
    case DIRECTIVE_EVENT_TYPES.urging:
    case DIRECTIVE_EVENT_TYPES.notice:
    case DIRECTIVE_EVENT_TYPES.outcome:
      return plan('directiveIssued', stringList(event.payload.recipients), event);
    case DIRECTIVE_EVENT_TYPES.acknowledge:
      return plan('directiveAcknowledged', [userKey(d.issuedBy)], event);
    case DIRECTIVE_EVENT_TYPES.respond:
      return plan('directiveResponded', stringList(event.payload.recipients), event);
    case DIRECTIVE_EVENT_TYPES.close:
      return plan('directiveClosed', [d.departmentCode ? `head:${d.departmentCode}` : null], event);
    case DIRECTIVE_EVENT_TYPES.escalation: {
      const level = escalationLevelOf(event.payload.level);
      return level ? plan('directiveEscalation', stringList(event.payload.recipients), event, level) : undefined;
    }
    default:
      return undefined;
  }
}

function directiveTitle(event: DirectiveEvent, plan: NotificationPlan, measure: string): string {
  const d = event.snapshot;
  const what = d.noticeNumber ? `${DIRECTIVE_KIND_LABELS[d.kind]}（${d.noticeNumber}）` : DIRECTIVE_KIND_LABELS[d.kind];
  switch (plan.kind) {
    case 'directiveIssued':
      if (d.kind === 'instruction') return `【领导批示】${measure}：${short(d.text)}（请于 ${d.dueDate ?? ''} 前答复）`;
      if (d.kind === 'urging') return `【催办】${measure}：${short(d.text)}，请及时反馈`;
      if (d.kind === 'notice') return `【督办单】${measure}：${short(d.text)}（请签收，并于 ${d.dueDate ?? ''} 前报送办理情况）`;
      return `【问责结果】${measure}：${d.outcomeKind ? OUTCOME_KIND_LABELS[d.outcomeKind as OutcomeKind] : ''}`;
    case 'directiveAcknowledged':
      return `【签收】${measure} 的${what}已签收`;
    case 'directiveResponded':
      return `【${d.kind === 'urging' ? '反馈' : d.kind === 'notice' ? '办理情况' : '答复'}】${measure} 的${what}：${short(text(event.payload.note))}`;
    case 'directiveClosed':
      return `【办结】${measure} 的${what}已办结`;
    default:
      return `【${ESCALATION_LABELS[plan.level ?? 'urging']}】${measure} 的${what}${plan.level === 'warning' ? `将于 ${d.dueDate ?? ''} 到期，尚未答复` : `答复已逾期（期限 ${d.dueDate ?? ''}）`}`;
  }
}

function plan(kind: NotificationKind, keys: Array<string | null>, event: MeasureEvent | FindingEvent | DirectiveEvent, level: EscalationLevel | null = null): NotificationPlan | undefined {
  // Nobody needs telling what they just did themselves (a head assigning to themselves, say).
  const self = userKey(event.actor.userId);
  const recipients = [...new Set(keys.filter((k): k is string => Boolean(k) && k !== self))];
  return recipients.length > 0 ? { kind, level, recipients } : undefined;
}

function escalationLevelOf(value: unknown): EscalationLevel | undefined {
  return ESCALATION_LEVELS.find((l) => l === value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

/**
 * Working days past the deadline on `on`, for an escalation that fell due on `stepDate`: each step
 * lies a fixed number of working days after its deadline (the due date, or the review SLA), so the
 * deadline itself need not be known. Exact for the supervision and accountability steps.
 */
export function workingDaysPastDeadline(
  level: EscalationLevel,
  stepDate: string,
  on: string,
  calendar: WorkingDaysBetween,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): number {
  const offset: Record<EscalationLevel, number> = {
    warning: -policy.warningDaysBefore,
    urging: 0,
    supervision: policy.supervisionDaysOverdue,
    accountability: policy.accountabilityDaysOverdue,
  };
  return offset[level] + (on > stepDate ? calendar.workingDaysBetween(stepDate, on).value : 0);
}

export interface TitleContext {
  /** The plan's title of the measure; absent for a measure started without a plan. */
  measureTitle: string | null;
  /** Beijing date of the event. */
  on: string;
  /** Without it, overdue counts are given only when they follow from the event alone. */
  calendar?: WorkingDaysBetween;
}

const MAX_COMMENT = 60;
const NO_CALENDAR: WorkingDaysBetween = { workingDaysBetween: () => ({ value: 0 }) };

/** The notification's one-line Chinese title, e.g. 【督办】2022-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日. */
export function notificationTitle(event: MeasureEvent | FindingEvent | DirectiveEvent, plan: NotificationPlan, context: TitleContext): string {
  const measure = context.measureTitle ? `${event.measureId} ${context.measureTitle}` : event.measureId;
  if (isDirectiveEvent(event)) return directiveTitle(event, plan, measure);
  const subject = isFindingEvent(event) ? `${measure}（检查问题 ${event.snapshot.n}）` : measure;
  const p = event.payload;
  switch (plan.kind) {
    case 'assigned':
      return `【${event.type === 'reassign' ? '改派' : '交办'}】${subject} 已交办给您，截止日期 ${text(p.dueDate)}`;
    case 'submitted':
      return `【待审核】${subject} 已提交审核`;
    case 'returned':
      return `【退回】${subject} 被退回整改：${short(text(p.comment))}`;
    case 'approved':
      return `【办结】${subject} 已审核通过`;
    case 'extensionRequested':
      return `【延期申请】${subject} 申请延期至 ${text(p.newDueDate)}`;
    case 'extensionDecided':
      return p.approve === true
        ? `【延期审批】${subject} 延期申请已同意，新的截止日期 ${text(p.newDueDate)}`
        : `【延期审批】${subject} 延期申请未获同意`;
    case 'inspection':
      return `【检查】${subject} 检查发现 ${Array.isArray(p.findings) ? p.findings.length : 0} 个问题，请按期整改`;
    case 'rectificationSubmitted':
      return `【待复查】${subject} 已提交整改材料`;
    case 'rectificationVerified':
      return p.passed === true ? `【复查】${subject} 复查通过，已销号` : `【复查】${subject} 复查未通过，请于 ${text(p.nextDueDate)} 前再次整改`;
    case 'escalation':
      return `【${ESCALATION_LABELS[plan.level ?? 'urging']}】${subject} ${escalationState(event, plan.level ?? 'urging', context)}`;
    case 'declined':
      return `【退回交办】${subject} 被承办人退回，请重新交办：${short(text(p.reason))}`;
    case 'transferRequested':
      return `【移交申请】${subject} 申请移交贵处室牵头：${short(text(p.reason))}`;
    case 'transferDecided':
      return p.accept === true ? `【移交】${subject} 接收处室已同意接收` : `【移交】${subject} 接收处室不同意接收：${short(text(p.comment))}`;
    case 'milestoneCompleted':
      return `【节点完成】${subject} 节点「${text(p.title)}」已报告完成`;
    case 'directiveIssued':
    case 'directiveAcknowledged':
    case 'directiveResponded':
    case 'directiveClosed':
    case 'directiveEscalation':
      // A directive's own event is titled by directiveTitle above; a measure's never has these kinds.
      return subject;
  }
}

function escalationState(event: MeasureEvent | FindingEvent, level: EscalationLevel, context: TitleContext): string {
  const milestone = typeof event.payload.milestone === 'number' ? event.payload.milestone : null;
  if (milestone !== null) {
    const title = text(event.payload.milestoneTitle) || `第 ${milestone} 个节点`;
    const date = isFindingEvent(event) ? null : event.snapshot.milestones[milestone - 1]?.dueDate;
    return level === 'warning' ? `节点「${title}」将于 ${date ?? '近日'} 到期` : `节点「${title}」今日到期，尚未报告完成`;
  }
  const review = event.payload.against === 'reviewer';
  const dueDate = review ? null : event.snapshot.dueDate;
  if (level === 'warning') return dueDate ? `将于 ${dueDate} 到期` : '即将到期';
  const stepDate = typeof event.payload.stepDate === 'string' ? event.payload.stepDate : context.on;
  let days: number | null = null;
  if (context.calendar) {
    // The due date is on the event: count from it, as the status light does; a review SLA is not.
    days = dueDate
      ? context.on > dueDate ? context.calendar.workingDaysBetween(dueDate, context.on).value : 0
      : workingDaysPastDeadline(level, stepDate, context.on, context.calendar);
  } else if (stepDate === context.on) {
    // Fired on its own day: the step's offset is the count, no calendar needed.
    days = workingDaysPastDeadline(level, stepDate, stepDate, NO_CALENDAR);
  }
  const what = review ? '审核' : isFindingEvent(event) ? '整改' : '';
  if (days === null) return `${what}已逾期`;
  if (days <= 0) return review ? '审核已到期限' : `今日到期，尚未${isFindingEvent(event) ? '整改' : '办结'}`;
  return `${what}已逾期 ${days} 个工作日`;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function short(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > MAX_COMMENT ? `${trimmed.slice(0, MAX_COMMENT)}…` : trimmed;
}
