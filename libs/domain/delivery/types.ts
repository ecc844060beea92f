// 消息推送 (delivery beyond the 站内通知): the words shared by the outbox, the senders and the lanes.
// Pure types and constants; the rules live in routing.ts, window.ts, digest-schedule.ts, render.ts.

/** How a channel reaches people: mail and SMS per person, the three group robots per group chat. */
export const CHANNEL_KINDS = ['email', 'sms', 'wecom', 'dingtalk', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The group-chat robots (企业微信 / 钉钉 / 飞书 自定义机器人). */
export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const satisfies readonly ChannelKind[];
export type RobotKind = (typeof ROBOT_KINDS)[number];

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  email: '电子邮件',
  sms: '短信',
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  feishu: '飞书群机器人',
};

/** The fixed audiences' names (a department's group chat is `<处室名>群`). */
export const AUDIENCE_LABELS = { people: '按人发送（各人登记的邮箱/手机）', supervisors: '纪检监察群', leadership: '局领导群' } as const;

export function isRobotKind(kind: string): kind is RobotKind {
  return (ROBOT_KINDS as readonly string[]).includes(kind);
}

/**
 * Whom a channel speaks to: `people` (email, SMS: each recipient at their own address) or, for a
 * robot, one group chat: a department's (`department:<code>`), the supervisors' (督查), the leadership's.
 */
export type Audience = 'people' | `department:${string}` | 'supervisors' | 'leadership';
export type RobotAudience = Exclude<Audience, 'people'>;

export function departmentAudience(code: string): RobotAudience {
  return `department:${code}`;
}

/** An audience string as stored, checked; undefined for anything else. */
export function audienceOf(value: unknown): Audience | undefined {
  if (value === 'people' || value === 'supervisors' || value === 'leadership') return value;
  if (typeof value === 'string' && /^department:[A-Za-z0-9_-]{1,64}$/.test(value)) return value as Audience;
  return undefined;
}

/** A department robot posts each event (`event`) or only the daily digest and urgent events (`digest`). */
export const DELIVERY_MODES = ['event', 'digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** A person's e-mail preference: every message, the daily digest (urgent ones still come at once), none. */
export const EMAIL_MODES = ['event', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Who gets SMS: only urgent messages (督办/问责, the default), all, or none. */
export const SMS_POLICIES = ['urgent', 'all', 'off'] as const;
export type SmsPolicy = (typeof SMS_POLICIES)[number];

export interface DeliveryPreferences {
  emailMode: EmailMode;
  smsEnabled: boolean;
}

/** What a person without a stored preference gets. */
export const DEFAULT_DELIVERY_PREFERENCES: DeliveryPreferences = { emailMode: 'event', smsEnabled: true };

/** 免打扰时段, Beijing wall-clock 'HH:MM'; start after end means across midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '07:30' };

/** A channel as the routing rules see it (the stored row without config and secrets). */
export interface ChannelRouting {
  id: string;
  kind: ChannelKind;
  enabled: boolean;
  audience: Audience;
  /** Department robots only; others are `event`. */
  mode: DeliveryMode;
}

export const OUTBOX_ORIGINS = ['event', 'digest', 'test'] as const;
export type OutboxOrigin = (typeof OUTBOX_ORIGINS)[number];

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * What an outbox row carries when it is written (in the event's transaction): the content is
 * rendered once and frozen, so every attempt sends the same bytes.
 */
export interface OutboxMessage {
  /** `<eventId>|<channelId>|<username or department>`, `digest|<date>|<channelId>|<…>`, `test|<uuid>`. */
  messageKey: string;
  /** The lane = the channel id (one delivery lane per channel, in id order). */
  lane: string;
  channelKind: ChannelKind;
  origin: OutboxOrigin;
  eventId: string | null;
  measureId: string | null;
  /** Username for email/SMS; null for a robot. */
  recipient: string | null;
  /** E-mail address or mobile number at write time; null for a robot. */
  address: string | null;
  urgent: boolean;
  subject: string;
  bodyText: string;
  bodyMarkdown: string;
  link: string | null;
  /** Earliest send time (deliveryNotBefore). */
  notBefore: Date;
}

/** Why a row ended failed: the vendor refused it for good, or it stayed undeliverable past the expiry. */
export type FailureClass = 'permanent' | 'expired';

/** An outbox row as stored, after it was written (status moves; the content never changes). */
export interface OutboxRow extends OutboxMessage {
  /** bigserial: the lane's order. */
  id: string;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  /** Scrubbed of every secret. */
  lastError: string | null;
  failureClass: FailureClass | null;
  sentAt: Date | null;
  providerRef: string | null;
  /** Sent again after an attempt whose result was not recorded (the only duplicate). */
  resent: boolean;
  /** When an admin last sent a failed row back (重发): its expiry counts from then. */
  retriedAt: Date | null;
  /** = the event's occurredAt (the digest's run time for a digest). */
  createdAt: Date;
}

/** The message keys: one row per event, channel and recipient (or department), ever. */
export function eventMessageKey(eventId: string, channelId: string, recipient: string): string {
  return `${eventId}|${channelId}|${recipient}`;
}

export function digestMessageKey(date: string, channelId: string, recipient: string): string {
  return `digest|${date}|${channelId}|${recipient}`;
}

/**
 * What one send attempt came to (the senders in libs/delivery answer the same shape):
 * - sent: accepted (providerRef = SMTP response / vendor answer);
 * - permanent: this message can never go (550 recipient, content refused, HTTP 4xx) → failed, lane goes on;
 * - transient: try again later — the whole channel is down (`channel`: the lane waits, in order)
 *   or only this address (`address`: 450–452, the row backs off, the lane goes on);
 * - config: the channel's settings are wrong (bad password, key, signature) → the lane pauses;
 * - rate_limited: the vendor asked to wait retryAfterMs.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; providerRef: string }
  | { kind: 'permanent'; detail: string }
  | { kind: 'transient'; scope: 'channel' | 'address'; detail: string }
  | { kind: 'config'; detail: string }
  | { kind: 'rate_limited'; retryAfterMs: number; detail: string };

export type DeliveryOutcomeKind = DeliveryOutcome['kind'];

/** What a sender is given to render into its vendor format. */
export interface RenderedMessage {
  subject: string;
  text: string;
  markdown: string;
}
