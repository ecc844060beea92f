// The outbox of pushed messages (e-mail, SMS, group robots). Rows are written in the event's own
// transaction (writeOutbox, from MeasureEventRepository.notify), for the same recipients as the
// 站内通知, so a recorded event never loses its messages and a retried record writes none twice
// (unique message_key). The delivery lanes (one workflow per channel) read and move them here.
import {
  DEFAULT_QUIET_HOURS,
  beijingDate,
  WorkingDayCalendar,
  deliveryNotBefore,
  eventMessageKey,
  isRobotKind,
  isUrgent,
  measureLink,
  messageFacts,
  messageNumber,
  personChannels,
  renderMessage,
  robotAudiences,
  robotChannelsFor,
  robotReserve,
  audienceOf,
  type Audience,
  type ChannelKind,
  type ChannelRouting,
  type DeliveryMode,
  type DeliveryPreferences,
  type DirectiveEvent,
  type EmailMode,
  type FailureClass,
  type FindingEvent,
  type MeasureEvent,
  type NotificationPlan,
  type OutboxMessage,
  type OutboxRow,
  type QuietHours,
  type SmsPolicy,
  type WorkingDayCheck,
  type WorkingDaysBetween,
} from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** What the outbox writer needs beyond the event: where links point, and the working-day calendar. */
export interface OutboxContext {
  /** DUBAN_PUBLIC_URL: every link in a message points there. */
  publicUrl?: string;
  calendar?: WorkingDaysBetween & Partial<WorkingDayCheck>;
}

/** The bureau's delivery settings (one row). */
export interface DeliverySettings {
  quiet: QuietHours;
  smsPolicy: SmsPolicy;
  digestEnabled: boolean;
}

/** A channel as a lane needs it to send: routing, pace, config and secrets (never leaves the server). */
export interface LaneChannel extends ChannelRouting {
  name: string;
  perMinute: number | null;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  health: ChannelHealth;
}

/** What the lane last learnt of its channel: shown to the admin. */
export interface ChannelHealth {
  lastOkAt?: string | null;
  lastError?: string | null;
  lastErrorAt?: string | null;
  /** Set while the channel's settings are wrong (a config outcome); cleared by the next success. */
  pausedReason?: string | null;
}

/** A row claimed for sending: `resend` when an earlier attempt's result was never recorded. */
export interface ClaimedRow extends OutboxRow {
  resend: boolean;
}

const FALLBACK_CALENDAR = new WorkingDayCalendar({ years: {} });
const FALLBACK_PUBLIC_URL = 'http://127.0.0.1:3000';

interface RawOutbox {
  id: string;
  message_key: string;
  lane: string;
  channel_kind: ChannelKind;
  origin: OutboxMessage['origin'];
  event_id: string | null;
  measure_id: string | null;
  recipient: string | null;
  address: string | null;
  urgent: boolean;
  subject: string;
  body_text: string;
  body_markdown: string;
  link: string | null;
  not_before: Date;
  status: OutboxRow['status'];
  attempts: number;
  last_attempt_at: Date | null;
  last_error: string | null;
  failure_class: FailureClass | null;
  sent_at: Date | null;
  provider_ref: string | null;
  resent: boolean;
  retried_at: Date | null;
  created_at: Date;
}

const OUTBOX_FIELDS = [
  'message_key', 'lane', 'channel_kind', 'origin', 'event_id', 'measure_id', 'recipient', 'address', 'urgent', 'subject', 'body_text', 'body_markdown',
  'link', 'not_before', 'status', 'attempts', 'last_attempt_at', 'last_error', 'failure_class', 'sent_at', 'provider_ref', 'resent', 'retried_at', 'created_at',
];

/** The select list of an outbox row, of the table or of an alias of it. */
export function outboxColumns(alias = 'outbox_messages'): string {
  return [`${alias}.id::text AS id`, ...OUTBOX_FIELDS.map((f) => `${alias}.${f}`)].join(', ');
}

export function toOutboxRow(r: RawOutbox): OutboxRow {
  return {
    id: r.id,
    messageKey: r.message_key,
    lane: r.lane,
    channelKind: r.channel_kind,
    origin: r.origin,
    eventId: r.event_id,
    measureId: r.measure_id,
    recipient: r.recipient,
    address: r.address,
    urgent: r.urgent,
    subject: r.subject,
    bodyText: r.body_text,
    bodyMarkdown: r.body_markdown,
    link: r.link,
    notBefore: r.not_before,
    status: r.status,
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    failureClass: r.failure_class,
    sentAt: r.sent_at,
    providerRef: r.provider_ref,
    resent: r.resent,
    retriedAt: r.retried_at,
    createdAt: r.created_at,
  };
}

interface RawChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  audience: string;
  mode: DeliveryMode;
  per_minute: number | null;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  health: ChannelHealth;
}

function toLaneChannel(r: RawChannel): LaneChannel | undefined {
  const audience = audienceOf(r.audience);
  if (!audience) return undefined;
  return { id: r.id, kind: r.kind, name: r.name, enabled: r.enabled, audience, mode: r.mode, perMinute: r.per_minute, config: r.config ?? {}, secrets: r.secrets ?? {}, health: r.health ?? {} };
}

export async function readDeliverySettings(manager: EntityManager | DataSource): Promise<DeliverySettings> {
  const [row]: Array<{ quiet_start: string; quiet_end: string; sms_policy: SmsPolicy; digest_enabled: boolean }> = await manager.query(
    'SELECT quiet_start, quiet_end, sms_policy, digest_enabled FROM notification_settings WHERE id = 1',
  );
  if (!row) return { quiet: DEFAULT_QUIET_HOURS, smsPolicy: 'urgent', digestEnabled: true };
  return { quiet: { start: row.quiet_start, end: row.quiet_end }, smsPolicy: row.sms_policy, digestEnabled: row.digest_enabled };
}

/** Inserts frozen messages (once per message_key); returns the lanes that got a new row. */
export async function insertOutboxMessages(manager: EntityManager | DataSource, messages: readonly OutboxMessage[], createdAt: Date | string): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows: Array<{ lane: string }> = await manager.query(
    `INSERT INTO outbox_messages (message_key, lane, channel_kind, origin, event_id, measure_id, recipient, address, urgent,
                                  subject, body_text, body_markdown, link, not_before, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[],
                          $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::timestamptz[])
     ON CONFLICT (message_key) DO NOTHING
     RETURNING lane`,
    [
      messages.map((m) => m.messageKey),
      messages.map((m) => m.lane),
      messages.map((m) => m.channelKind),
      messages.map((m) => m.origin),
      messages.map((m) => m.eventId),
      messages.map((m) => m.measureId),
      messages.map((m) => m.recipient),
      messages.map((m) => m.address),
      messages.map((m) => m.urgent),
      messages.map((m) => m.subject),
      messages.map((m) => m.bodyText),
      messages.map((m) => m.bodyMarkdown),
      messages.map((m) => m.link),
      messages.map((m) => m.notBefore.toISOString()),
      messages.map(() => new Date(createdAt).toISOString()),
    ],
  );
  return [...new Set(rows.map((r) => r.lane))].sort();
}

/**
 * The messages an event causes, written in its transaction: for each person told in the 站内通知
 * (`recipients`, already resolved), an e-mail and/or SMS by their preference and the bureau's SMS
 * policy when they have an address; for each group robot whose audience the event concerns
 * (robotAudiences), one post. Returns the lanes that got rows. No enabled channel: nothing to do.
 */
export async function writeOutbox(
  manager: EntityManager,
  event: MeasureEvent | FindingEvent | DirectiveEvent,
  plan: NotificationPlan,
  recipients: readonly string[],
  context: OutboxContext & { measureTitle: string | null },
): Promise<string[]> {
  if (recipients.length === 0) return [];
  const channels = (
    (await manager.query(
      `SELECT id, kind, name, enabled, audience, mode, per_minute, config, '{}'::jsonb AS secrets, '{}'::jsonb AS health FROM notification_channels WHERE enabled ORDER BY id`,
    )) as RawChannel[]
  )
    .map(toLaneChannel)
    .filter((c): c is LaneChannel => Boolean(c));
  if (channels.length === 0) return [];

  const snapshot = event.snapshot as { leadDepartment?: string | null; departmentCode?: string | null; assigneeId?: string | null };
  const departmentCode = snapshot.leadDepartment ?? snapshot.departmentCode ?? null;
  // One after another: the three share the transaction's connection.
  const settings = await readDeliverySettings(manager);
  const people: Array<{ username: string; email: string | null; mobile: string | null; department_code: string | null; active: boolean; email_mode: EmailMode | null; sms_enabled: boolean | null }> = await manager.query(
    `SELECT u.username, u.email, u.mobile, u.department_code, u.active, p.email_mode, p.sms_enabled
       FROM users u LEFT JOIN notification_preferences p ON p.username = u.username
      WHERE u.username = ANY($1::text[]) ORDER BY u.username`,
    [recipients],
  );
  const names: Array<{ department: string | null; assignee: string | null }> = await manager.query(
    `SELECT (SELECT name FROM departments WHERE code = $1) AS department, (SELECT display_name FROM users WHERE username = $2) AS assignee`,
    [departmentCode, snapshot.assigneeId ?? null],
  );

  const urgent = isUrgent(event);
  const calendar: WorkingDayCheck = context.calendar?.isWorkingDay ? (context.calendar as WorkingDayCheck) : FALLBACK_CALENDAR;
  const notBefore = deliveryNotBefore(event.occurredAt, urgent, calendar, settings.quiet);
  const publicUrl = context.publicUrl ?? FALLBACK_PUBLIC_URL;
  const titleContext = { measureTitle: context.measureTitle, on: beijingDate(Date.parse(event.occurredAt)), calendar: context.calendar };
  const message = (channel: LaneChannel, recipient: string, address: string | null): OutboxMessage => {
    const messageKey = eventMessageKey(event.eventId, channel.id, recipient);
    const facts = messageFacts(event, plan, titleContext, {
      leadDepartment: names[0]?.department ?? departmentCode,
      assignee: names[0]?.assignee ?? null,
      messageId: messageNumber(messageKey),
    });
    const keyword = typeof channel.config.keyword === 'string' ? channel.config.keyword : null;
    const rendered = renderMessage(facts, channel.kind, publicUrl, { reserveBytes: robotReserve(keyword) });
    return {
      messageKey,
      lane: channel.id,
      channelKind: channel.kind,
      origin: 'event',
      eventId: event.eventId,
      measureId: event.measureId,
      recipient: isRobotKind(channel.kind) ? null : recipient,
      address,
      urgent,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyMarkdown: rendered.markdown,
      link: measureLink(publicUrl, event.measureId),
      notBefore,
    };
  };

  const messages: OutboxMessage[] = [];
  const email = channels.find((c) => c.kind === 'email' && c.audience === 'people');
  const sms = channels.find((c) => c.kind === 'sms' && c.audience === 'people');
  for (const person of people) {
    if (!person.active) continue;
    const prefs: DeliveryPreferences | null = person.email_mode ? { emailMode: person.email_mode, smsEnabled: person.sms_enabled ?? true } : null;
    const wants = personChannels(prefs, urgent, settings.smsPolicy, settings.digestEnabled);
    if (email && wants.email && person.email) messages.push(message(email, person.username, person.email));
    if (sms && wants.sms && person.mobile) messages.push(message(sms, person.username, person.mobile));
  }
  // The departments of the people told (active ones: a robot does not post for someone who left).
  const told = people.filter((p) => p.active).map((p) => ({ department: p.department_code }));
  const robots = robotChannelsFor(channels, robotAudiences(event, told), urgent, settings.digestEnabled);
  for (const robot of robots) messages.push(message(robot, robot.audience, null));
  return insertOutboxMessages(manager, messages, event.occurredAt);
}

/** The delivery lanes' reads and moves of outbox rows. */
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The channel a lane sends through (with its secrets), or undefined when it is gone. */
  async laneChannel(lane: string): Promise<LaneChannel | undefined> {
    const [row]: RawChannel[] = await this.dataSource.query(
      'SELECT id, kind, name, enabled, audience, mode, per_minute, config, secrets, health FROM notification_channels WHERE id = $1',
      [lane],
    );
    return row ? toLaneChannel(row) : undefined;
  }

  async settings(): Promise<DeliverySettings> {
    return readDeliverySettings(this.dataSource);
  }

  /**
   * The lane's next due row in id order, marked `sending` with one more attempt (committed before
   * the send). A row found already `sending` had an attempt whose result was never recorded: it is
   * claimed again as a resend. Undefined when nothing is due at `now`.
   */
  async claimNext(lane: string, now: Date): Promise<ClaimedRow | undefined> {
    // An UPDATE … RETURNING answers [rows, affected count].
    const [rows] = (await this.dataSource.query(
      `WITH next AS (
         SELECT id, status FROM outbox_messages
          WHERE lane = $1 AND status IN ('pending', 'sending') AND not_before <= $2
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox_messages o SET status = 'sending', attempts = o.attempts + 1, last_attempt_at = $2,
              resent = o.resent OR (next.status = 'sending')
         FROM next WHERE o.id = next.id
       RETURNING ${outboxColumns('o')}, (next.status = 'sending') AS resend`,
      [lane, now],
    )) as [Array<RawOutbox & { resend: boolean }>, number];
    const row = rows[0];
    return row ? { ...toOutboxRow(row), resend: row.resend } : undefined;
  }

  async markSent(id: string, providerRef: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_messages SET status = 'sent', sent_at = $2, provider_ref = $3, last_error = NULL WHERE id = $1 AND status = 'sending'`, [id, at, providerRef.slice(0, 500)]);
  }

  async markFailed(id: string, failureClass: FailureClass, detail: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_messages SET status = 'failed', failure_class = $2, last_error = $3 WHERE id = $1 AND status = 'sending'`, [id, failureClass, detail.slice(0, 1000)]);
  }

  /** Back to pending (channel down, paused, rate limited), optionally not before a later time (one address backing off). */
  async markPending(id: string, detail: string, notBefore?: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'pending', last_error = $2, not_before = coalesce($3, not_before) WHERE id = $1 AND status = 'sending'`,
      [id, detail.slice(0, 1000), notBefore ?? null],
    );
  }

  /** The earliest not_before of the lane's open rows (null: nothing open). */
  async nextDue(lane: string): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await this.dataSource.query(
      `SELECT min(not_before) AS at FROM outbox_messages WHERE lane = $1 AND status IN ('pending', 'sending')`,
      [lane],
    );
    return row?.at ?? null;
  }

  /** Every lane with open rows (the worker kicks them at start). */
  async lanesWithPending(): Promise<string[]> {
    const rows: Array<{ lane: string }> = await this.dataSource.query(`SELECT DISTINCT lane FROM outbox_messages WHERE status IN ('pending', 'sending') ORDER BY lane`);
    return rows.map((r) => r.lane);
  }

  async setHealth(lane: string, change: ChannelHealth): Promise<void> {
    await this.dataSource.query(`UPDATE notification_channels SET health = health || $2::jsonb WHERE id = $1`, [lane, JSON.stringify(change)]);
  }

  async insertMessages(messages: readonly OutboxMessage[], createdAt: Date): Promise<string[]> {
    return insertOutboxMessages(this.dataSource, messages, createdAt);
  }

  async findByKey(messageKey: string): Promise<OutboxRow | undefined> {
    const [row]: RawOutbox[] = await this.dataSource.query(`SELECT ${outboxColumns()} FROM outbox_messages WHERE message_key = $1`, [messageKey]);
    return row ? toOutboxRow(row) : undefined;
  }
}

export type { Audience };
