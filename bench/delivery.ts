// Delivery lag (issue 16): events recorded at a steady rate (default 1,000 a minute) through the same
// repository the worker's activities use — so each one writes its outbox row in its own transaction —
// and delivered by the real worker process's e-mail lane to a real SMTP server (smtp-server in a
// child process). Lag = the SMTP server's acceptance time − the event's occurredAt. Lost = events
// whose message never arrived (by message key); duplicates = messages received more than once. With
// `crash`, the worker is SIGKILLed once half-way and started again: a duplicate is then possible only
// for the row whose send was not yet recorded (a `resent` row), and is counted.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { MeasureEventRepository } from '@duban/db';
import { beijingMinuteOfDay, initialSnapshot, type MeasureEvent } from '@duban/domain';
import { kickDeliveryLanes } from '@duban/temporal';
import { createKicker } from '../apps/worker/kicker';
import { SmtpSink } from '../test/helpers/smtp-sink';
import { startWorkerProcess, type BenchProcess, type Services } from './processes';
import { round, summarize, type LatencySummary } from './stats';

export interface DeliveryResult {
  eventsPerMinute: number;
  minutes: number;
  events: number;
  /** Events written per minute, as achieved. */
  achievedPerMinute: number;
  received: number;
  distinct: number;
  lost: number;
  duplicates: number;
  /** Rows sent again after an attempt whose result was not recorded (the worker was killed mid-send). */
  resentRows: number;
  crashed: boolean;
  /** SMTP acceptance − event time, ms. */
  lag: LatencySummary;
  /** Last message accepted − last event written, ms: how long the lane needed to catch up. */
  drainMs: number;
}

const LANE = 'bench-email';
const RECIPIENT = 'air.staff1';

export async function deliveryLag(
  dataSource: DataSource,
  client: Client,
  services: Services,
  taskQueue: string,
  logDir: string,
  options: { eventsPerMinute: number; minutes: number; crash: boolean; publicUrl: string },
): Promise<DeliveryResult> {
  const sink = await SmtpSink.start();
  let worker: BenchProcess | undefined;
  try {
    await dataSource.query(`DELETE FROM outbox_messages WHERE lane = $1`, [LANE]);
    await dataSource.query(
      `INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, config)
       VALUES ($1, 'email', '基准测试邮件', true, 'people', 'event', $2)
       ON CONFLICT (id) DO UPDATE SET enabled = true, config = EXCLUDED.config`,
      [LANE, JSON.stringify({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, from: '督办系统 <duban@bench.example>' })],
    );
    await dataSource.query(`UPDATE users SET email = 'air.staff1@bench.example' WHERE username = $1`, [RECIPIENT]);
    // No 免打扰时段 during the run: a one-minute window half a day away.
    const away = (beijingMinuteOfDay(Date.now()) + 12 * 60) % (24 * 60);
    const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    await dataSource.query(`UPDATE notification_settings SET quiet_start = $1, quiet_end = $2 WHERE id = 1`, [clock(away), clock(away + 1)]);

    worker = await startWorkerProcess(services, taskQueue, logDir, 'delivery-worker', { DUBAN_PUBLIC_URL: options.publicUrl });
    const kicker = createKicker({ kick: (lane) => kickDeliveryLanes(client, taskQueue, [lane]) });
    const events = new MeasureEventRepository(dataSource);
    const total = Math.round(options.eventsPerMinute * options.minutes);
    const interval = 60_000 / options.eventsPerMinute;
    const occurred = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const t0 = performance.now();
    let crashed = false;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (options.crash && !crashed && i === Math.floor(total / 2)) {
        crashed = true;
        await worker.kill();
        worker = await startWorkerProcess(services, taskQueue, logDir, 'delivery-worker-2', { DUBAN_PUBLIC_URL: options.publicUrl });
      }
      const event = urgentStep(i, new Date().toISOString());
      occurred.set(`${event.eventId}|${LANE}|${RECIPIENT}`, Date.parse(event.occurredAt));
      const write = events
        .record(event, { publicUrl: options.publicUrl, onOutbox: (lanes) => kicker.kick(lanes) })
        .then(() => undefined)
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const writtenAt = Date.now();
    const achievedPerMinute = round((total / (performance.now() - t0)) * 60_000, 0);

    // Wait for the lane to drain (or give up after 10 minutes).
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const [open] = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE lane = $1 AND status IN ('pending', 'sending')`, [LANE])) as Array<{ n: number }>;
      if (open.n === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    kicker.stop();

    const received = fs
      .readFileSync(sink.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { at: string; raw: string });
    const seen = new Map<string, number>();
    const lags: number[] = [];
    let lastAccepted = 0;
    for (const mail of received) {
      const key = /^X-Duban-Message-Key:\s*(.+?)\r?$/im.exec(mail.raw)?.[1]?.trim();
      if (!key) continue;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const at = Date.parse(mail.at);
      lastAccepted = Math.max(lastAccepted, at);
      const from = occurred.get(key);
      if (from !== undefined && seen.get(key) === 1) lags.push(at - from);
    }
    const lost = [...occurred.keys()].filter((k) => !seen.has(k)).length;
    const duplicates = [...seen.values()].reduce((sum, n) => sum + (n - 1), 0);
    const [resent] = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE lane = $1 AND resent`, [LANE])) as Array<{ n: number }>;
    return {
      eventsPerMinute: options.eventsPerMinute,
      minutes: options.minutes,
      events: total,
      achievedPerMinute,
      received: received.length,
      distinct: seen.size,
      lost,
      duplicates,
      resentRows: resent.n,
      crashed,
      lag: summarize(lags),
      drainMs: Math.max(0, lastAccepted - writtenAt),
    };
  } finally {
    await dataSource.query(`UPDATE notification_channels SET enabled = false WHERE id = $1`, [LANE]).catch(() => undefined);
    await worker?.stop();
    await sink.stop();
  }
}

let measureCounter = 0;
/** A 督办 step (urgent: sent on any day) of its own measure, told to one person. */
function urgentStep(i: number, occurredAt: string): MeasureEvent {
  const measureId = `2044-9.${++measureCounter}.${i}`;
  const workflowId = `measure-${measureId}`;
  return {
    eventId: `${workflowId}#1`,
    measureId,
    workflowId,
    sequence: 1,
    type: 'escalation',
    actor: { userId: 'system', role: 'system' },
    stateAfter: 'in_progress',
    payload: { level: 'supervision', recipients: [`user:${RECIPIENT}`], step: 'supervision@bench' },
    occurredAt,
    snapshot: { ...initialSnapshot(measureId), state: 'in_progress', sequence: 1, assigneeId: RECIPIENT, leadDepartment: 'air', headId: 'air.head', dueDate: '2044-12-31' },
  } as MeasureEvent;
}
