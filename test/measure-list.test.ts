// The read side over HTTP on the real Temporal dev server and PostgreSQL: GET /measures (filters,
// paging, scoping, lights), GET /measures/:id, GET /me/tasks, GET /plans/:year roll-ups and the
// organization lookups. This suite owns the 2035 plan (the 2022 seed moved to 2035), so its
// assertions on that year are exact while other suites work on 2022 and 2026 in parallel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATUS_LIGHTS } from '@duban/domain';
import { hostileFilterProblems } from './helpers/hostile-filters';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

const YEAR = 2035;
const id = (code: string) => `${YEAR}-${code}`;
/** 30 days ago: ≥ 10 working days overdue, so the ladder has climbed to 问责. */
const PAST = daysFromNow(-30);
/** Inside the 5-working-day warning window. */
const SOON = daysFromNow(3);
const DUE = daysFromNow(60);
const MARKER = "试点标记rate_50%与O'Neil";

// The measures this suite drives, and what becomes of them.
const A = id('2.1.1'); // soil, co-department water, overdue → red, 问责, one finding
const B = id('2.1.2'); // soil, in progress, extension pending → green; its body carries MARKER
const C = id('2.1.3'); // water → green
const D = id('2.1.4'); // soil, due soon → yellow, 预警
const E = id('2.1.5'); // soil, completed → done
const F = id('2.2.1'); // air, cancelled → grey
const G = id('2.2.2'); // soil, under review → green
const H = id('2.2.6'); // soil, in progress, 312 of 600 villages → green
const DRIVEN = [A, B, C, D, E, F, G, H];

const USERS = ['admin', 'leader1', 'soil.head', 'soil.staff1', 'soil.staff2', 'water.head', 'water.staff1', 'air.head', 'air.staff1', 'supervisor1'];
let system: TestSystem;
const tokens: Record<string, string> = {};
let planCodes: Array<{ id: string; code: string; title: string; body: string }> = [];

interface Item {
  id: string;
  code: string;
  light: string;
  lightReasons: string[];
  [field: string]: unknown;
}

const get = (path: string, user: string) => system.call('GET', path, { token: tokens[user] });
const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** Every measure of a query (≤ 100), as ids in list order. */
async function list(query: string, user = 'supervisor1'): Promise<{ ids: string[]; items: Item[]; total: number }> {
  const r = await ok(get(`/measures?pageSize=100&${query}`, user));
  const items = r.body.items as Item[];
  expect(items.length).toBe(r.body.total);
  return { ids: items.map((i) => i.id), items, total: r.body.total as number };
}

const sorted = (ids: string[]) => [...ids].sort();

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const detail = (measureId: string, user = 'supervisor1') => ok(get(`/measures/${measureId}`, user)).then((r) => r.body);

beforeAll(async () => {
  system = await startTestSystem('measure-list');
  for (const user of USERS) tokens[user] = await system.login(user);

  const seed = fs.readFileSync(path.join(__dirname, '..', 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8');
  const text = seed.replaceAll('2022年工作要点', `${YEAR}年工作要点`).replace('2.强化港区和移动源大气污染管控。', `2.强化港区和移动源大气污染管控。${MARKER}。`);
  const imported = await system.call('POST', '/plans/import', { token: tokens.admin, body: text, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  expect(imported).toMatchObject({ status: 200, body: { year: YEAR, workflows: 57 } });
  planCodes = await system.dataSource.query('SELECT id, code, title, body FROM measures WHERE year = $1', [YEAR]);
  // The plan names no lead for these: the bureau decides (as a re-import with leads would), and
  // each running workflow is told, so the department's head may 交办 it.
  const leads: Record<string, string> = { [A]: 'soil', [B]: 'soil', [C]: 'water', [D]: 'soil', [E]: 'soil', [F]: 'air', [G]: 'soil', [H]: 'soil' };
  for (const [measureId, department] of Object.entries(leads)) {
    await system.dataSource.query('UPDATE measures SET suggested_department_code = $2 WHERE id = $1', [measureId, department]);
    await ok(post(`/measures/${measureId}/start`, 'admin'));
  }

  const assign = (measureId: string, head: string, assigneeId: string, leadDepartment: string, dueDate: string, coDepartments: string[] = []) =>
    ok(post(`/measures/${measureId}/assign`, head, { assigneeId, leadDepartment, coDepartments, dueDate }));
  // Overdue work can only be recorded as work already under way (补录), by a leader or an admin.
  const backdated = (measureId: string, assigneeId: string, leadDepartment: string, dueDate: string, coDepartments: string[]) =>
    ok(post(`/measures/${measureId}/assign`, 'leader1', { assigneeId, leadDepartment, coDepartments, dueDate, assignedOn: daysFromNow(-90), backdateReason: '年初已交办，补录' }));
  await Promise.all([
    (async () => {
      await backdated(A, 'soil.staff1', 'soil', PAST, ['water']);
      await ok(post(`/measures/${A}/inspections`, 'supervisor1', { findings: [{ description: '现场检查发现治理台账缺失', dueDate: daysFromNow(10) }] }));
    })(),
    (async () => {
      await assign(B, 'soil.head', 'soil.staff1', 'soil', DUE);
      await ok(post(`/measures/${B}/accept`, 'soil.staff1'));
      await ok(post(`/measures/${B}/extension-requests`, 'soil.staff1', { newDueDate: daysFromNow(90), reason: '等待第三方检测报告' }));
    })(),
    assign(C, 'water.head', 'water.staff1', 'water', DUE),
    assign(D, 'soil.head', 'soil.staff2', 'soil', SOON),
    (async () => {
      await assign(E, 'soil.head', 'soil.staff2', 'soil', DUE);
      await ok(post(`/measures/${E}/accept`, 'soil.staff2'));
      await ok(post(`/measures/${E}/submit`, 'soil.staff2', { note: '已完成' }));
      await ok(post(`/measures/${E}/approve`, 'soil.head'));
    })(),
    (async () => {
      await assign(F, 'air.head', 'air.staff1', 'air', DUE);
      await ok(post(`/measures/${F}/cancel`, 'admin', { reason: '并入其他事项' }));
    })(),
    (async () => {
      await assign(G, 'soil.head', 'soil.staff1', 'soil', DUE);
      await ok(post(`/measures/${G}/accept`, 'soil.staff1'));
      await ok(post(`/measures/${G}/submit`, 'soil.staff1', { note: '请审核' }));
    })(),
    (async () => {
      await assign(H, 'soil.head', 'soil.staff1', 'soil', DUE);
      await ok(post(`/measures/${H}/accept`, 'soil.staff1'));
      await ok(post(`/measures/${H}/progress`, 'soil.staff1', { quantityDone: 312, note: '已完成 312 个村庄' }));
    })(),
  ]);
  // The ladder fires and the finding is projected right after the commands, asynchronously.
  await until(() => detail(A), (m) => m.escalationLevel === 'accountability' && (m.findings as unknown[]).length === 1, 'A escalated with its finding');
  await until(() => detail(D), (m) => m.escalationLevel === 'warning', 'D warned');
}, 180_000);

afterAll(() => system?.stop());

describe('GET /measures', () => {
  it('lists most urgent first and describes each item', async () => {
    const { ids, items, total } = await list(`year=${YEAR}`);
    expect(total).toBe(57);
    expect(ids.slice(0, 6)).toEqual([A, D, B, C, G, H]);
    expect(ids.slice(-2)).toEqual([E, F]);
    const a = items[0];
    expect(a).toMatchObject({
      id: A,
      year: YEAR,
      code: '2.1.1',
      title: '深化挥发性有机物治理攻坚',
      state: 'assigned',
      stateLabel: '已交办',
      leadDepartment: 'soil',
      leadDepartmentName: '土壤生态环境处',
      coDepartments: [{ code: 'water', name: '水生态环境处' }],
      assigneeId: 'soil.staff1',
      assigneeName: '马晓燕',
      dueDate: PAST,
      escalationLevel: 'accountability',
      light: 'red',
      lightLabel: '红灯',
      openFindings: 1,
      suggestedDepartmentCode: 'soil',
    });
    expect(a.body).toBeUndefined();
    expect(a.workingDaysOverdue).toBeGreaterThanOrEqual(10);
    expect(a.lightReasons[0]).toMatch(/^逾期 \d+ 个工作日$/);
    expect(items[1]).toMatchObject({ id: D, light: 'yellow', lightReasons: ['距截止不足 5 个工作日'] });
    expect(items.find((i) => i.id === H)).toMatchObject({ state: 'in_progress', progressPercent: 52, light: 'green' });
    expect(items.find((i) => i.id === E)).toMatchObject({ state: 'completed', light: 'done' });
    expect(items.find((i) => i.code === '3.1.1')).toMatchObject({ state: 'imported', light: 'grey', assigneeId: null, dueDate: null });
  });

  it('pages on the server: page, pageSize and total, in a stable order', async () => {
    const all = (await list(`year=${YEAR}&sort=code`)).ids;
    const natural = planCodes
      .map((m) => m.code)
      .sort((x, y) => {
        const [a, b] = [x.split('.').map(Number), y.split('.').map(Number)];
        for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
        return 0;
      });
    expect(all).toEqual(natural.map(id));
    const pages: string[] = [];
    for (let page = 1; page <= 6; page++) {
      const r = await ok(get(`/measures?year=${YEAR}&sort=code&page=${page}&pageSize=10`, 'supervisor1'));
      expect(r.body).toMatchObject({ total: 57, page, pageSize: 10 });
      pages.push(...(r.body.items as Item[]).map((i) => i.id));
    }
    expect(pages).toEqual(all);
    expect(await ok(get(`/measures?year=${YEAR}&page=7&pageSize=10`, 'supervisor1'))).toMatchObject({ body: { items: [], total: 57, page: 7 } });
    const byDefault = await ok(get(`/measures?year=${YEAR}`, 'supervisor1'));
    expect(byDefault.body).toMatchObject({ total: 57, page: 1, pageSize: 20 });
    expect((byDefault.body.items as unknown[]).length).toBe(20);
  });

  it('filters by state, department, assignee, overdue, escalation level, light and year', async () => {
    const ids = async (query: string) => sorted((await list(`year=${YEAR}&${query}`)).ids);
    expect(await ids('status=assigned')).toEqual(sorted([A, C, D]));
    expect(await ids('status=in_progress')).toEqual(sorted([B, H]));
    expect(await ids('status=under_review')).toEqual([G]);
    expect(await ids('status=completed')).toEqual([E]);
    expect(await ids('status=cancelled')).toEqual([F]);
    expect(await ids('department=water')).toEqual(sorted([A, C]));
    expect(await ids('department=soil')).toEqual(sorted([A, B, D, E, G, H]));
    expect(await ids('assignee=soil.staff2')).toEqual(sorted([D, E]));
    expect(await ids('overdue=true')).toEqual([A]);
    expect((await list(`year=${YEAR}&overdue=false`)).total).toBe(56);
    expect(await ids('escalationLevel=accountability')).toEqual([A]);
    expect(await ids('escalationLevel=warning')).toEqual([D]);
    expect(await ids('escalationLevel=supervision')).toEqual([]);
    expect(await ids('light=red')).toEqual([A]);
    expect(await ids('light=yellow')).toEqual([D]);
    expect(await ids('light=green')).toEqual(sorted([B, C, G, H]));
    expect(await ids('light=done')).toEqual([E]);
    const grey = await list(`year=${YEAR}&light=grey`);
    expect(grey.total).toBe(57 - 7);
    expect(grey.ids.filter((m) => DRIVEN.includes(m))).toEqual([F]);
    expect(await ids('light=green&department=water')).toEqual([C]);
    expect(await ids('light=green&assignee=soil.staff1&status=in_progress')).toEqual(sorted([B, H]));
    // Yellow/green are judged in the service: their paging and totals must still hold.
    const firstGreen = await ok(get(`/measures?year=${YEAR}&light=green&page=2&pageSize=3`, 'supervisor1'));
    expect(firstGreen.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect((firstGreen.body.items as Item[]).map((i) => i.id)).toEqual([H]);
  });

  it('searches code, title and body literally: % _ and quotes are plain characters', async () => {
    const expected = (q: string) =>
      sorted(planCodes.filter((m) => [m.code, m.title, m.body].some((t) => t.toLowerCase().includes(q.toLowerCase()))).map((m) => m.id));
    const search = async (q: string) => sorted((await list(`year=${YEAR}&q=${encodeURIComponent(q)}`)).ids);
    expect(await search('rate_50%')).toEqual([B]);
    expect(await search('%')).toEqual(expected('%'));
    expect(await search('%')).toEqual([B]);
    expect(await search('_')).toEqual([B]);
    expect(await search("O'Neil")).toEqual([B]);
    expect(await search("' OR '1'='1")).toEqual([]);
    expect(await search('\\')).toEqual(expected('\\'));
    expect(await search('挥发性有机物')).toEqual(expected('挥发性有机物'));
    expect(await search('挥发性有机物')).toContain(A);
    expect(await search('2.2.6')).toEqual(expected('2.2.6'));
    expect(await search('  ')).toHaveLength(57);
  });

  it('scopes by role: staff see their department, heads also what is suggested to them, supervisors everything', async () => {
    const visible = async (user: string, query = `year=${YEAR}`) => sorted((await list(query, user)).ids);
    expect(await visible('soil.staff2')).toEqual(sorted([A, B, D, E, G, H]));
    expect(await visible('water.staff1')).toEqual(sorted([A, C]));
    expect(await visible('air.staff1')).toEqual([F]);
    // A head also sees 待交办 the import suggested for their department (by topic), and what no department owns yet.
    const waiting: Array<{ id: string }> = await system.dataSource.query(
      `SELECT m.id FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE m.year = $1 AND coalesce(s.state, 'imported') = 'imported' AND s.lead_department IS NULL
          AND (m.suggested_department_code = 'soil' OR m.suggested_department_code IS NULL)`,
      [YEAR],
    );
    expect(await visible('soil.head')).toEqual(sorted([...new Set([A, B, D, E, G, H, ...waiting.map((r) => r.id)])]));
    expect((await list(`year=${YEAR}`, 'supervisor1')).total).toBe(57);
    expect((await list(`year=${YEAR}`, 'admin')).total).toBe(57);

    // Unassigned 2022 measures suggested to soil: the soil head sees them (to 交办), soil staff do not.
    const suggested = '2022-2.3.1';
    expect((await list('year=2022&status=imported', 'soil.head')).ids).toContain(suggested);
    expect((await list('year=2022', 'soil.staff1')).ids).not.toContain(suggested);

    // The plan is public, the work scoped: its existence is no secret, its detail is.
    expect(await get(`/measures/${C}`, 'soil.staff2')).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE', message: '无权查看该事项的办理情况' } });
    expect(await get(`/measures/${C}`, 'water.staff1')).toMatchObject({ status: 200, body: { id: C } });
    expect(await get(`/measures/${C}`, 'supervisor1')).toMatchObject({ status: 200, body: { id: C } });
    expect(await get(`/measures/${suggested}`, 'soil.head')).toMatchObject({ status: 200 });
    expect(await get(`/measures/${suggested}`, 'air.head')).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await get(`/measures/${YEAR}-9.9.9`, 'supervisor1')).toMatchObject({ status: 404, body: { code: 'MEASURE_NOT_FOUND' } });
  });

  it('refuses bad filters with 400 and a stable code', async () => {
    for (const query of [
      'pageSize=1000',
      'pageSize=0',
      'page=0',
      'page=abc',
      'status=bogus',
      'light=purple',
      'overdue=maybe',
      'escalationLevel=panic',
      'year=abc',
      'year=1999',
      'sort=random',
      'colour=red',
      'status=assigned&status=completed',
      `q=${'很'.repeat(101)}`,
    ]) {
      const r = await get(`/measures?${query}`, 'supervisor1');
      expect([query, r.status, r.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(typeof r.body.message).toBe('string');
    }
    expect(await system.call('GET', '/measures')).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
  });

  it('treats SQL injection in every filter as plain text, and refuses NUL, broken and oversized values with 400', async () => {
    const query = (q: string) => get(`/measures?year=${YEAR}&${q}`, 'supervisor1');
    const problems: string[] = [];
    for (const param of ['department', 'assignee']) problems.push(...(await hostileFilterProblems(query, param, { freeText: { maxLength: 64 } })));
    problems.push(...(await hostileFilterProblems(query, 'q', { freeText: { maxLength: 100 } })));
    for (const param of ['status', 'overdue', 'escalationLevel', 'light', 'year', 'page', 'pageSize', 'sort']) problems.push(...(await hostileFilterProblems(query, param)));
    expect(problems).toEqual([]);
    // Nothing was run: the tables are all there, and the list still answers in full.
    const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events`);
    expect(n).toBeGreaterThan(0);
    expect((await list(`year=${YEAR}`)).total).toBe(57);
  }, 60_000);
});

describe('GET /measures/:id', () => {
  it('shows the light, names, findings and the ladder: fired steps and pending ones with dates', async () => {
    const a = await detail(A, 'soil.staff1');
    expect(a).toMatchObject({
      light: 'red',
      leadDepartmentName: '土壤生态环境处',
      coDepartments: [{ code: 'water', name: '水生态环境处' }],
      assigneeName: '马晓燕',
      // Recorded by the leader who took the overdue work in hand (补录).
      headId: 'leader1',
      headName: '周明远',
      stateLabel: '已交办',
      findings: [{ findingId: `${A}-f1`, n: 1, status: 'open', statusLabel: '整改中', dueDate: daysFromNow(10), assigneeId: 'soil.staff1', overdue: false }],
    });
    const ladder = a.ladder as Array<{ key: string; level: string; status: string; date: string }>;
    expect(ladder.map((s) => [s.key, s.status])).toEqual(
      ['warning', 'urging', 'supervision', 'accountability'].map((level) => [`assignee:${PAST}:${level}`, 'fired']),
    );
    // 催办 falls on the due date, or the next working day when that is a day off.
    expect(ladder.find((s) => s.level === 'urging')!.date >= PAST).toBe(true);

    const b = await detail(B, 'soil.head');
    const pending = b.ladder as Array<{ level: string; label: string; status: string; date: string; against: string }>;
    expect(pending.map((s) => [s.level, s.label, s.status, s.against])).toEqual([
      ['warning', '预警', 'pending', 'assignee'],
      ['urging', '催办', 'pending', 'assignee'],
      ['supervision', '督办', 'pending', 'assignee'],
      ['accountability', '问责', 'pending', 'assignee'],
    ]);
    const dates = pending.map((s) => s.date);
    expect(dates[0] < DUE && dates[1] >= DUE && dates[2] > dates[1] && dates[3] > dates[2]).toBe(true);

    const g = await detail(G);
    expect((g.ladder as Array<{ level: string; against: string; status: string }>).map((s) => [s.level, s.against, s.status])).toEqual([
      ['urging', 'reviewer', 'pending'],
      ['supervision', 'reviewer', 'pending'],
      ['accountability', 'reviewer', 'pending'],
    ]);
  });

  it('shows the quantified target from the plan and the quantity done', async () => {
    const h = await detail(H, 'soil.staff1');
    expect(h.quantities).toEqual(expect.arrayContaining([expect.objectContaining({ value: 600, unit: '个' }), expect.objectContaining({ value: 82, unit: '处' })]));
    expect(h).toMatchObject({ quantityTarget: { value: 600, unit: '个' }, quantityDone: 312, progressPercent: 52, light: 'green' });
    const imported = await detail(id('3.1.1'));
    expect(imported).toMatchObject({ state: 'imported', light: 'grey', ladder: [], findings: [], quantityDone: null });
  });
});

describe('GET /me/tasks', () => {
  const tasksOf = async (user: string) => (await ok(get('/me/tasks', user))).body.items as Array<Record<string, unknown>>;
  const rank = (light: unknown) => STATUS_LIGHTS.indexOf(light as (typeof STATUS_LIGHTS)[number]);

  it('gives staff what to accept, report and rectify, most urgent first', async () => {
    const tasks = await tasksOf('soil.staff1');
    const mine = tasks.filter((t) => String(t.measureId).startsWith(`${YEAR}-`));
    expect(mine).toHaveLength(4);
    expect(mine[0]).toMatchObject({ kind: 'accept', actionLabel: '签收', measureId: A, findingId: null, light: 'red', dueDate: PAST });
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rectify', actionLabel: '整改', measureId: A, findingId: `${A}-f1`, title: '现场检查发现治理台账缺失', dueDate: daysFromNow(10) }),
        expect.objectContaining({ kind: 'report', actionLabel: '报送进展', measureId: B, light: 'green', dueDate: DUE }),
        expect.objectContaining({ kind: 'report', measureId: H }),
      ]),
    );
    const ranks = tasks.map((t) => rank(t.light));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(await tasksOf('admin')).toEqual([]);
  });

  it('gives a department head reviews, extension requests and what to assign', async () => {
    const tasks = await tasksOf('soil.head');
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'review', actionLabel: '审核', measureId: G }),
        expect.objectContaining({ kind: 'decideExtension', actionLabel: '审批延期', measureId: B, dueDate: DUE }),
        expect.objectContaining({ kind: 'assign', actionLabel: '交办', measureId: '2022-2.3.1', light: 'grey', dueDate: null }),
      ]),
    );
    // A review is due when its SLA (5 working days after submission) runs out.
    const review = tasks.find((t) => t.kind === 'review' && t.measureId === G)!;
    expect(String(review.dueDate) > daysFromNow(4) && String(review.dueDate) < DUE).toBe(true);
    expect((await tasksOf('water.head')).some((t) => t.measureId === G)).toBe(false);
  });

  it('gives supervisors re-inspections and escalated measures', async () => {
    const finding = `${A}-f1`;
    expect((await tasksOf('supervisor1')).some((t) => t.findingId === finding)).toBe(false);
    await ok(post(`/findings/${finding}/rectification`, 'soil.staff1', { note: '已补齐台账' }));
    const tasks = await until(() => tasksOf('supervisor1'), (list) => list.some((t) => t.findingId === finding), 'the re-inspection task');
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'verify', actionLabel: '复查', measureId: A, findingId: finding }),
        expect.objectContaining({ kind: 'supervise', actionLabel: '问责', measureId: A, findingId: null, light: 'red' }),
      ]),
    );
    expect(tasks.some((t) => t.measureId === D)).toBe(false);
    expect((await tasksOf('soil.staff1')).some((t) => t.findingId === finding)).toBe(false);
    // Submitted, not closed: it still counts against the measure.
    expect((await list(`year=${YEAR}&light=red`)).items[0]).toMatchObject({ id: A, openFindings: 1 });
  });
});

describe('GET /plans/:year roll-ups', () => {
  interface Rollup {
    total: number;
    lights: Record<string, number>;
    states: Record<string, number>;
    completed: number;
    completionRate: number;
  }
  type Tree = Rollup & {
    summary: Rollup;
    departments: Array<Rollup & { code: string | null; name: string }>;
    chapters: Array<Rollup & { code: string; sections: Array<Rollup & { measures: Array<{ id: string; light: string; state: string; leadDepartment: string | null; suggestedDepartmentCode: string | null }> }> }>;
  };
  const tree = async (year: number) => (await ok(get(`/plans/${year}`, 'water.staff1'))).body as unknown as Tree;

  it('adds lights per measure and counts per chapter, section and department', async () => {
    const t = await tree(YEAR);
    expect(t.summary).toEqual({
      total: 57,
      lights: { red: 1, yellow: 1, green: 4, grey: 50, done: 1 },
      states: { imported: 49, assigned: 3, in_progress: 2, under_review: 1, returned: 0, completed: 1, cancelled: 1, carried_over: 0 },
      completed: 1,
      completionRate: 1.8,
    });
    const measures = t.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    expect(measures.find((m) => m.id === A)).toMatchObject({ light: 'red', leadDepartment: 'soil' });
    expect(measures.find((m) => m.id === D)).toMatchObject({ light: 'yellow' });
    const first = t.chapters.find((c) => c.sections.some((s) => s.measures.some((m) => m.id === A)))!;
    expect(first).toMatchObject({ total: 16, lights: { red: 1, yellow: 1, green: 4, done: 1, grey: 9 }, completed: 1 });
    expect(first.sections[0]).toMatchObject({ total: 5, lights: { red: 1, yellow: 1, green: 2, done: 1, grey: 0 }, completionRate: 20 });
    // By owning department: the lead, else the one the import suggested (by topic) for what waits to be assigned.
    const owners: Array<{ code: string | null; n: number }> = await system.dataSource.query(
      `SELECT coalesce(s.lead_department, m.suggested_department_code) AS code, count(*)::int AS n
         FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id WHERE m.year = $1 GROUP BY 1`,
      [YEAR],
    );
    const byCode = new Map(owners.map((o) => [o.code, o.n]));
    expect(t.departments.map((d) => [d.code, d.total]).sort()).toEqual([...byCode.entries()].sort());
    expect(t.departments.reduce((n, d) => n + d.total, 0)).toBe(57);
    expect(t.departments.find((d) => d.code === 'soil')).toMatchObject({ lights: { red: 1, yellow: 1, green: 3, done: 1 } });
    expect(t.departments.find((d) => d.code === 'air')).toMatchObject({ states: { cancelled: 1 }, completionRate: 0 });
  });

  it('rolls up the seeded 2022 plan consistently (other suites drive some of its measures)', async () => {
    const t = await tree(2022);
    expect(t.summary.total).toBe(57);
    const measures = t.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    expect(measures).toHaveLength(57);
    for (const m of measures) {
      expect(STATUS_LIGHTS).toContain(m.light);
      if (m.state === 'imported') expect(m.light).toBe('grey');
    }
    expect(t.chapters.reduce((n, c) => n + c.total, 0)).toBe(57);
    for (const c of t.chapters) expect(Object.values(c.lights).reduce((n, x) => n + x, 0)).toBe(c.total);
    const expected = new Map<string | null, number>();
    for (const m of measures) {
      const code = m.leadDepartment ?? m.suggestedDepartmentCode;
      expected.set(code, (expected.get(code) ?? 0) + 1);
    }
    expect(new Map(t.departments.map((d) => [d.code, d.total]))).toEqual(expected);
    expect(t.departments.find((d) => d.code === 'soil')?.name).toBe('土壤生态环境处');
  });
});

describe('organization lookups', () => {
  it('lists departments and users (never a password hash), optionally of one department', async () => {
    const departments = (await ok(get('/departments', 'soil.staff1'))).body as unknown as Array<{ code: string; name: string; kind: string }>;
    expect(departments).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'soil', name: '土壤生态环境处', kind: 'business' })]));
    const users = (await ok(get('/users?department=soil', 'soil.staff1'))).body as unknown as Array<Record<string, unknown>>;
    expect(users.map((u) => u.username)).toEqual(['soil.head', 'soil.staff1', 'soil.staff2']);
    expect(users[1]).toEqual({ username: 'soil.staff1', displayName: '马晓燕', role: 'staff', roleLabel: '承办人', departmentCode: 'soil', active: true });
    const everyone = (await ok(get('/users', 'soil.staff1'))).body as unknown as Array<Record<string, unknown>>;
    expect(everyone.length).toBeGreaterThan(40);
    expect(everyone.every((u) => !('passwordHash' in u) && !('password_hash' in u))).toBe(true);
    expect(await get('/users?department=', 'soil.staff1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await get('/users?role=admin', 'soil.staff1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await system.call('GET', '/departments')).toMatchObject({ status: 401 });
  });
});
