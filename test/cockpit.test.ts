// 领导驾驶舱 on the real stack: a small known state of a plan year no other suite uses, built through
// the API (completed on time, completed late, overdue at 问责, an accountability outcome, one not
// assigned, one cancelled); the cockpit's numbers, ranking, trend and indicators must be what that
// data says, for the whole plan and for a leader's 分管 departments, and each number's list filter of
// 全部事项 must return exactly the measures it counts.
import { DEPARTMENT_SCORE_RULE } from '@duban/domain';
import { daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};
/** No other suite plans measures for 2025; its calendar is the real one (2026 is within a 2025 measure's years). */
const YEAR = 2025;
/** A leader of this suite's own, overseeing air only. */
const LEADER = `ck.leader${process.pid % 10000}`;
const LEADER_PASSWORD = 'Cockpit-Leader-2025!';
const M: Record<'onTime' | 'late' | 'accountable' | 'outcome' | 'unassigned' | 'cancelled', string> = {
  onTime: '',
  late: '',
  accountable: '',
  outcome: '',
  unassigned: '',
  cancelled: '',
};

beforeAll(async () => {
  system = await startTestSystem('cockpit');
  for (const user of ['admin', 'leader1', 'leader2', 'air.head', 'air.staff1', 'water.head', 'water.staff1', 'soil.head', 'soil.staff1', 'supervisor1']) tokens[user] = await system.login(user);
  await plan();
  await ok(call('POST', '/admin/users', 'admin', { username: LEADER, displayName: '驾驶舱测试领导', role: 'leader', departmentCode: 'leadership', password: LEADER_PASSWORD }));
  await system.dataSource.query('UPDATE users SET must_change_password = false WHERE username = $1', [LEADER]);
  const login = await system.call('POST', '/auth/login', { body: { username: LEADER, password: LEADER_PASSWORD } });
  tokens[LEADER] = login.body.accessToken as string;
  await ok(call('PUT', `/leaders/${LEADER}/departments`, 'admin', { departments: ['air'] }));
  await drive();
}, 150_000);

afterAll(() => system?.stop());

function call(method: string, path: string, who: string, body?: unknown): Promise<ApiResponse> {
  return system.call(method, path, { token: tokens[who], body });
}

async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status < 200 || r.status > 299) throw new Error(`expected success, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The plan of YEAR: two target indicators and six measures (air, air, water, water, soil, soil). */
async function plan(): Promise<void> {
  const q = (sql: string, params: unknown[]) => system.dataSource.query(sql, params);
  await q(`INSERT INTO plans (year, title) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [YEAR, `${YEAR}年驾驶舱测试工作要点`]);
  await q(`INSERT INTO plan_targets (year, code, text, position) VALUES ($1, '1', '空气质量优良天数比例达到 90%', 0), ($1, '2', '国控断面水质优良比例达到 80%', 1) ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_quantities (year, owner_kind, owner_code, position, value, unit, text) VALUES ($1, 'target', '1', 0, 90, '%', '90%') ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, '9', '驾驶舱测试章', 9) ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, '9.1', '9', '驾驶舱测试节', 1) ON CONFLICT DO NOTHING`, [YEAR]);
  const departments = { onTime: 'air', late: 'air', accountable: 'water', outcome: 'water', unassigned: 'soil', cancelled: 'soil' } as const;
  let position = 0;
  for (const key of Object.keys(M) as Array<keyof typeof M>) {
    const code = `9.1.${uniqueMeasureCode()}`;
    M[key] = `${YEAR}-${code}`;
    await q(`INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, '9.1', $4, $4, $5, $6)`, [
      M[key],
      YEAR,
      code,
      `驾驶舱测试事项（${key}）`,
      position++,
      departments[key],
    ]);
  }
}

async function drive(): Promise<void> {
  for (const key of ['onTime', 'late', 'accountable', 'outcome', 'cancelled'] as const) await ok(call('POST', `/measures/${M[key]}/start`, 'admin'));
  const steps = async (id: string, list: Array<[string, string, unknown]>) => {
    for (const [command, user, body] of list) await ok(call('POST', `/measures/${id}/${command}`, user, body));
  };
  const backdated = (assignedDaysAgo: number, dueDaysAgo: number) => ({ assignedOn: daysFromNow(-assignedDaysAgo), dueDate: daysFromNow(-dueDaysAgo), backdateReason: '年初已书面交办，补录' });
  await Promise.all([
    // Completed well before its due date.
    steps(M.onTime, [
      ['assign', 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(60) }],
      ['accept', 'air.staff1', {}],
      ['submit', 'air.staff1', { note: '已完成' }],
      ['approve', 'air.head', {}],
    ]),
    // Due 5 days ago (督办 at most, never 问责), completed today: late.
    steps(M.late, [
      ['assign', 'leader1', { assigneeId: 'air.staff1', leadDepartment: 'air', ...backdated(30, 5) }],
      ['accept', 'air.staff1', {}],
      ['submit', 'air.staff1', { note: '已完成' }],
      ['approve', 'air.head', {}],
    ]),
    // Due 40 days ago and still open: the ladder goes straight to 问责.
    steps(M.accountable, [['assign', 'leader1', { assigneeId: 'water.staff1', leadDepartment: 'water', ...backdated(80, 40) }]]),
    // On track, but an outcome (约谈) is recorded on it.
    steps(M.outcome, [
      ['assign', 'water.head', { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(30) }],
      ['accept', 'water.staff1', {}],
    ]).then(recordOutcome),
    steps(M.cancelled, [['cancel', 'admin', { reason: '并入其他事项' }]]),
  ]);
  await waitFor(async () => {
    const [level]: Array<{ level: string | null }> = await system.dataSource.query('SELECT escalation_level AS level FROM measure_states WHERE measure_id = $1', [M.accountable]);
    const outcomes: unknown[] = await system.dataSource.query(`SELECT 1 FROM directives WHERE measure_id = $1 AND kind = 'outcome'`, [M.outcome]);
    return level?.level === 'accountability' && outcomes.length === 1;
  });
}

/** An 约谈 recorded by a supervisor, through the API as in real use. */
async function recordOutcome(): Promise<void> {
  await ok(call('POST', `/measures/${M.outcome}/accountability`, 'supervisor1', { kind: '约谈', note: '约谈水处负责人' }));
}

interface Cockpit {
  scope: string;
  departments: Array<{ code: string }>;
  myDepartments: Array<{ code: string }>;
  totals: Record<string, number | null>;
  topOverdue: Array<{ id: string; workingDaysOverdue: number; department: string }>;
  ranking: Array<{ department: string; rank: number; score: number; totals: Record<string, number | null> }>;
  scoreRule: string;
  trend: { months: string[]; departments: Array<{ department: string; scores: Array<number | null> }> };
  indicators: Array<{ code: string; progress: number | null; measures: Array<{ id: string; progressPercent: number | null }>; quantities: unknown[] }>;
}

const cockpit = async (who: string, query = '') => (await ok(call('GET', `/reports/cockpit?year=${YEAR}${query}`, who))).body as unknown as Cockpit;

/** The ids 全部事项 lists for the query (every page), as the cockpit's click-through opens it. */
async function listed(who: string, query: string): Promise<string[]> {
  const r = await ok(call('GET', `/measures?year=${YEAR}&pageSize=100&${query}`, who));
  return (r.body.items as Array<{ id: string }>).map((m) => m.id).sort();
}
const ids = (...keys: Array<keyof typeof M>) => keys.map((k) => M[k]).sort();

describe('the cockpit', () => {
  it('counts the whole plan as the data says', async () => {
    const all = await cockpit('admin');
    expect(all.scope).toBe('all');
    expect(all.totals).toEqual({
      total: 5,
      completed: 2,
      onTime: 1,
      late: 1,
      overdue: 1,
      accountability: 2,
      accountabilityLadder: 1,
      outcomes: 1,
      completionRate: 2 / 5,
      onTimeRate: 1 / 2,
    });
    expect(all.topOverdue.map((o) => o.id)).toEqual([M.accountable]);
    expect(all.topOverdue[0]).toMatchObject({ department: 'water' });
    expect(all.topOverdue[0].workingDaysOverdue).toBeGreaterThanOrEqual(25);
    // air 50·2/2 + 30·1/2 + 20 = 85; soil (one not assigned, the cancelled one left out) 20; water 20·(1 − 1/2) − 2·5 → 0.
    expect(all.ranking.map((r) => [r.department, r.rank, r.score])).toEqual([
      ['air', 1, 85],
      ['soil', 2, 20],
      ['water', 3, 0],
    ]);
    expect(all.scoreRule).toBe(DEPARTMENT_SCORE_RULE);
  });

  it('opens exactly the counted measures through the list filters of 全部事项', async () => {
    expect(await listed('admin', 'excludeCancelled=true')).toEqual(ids('onTime', 'late', 'accountable', 'outcome', 'unassigned'));
    expect(await listed('admin', 'status=completed')).toEqual(ids('onTime', 'late'));
    expect(await listed('admin', 'completion=on_time')).toEqual(ids('onTime'));
    expect(await listed('admin', 'completion=late')).toEqual(ids('late'));
    expect(await listed('admin', 'overdue=true')).toEqual(ids('accountable'));
    expect(await listed('admin', 'accountability=true')).toEqual(ids('accountable', 'outcome'));
    expect(await listed('admin', 'lead=water')).toEqual(ids('accountable', 'outcome'));
    expect(await listed('admin', 'lead=soil&excludeCancelled=true')).toEqual(ids('unassigned'));
    expect(await listed('admin', 'lead=air,water&overdue=true')).toEqual(ids('accountable'));
    expect(await listed('leader1', 'lead=air&completion=late')).toEqual(ids('late'));
    for (const bad of ['completion=soon', 'accountability=yes', 'excludeCancelled=1', 'lead=', `lead=${'x'.repeat(2001)}`]) {
      const r = await call('GET', `/measures?${bad}`, 'admin');
      expect(`${bad.slice(0, 30)} ${r.status} ${String(r.body.code)}`).toBe(`${bad.slice(0, 30)} 400 VALIDATION_FAILED`);
    }
  });

  it('scopes a leader to their 分管 departments by default, with the whole plan one switch away', async () => {
    const mine = await cockpit(LEADER);
    expect(mine.scope).toBe('mine');
    expect(mine.departments.map((d) => d.code)).toEqual(['air']);
    expect(mine.myDepartments.map((d) => d.code)).toEqual(['air']);
    expect(mine.totals).toMatchObject({ total: 2, completed: 2, onTime: 1, late: 1, overdue: 0, accountability: 0, completionRate: 1, onTimeRate: 0.5 });
    expect(mine.ranking.map((r) => r.department)).toEqual(['air']);
    expect(mine.topOverdue).toEqual([]);
    expect(mine.trend.departments.map((d) => d.department)).toEqual(['air']);

    const all = await cockpit(LEADER, '&scope=all');
    expect(all.scope).toBe('all');
    expect(all.totals.total).toBe(5);
    expect(all.myDepartments.map((d) => d.code)).toEqual(['air']);
    // A supervisor, or a leader without 分管 departments, sees the whole plan either way.
    for (const who of ['supervisor1', 'leader2']) {
      const view = await cockpit(who, '&scope=mine');
      expect([who, view.scope, view.totals.total]).toEqual([who, 'all', 5]);
    }
  });

  it('has a trend point per month of the plan year, each from the record as of that month end', async () => {
    const { trend, ranking } = await cockpit('admin');
    expect(trend.months).toEqual(Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`));
    expect(trend.departments.map((d) => d.department).sort()).toEqual(['air', 'soil', 'water']);
    for (const d of trend.departments) {
      expect(d.scores).toHaveLength(12);
      // Everything happened after YEAR: at each of its month ends every measure stood unassigned
      // (not overdue, not done), so each department scores 20 — not today's ranking.
      expect(d.scores).toEqual(Array(12).fill(20));
    }
    expect(ranking.find((r) => r.department === 'air')?.score).toBe(85);
  });

  it('links measures to a target indicator by hand and shows their progress under it', async () => {
    let view = await cockpit('admin');
    expect(view.indicators.map((i) => [i.code, i.progress, i.measures.length])).toEqual([
      ['1', null, 0],
      ['2', null, 0],
    ]);
    expect(view.indicators[0].quantities).toEqual([{ value: 90, unit: '%', text: '90%' }]);
    const linked = await ok(call('PUT', `/plans/${YEAR}/indicators/1/measures`, 'leader1', { measureIds: [M.onTime, M.outcome] }));
    expect(linked.body).toEqual({ year: YEAR, code: '1', measureIds: [M.onTime, M.outcome] });
    await ok(call('PUT', `/plans/${YEAR}/indicators/2/measures`, 'admin', { measureIds: [M.accountable] }));
    view = await cockpit('supervisor1');
    const [first, second] = view.indicators;
    expect(first.measures.map((m) => m.id)).toEqual([M.onTime, M.outcome]);
    expect(first.measures[0].progressPercent).toBe(100);
    expect(first.progress).toBe(50); // (100 + 0) / 2
    expect(second.measures.map((m) => m.id)).toEqual([M.accountable]);
    // The whole list each time: an empty list unlinks.
    await ok(call('PUT', `/plans/${YEAR}/indicators/2/measures`, 'admin', { measureIds: [] }));
    expect((await cockpit('admin')).indicators[1].measures).toEqual([]);

    const audit: Array<{ actor_id: string; after: unknown }> = await system.dataSource.query(
      `SELECT actor_id, after FROM admin_audit_log WHERE action = 'indicator.measures' AND target = $1 ORDER BY id`,
      [`indicator:${YEAR}:1`],
    );
    expect(audit).toEqual([{ actor_id: 'leader1', after: { measureIds: [M.onTime, M.outcome] } }]);
  });

  it('refuses bad links with a plain message and changes nothing', async () => {
    const cases: Array<[string, unknown, string]> = [
      [`/plans/${YEAR}/indicators/9/measures`, { measureIds: [] }, '400 VALIDATION_FAILED'],
      [`/plans/2099/indicators/1/measures`, { measureIds: [] }, '404 PLAN_NOT_FOUND'],
      [`/plans/${YEAR}/indicators/1/measures`, { measureIds: ['2022-2.1.1'] }, '400 VALIDATION_FAILED'],
      [`/plans/${YEAR}/indicators/1/measures`, { measureIds: [M.late, M.late] }, '400 VALIDATION_FAILED'],
      [`/plans/${YEAR}/indicators/1/measures`, { ids: [] }, '400 VALIDATION_FAILED'],
      [`/plans/abc/indicators/1/measures`, { measureIds: [] }, '400 VALIDATION_FAILED'],
    ];
    for (const [path, body, expected] of cases) {
      const r = await call('PUT', path, 'admin', body);
      expect(`${path} ${r.status} ${String(r.body.code)}`).toBe(`${path} ${expected}`);
      expect(/[\u4e00-\u9fff]/.test(String(r.body.message))).toBe(true);
    }
    expect((await cockpit('admin')).indicators[0].measures.map((m) => m.id)).toEqual([M.onTime, M.outcome]);
    for (const [query, expected] of [
      ['', '400 VALIDATION_FAILED'],
      ['?year=2099', '404 PLAN_NOT_FOUND'],
      [`?year=${YEAR}&scope=some`, '400 VALIDATION_FAILED'],
      [`?year=${YEAR}&extra=1`, '400 VALIDATION_FAILED'],
    ]) {
      const r = await call('GET', `/reports/cockpit${query}`, 'admin');
      expect(`${query} ${r.status} ${String(r.body.code)}`).toBe(`${query} ${expected}`);
    }
  });

  it('answers only to leaders, supervisors and admins; links only to leaders and admins', async () => {
    const table: Record<string, string[]> = {};
    for (const who of ['admin', 'leader1', 'air.head', 'air.staff1', 'supervisor1']) {
      const read = await call('GET', `/reports/cockpit?year=${YEAR}`, who);
      // An unusable body: an allowed caller's 400 proves the guard passed, and nothing changes.
      const link = await call('PUT', `/plans/${YEAR}/indicators/1/measures`, who, { measureIds: 'x' });
      table[who] = [read.status === 200 ? '200' : `${read.status} ${String(read.body.code)}`, `${link.status} ${String(link.body.code)}`];
    }
    expect(table).toEqual({
      admin: ['200', '400 VALIDATION_FAILED'],
      leader1: ['200', '400 VALIDATION_FAILED'],
      'air.head': ['403 NOT_ALLOWED', '403 NOT_ALLOWED'],
      'air.staff1': ['403 NOT_ALLOWED', '403 NOT_ALLOWED'],
      supervisor1: ['200', '403 NOT_ALLOWED'],
    });
    expect((await system.call('GET', `/reports/cockpit?year=${YEAR}`)).status).toBe(401);
  });
});
