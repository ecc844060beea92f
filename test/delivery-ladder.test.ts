// The delivery lanes end to end on the time-skipping server: a measure's ladder 预警 → 催办 → 督办 → 问责
// is written to the outbox with each event and delivered by the lane workflows through a real SMTP
// server (a child process) and a real signature-checking DingTalk receiver; an SMTP outage between
// two steps holds the lane, and everything arrives afterwards in id order; a refused address fails
// for good and the lane goes on. Also: a row a crashed worker left `sending` is resent (same
// Message-ID, counted), a lane with wrong settings pauses until kicked, a robot lane keeps its pace
// on the workflow clock, and a lane continues as new. The channels live only in this suite's own database.
import { eventMessageKey, messageNumber, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import { OrganizationRepository, OutboxRepository } from '@duban/db';
import { kickDeliveryLane } from '@duban/temporal';
import { acceptUpdate, assignUpdate, cancelUpdate } from '@duban/workflows';
import type { DataSource } from 'typeorm';
import { bundledCalendarData } from '../activities/calendar-data';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';
import { DingtalkReceiver } from './helpers/robot-receivers';
import { SmtpSink, type ReceivedMail } from './helpers/smtp-sink';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://duban.bureau.example';
const DING_TOKEN = 'ladderT0ken0123456789abcdef0123456789abcdef0123456789abcdef0123';
const DING_SECRET = 'SECladder0f1e2d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9';
const EMAIL_LANE = 'email-ladder';
const ROBOT_LANE = 'robot-ladder-sup';
/** supervisor2's mailbox does not exist: the SMTP server answers 550 at RCPT TO. */
const REFUSED = 'nobody@bureau.example';
const HOUR = 3_600_000;

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate, assignee: waterStaff(staff.userId) });

let harness: TimeSkippingHarness;
let sink: SmtpSink;
let robot: DingtalkReceiver;

/** The sample organization, everybody with a mailbox (supervisor2's refused), and this suite's two channels. */
async function seed(dataSource: DataSource): Promise<void> {
  await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
  await dataSource.query(`UPDATE users SET email = CASE WHEN username = 'supervisor2' THEN $1 ELSE username || '@bureau.example' END`, [REFUSED]);
  await dataSource.query(
    `INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, config, secrets) VALUES
       ($1, 'email', '督办邮件', true, 'people', 'event', $2::jsonb, '{}'::jsonb),
       ($3, 'dingtalk', '督查室钉钉群', true, 'supervisors', 'event', $4::jsonb, $5::jsonb)`,
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
  sink = await SmtpSink.start({ reject: [REFUSED] });
  robot = await new DingtalkReceiver(DING_TOKEN, DING_SECRET, '督办').start();
  harness = await TimeSkippingHarness.start('ladderdelivery', { isolatedDatabase: true, delivery: { publicUrl: PUBLIC_URL, senderOptions: { timeoutMs: 3000 } }, beforeWorker: seed });
}, 90_000);

afterAll(async () => {
  await harness?.stop();
  await robot?.stop();
  await sink?.dispose();
});

interface Row {
  id: string;
  lane: string;
  event_id: string | null;
  recipient: string | null;
  address: string | null;
  status: string;
  failure_class: string | null;
  resent: boolean;
  attempts: number;
  last_error: string | null;
}

const rows = (): Promise<Row[]> =>
  harness.dataSource.query(`SELECT id::text AS id, lane, event_id, recipient, address, status, failure_class, resent, attempts, last_error FROM outbox_messages ORDER BY id`);

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until no row of the event is open any more (sent or failed). */
const settled = (eventId: string) =>
  until(async () => {
    const mine = (await rows()).filter((r) => r.event_id === eventId);
    return mine.length > 0 && mine.every((r) => r.status === 'sent' || r.status === 'failed') ? mine : undefined;
  }, `the messages of ${eventId}`);

const keyOf = (m: ReceivedMail) => String(m.mail.headers.get('x-duban-message-key') ?? '');
const mailsOf = async (eventId: string) => (await sink.messages()).filter((m) => keyOf(m).startsWith(`${eventId}|`));
const robotPostsOf = (eventId: string) => robot.accepted.filter((r) => r.raw.includes(`消息编号 ${messageNumber(eventMessageKey(eventId, ROBOT_LANE, 'supervisors'))}`));

async function escalationEvents(workflowId: string, count: number): Promise<Array<{ event_id: string; level: string }>> {
  return until(async () => {
    const found: Array<{ event_id: string; level: string }> = await harness.dataSource.query(
      `SELECT event_id, payload->>'level' AS level FROM measure_events WHERE workflow_id = $1 AND type = 'escalation' ORDER BY sequence`,
      [workflowId],
    );
    return found.length >= count ? found : undefined;
  }, `${count} escalations`);
}

/** A message of the lane as the outbox writer would freeze it. */
const message = (lane: string, kind: 'email' | 'dingtalk', n: string, address: string | null = null) => ({
  messageKey: `test-${n}|${lane}|${address ?? 'supervisors'}`,
  lane,
  channelKind: kind,
  origin: 'event' as const,
  eventId: null,
  measureId: null,
  recipient: address ? 'water.staff1' : null,
  address,
  urgent: false,
  subject: `【督办】测试消息 ${n}`,
  bodyText: `测试消息 ${n}\n消息编号 ${n}`,
  bodyMarkdown: `测试消息 ${n}\n\n消息编号 ${n}`,
  link: `${PUBLIC_URL}/#/`,
  notBefore: new Date(0),
});

describe('delivery lanes (time-skipping server, real SMTP and DingTalk receivers, real PostgreSQL)', () => {
  it('delivers each ladder step once to the right people, holds the lane through an SMTP outage and then sends in id order', async () => {
    const started = Date.now();
    const handle = await harness.newMeasure(Number((await harness.today()).slice(0, 4)));
    const due = calendar.addWorkingDays(await harness.today(), 8).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });

    // 预警: the assignee only.
    await harness.skipTo(calendar.addWorkingDays(due, -5).value);
    const [warning] = await escalationEvents(handle.workflowId, 1);
    expect(warning.level).toBe('warning');
    await settled(warning.event_id);
    expect((await mailsOf(warning.event_id)).map((m) => m.to)).toEqual([['water.staff1@bureau.example']]);

    // 催办: + the lead department's head.
    await harness.skipTo(due);
    const urging = (await escalationEvents(handle.workflowId, 2))[1];
    expect(urging.level).toBe('urging');
    await settled(urging.event_id);
    expect((await mailsOf(urging.event_id)).flatMap((m) => m.to).sort()).toEqual(['water.head@bureau.example', 'water.staff1@bureau.example']);
    expect(robotPostsOf(urging.event_id)).toHaveLength(0); // not urgent: the supervisors' group hears nothing

    // The mail server goes down; 督办 comes meanwhile: the robot lane delivers, the e-mail lane waits.
    await sink.stop();
    const supervisionDay = calendar.addWorkingDays(due, 3).value;
    await harness.skipTo(supervisionDay);
    const supervision = (await escalationEvents(handle.workflowId, 3))[2];
    expect(supervision.level).toBe('supervision');
    await until(() => (robotPostsOf(supervision.event_id).length > 0 ? true : undefined), 'the 督办 robot post');
    const held = await until(async () => {
      const mine = (await rows()).filter((r) => r.event_id === supervision.event_id && r.lane === EMAIL_LANE);
      return mine.length > 0 && mine.every((r) => r.status === 'pending') && mine.some((r) => r.last_error) ? mine : undefined;
    }, 'the 督办 e-mails held with the lane');
    expect(held.map((r) => r.recipient).sort()).toEqual(['discipline.head', 'supervisor1', 'supervisor2', 'water.head', 'water.staff1']);
    // An hour of the outage passes (Temporal retries the batch, backing off); then the server is back.
    await harness.env.sleep(HOUR);
    await sink.restart({ reject: [REFUSED] });
    await harness.env.sleep(15 * 60_000); // the next retry (at most 10 minutes apart) finds it up
    const afterOutage = await settled(supervision.event_id);
    expect((await mailsOf(supervision.event_id)).flatMap((m) => m.to).sort()).toEqual([
      'discipline.head@bureau.example',
      'supervisor1@bureau.example',
      'water.head@bureau.example',
      'water.staff1@bureau.example',
    ]);
    // The refused mailbox ends failed for good; the lane went on past it.
    expect(afterOutage.find((r) => r.recipient === 'supervisor2' && r.lane === EMAIL_LANE)).toMatchObject({ status: 'failed', failure_class: 'permanent', address: REFUSED });
    expect(robotPostsOf(supervision.event_id)).toHaveLength(1);

    // 问责: + leadership; the supervisors' group again.
    await harness.skipTo(calendar.addWorkingDays(due, 10).value);
    const accountability = (await escalationEvents(handle.workflowId, 4))[3];
    expect(accountability.level).toBe('accountability');
    await settled(accountability.event_id);
    expect((await mailsOf(accountability.event_id)).flatMap((m) => m.to).sort()).toEqual([
      'discipline.head@bureau.example',
      'leader1@bureau.example',
      'leader2@bureau.example',
      'supervisor1@bureau.example',
      'water.head@bureau.example',
      'water.staff1@bureau.example',
    ]);
    await until(() => (robotPostsOf(accountability.event_id).length > 0 ? true : undefined), 'the 问责 robot post');
    expect(robotPostsOf(accountability.event_id)).toHaveLength(1);

    // Every mail once (one Message-ID each, stable: <row id>.<hash>@host of DUBAN_PUBLIC_URL), accepted in id order.
    const all = await sink.messages();
    const ids = all.map((m) => m.mail.messageId ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^<\d+\.[0-9a-f]{16}@duban\.bureau\.example>$/.test(id))).toBe(true);
    const byKey = new Map((await harness.dataSource.query(`SELECT message_key, id::int AS id FROM outbox_messages`) as Array<{ message_key: string; id: number }>).map((r) => [r.message_key, r.id]));
    const order = all.map((m) => byKey.get(keyOf(m))!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(ids).toEqual(order.map((id) => expect.stringMatching(new RegExp(`^<${id}\\.`))));
    // Robot posts: each once (its 消息编号), signed and accepted.
    const numbers = robot.accepted.map((r) => /消息编号 (\S+)/.exec(r.raw)?.[1]);
    expect(new Set(numbers).size).toBe(numbers.length);
    const final = await rows();
    expect(final.filter((r) => r.resent)).toEqual([]);
    expect(final.filter((r) => r.status !== 'sent' && r.status !== 'failed')).toEqual([]);
    expect(final.filter((r) => r.status === 'failed').map((r) => r.address)).toEqual(final.filter((r) => r.address === REFUSED).map(() => REFUSED));
    // No secret in what the lanes stored.
    expect(JSON.stringify(final)).not.toContain(DING_SECRET);
    expect(JSON.stringify(final)).not.toContain(DING_TOKEN);
    const [health] = await harness.dataSource.query(`SELECT health FROM notification_channels WHERE id = $1`, [EMAIL_LANE]);
    expect(health.health).toMatchObject({ pausedReason: null });
    expect(typeof health.health.lastOkAt).toBe('string');
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });
    console.log(`delivery ladder: ${all.length} mails, ${robot.accepted.length} robot posts, ${final.length} rows in ${Date.now() - started} ms`);
  });

  it('sends again, with the same Message-ID, a row a crashed worker left `sending`, and counts it as resent', async () => {
    const outbox = new OutboxRepository(harness.dataSource);
    const now = new Date(await harness.env.currentTimeMs());
    await outbox.insertMessages([message(EMAIL_LANE, 'email', 'crash-1', 'water.staff1@bureau.example')], now);
    const row = (await outbox.findByKey(`test-crash-1|${EMAIL_LANE}|water.staff1@bureau.example`))!;
    // What a worker killed between its claim and the send's record leaves behind.
    await harness.dataSource.query(`UPDATE outbox_messages SET status = 'sending', attempts = 1 WHERE id = $1`, [row.id]);
    await kickDeliveryLane(harness.env.client, harness.taskQueue, EMAIL_LANE);
    const sent = await until(async () => {
      const r = await outbox.findByKey(row.messageKey);
      return r?.status === 'sent' ? r : undefined;
    }, 'the resend');
    expect(sent).toMatchObject({ resent: true, attempts: 2 });
    const mails = (await sink.messages()).filter((m) => keyOf(m) === row.messageKey);
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.messageId).toMatch(new RegExp(`^<${row.id}\\.[0-9a-f]{16}@duban\\.bureau\\.example>$`));
  });

  it('pauses a lane whose settings are wrong (a bad signing secret), keeps its rows, and goes on when kicked after the fix', async () => {
    const outbox = new OutboxRepository(harness.dataSource);
    await harness.dataSource.query(`UPDATE notification_channels SET secrets = $2::jsonb WHERE id = $1`, [ROBOT_LANE, JSON.stringify({ webhook: robot.webhook, signSecret: 'SECwrong' })]);
    const now = new Date(await harness.env.currentTimeMs());
    await outbox.insertMessages([message(ROBOT_LANE, 'dingtalk', 'pause-1'), message(ROBOT_LANE, 'dingtalk', 'pause-2')], now);
    await kickDeliveryLane(harness.env.client, harness.taskQueue, ROBOT_LANE);
    const health = await until(async () => {
      const [c] = await harness.dataSource.query(`SELECT health FROM notification_channels WHERE id = $1`, [ROBOT_LANE]);
      return c.health.pausedReason ? c.health : undefined;
    }, 'the lane paused');
    expect(health.pausedReason).toMatch(/310000|sign/);
    expect(JSON.stringify(health)).not.toContain(DING_TOKEN);
    const held = await Promise.all(['pause-1', 'pause-2'].map((n) => outbox.findByKey(`test-${n}|${ROBOT_LANE}|supervisors`)));
    expect(held.map((r) => r?.status)).toEqual(['pending', 'pending']);
    // The admin saves the right secret (the API kicks the lane): both go, in order.
    await harness.dataSource.query(`UPDATE notification_channels SET secrets = $2::jsonb WHERE id = $1`, [ROBOT_LANE, JSON.stringify({ webhook: robot.webhook, signSecret: DING_SECRET })]);
    await kickDeliveryLane(harness.env.client, harness.taskQueue, ROBOT_LANE);
    await until(async () => {
      const rs = await Promise.all(['pause-1', 'pause-2'].map((n) => outbox.findByKey(`test-${n}|${ROBOT_LANE}|supervisors`)));
      return rs.every((r) => r?.status === 'sent') ? rs : undefined;
    }, 'the paused rows sent');
    const order = robot.accepted.filter((r) => /测试消息 pause-\d/.test(r.raw)).map((r) => /测试消息 (pause-\d)/.exec(r.raw)![1]);
    expect(order).toEqual(['pause-1', 'pause-2']);
    const [after] = await harness.dataSource.query(`SELECT health FROM notification_channels WHERE id = $1`, [ROBOT_LANE]);
    expect(after.health.pausedReason).toBeNull();
  });

  it('paces a robot lane on the workflow clock: no more than per_minute posts in any minute, the rest after', async () => {
    const outbox = new OutboxRepository(harness.dataSource);
    await harness.dataSource.query(`UPDATE notification_channels SET per_minute = 2 WHERE id = $1`, [ROBOT_LANE]);
    await harness.env.sleep(61_000); // the earlier posts leave the minute
    const now = new Date(await harness.env.currentTimeMs());
    await outbox.insertMessages(['pace-1', 'pace-2', 'pace-3'].map((n) => message(ROBOT_LANE, 'dingtalk', n)), now);
    await kickDeliveryLane(harness.env.client, harness.taskQueue, ROBOT_LANE);
    const status = async () => Promise.all(['pace-1', 'pace-2', 'pace-3'].map(async (n) => (await outbox.findByKey(`test-${n}|${ROBOT_LANE}|supervisors`))?.status));
    await until(async () => ((await status()).filter((s) => s === 'sent').length === 2 ? true : undefined), 'two posts');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await status()).toEqual(['sent', 'sent', 'pending']);
    await harness.env.sleep(61_000);
    await until(async () => ((await status()).every((s) => s === 'sent') ? true : undefined), 'the third post a minute later');
    const posted = robot.accepted.filter((r) => /测试消息 pace-\d/.test(r.raw)).map((r) => /测试消息 (pace-\d)/.exec(r.raw)![1]);
    expect(posted).toEqual(['pace-1', 'pace-2', 'pace-3']);
  });

  it('continues as new after its turns (idle wakes every 6 h) and goes on delivering in the new run', async () => {
    const lane = harness.env.client.workflow.getHandle(`delivery-${EMAIL_LANE}`);
    const before = (await lane.describe()).runId;
    // 200 turns of 6-hour idle waits: some 50 days.
    for (let day = 0; day < 52; day += 4) await harness.env.sleep(4 * 24 * HOUR);
    const after = await lane.describe();
    expect(after.runId).not.toBe(before);
    expect(after.status.name).toBe('RUNNING');
    const outbox = new OutboxRepository(harness.dataSource);
    await outbox.insertMessages([message(EMAIL_LANE, 'email', 'after-can', 'water.staff1@bureau.example')], new Date(await harness.env.currentTimeMs()));
    await kickDeliveryLane(harness.env.client, harness.taskQueue, EMAIL_LANE);
    await until(async () => ((await outbox.findByKey(`test-after-can|${EMAIL_LANE}|water.staff1@bureau.example`))?.status === 'sent' ? true : undefined), 'a send in the new run');
  });
});
