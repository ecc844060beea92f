import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 消息推送 beyond the 站内通知: the channels an admin configures (e-mail, SMS gateway, 企业微信 /
 * 钉钉 / 飞书 group robots), the bureau's delivery settings (免打扰时段, SMS policy, daily digest),
 * each person's preference (every message / daily digest / no e-mail; SMS on or off), and the outbox:
 * one row per message, written in the event's own transaction, delivered by a lane workflow per
 * channel in id order. Secrets live in their own column, never returned by the API.
 * digest_runs marks a day's 08:30 digest as done (a repeated run writes nothing twice).
 */
export class NotificationDelivery1764700000000 implements MigrationInterface {
  name = 'NotificationDelivery1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channels (
        id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        kind        text NOT NULL CHECK (kind IN ('email', 'sms', 'wecom', 'dingtalk', 'feishu')),
        name        text NOT NULL,
        enabled     boolean NOT NULL DEFAULT true,
        audience    text NOT NULL,
        mode        text NOT NULL DEFAULT 'event' CHECK (mode IN ('event', 'digest')),
        per_minute  integer NULL CHECK (per_minute IS NULL OR per_minute > 0),
        config      jsonb NOT NULL DEFAULT '{}',
        secrets     jsonb NOT NULL DEFAULT '{}',
        health      jsonb NOT NULL DEFAULT '{}',
        updated_at  timestamptz NOT NULL DEFAULT now(),
        updated_by  text NULL,
        CHECK ((kind IN ('email', 'sms')) = (audience = 'people'))
      )`);
    await q.query(`
      CREATE TABLE notification_settings (
        id              integer PRIMARY KEY CHECK (id = 1),
        quiet_start     text NOT NULL DEFAULT '22:00',
        quiet_end       text NOT NULL DEFAULT '07:30',
        sms_policy      text NOT NULL DEFAULT 'urgent' CHECK (sms_policy IN ('urgent', 'all', 'off')),
        digest_enabled  boolean NOT NULL DEFAULT true,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        updated_by      text NULL
      )`);
    await q.query(`INSERT INTO notification_settings (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE notification_preferences (
        username     text PRIMARY KEY REFERENCES users (username),
        email_mode   text NOT NULL DEFAULT 'event' CHECK (email_mode IN ('event', 'digest', 'off')),
        sms_enabled  boolean NOT NULL DEFAULT true,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id               bigserial PRIMARY KEY,
        message_key      text NOT NULL UNIQUE,
        lane             text NOT NULL REFERENCES notification_channels (id),
        channel_kind     text NOT NULL,
        origin           text NOT NULL CHECK (origin IN ('event', 'digest', 'test')),
        event_id         text NULL,
        measure_id       text NULL,
        recipient        text NULL,
        address          text NULL,
        urgent           boolean NOT NULL DEFAULT false,
        subject          text NOT NULL,
        body_text        text NOT NULL,
        body_markdown    text NOT NULL,
        link             text NULL,
        not_before       timestamptz NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        last_attempt_at  timestamptz NULL,
        last_error       text NULL,
        failure_class    text NULL CHECK (failure_class IN ('permanent', 'expired')),
        sent_at          timestamptz NULL,
        provider_ref     text NULL,
        resent           boolean NOT NULL DEFAULT false,
        retried_at       timestamptz NULL,
        created_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX outbox_messages_lane_open ON outbox_messages (lane, id) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX outbox_messages_status ON outbox_messages (status, id DESC)`);
    await q.query(`CREATE INDEX outbox_messages_event ON outbox_messages (event_id)`);
    await q.query(`CREATE INDEX outbox_messages_measure ON outbox_messages (measure_id, id DESC)`);
    await q.query(`
      CREATE TABLE digest_runs (
        on_date      date PRIMARY KEY,
        started_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz NULL,
        messages     integer NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE digest_runs`);
    await q.query(`DROP TABLE outbox_messages`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`DROP TABLE notification_channels`);
  }
}
