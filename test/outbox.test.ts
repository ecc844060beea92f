// The outbox of pushed messages (issue 16 item 2), on the real PostgreSQL in a database of this
// suite's own (its enabled channels would otherwise give every other suite's events rows): rows are
// written in the event's own transaction — for the same people as the 站内通知, at the address they
// have, by their preference and the bureau's SMS policy, and to the group robots the event concerns —
// never twice for a retried record, and not at all when the transaction rolls back. Each row's words
// are frozen (the 站内通知's title, a link to DUBAN_PUBLIC_URL, 消息编号) and it waits out quiet
// hours and non-working days unless urgent.
import type { DataSource } from 'typeorm';
import { createDataSource, MeasureEventRepository, migrate } from '@duban/db';
import { deliveryNotBefore, initialSnapshot, WorkingDayCalendar, type MeasureEvent, type MeasureSnapshot } from '@duban/domain';
import { seedFirstRun } from '../seeds/seed';
import { addPlanMeasure, testServices } from './helpers/services';
import { createIsolatedDatabase } from './helpers/time-skipping';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://duban.bureau.example';
// Weekdays only: no holidays in this calendar (the rules of holidays are the window's own spec).
const calendar = new WorkingDayCalendar({ years: {} });

let ds: DataSource;
let events: MeasureEventRepository;
let waterMeasure: string;
let airMeasure: string;
let sequence = 0;

interface Row {
  message_key: string;
  lane: string;
  channel_kind: string;
  recipient: string | null;
  address: string | null;
  urgent: boolean;
  subject: string;
  body_text: string;
  body_markdown: string;
  link: string;
  not_before: Date;
  status: string;
  created_at: Date;
}
const rowsOf = (eventId: string): Promise<Row[]> => ds.query(`SELECT * FROM outbox_messages WHERE event_id = $1 ORDER BY lane, recipient`, [eventId]);
const notified = async (eventId: string): Promise<Array<{ recipient: string; title: string }>> =>
  ds.query(`SELECT recipient, title FROM notifications WHERE event_id = $1 ORDER BY recipient`, [eventId]);

function event(measureId: string, department: string, type: string, payload: Record<string, unknown>, occurredAt: string, snap: Partial<MeasureSnapshot> = {}): MeasureEvent {
  const n = ++sequence;
  return {
    eventId: `measure-${measureId}#${n}`,
    measureId,
    workflowId: `measure-${measureId}`,
    sequence: n,
    type,
    // The system climbs the ladder; the staff member submits; the head does the rest.
    actor: type === 'escalation' ? { userId: 'system', role: 'system' } : type === 'submitForReview' ? { userId: `${department}.staff1`, role: 'staff' } : { userId: `${department}.head`, role: 'department_head' },
    stateAfter: 'in_progress',
    payload,
    occurredAt,
    snapshot: {
      ...initialSnapshot(measureId),
      state: 'in_progress',
      assigneeId: `${department}.staff1`,
      headId: `${department}.head`,
      leadDepartment: department,
      dueDate: '2031-03-31',
      ...snap,
    },
  } as MeasureEvent;
}

const escalation = (measureId: string, department: string, level: string, occurredAt: string) => {
  const recipients = level === 'accountability'
    ? [`user:${department}.staff1`, `head:${department}`, 'group:supervisors', 'group:leadership']
    : level === 'supervision'
      ? [`user:${department}.staff1`, `head:${department}`, 'group:supervisors']
      : [`user:${department}.staff1`];
  return event(measureId, department, 'escalation', { level, recipients, step: `${level}@x` }, occurredAt);
};

// A Wednesday, 10:00 Beijing (02:00 UTC): inside office hours on a working day.
const WEDNESDAY_10 = '2031-04-02T02:00:00.000Z';

beforeAll(async () => {
  ds = createDataSource(await createIsolatedDatabase(testServices().databaseUrl, 'outbox'));
  await ds.initialize();
  await migrate(ds);
  await seedFirstRun(ds);
  events = new MeasureEventRepository(ds);
  waterMeasure = await addPlanMeasure(ds, 'water', 2031);
  airMeasure = await addPlanMeasure(ds, 'air', 2031);
  // Addresses: the head and staff of 水生态环境处 and 大气处, a supervisor, a leader; water.staff2 has none.
  const contacts: Array<[string, string | null, string | null]> = [
    ['water.staff1', 'water.staff1@bureau.example', '13800000001'],
    ['water.head', 'water.head@bureau.example', '13800000002'],
    ['air.staff1', 'air.staff1@bureau.example', null],
    ['air.head', 'air.head@bureau.example', '13800000004'],
    ['supervisor1', 'supervisor1@bureau.example', '13800000005'],
    ['leader1', 'leader1@bureau.example', null],
  ];
  for (const [username, email, mobile] of contacts) await ds.query(`UPDATE users SET email = $2, mobile = $3 WHERE username = $1`, [username, email, mobile]);
}, 60_000);

afterAll(() => ds?.destroy());

describe('the outbox, written with the event (PostgreSQL)', () => {
  it('writes nothing while no channel is enabled; the 站内通知 still comes', async () => {
    const e = event(waterMeasure, 'water', 'assign', {}, WEDNESDAY_10);
    await expect(events.record(e, { calendar, publicUrl: PUBLIC_URL })).resolves.toBe('recorded');
    expect(await notified(e.eventId)).toHaveLength(1);
    expect(await rowsOf(e.eventId)).toEqual([]);
  });

  describe('with channels', () => {
    beforeAll(async () => {
      const channel = (id: string, kind: string, audience: string, mode = 'event', enabled = true, config: Record<string, unknown> = {}) =>
        ds.query(`INSERT INTO notification_channels (id, kind, name, enabled, audience, mode, config) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [id, kind, id, enabled, audience, mode, JSON.stringify(config)]);
      await channel('email', 'email', 'people');
      await channel('sms', 'sms', 'people');
      await channel('robot-water', 'dingtalk', 'department:water', 'event', true, { keyword: '督办' });
      await channel('robot-air', 'wecom', 'department:air', 'digest');
      await channel('robot-supervisors', 'feishu', 'supervisors');
      await channel('robot-leadership', 'wecom', 'leadership');
      await channel('robot-off', 'wecom', 'department:water', 'event', false);
      // water.head reads the daily digest; air.staff1 wants no e-mail.
      await ds.query(`INSERT INTO notification_preferences (username, email_mode, sms_enabled) VALUES ('water.head', 'digest', true), ('air.staff1', 'off', true)`);
    });

    it('an assignment: an e-mail to the assignee and a post to the department robot, in the same words as the 站内通知', async () => {
      const lanes: string[][] = [];
      const e = event(waterMeasure, 'water', 'assign', { assigneeId: 'water.staff1', dueDate: '2031-03-31' }, WEDNESDAY_10);
      await events.record(e, { calendar, publicUrl: PUBLIC_URL, onOutbox: (l) => lanes.push(l) });
      const [notice] = await notified(e.eventId);
      const rows = await rowsOf(e.eventId);
      expect(rows.map((r) => [r.lane, r.recipient, r.address])).toEqual([
        ['email', 'water.staff1', 'water.staff1@bureau.example'],
        ['robot-water', null, null],
      ]);
      // Told after the commit which lanes to wake.
      expect(lanes).toEqual([['email', 'robot-water']]);
      for (const row of rows) {
        expect(row.subject).toBe(notice.title);
        expect(row.urgent).toBe(false);
        expect(row.status).toBe('pending');
        expect(row.link).toBe(`${PUBLIC_URL}/#/measures/${encodeURIComponent(waterMeasure)}`);
        expect(row.body_text).toContain(`查看详情：${row.link}`);
        expect(row.body_text).toMatch(/消息编号 [0-9A-Z]{13}$/);
        expect(row.created_at.toISOString()).toBe(WEDNESDAY_10);
        expect(row.not_before.toISOString()).toBe(WEDNESDAY_10); // a working day, office hours: at once
      }
      expect(rows[0].message_key).toBe(`${e.eventId}|email|water.staff1`);
      expect(rows[1].message_key).toBe(`${e.eventId}|robot-water|department:water`);
      expect(rows[1].body_markdown).toContain(`**${notice.title}**`);
      expect(rows[0].body_text).toContain('牵头处室：水生态环境处');
      expect(rows[0].body_text).toContain('截止日期：2031-03-31');
    });

    it('a retried record writes nothing twice and wakes no lane', async () => {
      const e = event(waterMeasure, 'water', 'approve', {}, WEDNESDAY_10);
      await events.record(e, { calendar, publicUrl: PUBLIC_URL });
      const first = await rowsOf(e.eventId);
      expect(first).toHaveLength(2);
      const lanes: string[][] = [];
      await expect(events.record(e, { calendar, publicUrl: PUBLIC_URL, onOutbox: (l) => lanes.push(l) })).resolves.toBe('already_recorded');
      expect(await rowsOf(e.eventId)).toEqual(first);
      expect(lanes).toEqual([]);
    });

    it('a rolled-back transaction leaves neither the 站内通知 nor a message', async () => {
      const e = event(waterMeasure, 'water', 'returnForRework', {}, WEDNESDAY_10);
      // The audit append, the transaction's last write, fails for this one event only.
      await ds.query(`CREATE FUNCTION outbox_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.event_id = '${e.eventId}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
      await ds.query(`CREATE TRIGGER outbox_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION outbox_test_refuse()`);
      try {
        await expect(events.record(e, { calendar, publicUrl: PUBLIC_URL })).rejects.toThrow(/refused for the test/);
      } finally {
        await ds.query(`DROP TRIGGER outbox_test_refuse ON audit_log`);
        await ds.query(`DROP FUNCTION outbox_test_refuse()`);
      }
      expect(await notified(e.eventId)).toEqual([]);
      expect(await rowsOf(e.eventId)).toEqual([]);
      // Recorded again (the activity's retry): now everything is written, once.
      await events.record(e, { calendar, publicUrl: PUBLIC_URL });
      expect((await rowsOf(e.eventId)).map((r) => r.lane)).toEqual(['email', 'robot-water']);
    });

    it('督办 (urgent): SMS to those with a mobile, e-mail even to a digest reader, and the supervisors’ robot', async () => {
      const e = escalation(waterMeasure, 'water', 'supervision', WEDNESDAY_10);
      await events.record(e, { calendar, publicUrl: PUBLIC_URL });
      const told = (await notified(e.eventId)).map((n) => n.recipient);
      // Every supervisor (discipline.head and supervisor2 have no address) and the department's people.
      expect(told).toEqual(['discipline.head', 'supervisor1', 'supervisor2', 'water.head', 'water.staff1']);
      const rows = await rowsOf(e.eventId);
      expect(rows.map((r) => [r.lane, r.recipient ?? r.message_key.split('|')[2]])).toEqual([
        ['email', 'supervisor1'],
        ['email', 'water.head'],
        ['email', 'water.staff1'],
        ['robot-supervisors', 'supervisors'],
        ['robot-water', 'department:water'],
        ['sms', 'supervisor1'],
        ['sms', 'water.head'],
        ['sms', 'water.staff1'],
      ]);
      expect(rows.every((r) => r.urgent)).toBe(true);
      // Every person with a row was told in duban too (one recipient resolution for both).
      expect(rows.filter((r) => r.recipient).every((r) => told.includes(r.recipient!))).toBe(true);
      const sms = rows.find((r) => r.lane === 'sms' && r.recipient === 'water.staff1')!;
      expect(sms.address).toBe('13800000001');
      expect([...sms.body_text].length).toBeLessThanOrEqual(134);
      expect(sms.body_text).toContain(sms.link);
    });

    it('问责: the leadership robot too; a department robot in digest mode hears only urgent events; no e-mail for one who turned it off', async () => {
      const quiet = event(airMeasure, 'air', 'assign', {}, WEDNESDAY_10);
      await events.record(quiet, { calendar, publicUrl: PUBLIC_URL });
      // air.staff1 wants no e-mail and has no mobile; the 大气处 robot waits for its digest.
      expect(await rowsOf(quiet.eventId)).toEqual([]);

      const e = escalation(airMeasure, 'air', 'accountability', WEDNESDAY_10);
      await events.record(e, { calendar, publicUrl: PUBLIC_URL });
      const rows = await rowsOf(e.eventId);
      const lanes = rows.map((r) => `${r.lane}:${r.recipient ?? '-'}`);
      expect(lanes).toEqual(expect.arrayContaining(['robot-air:-', 'robot-supervisors:-', 'robot-leadership:-', 'email:air.head', 'sms:air.head', 'email:supervisor1', 'email:leader1']));
      expect(lanes).not.toContain('email:air.staff1'); // e-mail off
      expect(lanes.filter((l) => l.startsWith('sms:'))).toEqual(['sms:air.head', 'sms:supervisor1']); // only those with a mobile
      expect(lanes.some((l) => l.startsWith('robot-off'))).toBe(false); // a disabled channel
      expect(lanes.some((l) => l.startsWith('robot-water'))).toBe(false); // not water's business
    });

    it('quiet hours and non-working days: a message waits for 07:30, or the next working day’s 08:30 unless urgent', async () => {
      // Wednesday 23:10 Beijing → Thursday 07:30.
      const night = event(waterMeasure, 'water', 'reassign', {}, '2031-04-02T15:10:00.000Z');
      await events.record(night, { calendar, publicUrl: PUBLIC_URL });
      expect((await rowsOf(night.eventId)).map((r) => r.not_before.toISOString())).toEqual(['2031-04-02T23:30:00.000Z', '2031-04-02T23:30:00.000Z']);

      // Saturday 10:00 Beijing: an ordinary one waits for Monday 08:30, 督办 goes at once.
      const saturday = '2031-04-05T02:00:00.000Z';
      const ordinary = event(waterMeasure, 'water', 'decideExtension', { approved: true }, saturday);
      await events.record(ordinary, { calendar, publicUrl: PUBLIC_URL });
      const urgent = escalation(waterMeasure, 'water', 'supervision', saturday);
      await events.record(urgent, { calendar, publicUrl: PUBLIC_URL });
      expect(new Set((await rowsOf(ordinary.eventId)).map((r) => r.not_before.toISOString()))).toEqual(new Set(['2031-04-07T00:30:00.000Z']));
      expect(new Set((await rowsOf(urgent.eventId)).map((r) => r.not_before.toISOString()))).toEqual(new Set([saturday]));
      // The same rule the domain states (one rule, one place).
      expect(deliveryNotBefore(saturday, false, calendar).toISOString()).toBe('2031-04-07T00:30:00.000Z');
    });

    it('with the daily digest turned off, a digest reader and a digest-mode robot get each message at once', async () => {
      await ds.query(`UPDATE notification_settings SET digest_enabled = false WHERE id = 1`);
      try {
        const e = event(airMeasure, 'air', 'assign', { assigneeId: 'air.staff1', dueDate: '2031-03-31' }, WEDNESDAY_10);
        await events.record(e, { calendar, publicUrl: PUBLIC_URL });
        // air.staff1 turned e-mail off (still off); the 大气处 robot in digest mode now posts it.
        expect((await rowsOf(e.eventId)).map((r) => `${r.lane}:${r.recipient ?? '-'}`)).toEqual(['robot-air:-']);
        const toHead = event(waterMeasure, 'water', 'submitForReview', {}, WEDNESDAY_10);
        await events.record(toHead, { calendar, publicUrl: PUBLIC_URL });
        expect((await rowsOf(toHead.eventId)).map((r) => `${r.lane}:${r.recipient ?? '-'}`)).toEqual(['email:water.head', 'robot-water:-']);
      } finally {
        await ds.query(`UPDATE notification_settings SET digest_enabled = true WHERE id = 1`);
      }
    });

    it('the bureau’s SMS policy: off sends none, all sends every message; an inactive person gets nothing', async () => {
      await ds.query(`UPDATE notification_settings SET sms_policy = 'off' WHERE id = 1`);
      const none = escalation(waterMeasure, 'water', 'supervision', WEDNESDAY_10);
      await events.record(none, { calendar, publicUrl: PUBLIC_URL });
      expect((await rowsOf(none.eventId)).some((r) => r.lane === 'sms')).toBe(false);

      await ds.query(`UPDATE notification_settings SET sms_policy = 'all' WHERE id = 1`);
      await ds.query(`UPDATE users SET active = false WHERE username = 'water.staff1'`);
      try {
        const all = event(waterMeasure, 'water', 'submitForReview', {}, WEDNESDAY_10);
        await events.record(all, { calendar, publicUrl: PUBLIC_URL });
        // To the head: water.head reads the digest, so no e-mail for this ordinary one, but SMS (policy all).
        expect((await rowsOf(all.eventId)).map((r) => `${r.lane}:${r.recipient ?? '-'}`)).toEqual(['robot-water:-', 'sms:water.head']);
        const inactive = event(waterMeasure, 'water', 'reassign', {}, WEDNESDAY_10);
        await events.record(inactive, { calendar, publicUrl: PUBLIC_URL });
        // Nobody active was told: no mail, no SMS, and no robot posts on their behalf.
        expect(await rowsOf(inactive.eventId)).toEqual([]);
      } finally {
        await ds.query(`UPDATE users SET active = true WHERE username = 'water.staff1'`);
        await ds.query(`UPDATE notification_settings SET sms_policy = 'urgent' WHERE id = 1`);
      }
    });
  });
});
