// 每日汇总 (the daily digest): who gets one, what each one lists, and the once-a-day mark.
// The lists follow the task lists (task.repository.ts): a person's own measures (as assignee, and a
// head's department's), overdue ones and open findings past due, and what waits for their decision.
import { ACTIVE_STATES, CLOSED_STATES, audienceOf, sqlStateList, type DigestItem, type DigestItems, type ChannelKind } from '@duban/domain';
import type { DataSource } from 'typeorm';

/** A channel the digest goes through (no secrets: only what rendering needs). */
export interface DigestChannel {
  id: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
}

/** One digest to write: a person (e-mail) or a department's group robot in digest mode. */
export interface DigestRecipient {
  kind: 'person' | 'department';
  channel: DigestChannel;
  /** Username, or the robot's audience (`department:<code>`): the message key's last part. */
  recipient: string;
  /** 张三 / 大气环境处: the digest's greeting. */
  name: string;
  address: string | null;
  items: DigestItems;
}

const ACTIVE = sqlStateList(ACTIVE_STATES);
const OPEN = `s.state NOT IN ${sqlStateList(CLOSED_STATES)}`;
const LIMIT = 200;

interface ItemRow {
  measureId: string;
  title: string;
  dueDate: string | null;
  note: string | null;
}

/** Measure lines: `where` may use s (measure_states) and m (measures); $1 is the digest date. */
const MEASURE_ITEMS = (where: string, note = 'NULL') => `
  SELECT s.measure_id AS "measureId", coalesce(m.title, '') AS title, to_char(s.due_date, 'YYYY-MM-DD') AS "dueDate", ${note} AS note
    FROM measure_states s LEFT JOIN measures m ON m.id = s.measure_id
   WHERE ${where}
   ORDER BY s.due_date ASC NULLS LAST, s.measure_id
   LIMIT ${LIMIT}`;

/** Finding lines: `where` may use f (findings) and m (measures). */
const FINDING_ITEMS = (where: string, note: string) => `
  SELECT f.measure_id AS "measureId", coalesce(m.title, '') AS title, to_char(f.due_date, 'YYYY-MM-DD') AS "dueDate", ${note} AS note
    FROM findings f LEFT JOIN measures m ON m.id = f.measure_id
   WHERE ${where}
   ORDER BY f.due_date, f.finding_id
   LIMIT ${LIMIT}`;

/** Sunday of the digest date's week (ISO week: Monday first). */
const SUNDAY = `($1::date + (7 - extract(isodow FROM $1::date))::int)`;

const toItems = (rows: ItemRow[]): DigestItem[] => rows.map((r) => ({ measureId: r.measureId, title: r.title, dueDate: r.dueDate, note: r.note }));

export class DigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Marks the day's digest as started; false when it ran before: write nothing twice. A run that
   * began but never finished (a crash mid-way) may go again — its rows are keyed, so none doubles.
   */
  async begin(date: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO digest_runs (on_date) VALUES ($1)
       ON CONFLICT (on_date) DO UPDATE SET started_at = now() WHERE digest_runs.finished_at IS NULL
       RETURNING on_date`,
      [date],
    );
    return rows.length > 0;
  }

  async finish(date: string, messages: number): Promise<void> {
    await this.dataSource.query(`UPDATE digest_runs SET finished_at = now(), messages = $2 WHERE on_date = $1`, [date, messages]);
  }

  async runs(): Promise<Array<{ date: string; messages: number; finished: boolean }>> {
    return this.dataSource.query(`SELECT to_char(on_date, 'YYYY-MM-DD') AS date, messages, finished_at IS NOT NULL AS finished FROM digest_runs ORDER BY on_date`);
  }

  /**
   * Every digest of `date` with its lists (possibly all empty: the caller writes nothing then):
   * people with e-mail mode `digest`, active, with an address, when an e-mail channel is enabled;
   * each enabled department robot in digest mode, for its department.
   */
  async recipients(date: string): Promise<DigestRecipient[]> {
    const channels: Array<{ id: string; kind: ChannelKind; audience: string; mode: string; config: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT id, kind, audience, mode, config FROM notification_channels WHERE enabled ORDER BY id`,
    );
    const out: DigestRecipient[] = [];
    const email = channels.find((c) => c.kind === 'email' && c.audience === 'people');
    if (email) {
      const people: Array<{ username: string; display_name: string; email: string; role: string; department_code: string }> = await this.dataSource.query(
        `SELECT u.username, u.display_name, u.email, u.role, u.department_code
           FROM users u JOIN notification_preferences p ON p.username = u.username
          WHERE p.email_mode = 'digest' AND u.active AND u.email IS NOT NULL AND u.email <> ''
          ORDER BY u.username`,
      );
      for (const person of people) {
        out.push({
          kind: 'person',
          channel: { id: email.id, kind: email.kind, config: email.config ?? {} },
          recipient: person.username,
          name: person.display_name,
          address: person.email,
          items: await this.personItems(date, person.username, person.role === 'department_head' ? person.department_code : null),
        });
      }
    }
    for (const robot of channels.filter((c) => c.mode === 'digest' && c.kind !== 'email' && c.kind !== 'sms')) {
      const audience = audienceOf(robot.audience);
      if (!audience || !audience.startsWith('department:')) continue;
      const code = audience.slice('department:'.length);
      const [department]: Array<{ name: string }> = await this.dataSource.query(`SELECT name FROM departments WHERE code = $1`, [code]);
      out.push({
        kind: 'department',
        channel: { id: robot.id, kind: robot.kind, config: robot.config ?? {} },
        recipient: audience,
        name: department?.name ?? code,
        address: null,
        items: await this.departmentItems(date, code),
      });
    }
    return out;
  }

  /**
   * A person's lists: measures assigned to them (and, for a head, their department's) due this week
   * or overdue; their open findings past due; under review by them, extension requests and
   * transfers awaiting them as head; rectifications submitted to them as inspector.
   */
  async personItems(date: string, username: string, headOf: string | null): Promise<DigestItems> {
    const mine = `(s.assignee_id = $2 OR ($3::text IS NOT NULL AND s.lead_department = $3::text))`;
    const all = [date, username, headOf];
    const q = (sql: string, params: unknown[] = all) => this.dataSource.query(sql, params) as Promise<ItemRow[]>;
    const head = headOf ? [headOf, username] : null;
    const none = Promise.resolve([] as ItemRow[]);
    const [dueThisWeek, overdue, overdueFindings, reviews, extensions, transfers, rectifications] = await Promise.all([
      q(MEASURE_ITEMS(`s.state IN ${ACTIVE} AND ${mine} AND s.due_date BETWEEN $1::date AND ${SUNDAY}`)),
      q(MEASURE_ITEMS(`s.state IN ${ACTIVE} AND ${mine} AND s.due_date < $1::date`)),
      q(FINDING_ITEMS(`f.status = 'open' AND f.assignee_id = $2 AND f.due_date < $1::date`, `'检查问题 ' || f.n`), [date, username]),
      q(MEASURE_ITEMS(`s.state = 'under_review' AND (s.head_id = $1 OR s.lead_department = $2)`, `'待审核'`), [username, headOf ?? '']),
      head ? q(MEASURE_ITEMS(`${OPEN} AND s.snapshot->'extensions' @> '[{"status":"pending"}]'::jsonb AND (s.head_id = $2 OR s.lead_department = $1)`, `'延期申请'`), head) : none,
      head ? q(MEASURE_ITEMS(`${OPEN} AND s.snapshot->'transfer'->>'status' = 'pending' AND s.snapshot->'transfer'->>'toDepartment' = $1`, `'移交申请'`), [headOf]) : none,
      q(FINDING_ITEMS(`f.status = 'submitted' AND f.inspector_id = $1`, `'整改复查'`), [username]),
    ]);
    return {
      dueThisWeek: toItems(dueThisWeek),
      overdue: [...toItems(overdue), ...toItems(overdueFindings)],
      awaitingMyReview: [...toItems(reviews), ...toItems(extensions), ...toItems(transfers), ...toItems(rectifications)],
    };
  }

  /** A department's lists (its group robot in digest mode): its measures and findings, and what waits for its head. */
  async departmentItems(date: string, code: string): Promise<DigestItems> {
    const q = (sql: string, params: unknown[] = [date, code]) => this.dataSource.query(sql, params) as Promise<ItemRow[]>;
    const [dueThisWeek, overdue, overdueFindings, reviews, extensions, transfers] = await Promise.all([
      q(MEASURE_ITEMS(`s.state IN ${ACTIVE} AND s.lead_department = $2 AND s.due_date BETWEEN $1::date AND ${SUNDAY}`)),
      q(MEASURE_ITEMS(`s.state IN ${ACTIVE} AND s.lead_department = $2 AND s.due_date < $1::date`)),
      q(FINDING_ITEMS(`f.status = 'open' AND f.lead_department = $2 AND f.due_date < $1::date`, `'检查问题 ' || f.n`)),
      q(MEASURE_ITEMS(`s.state = 'under_review' AND s.lead_department = $1`, `'待审核'`), [code]),
      q(MEASURE_ITEMS(`${OPEN} AND s.snapshot->'extensions' @> '[{"status":"pending"}]'::jsonb AND s.lead_department = $1`, `'延期申请'`), [code]),
      q(MEASURE_ITEMS(`${OPEN} AND s.snapshot->'transfer'->>'status' = 'pending' AND s.snapshot->'transfer'->>'toDepartment' = $1`, `'移交申请'`), [code]),
    ]);
    return {
      dueThisWeek: toItems(dueThisWeek),
      overdue: [...toItems(overdue), ...toItems(overdueFindings)],
      awaitingMyReview: [...toItems(reviews), ...toItems(extensions), ...toItems(transfers)],
    };
  }
}
