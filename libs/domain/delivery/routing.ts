// Which events are urgent, which group robots hear of an event, and which personal channels a
// recipient gets. Pure: the outbox writer applies these to the recipients it resolved for the
// 站内通知 (one recipient resolution for both).
import { ESCALATION_LEVELS, type EscalationLevel } from '../escalation';
import type { FindingEvent, MeasureEvent } from '../measure-event';
import { DIRECTIVE_EVENT_TYPES, isDirectiveEvent, type DirectiveEvent } from '../directive';
import {
  DEFAULT_DELIVERY_PREFERENCES,
  departmentAudience,
  isRobotKind,
  type ChannelRouting,
  type DeliveryPreferences,
  type RobotAudience,
  type SmsPolicy,
} from './types';

type AnyEvent = MeasureEvent | FindingEvent | DirectiveEvent;

/** The escalation level an event carries: a measure's, a finding's or a directive's ladder step; else null. */
export function escalationLevelOfEvent(event: AnyEvent): EscalationLevel | null {
  const isStep = isDirectiveEvent(event) ? event.type === DIRECTIVE_EVENT_TYPES.escalation : event.type === 'escalation';
  if (!isStep) return null;
  return ESCALATION_LEVELS.find((l) => l === event.payload.level) ?? null;
}

/** The directive kind issued by this event (批示, 催办, 督办单, 问责结果), or null. */
function issuedDirectiveKind(event: AnyEvent): DirectiveEvent['snapshot']['kind'] | null {
  if (!isDirectiveEvent(event)) return null;
  const issued: string[] = [DIRECTIVE_EVENT_TYPES.instruction, DIRECTIVE_EVENT_TYPES.urging, DIRECTIVE_EVENT_TYPES.notice, DIRECTIVE_EVENT_TYPES.outcome];
  return issued.includes(event.type) ? event.snapshot.kind : null;
}

/**
 * Urgent = 督办 or 问责: the ladder reached supervision or accountability (a measure's, a finding's
 * or a directive's), or a 督办单 / 问责结果 was issued. Urgent messages skip the digest and the
 * non-working-day hold, and are the ones SMS carries by default.
 */
export function isUrgent(event: AnyEvent): boolean {
  const level = escalationLevelOfEvent(event);
  if (level === 'supervision' || level === 'accountability') return true;
  const kind = issuedDirectiveKind(event);
  return kind === 'notice' || kind === 'outcome';
}

/** A resolved recipient as the routing needs it: the department they sit in. */
export interface RoutedRecipient {
  department: string | null;
}

/**
 * The group robots that hear of an event, given its resolved recipients:
 * - each recipient department's robot (department:<code>), in code order;
 * - the supervisors' robot for 督办 and 问责 (ladder levels, 督办单, 问责结果);
 * - the leadership robot for 问责 (the ladder's accountability level), 领导批示 and 问责结果.
 * An event nobody is told about (no recipients) reaches no robot.
 */
export function robotAudiences(event: AnyEvent, recipients: readonly RoutedRecipient[]): RobotAudience[] {
  if (recipients.length === 0) return [];
  const departments = [...new Set(recipients.map((r) => r.department).filter((d): d is string => Boolean(d)))].sort();
  const audiences: RobotAudience[] = departments.map(departmentAudience);
  const level = escalationLevelOfEvent(event);
  const kind = issuedDirectiveKind(event);
  if (isUrgent(event)) audiences.push('supervisors');
  if (level === 'accountability' || kind === 'instruction' || kind === 'outcome') audiences.push('leadership');
  return audiences;
}

/**
 * The robot channels that get a row for an event: enabled robots whose audience is among the
 * event's; a department robot in digest mode only when the event is urgent (the rest waits for
 * its daily digest) — unless the bureau turned the digest off, when it hears every event as if in
 * event mode (nothing may be left for a digest that never comes). In the channels' given order.
 */
export function robotChannelsFor<C extends ChannelRouting>(channels: readonly C[], audiences: readonly RobotAudience[], urgent: boolean, digestEnabled = true): C[] {
  const wanted = new Set<string>(audiences);
  return channels.filter((c) => {
    if (!c.enabled || !isRobotKind(c.kind) || !wanted.has(c.audience)) return false;
    return !digestEnabled || c.mode !== 'digest' || !c.audience.startsWith('department:') || urgent;
  });
}

/**
 * A recipient's personal channels for one event. E-mail: `event` → yes; `digest` → only urgent
 * ones (the rest comes in the 08:30 digest) — every one while the bureau has the digest off;
 * `off` → no. SMS by the bureau's policy: `urgent` → urgent ones, `all` → every one, `off` → none
 * — and never when the person turned SMS off. Whether the person has an address is the writer's check.
 */
export function personChannels(prefs: DeliveryPreferences | null | undefined, urgent: boolean, smsPolicy: SmsPolicy, digestEnabled = true): { email: boolean; sms: boolean } {
  const p = prefs ?? DEFAULT_DELIVERY_PREFERENCES;
  const email = p.emailMode === 'event' || (p.emailMode === 'digest' && (urgent || !digestEnabled));
  const sms = p.smsEnabled && (smsPolicy === 'all' || (smsPolicy === 'urgent' && urgent));
  return { email, sms };
}
