// GET /audit/overdue over a large plan year inserted straight into PostgreSQL: measures, their
// projection rows and events, with about a fifth of the measures open past their due date.
import { performance } from 'node:perf_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ApiCaller } from './lifecycle';
import { summarize, type LatencySummary } from './stats';

const DEPARTMENTS = ['office', 'air', 'water', 'marine', 'soil', 'climate', 'solid', 'nuclear', 'permits', 'monitoring', 'enforcement', 'law', 'publicity', 'personnel', 'party'];
const PAGE_SIZE = 20; // the web UI's page size

export interface OverdueSeed {
  measures: number;
  /** Projection rows (the rest are imported and not yet assigned). */
  measureStates: number;
  /** Open measures of this year past their due date. */
  overdue: number;
  events: number;
  insertMs: number;
}

export interface OverdueResult extends OverdueSeed {
  /** Overdue items the API reports over the whole database (other benchmarks' included). */
  total: number;
  pageSize: number;
  requests: number;
  firstPage: LatencySummary;
  deepPage: LatencySummary & { page: number };
}

/** The code of the n-th (0-based) measure insertSyntheticMeasures inserts: <chapter>.<section>.<n>, 100 a section, 20 sections a chapter. */
export function syntheticCode(n: number): string {
  return `${2 + Math.floor(n / 2000)}.${1 + Math.floor((n % 2000) / 100)}.${1 + (n % 100)}`;
}

/**
 * A plan year of `count` measures straight into PostgreSQL (plan, chapters, sections, measures; no
 * projection rows, no events): measure n is `<year>-<syntheticCode(n)>`, suggested for
 * departments[n % departments.length].
 */
export async function insertSyntheticMeasures(runner: QueryRunner, year: number, count: number, departments: string[], title: string, body: string): Promise<void> {
  await runner.query('INSERT INTO plans (year, title) VALUES ($1, $2)', [year, title]);
  const chapters = Math.ceil(count / 2000);
  await runner.query(
    `INSERT INTO plan_chapters (year, code, title, position) SELECT $1, c::text, '第' || c || '部分', c FROM generate_series(2, $2::int + 1) c`,
    [year, chapters],
  );
  await runner.query(
    `INSERT INTO plan_sections (year, code, chapter_code, title, position)
     SELECT $1, c || '.' || s, c::text, '第' || s || '组', c * 100 + s FROM generate_series(2, $2::int + 1) c, generate_series(1, 20) s`,
    [year, chapters],
  );
  await runner.query(
    `INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code)
     SELECT $1::int || '-' || code, $1::int, code, section, '基准测试事项 ' || code, $5 || ' ' || code, n, ($3::text[])[1 + n % $4::int]
       FROM (SELECT n, (2 + n / 2000) || '.' || (1 + (n % 2000) / 100) AS section,
                    (2 + n / 2000) || '.' || (1 + (n % 2000) / 100) || '.' || (1 + n % 100) AS code
               FROM generate_series(0, $2::int - 1) n) x`,
    [year, count, departments, departments.length, body],
  );
}

/**
 * Per measure n (in a shuffled order of buckets of 100): 10 % imported (no projection row), 20 %
 * open and 1–120 days overdue (escalated by how late), 35 % open and due within 120 days, 30 %
 * completed, 5 % cancelled. Every assigned measure has its assign event, every overdue one its
 * escalation events (one per level reached).
 */
export async function seedOverdue(dataSource: DataSource, year: number, count: number): Promise<OverdueSeed> {
  const started = performance.now();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await insertSyntheticMeasures(runner, year, count, DEPARTMENTS, `${year} 年基准测试用工作要点（督办审计）`, '督办审计分页基准测试用事项');
    // b: the measure's bucket 0–99, spread so it does not follow the department or the code.
    await runner.query(
      `INSERT INTO measure_states (measure_id, workflow_id, state, last_sequence, assignee_id, due_date, updated_at,
                                   lead_department, head_id, escalation_level, due_provisional, progress_percent, snapshot)
       SELECT id, 'measure-' || id, state, 1 + coalesce(levels, 0), dept || '.staff' || (1 + position % 2), due, now(),
              dept, dept || '.head', CASE WHEN levels > 0 THEN (ARRAY['warning', 'urging', 'supervision', 'accountability'])[levels] END,
              false, CASE WHEN state = 'completed' THEN 100 ELSE (position % 10) * 10 END,
              jsonb_build_object('measureId', id, 'state', state, 'dueDate', to_char(due, 'YYYY-MM-DD'),
                                 'assignedOn', to_char(due - 60, 'YYYY-MM-DD'), 'coDepartments', '[]'::jsonb, 'findings', '[]'::jsonb,
                                 'completedOn', CASE WHEN state = 'completed' THEN to_char(due - 3, 'YYYY-MM-DD') END)
         FROM (SELECT m.id, m.position, m.suggested_department_code AS dept, b,
                      CASE WHEN b < 30 THEN (ARRAY['assigned', 'in_progress', 'in_progress', 'in_progress', 'returned', 'under_review'])[1 + m.position % 6]
                           WHEN b < 65 THEN (ARRAY['assigned', 'in_progress', 'in_progress', 'under_review'])[1 + m.position % 4]
                           WHEN b < 95 THEN 'completed' ELSE 'cancelled' END AS state,
                      CASE WHEN b < 30 THEN current_date - (1 + m.position % 120)
                           WHEN b < 65 THEN current_date + (1 + m.position % 120)
                           ELSE current_date + (m.position % 240 - 180) END AS due,
                      CASE WHEN b < 30 THEN 1 + least(3, (m.position % 120) / 10) END AS levels
                 FROM (SELECT *, (position * 37 + position / 100) % 100 AS b FROM measures WHERE year = $1) m
                WHERE b >= 10) x`,
      [year],
    );
    await runner.query(
      `INSERT INTO measure_events (event_id, measure_id, workflow_id, sequence, type, actor_id, actor_role, state_after, payload, occurred_at)
       SELECT workflow_id || '#1', measure_id, workflow_id, 1, 'assign', head_id, 'department_head', 'assigned',
              jsonb_build_object('assigneeId', assignee_id, 'leadDepartment', lead_department, 'dueDate', to_char(due_date, 'YYYY-MM-DD')),
              (due_date - 60)::timestamptz
         FROM measure_states WHERE measure_id LIKE $1 || '-%'`,
      [String(year)],
    );
    await runner.query(
      `INSERT INTO measure_events (event_id, measure_id, workflow_id, sequence, type, actor_id, actor_role, state_after, payload, occurred_at)
       SELECT s.workflow_id || '#' || (1 + k), s.measure_id, s.workflow_id, 1 + k, 'escalation', 'system', 'system', s.state,
              jsonb_build_object('level', (ARRAY['warning', 'urging', 'supervision', 'accountability'])[k], 'against', 'assignee',
                                 'stepDate', to_char(s.due_date + (k - 1) * 10, 'YYYY-MM-DD'), 'provisional', false,
                                 'recipients', jsonb_build_array('user:' || s.assignee_id, 'head:' || s.lead_department), 'skipped', '[]'::jsonb),
              (s.due_date + (k - 1) * 10)::timestamptz
         FROM measure_states s, generate_series(1, 4) k
        WHERE s.measure_id LIKE $1 || '-%' AND k <= s.last_sequence - 1`,
      [String(year)],
    );
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  await dataSource.query('ANALYZE measures, measure_states, measure_events, findings');
  const insertMs = performance.now() - started;
  const [counts]: Array<{ states: number; overdue: number; events: number }> = await dataSource.query(
    `SELECT (SELECT count(*) FROM measure_states WHERE measure_id LIKE $1 || '-%')::int AS states,
            (SELECT count(*) FROM measure_states WHERE measure_id LIKE $1 || '-%'
                AND state IN ('assigned', 'in_progress', 'returned', 'under_review') AND due_date < current_date)::int AS overdue,
            (SELECT count(*) FROM measure_events WHERE measure_id LIKE $1 || '-%')::int AS events`,
    [String(year)],
  );
  return { measures: count, measureStates: counts.states, overdue: counts.overdue, events: counts.events, insertMs: Math.round(insertMs) };
}

/** First and last page of GET /audit/overdue as a supervisor, `requests` times each, one at a time. */
export async function timeOverdue(api: ApiCaller, seed: OverdueSeed, requests: number): Promise<OverdueResult> {
  const supervisor = 'supervisor1';
  await api.login(supervisor);
  const page = (n: number) => api.get<{ total: number; items: unknown[] }>(`/audit/overdue?page=${n}&pageSize=${PAGE_SIZE}`, supervisor);
  const { total } = await page(1);
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const timed = async (n: number) => {
    for (let i = 0; i < 3; i++) await page(n); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const body = await page(n);
      samples.push(performance.now() - t0);
      if (body.items.length === 0) throw new Error(`page ${n} of the overdue list came back empty`);
    }
    return summarize(samples);
  };
  const firstPage = await timed(1);
  const deepPage = { page: last, ...(await timed(last)) };
  return { ...seed, total, pageSize: PAGE_SIZE, requests, firstPage, deepPage };
}
