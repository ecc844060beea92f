// Issue 16, "Done when": a measure climbing 预警 → 催办 → 督办 → 问责 on the time-skipping server
// delivers each step by e-mail and by robot to exactly the right people, once each, with the worker
// — the real worker process, dist/apps/worker/main.js — SIGKILLed between every two steps and the
// SMTP server down for part of the run. The channels live only in this suite's own database.
import { eventMessageKey, messageNumber, policyProblems, WorkingDayCalendar, type Actor, type AssignInput, type EscalationPolicy } from '@duban/domain';
import { OrganizationRepository } from '@duban/db';
import { acceptUpdate, assignUpdate, cancelUpdate } from '@duban/workflows';
import type { DataSource } from 'typeorm';
import { bundledCalendarData } from '../activities/calendar-data';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';
import { DingtalkReceiver } from './helpers/robot-receivers';
import { SmtpSink, type ReceivedMail } from './helpers/smtp-sink';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

jest.setTimeout(300_000);

const PUBLIC_URL = 'https://duban.bureau.example';
const DING_TOKEN = 'crashT0ken0123456789abcdef0123456789abcdef0123456789abcdef01234';
const DING_SECRET = 'SECcrash0f1e2d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c';
const EMAIL_LANE = 'email-crash';
const ROBOT_LANE = 'robot-crash-sup';
const HOUR = 3_600_000;

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
/**
 * A tight 督办规则 of the plan's own (each threshold within POLICY_LIMITS): 预警 the working day
 * before the deadline, 督办 one and 问责 two working days overdue. The ladder is the same four steps as
 * under the default policy, in five working days instead of eighteen — every idle hour the test server
 * skips is a turn of each delivery lane, replayed in full by a worker that caches nothing.
 */
const POLICY: EscalationPolicy = { warningDaysBefore: 1, supervisionDaysOverdue: 1, accountabilityDaysOverdue: 2, reviewSlaDays: 1 };
const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate, assignee: waterStaff(staff.userId) });

let harness: TimeSkippingHarness;
let sink: SmtpSink;
let robot: DingtalkReceiver;

async function seed(dataSource: DataSource): Promise<void> {
  await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
  await dataSource.query(`UPDATE users SET email = username || '@bureau.example'`);
  await dataSource.query(
    `INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, config, secrets) VALUES
       ($1, 'email', '督办邮件', true, 'people', 'event', $2::jsonb, '{}'::jsonb),
       ($3, 'dingtalk', '纪检监察群', true, 'supervisors', 'event', $4::jsonb, $5::jsonb)`,
    [
      EMAIL_LANE,
      JSON.stringify({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, from: '督办系统 <duban@bureau.example>' }),
      ROBOT_LANE,
      JSON.stringify({ keyword: '督办' }),
      JSON.stringify({ webhook: robot.webhook, signSecret: DING_SECRET }),
    ],
  );
}

beforeAll(async () => {
  sink = await SmtpSink.start();
  robot = await new DingtalkReceiver(DING_TOKEN, DING_SECRET, '督办').start();
  harness = await TimeSkippingHarness.start('crashdelivery', { isolatedDatabase: true, workerProcess: true, delivery: { publicUrl: PUBLIC_URL }, beforeWorker: seed });
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  await robot?.stop();
  await sink?.dispose();
});

interface Row {
  id: number;
  lane: string;
  event_id: string | null;
  message_key: string;
  recipient: string | null;
  status: string;
  resent: boolean;
}
const rows = (): Promise<Row[]> =>
  harness.dataSource.query(`SELECT id::int AS id, lane, event_id, message_key, recipient, status, resent FROM outbox_messages ORDER BY id`);

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The event's rows once none is open any more. */
const settled = (eventId: string) =>
  until(async () => {
    const mine = (await rows()).filter((r) => r.event_id === eventId);
    return mine.length > 0 && mine.every((r) => r.status === 'sent' || r.status === 'failed') ? mine : undefined;
  }, `the messages of ${eventId}`, 120_000);

const escalation = (workflowId: string, n: number) =>
  until(async () => {
    const found: Array<{ event_id: string; level: string }> = await harness.dataSource.query(
      `SELECT event_id, payload->>'level' AS level FROM measure_events WHERE workflow_id = $1 AND type = 'escalation' ORDER BY sequence`,
      [workflowId],
    );
    return found.length >= n ? found[n - 1] : undefined;
  }, `escalation ${n}`);

const keyOf = (m: ReceivedMail) => String(m.mail.headers.get('x-duban-message-key') ?? '');
const mailedTo = async (eventId: string) => (await sink.messages()).filter((m) => keyOf(m).startsWith(`${eventId}|`)).flatMap((m) => m.to).sort();
const robotPosts = (eventId: string) => robot.accepted.filter((r) => r.raw.includes(`消息编号 ${messageNumber(eventMessageKey(eventId, ROBOT_LANE, 'supervisors'))}`)).length;

/** SIGKILL the worker process and start a new one. */
async function crash(): Promise<void> {
  step('kill');
  await harness.killWorker();
  step('start');
  await harness.startWorker();
  step('started');
}
const began = Date.now();
/** Progress on stderr as it happens (a hang shows where it is). */
const step = (what: string) => void process.stderr.write(`delivery-crash +${Math.round((Date.now() - began) / 1000)}s ${what}\n`);

describe('the ladder delivered through worker crashes and an SMTP outage (time-skipping server, worker process)', () => {
  it('delivers 预警, 催办, 督办, 问责 by e-mail and robot to exactly the right people, once each', async () => {
    expect(policyProblems(POLICY)).toEqual([]);
    const handle = await harness.newMeasure(Number((await harness.today()).slice(0, 4)), undefined, POLICY);
    const due = calendar.addWorkingDays(await harness.today(), 3).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const supervisors = ['discipline.head@bureau.example', 'supervisor1@bureau.example', 'supervisor2@bureau.example'];
    const water = ['water.head@bureau.example', 'water.staff1@bureau.example'];

    // 预警: the assignee only.
    step('skip');
    await harness.skipTo(calendar.addWorkingDays(due, -POLICY.warningDaysBefore).value);
    const warning = await escalation(handle.workflowId, 1);
    expect(warning.level).toBe('warning');
    step('settle');
    await settled(warning.event_id);
    expect(await mailedTo(warning.event_id)).toEqual(['water.staff1@bureau.example']);

    await crash();
    // 催办: + the head.
    step('skip');
    await harness.skipTo(due);
    const urging = await escalation(handle.workflowId, 2);
    expect(urging.level).toBe('urging');
    step('settle');
    await settled(urging.event_id);
    expect(await mailedTo(urging.event_id)).toEqual(water);
    expect(robotPosts(urging.event_id)).toBe(0);

    // The mail server goes down, and the worker dies again; 督办 comes meanwhile.
    await sink.stop();
    await crash();
    step('skip');
    await harness.skipTo(calendar.addWorkingDays(due, POLICY.supervisionDaysOverdue).value);
    const supervision = await escalation(handle.workflowId, 3);
    expect(supervision.level).toBe('supervision');
    await until(async () => (robotPosts(supervision.event_id) > 0 ? true : undefined), 'the 督办 robot post');
    await until(async () => {
      const held = (await rows()).filter((r) => r.event_id === supervision.event_id && r.lane === EMAIL_LANE);
      return held.length === 5 && held.every((r) => r.status === 'pending') ? held : undefined;
    }, 'the 督办 e-mails held');
    // An hour of outage, the worker killed in the middle of it (its lane's batch was failing and backing off).
    step('sleep');
    await harness.env.sleep(HOUR / 2);
    await crash();
    step('sleep');
    await harness.env.sleep(HOUR / 2);
    await sink.restart();
    step('sleep');
    await harness.env.sleep(15 * 60_000);
    step('settle');
    await settled(supervision.event_id);
    expect(await mailedTo(supervision.event_id)).toEqual([...supervisors, ...water].sort());

    await crash();
    // 问责: + leadership; the supervisors' group again.
    step('skip');
    await harness.skipTo(calendar.addWorkingDays(due, POLICY.accountabilityDaysOverdue).value);
    const accountability = await escalation(handle.workflowId, 4);
    expect(accountability.level).toBe('accountability');
    step('settle');
    await settled(accountability.event_id);
    expect(await mailedTo(accountability.event_id)).toEqual([...supervisors, ...water, 'leader1@bureau.example', 'leader2@bureau.example'].sort());
    await until(async () => (robotPosts(accountability.event_id) > 0 ? true : undefined), 'the 问责 robot post');
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });

    // Once each: every outbox row was accepted exactly once, in id order per lane; a second copy may
    // only come of a row marked resent (a send cut off by a kill before its result was recorded).
    const all = await rows();
    const mails = await sink.messages();
    const keys = mails.map(keyOf);
    const resent = new Set(all.filter((r) => r.resent).map((r) => r.message_key));
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const row of all.filter((r) => r.lane === EMAIL_LANE)) {
      expect([row.message_key, row.status]).toEqual([row.message_key, 'sent']);
      expect([row.message_key, counts.get(row.message_key)]).toEqual([row.message_key, resent.has(row.message_key) ? expect.any(Number) : 1]);
    }
    const ids = new Map(all.map((r) => [r.message_key, r.id]));
    const firstArrivals = keys.filter((k, i) => keys.indexOf(k) === i).map((k) => ids.get(k)!);
    expect(firstArrivals).toEqual([...firstArrivals].sort((a, b) => a - b));
    // Robot: 督办 (ladder step and its own 督办单) and 问责, each post once by 消息编号.
    const numbers = robot.accepted.map((r) => /消息编号 (\S+)/.exec(r.raw)?.[1]);
    expect(new Set(numbers).size).toBe(numbers.length - all.filter((r) => r.lane === ROBOT_LANE && r.resent).length);
    expect(all.filter((r) => r.lane === ROBOT_LANE).every((r) => r.status === 'sent')).toBe(true);
    console.log(`delivery through crashes: ${mails.length} mails for ${all.filter((r) => r.lane === EMAIL_LANE).length} rows, ${robot.accepted.length} robot posts, resent rows ${resent.size}`);
  });
});
