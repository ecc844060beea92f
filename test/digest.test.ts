// 每日汇总 on the time-skipping server: the digest workflow wakes at 08:30 Beijing on working days
// only — not on the weekend, not on an official holiday, yes on a 调休 Saturday (an official year
// loaded into this suite's own database) — and writes each person's (and a department robot's)
// digest of their own tasks, delivered by the lanes; a day with nothing to say sends nothing, and a
// second run of a day writes nothing.
import {
  addCalendarDays,
  beijingDate,
  beijingInstant,
  clockMinutes,
  digestMessage,
  digestMessageKey,
  mergeCalendarData,
  messageNumber,
  robotReserve,
  weekday,
  WorkingDayCalendar,
  type Actor,
  type DigestItem,
  type DigestItems,
} from '@duban/domain';
import { CalendarRepository, DigestRepository, OrganizationRepository, OutboxRepository } from '@duban/db';
import { ensureDigestWorkflow, startMeasureWorkflow } from '@duban/temporal';
import { acceptUpdate, assignUpdate, snapshotQuery, submitForReviewUpdate } from '@duban/workflows';
import type { DataSource } from 'typeorm';
import { createDeliveryActivities } from '../activities/delivery.activities';
import { bundledCalendarData } from '../activities/calendar-data';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';
import { DingtalkReceiver } from './helpers/robot-receivers';
import { addPlanMeasure } from './helpers/services';
import { SmtpSink } from './helpers/smtp-sink';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

jest.setTimeout(150_000);

const PUBLIC_URL = 'https://duban.bureau.example';
const EMAIL_LANE = 'email-digest';
const ROBOT_LANE = 'robot-digest-water';
const DING_TOKEN = 'digestT0ken0123456789abcdef0123456789abcdef0123456789abcdef0123';
const DING_SECRET = 'SECdigest0f1e2d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9';
const KEYWORD = '督办';
const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };

let harness: TimeSkippingHarness;
let sink: SmtpSink;
let robot: DingtalkReceiver;
let today: string;
/** The window: the first Friday after today, its weekend, a holiday Monday, …, a 调休 Saturday. */
let friday: string;
let holiday: string;
let makeUpSaturday: string;
let calendar: WorkingDayCalendar;

function windowDates(from: string) {
  let f = addCalendarDays(from, 1);
  while (weekday(f) !== 5) f = addCalendarDays(f, 1);
  return { friday: f, holiday: addCalendarDays(f, 3), makeUpSaturday: addCalendarDays(f, 8) };
}

async function seed(dataSource: DataSource): Promise<void> {
  await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
  // Only these three have mailboxes; all three chose the daily digest.
  await dataSource.query(`UPDATE users SET email = username || '@bureau.example' WHERE username IN ('water.staff1', 'water.head', 'air.staff1')`);
  await dataSource.query(`INSERT INTO notification_preferences (username, email_mode) VALUES ('water.staff1', 'digest'), ('water.head', 'digest'), ('air.staff1', 'digest')`);
  await dataSource.query(
    `INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, config, secrets) VALUES
       ($1, 'email', '督办邮件', true, 'people', 'event', $2::jsonb, '{}'::jsonb),
       ($3, 'dingtalk', '水生态环境处钉钉群', true, 'department:water', 'digest', $4::jsonb, $5::jsonb)`,
    [
      EMAIL_LANE,
      JSON.stringify({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, from: '督办系统 <duban@bureau.example>' }),
      ROBOT_LANE,
      JSON.stringify({ keyword: KEYWORD }),
      JSON.stringify({ webhook: robot.webhook, signSecret: DING_SECRET }),
    ],
  );
  // The official list of the window's year(s): the bundled data plus a holiday Monday and a 调休 Saturday.
  const calendars = new CalendarRepository(dataSource);
  for (const year of new Set([holiday.slice(0, 4), makeUpSaturday.slice(0, 4)])) {
    const bundled = bundledCalendarData().years[year] ?? { holidays: [], workdays: [] };
    const holidays = [...new Set([...bundled.holidays, ...(holiday.startsWith(year) ? [holiday] : [])])].sort();
    const workdays = [...new Set([...bundled.workdays, ...(makeUpSaturday.startsWith(year) ? [makeUpSaturday] : [])])].sort();
    await calendars.saveOfficial(Number(year), holidays, workdays, 'admin');
  }
  calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), await calendars.listOfficial(2000, 2100)));
}

beforeAll(async () => {
  sink = await SmtpSink.start();
  robot = await new DingtalkReceiver(DING_TOKEN, DING_SECRET, KEYWORD).start();
  today = beijingDate(Date.now()); // the test server starts at the real time (checked below)
  harness = await TimeSkippingHarness.start('digest', {
    isolatedDatabase: true,
    delivery: { publicUrl: PUBLIC_URL, senderOptions: { timeoutMs: 3000 } },
    beforeWorker: async (dataSource) => {
      ({ friday, holiday, makeUpSaturday } = windowDates(today));
      await seed(dataSource);
    },
  });
  const serverToday = await harness.today();
  if (serverToday !== today) throw new Error(`the test server's day ${serverToday} is not ${today}: run again`);
}, 90_000);

afterAll(async () => {
  await harness?.stop();
  await robot?.stop();
  await sink?.dispose();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A plan measure of 水生态环境处, its workflow started, assigned to water.staff1 and accepted. */
async function measure(dueDate: string, submit = false): Promise<DigestItem> {
  const id = await addPlanMeasure(harness.dataSource, 'water', Number(today.slice(0, 4)));
  const handle = await startMeasureWorkflow(harness.env.client, harness.taskQueue, { year: Number(id.slice(0, 4)), code: id.slice(5), suggestedDepartment: 'water' });
  await handle.query(snapshotQuery);
  await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate, assignee: waterStaff(staff.userId) }] });
  await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
  if (submit) await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
  return { measureId: id, title: `测试事项 ${id.slice(5)}`, dueDate, note: submit ? '待审核' : null };
}

const sunday = (date: string) => addCalendarDays(date, (7 - weekday(date)) % 7);

interface DigestRow {
  message_key: string;
  lane: string;
  recipient: string | null;
  subject: string;
  body_text: string;
  status: string;
  created_at: Date;
}

describe('daily digest (time-skipping server, real SMTP and DingTalk receivers, real PostgreSQL)', () => {
  it('goes at 08:30 Beijing on working days only, lists each one’s own tasks, says nothing when there is nothing, and never twice', async () => {
    const started = Date.now();
    // This week's (due Friday), next week's (due the Friday after), and one under review (far off).
    const thisWeek = await measure(friday);
    const nextWeek = await measure(addCalendarDays(friday, 7));
    const review = await measure(addCalendarDays(friday, 28), true);
    const startAt = await harness.env.currentTimeMs();
    expect(await ensureDigestWorkflow(harness.env.client, harness.taskQueue)).toBe('started');
    expect(await ensureDigestWorkflow(harness.env.client, harness.taskQueue)).toBe('running');

    // Day by day to the 调休 Saturday, 10:00 Beijing each.
    const morning = clockMinutes('08:30')!;
    const expectedDays: string[] = [];
    for (let date = today; date <= makeUpSaturday; date = addCalendarDays(date, 1)) {
      if (beijingInstant(date, morning) > startAt && calendar.isWorkingDay(date)) expectedDays.push(date);
      const wait = beijingInstant(date, 10 * 60) - (await harness.env.currentTimeMs());
      if (wait > 0) await harness.env.sleep(wait);
      if (expectedDays.at(-1) === date) await until(async () => ((await new DigestRepository(harness.dataSource).runs()).some((r) => r.date === date && r.finished) ? true : undefined), `the digest of ${date}`);
    }
    expect(expectedDays).not.toContain(addCalendarDays(friday, 1)); // Saturday
    expect(expectedDays).not.toContain(addCalendarDays(friday, 2)); // Sunday
    expect(expectedDays).not.toContain(holiday);
    expect(expectedDays).toContain(makeUpSaturday);
    const runs = await new DigestRepository(harness.dataSource).runs();
    expect(runs.map((r) => r.date)).toEqual(expectedDays);

    // Every digest row: made at 08:30 Beijing of its day, delivered, with the words digestMessage gives the person's lists.
    const rows = await until(async () => {
      const found: DigestRow[] = await harness.dataSource.query(
        `SELECT message_key, lane, recipient, subject, body_text, status, created_at FROM outbox_messages WHERE origin = 'digest' ORDER BY id`,
      );
      return found.length > 0 && found.every((r) => r.status === 'sent') ? found : undefined;
    }, 'every digest delivered');
    const expected: Array<{ key: string; subject: string; text: string }> = [];
    for (const date of expectedDays) {
      const mine = (item: DigestItem) => ({ ...item, note: null });
      const lists = (withReview: boolean): DigestItems => ({
        overdue: [thisWeek, nextWeek].filter((m) => m.dueDate! < date).map(mine),
        dueThisWeek: [thisWeek, nextWeek].filter((m) => m.dueDate! >= date && m.dueDate! <= sunday(date)).map(mine),
        awaitingMyReview: withReview ? [review] : [],
      });
      for (const [recipient, channel, withReview] of [
        ['water.head', EMAIL_LANE, true],
        ['water.staff1', EMAIL_LANE, false],
        ['department:water', ROBOT_LANE, true],
      ] as const) {
        const key = digestMessageKey(date, channel, recipient);
        const [who]: Array<{ name: string }> = recipient.startsWith('department:')
          ? await harness.dataSource.query(`SELECT name FROM departments WHERE code = 'water'`)
          : await harness.dataSource.query(`SELECT display_name AS name FROM users WHERE username = $1`, [recipient]);
        const message = digestMessage({ name: who.name }, lists(withReview), {
          date,
          publicUrl: PUBLIC_URL,
          channelKind: channel === EMAIL_LANE ? 'email' : 'dingtalk',
          messageId: messageNumber(key),
          reserveBytes: channel === EMAIL_LANE ? 0 : robotReserve(KEYWORD),
        });
        if (message) expected.push({ key, subject: message.subject, text: message.text });
      }
    }
    expect(rows.map((r) => r.message_key).sort()).toEqual(expected.map((e) => e.key).sort());
    for (const row of rows) {
      const want = expected.find((e) => e.key === row.message_key)!;
      expect({ subject: row.subject, text: row.body_text }).toEqual({ subject: want.subject, text: want.text });
      const date = row.message_key.split('|')[1];
      expect(row.created_at.getTime()).toBe(beijingInstant(date, morning));
    }
    // air.staff1 has nothing to do: no digest at all.
    expect(rows.filter((r) => r.recipient === 'air.staff1')).toEqual([]);
    // Each arrived once: by mail (the subject of its day) and in the group chat.
    const mails = await sink.messages();
    const digestMails = mails.filter((m) => String(m.mail.headers.get('x-duban-message-key') ?? '').startsWith('digest|'));
    expect(digestMails.map((m) => String(m.mail.headers.get('x-duban-message-key'))).sort()).toEqual(expected.filter((e) => e.key.includes(EMAIL_LANE)).map((e) => e.key).sort());
    const posts = robot.accepted.filter((r) => r.raw.includes('每日督办提醒'));
    expect(posts).toHaveLength(expected.filter((e) => e.key.includes(ROBOT_LANE)).length);

    // A second run of a day writes nothing: the day is marked, and even unmarked every key exists.
    const activities = createDeliveryActivities({
      outbox: new OutboxRepository(harness.dataSource),
      calendars: new CalendarRepository(harness.dataSource),
      digests: new DigestRepository(harness.dataSource),
      publicUrl: PUBLIC_URL,
    });
    const day = expectedDays.at(-1)!;
    expect(await activities.runDigest({ date: day, at: beijingInstant(day, morning) })).toEqual({ date: day, ran: false, messages: 0 });
    await harness.dataSource.query(`DELETE FROM digest_runs WHERE on_date = $1`, [day]);
    const again = await activities.runDigest({ date: day, at: beijingInstant(day, morning) });
    expect(again.ran).toBe(true);
    // A run that began and never finished (a crash mid-way) may go again; its keys keep it single.
    await harness.dataSource.query(`UPDATE digest_runs SET finished_at = NULL WHERE on_date = $1`, [day]);
    expect(await activities.runDigest({ date: day, at: beijingInstant(day, morning) })).toMatchObject({ ran: true });
    expect(await activities.runDigest({ date: day, at: beijingInstant(day, morning) })).toMatchObject({ ran: false });
    expect(await activities.runDigest({ date: holiday, at: beijingInstant(holiday, morning) })).toEqual({ date: holiday, ran: false, messages: 0 });
    const [{ count }] = await harness.dataSource.query(`SELECT count(*)::int AS count FROM outbox_messages WHERE origin = 'digest'`);
    expect(count).toBe(rows.length);
    activities.closeSenders();
    console.log(`digest: ${expectedDays.length} working days (${expectedDays.join(', ')}), ${rows.length} digests in ${Date.now() - started} ms`);
  });
});
