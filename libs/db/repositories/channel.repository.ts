// The admin side of 消息推送: the channels (their settings, with the secrets in a column of their
// own that only the senders read), the bureau's delivery settings (one row), each person's
// preference, and the delivery log (outbox rows: list, summary per lane, 重发 of a failed row, the
// record of a test send). The lanes' own reads and moves are in outbox.repository.ts.
import type { ChannelKind, DeliveryMode, EmailMode, FailureClass, OutboxOrigin, OutboxStatus, SmsPolicy } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChannelHealth } from './outbox.repository';

/** A channel as stored, secrets included: the service masks them before anything leaves the server. */
export interface StoredChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  audience: string;
  mode: DeliveryMode;
  perMinute: number | null;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  health: ChannelHealth;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface ChannelWrite {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  audience: string;
  mode: DeliveryMode;
  perMinute: number | null;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  updatedBy: string;
}

export interface StoredDeliverySettings {
  quietStart: string;
  quietEnd: string;
  smsPolicy: SmsPolicy;
  digestEnabled: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface StoredPreferences {
  emailMode: EmailMode;
  smsEnabled: boolean;
  /** False: nothing stored yet (the defaults apply). */
  stored: boolean;
}

/** One row of the delivery log (no message body: the subject says what it was). */
export interface DeliveryLogRow {
  id: string;
  lane: string;
  channelKind: ChannelKind;
  channelName: string | null;
  origin: OutboxOrigin;
  eventId: string | null;
  measureId: string | null;
  recipient: string | null;
  recipientName: string | null;
  address: string | null;
  urgent: boolean;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastError: string | null;
  failureClass: FailureClass | null;
  sentAt: Date | null;
  providerRef: string | null;
  resent: boolean;
  notBefore: Date;
  createdAt: Date;
}

export interface DeliveryLogFilter {
  status?: OutboxStatus;
  lane?: string;
  measureId?: string;
  offset: number;
  limit: number;
}

/** Per lane (= channel): what waits, since when, what failed. */
export interface LaneSummaryRow {
  lane: string;
  pending: number;
  /** Pending rows already due (not held by quiet hours or a non-working day). */
  due: number;
  sending: number;
  failed: number;
  sentLastDay: number;
  oldestPendingAt: Date | null;
}

/** A test send as recorded in the log (origin 'test'): already sent or failed, never picked up by a lane. */
export interface TestSendRecord {
  messageKey: string;
  lane: string;
  channelKind: ChannelKind;
  recipient: string | null;
  address: string | null;
  subject: string;
  bodyText: string;
  bodyMarkdown: string;
  link: string | null;
  status: 'sent' | 'failed';
  at: Date;
  providerRef: string | null;
  lastError: string | null;
  failureClass: FailureClass | null;
}

interface RawChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  audience: string;
  mode: DeliveryMode;
  per_minute: number | null;
  config: Record<string, unknown> | null;
  secrets: Record<string, unknown> | null;
  health: ChannelHealth | null;
  updated_at: Date;
  updated_by: string | null;
}

const CHANNEL_COLUMNS = 'id, kind, name, enabled, audience, mode, per_minute, config, secrets, health, updated_at, updated_by';

function stringsOf(value: Record<string, unknown> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value ?? {})) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

function toChannel(r: RawChannel): StoredChannel {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    enabled: r.enabled,
    audience: r.audience,
    mode: r.mode,
    perMinute: r.per_minute,
    config: r.config ?? {},
    secrets: stringsOf(r.secrets),
    health: r.health ?? {},
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

interface RawLog {
  id: string;
  lane: string;
  channel_kind: ChannelKind;
  channel_name: string | null;
  origin: OutboxOrigin;
  event_id: string | null;
  measure_id: string | null;
  recipient: string | null;
  recipient_name: string | null;
  address: string | null;
  urgent: boolean;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  last_attempt_at: Date | null;
  last_error: string | null;
  failure_class: FailureClass | null;
  sent_at: Date | null;
  provider_ref: string | null;
  resent: boolean;
  not_before: Date;
  created_at: Date;
}

const toLog = (r: RawLog): DeliveryLogRow => ({
  id: r.id,
  lane: r.lane,
  channelKind: r.channel_kind,
  channelName: r.channel_name,
  origin: r.origin,
  eventId: r.event_id,
  measureId: r.measure_id,
  recipient: r.recipient,
  recipientName: r.recipient_name,
  address: r.address,
  urgent: r.urgent,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  failureClass: r.failure_class,
  sentAt: r.sent_at,
  providerRef: r.provider_ref,
  resent: r.resent,
  notBefore: r.not_before,
  createdAt: r.created_at,
});

export class ChannelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<StoredChannel[]> {
    const rows: RawChannel[] = await this.dataSource.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels ORDER BY id`);
    return rows.map(toChannel);
  }

  async find(id: string, manager?: EntityManager): Promise<StoredChannel | undefined> {
    const runner = manager ?? this.dataSource;
    const [row]: RawChannel[] = await runner.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE id = $1`, [id]);
    return row ? toChannel(row) : undefined;
  }

  /** Serialises channel changes (ids handed out, one enabled e-mail/SMS channel) within a transaction. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [0x63686e6c]); // "chnl"
  }

  async ids(manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM notification_channels ORDER BY id');
    return rows.map((r) => r.id);
  }

  async insert(manager: EntityManager, channel: ChannelWrite): Promise<void> {
    await manager.query(
      `INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, per_minute, config, secrets, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, now(), $10)`,
      [channel.id, channel.kind, channel.name, channel.enabled, channel.audience, channel.mode, channel.perMinute, JSON.stringify(channel.config), JSON.stringify(channel.secrets), channel.updatedBy],
    );
  }

  /** Saves the settings; a saved channel starts afresh (the pause a wrong setting caused is lifted: the lane tries again). */
  async update(manager: EntityManager, channel: ChannelWrite): Promise<void> {
    await manager.query(
      `UPDATE notification_channels
          SET name = $2, enabled = $3, audience = $4, mode = $5, per_minute = $6, config = $7::jsonb, secrets = $8::jsonb,
              health = health - 'pausedReason', updated_at = now(), updated_by = $9
        WHERE id = $1`,
      [channel.id, channel.name, channel.enabled, channel.audience, channel.mode, channel.perMinute, JSON.stringify(channel.config), JSON.stringify(channel.secrets), channel.updatedBy],
    );
  }

  async setEnabled(manager: EntityManager, id: string, enabled: boolean, by: string): Promise<void> {
    await manager.query(`UPDATE notification_channels SET enabled = $2, updated_at = now(), updated_by = $3 WHERE id = $1`, [id, enabled, by]);
  }

  /** Another enabled channel of the kind (e-mail and SMS: one at a time reaches people). */
  async enabledOfKind(manager: EntityManager, kind: ChannelKind, exceptId: string): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await manager.query(`SELECT id FROM notification_channels WHERE kind = $1 AND enabled AND id <> $2 ORDER BY id LIMIT 1`, [kind, exceptId]);
    return row?.id;
  }

  async departmentExists(code: string): Promise<boolean> {
    const [row]: Array<{ n: number }> = await this.dataSource.query('SELECT count(*)::int AS n FROM departments WHERE code = $1', [code]);
    return row.n > 0;
  }

  async settings(): Promise<StoredDeliverySettings> {
    const [row]: Array<{ quiet_start: string; quiet_end: string; sms_policy: SmsPolicy; digest_enabled: boolean; updated_at: Date; updated_by: string | null }> =
      await this.dataSource.query('SELECT quiet_start, quiet_end, sms_policy, digest_enabled, updated_at, updated_by FROM notification_settings WHERE id = 1');
    if (!row) return { quietStart: '22:00', quietEnd: '07:30', smsPolicy: 'urgent', digestEnabled: true, updatedAt: new Date(0), updatedBy: null };
    return { quietStart: row.quiet_start, quietEnd: row.quiet_end, smsPolicy: row.sms_policy, digestEnabled: row.digest_enabled, updatedAt: row.updated_at, updatedBy: row.updated_by };
  }

  async saveSettings(manager: EntityManager, settings: Omit<StoredDeliverySettings, 'updatedAt'>): Promise<void> {
    await manager.query(
      `INSERT INTO notification_settings (id, quiet_start, quiet_end, sms_policy, digest_enabled, updated_at, updated_by)
       VALUES (1, $1, $2, $3, $4, now(), $5)
       ON CONFLICT (id) DO UPDATE SET quiet_start = $1, quiet_end = $2, sms_policy = $3, digest_enabled = $4, updated_at = now(), updated_by = $5`,
      [settings.quietStart, settings.quietEnd, settings.smsPolicy, settings.digestEnabled, settings.updatedBy],
    );
  }

  async preferences(username: string): Promise<StoredPreferences> {
    const [row]: Array<{ email_mode: EmailMode; sms_enabled: boolean }> = await this.dataSource.query(
      'SELECT email_mode, sms_enabled FROM notification_preferences WHERE username = $1',
      [username],
    );
    return row ? { emailMode: row.email_mode, smsEnabled: row.sms_enabled, stored: true } : { emailMode: 'event', smsEnabled: true, stored: false };
  }

  async savePreferences(username: string, prefs: { emailMode: EmailMode; smsEnabled: boolean }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (username, email_mode, sms_enabled, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (username) DO UPDATE SET email_mode = $2, sms_enabled = $3, updated_at = now()`,
      [username, prefs.emailMode, prefs.smsEnabled],
    );
  }

  /** The delivery log, newest first. */
  async log(filter: DeliveryLogFilter): Promise<{ rows: DeliveryLogRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`o.status = $${params.push(filter.status)}`);
    if (filter.lane) where.push(`o.lane = $${params.push(filter.lane)}`);
    if (filter.measureId) where.push(`o.measure_id = $${params.push(filter.measureId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT o.id::text AS id, o.lane, o.channel_kind, c.name AS channel_name, o.origin, o.event_id, o.measure_id, o.recipient,
                u.display_name AS recipient_name, o.address, o.urgent, o.subject, o.status, o.attempts, o.last_attempt_at, o.last_error,
                o.failure_class, o.sent_at, o.provider_ref, o.resent, o.not_before, o.created_at
           FROM outbox_messages o
           LEFT JOIN notification_channels c ON c.id = o.lane
           LEFT JOIN users u ON u.username = o.recipient
           ${clause}
          ORDER BY o.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ) as Promise<RawLog[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_messages o ${clause}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { rows: rows.map(toLog), total: counts[0].total };
  }

  async logRow(id: string): Promise<DeliveryLogRow | undefined> {
    const rows: RawLog[] = await this.dataSource.query(
      `SELECT o.id::text AS id, o.lane, o.channel_kind, c.name AS channel_name, o.origin, o.event_id, o.measure_id, o.recipient,
              u.display_name AS recipient_name, o.address, o.urgent, o.subject, o.status, o.attempts, o.last_attempt_at, o.last_error,
              o.failure_class, o.sent_at, o.provider_ref, o.resent, o.not_before, o.created_at
         FROM outbox_messages o
         LEFT JOIN notification_channels c ON c.id = o.lane
         LEFT JOIN users u ON u.username = o.recipient
        WHERE o.id = $1`,
      [id],
    );
    return rows[0] ? toLog(rows[0]) : undefined;
  }

  /**
   * Per lane: pending (and due) rows, since when the oldest due one has been due (its not_before), failures
   * and what went in the last 24 hours — test sends (origin 'test') count in neither.
   */
  async laneSummary(now: Date): Promise<LaneSummaryRow[]> {
    const rows: Array<{ lane: string; pending: number; due: number; sending: number; failed: number; sent_last_day: number; oldest_pending_at: Date | null }> =
      await this.dataSource.query(
        `SELECT lane,
                count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'pending' AND not_before <= $1)::int AS due,
                count(*) FILTER (WHERE status = 'sending')::int AS sending,
                count(*) FILTER (WHERE status = 'failed' AND origin <> 'test')::int AS failed,
                count(*) FILTER (WHERE status = 'sent' AND origin <> 'test' AND sent_at > $1::timestamptz - interval '1 day')::int AS sent_last_day,
                min(not_before) FILTER (WHERE status = 'sending' OR (status = 'pending' AND not_before <= $1)) AS oldest_pending_at
           FROM outbox_messages GROUP BY lane ORDER BY lane`,
        [now],
      );
    return rows.map((r) => ({ lane: r.lane, pending: r.pending, due: r.due, sending: r.sending, failed: r.failed, sentLastDay: r.sent_last_day, oldestPendingAt: r.oldest_pending_at }));
  }

  /**
   * 重发: a failed row back to pending, due now, with fresh attempts and `retried_at` = now (the lane's 72-hour
   * expiry counts from coalesce(retried_at, created_at)); same id and message key (so the same Message-ID).
   * Undefined when the row is not failed any more (or never was) — nothing changed.
   */
  async retryFailed(manager: EntityManager, id: string, now: Date): Promise<{ lane: string } | undefined> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM's postgres driver.
    const [rows]: [Array<{ lane: string }>, number] = await manager.query(
      `UPDATE outbox_messages SET status = 'pending', retried_at = $2, not_before = $2, attempts = 0, failure_class = NULL
        WHERE id = $1 AND status = 'failed' AND origin <> 'test' RETURNING lane`,
      [id, now],
    );
    return rows[0];
  }

  /** Records a test send (origin 'test') with its outcome: it is already final, so no lane takes it. */
  async recordTestSend(record: TestSendRecord): Promise<string> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO outbox_messages (message_key, lane, channel_kind, origin, recipient, address, urgent, subject, body_text, body_markdown, link,
                                    not_before, status, attempts, last_attempt_at, last_error, failure_class, sent_at, provider_ref, created_at)
       VALUES ($1, $2, $3, 'test', $4, $5, false, $6, $7, $8, $9, $10, $11, 1, $10, $12, $13, $14, $15, $10)
       RETURNING id::text AS id`,
      [
        record.messageKey,
        record.lane,
        record.channelKind,
        record.recipient,
        record.address,
        record.subject,
        record.bodyText,
        record.bodyMarkdown,
        record.link,
        record.at,
        record.status,
        record.lastError?.slice(0, 1000) ?? null,
        record.failureClass,
        record.status === 'sent' ? record.at : null,
        record.providerRef?.slice(0, 500) ?? null,
      ],
    );
    return row.id;
  }
}
