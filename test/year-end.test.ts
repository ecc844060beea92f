// 年终结转 (issue 13 item 10), on the real Temporal dev server and PostgreSQL: a plan with completed,
// in-progress and unassigned measures is carried into next year's plan. The unfinished ones end
// 已结转 with successors there (linked both ways, the history of either readable from the other),
// completed ones are left alone, a second call changes nothing, the frozen 完成情况 report stays as
// taken whatever happens later, other roles are refused, commands on a carried measure are 409.
import { Client } from '@temporalio/client';
import { Workbook } from 'exceljs';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(120_000);

/** Plan years of this suite's own. */
const FROM = 2071;
const TO = 2072;
const LONE = 2074;

let system: TestSystem;
const tokens: Record<string, string> = {};
const as = (user: string, method: string, path: string, body?: unknown) => system.call(method, path, { token: tokens[user], body });
const ok = async (response: Promise<ApiResponse>) => {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

async function plan(year: number, title: string): Promise<void> {
  await system.dataSource.query(`INSERT INTO plans (year, title) VALUES ($1, $2)`, [year, title]);
}
async function chapter(year: number, code: string, title: string): Promise<void> {
  await system.dataSource.query(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, $2, $3, $4)`, [year, code, title, Number(code)]);
  await system.dataSource.query(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, $2, $3, $4, 1)`, [year, `${code}.1`, code, `${title}（一）`]);
}
let position = 0;
async function measure(year: number, code: string, title: string, department: string): Promise<string> {
  const id = `${year}-${code}`;
  await system.dataSource.query(
    `INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, year, code, code.split('.').slice(0, 2).join('.'), title, `${title}的具体要求`, position++, department],
  );
  return id;
}
const state = async (id: string) => (await system.dataSource.query(`SELECT state, snapshot FROM measure_states WHERE measure_id = $1`, [id]))[0] as { state: string; snapshot: Record<string, unknown> } | undefined;

beforeAll(async () => {
  system = await startTestSystem('year-end');
  for (const user of ['admin', 'leader1', 'water.head', 'water.staff1', 'air.head', 'air.staff1', 'supervisor1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

describe('year end: carry-over and the frozen 完成情况 (dev server, PostgreSQL)', () => {
  const ids = { done: '', working: '', unassigned: '', sameTitle: '' };
  const ASSIGN = { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(30) };

  beforeAll(async () => {
    await plan(FROM, `${FROM}年工作要点`);
    await chapter(FROM, '2', '深入打好污染防治攻坚战');
    await chapter(FROM, '3', '推动绿色低碳发展');
    ids.done = await measure(FROM, '2.1.1', '完成饮用水水源地规范化建设', 'water');
    ids.working = await measure(FROM, '2.1.2', '推进入海河流综合整治', 'water');
    ids.unassigned = await measure(FROM, '2.1.3', '开展地下水污染调查', 'water');
    ids.sameTitle = await measure(FROM, '3.1.1', '推进大气污染防治', 'air');
    await system.dataSource.query(`INSERT INTO plan_quantities (year, owner_kind, owner_code, position, value, unit, text) VALUES ($1, 'measure', '2.1.2', 0, 12, '条', '12条')`, [FROM]);
    // Next year's plan already has a measure of the same title: the carried one continues there.
    await plan(TO, `${TO}年工作要点`);
    await chapter(TO, '4', '持续改善环境质量');
    await measure(TO, '4.1.1', '推进大气污染防治', 'air');
    await measure(TO, '4.1.2', '其他新任务', 'air');

    for (const id of Object.values(ids)) await ok(as('admin', 'POST', `/measures/${id}/start`));
    for (const id of [ids.done, ids.working]) {
      await ok(as('water.head', 'POST', `/measures/${id}/assign`, ASSIGN));
      await ok(as('water.staff1', 'POST', `/measures/${id}/accept`));
    }
    await ok(as('water.staff1', 'POST', `/measures/${ids.working}/progress`, { note: '已完成 5 条河流整治方案', percent: 40 }));
    await ok(as('water.staff1', 'POST', `/measures/${ids.done}/submit`, { note: '已完成' }));
    await ok(as('water.head', 'POST', `/measures/${ids.done}/approve`, {}));
  });

  it('refuses other roles and bad requests, changing nothing', async () => {
    const body = { toYear: TO, reason: '年度结束，未完成事项结转下年' };
    for (const user of ['water.head', 'water.staff1', 'supervisor1']) {
      const refused = await as(user, 'POST', `/plans/${FROM}/carry-over`, body);
      expect([user, refused.status, refused.body.code]).toEqual([user, 403, 'NOT_ALLOWED']);
    }
    const bad: Array<[unknown, string]> = [
      [{ ...body, toYear: FROM }, `结转年度应晚于 ${FROM} 年`],
      [{ ...body, reason: ' ' }, '年终结转必须说明理由'],
      [{ ...body, measureIds: [] }, '请至少选择一个事项'],
      [{ ...body, measureIds: ['2022-2.1.1'] }, `事项 2022-2.1.1 不属于 ${FROM} 年工作要点`],
      [{ reason: 'x' }, '结转年度应为整数年份'],
    ];
    for (const [request, message] of bad) {
      const refused = await as('leader1', 'POST', `/plans/${FROM}/carry-over`, request);
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(refused.body.message).toContain(message);
    }
    const unknownPlan = await as('leader1', 'POST', '/plans/2079/carry-over', { toYear: 2080, reason: 'x' });
    expect([unknownPlan.status, unknownPlan.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    expect((await state(ids.working))?.state).toBe('in_progress');
    expect((await ok(as('leader1', 'GET', `/plans/${FROM}/completion-report`))).report).toBeNull();
  });

  let report: Record<string, unknown>;

  it('carries the unfinished into next year, linked both ways; completed ones stay', async () => {
    const result = await ok(as('leader1', 'POST', `/plans/${FROM}/carry-over`, { toYear: TO, reason: '年度结束，未完成事项结转下年' }));
    expect(result).toMatchObject({ year: FROM, toYear: TO, createdPlan: false, skipped: [], failed: [] });
    const carried = result.carried as Array<{ measureId: string; successorId: string; linked: boolean }>;
    expect(carried.map((c) => [c.measureId, c.successorId, c.linked])).toEqual([
      [ids.working, `${TO}-90.1.1`, false],
      [ids.unassigned, `${TO}-90.1.2`, false],
      [ids.sameTitle, `${TO}-4.1.1`, true],
    ]);
    expect(result.reportTakenAt).toEqual(expect.any(String));

    // The old measures end 已结转, pointing on; the completed one is untouched.
    expect(await state(ids.done)).toMatchObject({ state: 'completed' });
    for (const c of carried) expect(await state(c.measureId)).toMatchObject({ state: 'carried_over', snapshot: { successorId: c.successorId } });
    const events = await system.dataSource.query(`SELECT type, actor_id, payload FROM measure_events WHERE measure_id = $1 ORDER BY sequence DESC LIMIT 1`, [ids.working]);
    expect(events[0]).toMatchObject({ type: 'carryOver', actor_id: 'leader1', payload: expect.objectContaining({ successorId: `${TO}-90.1.1` }) });

    // The successors: appended under 「上年结转事项」 (title, body, department, target copied) or the same-title one.
    const tree = await ok(as('water.head', 'GET', `/plans/${TO}`));
    const chapters = tree.chapters as Array<{ code: string; title: string; sections: Array<{ measures: Array<{ id: string; title: string; suggestedDepartmentCode: string; quantities: unknown[] }> }> }>;
    expect(chapters.map((c) => [c.code, c.title])).toEqual([
      ['4', '持续改善环境质量'],
      ['90', '上年结转事项'],
    ]);
    expect(chapters[1].sections[0].measures.map((m) => [m.id, m.title, m.suggestedDepartmentCode, m.quantities.length])).toEqual([
      [`${TO}-90.1.1`, '推进入海河流综合整治', 'water', 1],
      [`${TO}-90.1.2`, '开展地下水污染调查', 'water', 0],
    ]);
    // A new workflow, pointing back, waiting to be assigned (a head sees it under 待交办).
    const snapshot = await system.app.get(Client).workflow.getHandle(`measure-${TO}-90.1.1`).query<Record<string, unknown>>('snapshot');
    expect(snapshot).toMatchObject({ state: 'imported', predecessorId: ids.working });
    const tasks = await ok(as('water.head', 'GET', '/me/tasks'));
    expect((tasks.items as Array<{ kind: string; measureId: string }>).some((t) => t.kind === 'assign' && t.measureId === `${TO}-90.1.1`)).toBe(true);

    // Linked both ways, each with the other's history.
    const back = await ok(as('water.head', 'GET', `/measures/${TO}-90.1.1/carry-over`));
    expect(back).toMatchObject({ predecessor: { id: ids.working, state: 'carried_over', stateLabel: '已结转' }, successor: null });
    const history = (back.predecessor as { events: Array<{ type: string; payload: Record<string, unknown> }> }).events;
    expect(history.map((e) => e.type)).toEqual(expect.arrayContaining(['assign', 'accept', 'reportProgress', 'carryOver']));
    expect(history.find((e) => e.type === 'reportProgress')?.payload).toMatchObject({ note: '已完成 5 条河流整治方案' });
    const on = await ok(as('water.staff1', 'GET', `/measures/${ids.working}/carry-over`));
    expect(on).toMatchObject({ predecessor: null, successor: { id: `${TO}-90.1.1`, title: '推进入海河流综合整治', state: 'imported' } });
    const linked = await ok(as('air.head', 'GET', `/measures/${TO}-4.1.1/carry-over`));
    expect(linked).toMatchObject({ predecessor: { id: ids.sameTitle, state: 'carried_over' } });
    expect(await ok(as('air.head', 'GET', `/measures/${ids.sameTitle}/carry-over`))).toMatchObject({ successor: { id: `${TO}-4.1.1` } });
    // Scoped like the measure itself: water's staff do not see air's measure.
    expect((await as('water.staff1', 'GET', `/measures/${TO}-4.1.1/carry-over`)).status).toBe(403);

    const view = await ok(as('supervisor1', 'GET', `/plans/${FROM}/completion-report`));
    report = view.report as Record<string, unknown>;
    expect(report).toMatchObject({
      year: FROM,
      toYear: TO,
      takenBy: 'leader1',
      summary: { total: 4, completed: 1, carriedOver: 3, cancelled: 0, unfinished: 0, completionRate: 25 },
      chapters: [
        { code: '2', name: '深入打好污染防治攻坚战', total: 3, completed: 1, carriedOver: 2, completionRate: 33.3 },
        { code: '3', name: '推动绿色低碳发展', total: 1, completed: 0, carriedOver: 1, completionRate: 0 },
      ],
    });
    const departments = report.departments as Array<{ code: string; total: number; completed: number; carriedOver: number }>;
    expect(departments.find((d) => d.code === 'water')).toMatchObject({ total: 3, completed: 1, carriedOver: 2 });
    expect(departments.find((d) => d.code === 'air')).toMatchObject({ total: 1, completed: 0, carriedOver: 1 });
    expect((report.measures as Array<{ id: string; successorId: string | null }>).find((m) => m.id === ids.working)?.successorId).toBe(`${TO}-90.1.1`);
    const [audit] = await system.dataSource.query(`SELECT actor_id, after FROM admin_audit_log WHERE action = 'plan.carryOver' AND target = $1`, [`plan:${FROM}`]);
    expect(audit).toMatchObject({ actor_id: 'leader1', after: { toYear: TO, carried: expect.arrayContaining([{ from: ids.working, to: `${TO}-90.1.1`, linked: false }]) } });
  });

  it('is idempotent: a second call carries nothing again', async () => {
    const before = await system.dataSource.query(`SELECT count(*)::int AS n FROM measures WHERE year = $1`, [TO]);
    const again = await ok(as('admin', 'POST', `/plans/${FROM}/carry-over`, { toYear: TO, reason: '再次执行' }));
    expect(again).toMatchObject({ carried: [], failed: [], reportTakenAt: null });
    expect((again.skipped as Array<{ measureId: string; reason: string; successorId: string }>).map((s) => [s.measureId, s.reason, s.successorId])).toEqual([
      [ids.working, '已结转', `${TO}-90.1.1`],
      [ids.unassigned, '已结转', `${TO}-90.1.2`],
      [ids.sameTitle, '已结转', `${TO}-4.1.1`],
    ]);
    // Listing a completed one says why it is not carried.
    const listed = await ok(as('leader1', 'POST', `/plans/${FROM}/carry-over`, { toYear: TO, reason: '指定事项', measureIds: [ids.done, `${FROM}-9.9.9`] }));
    expect(listed).toMatchObject({
      carried: [],
      skipped: [{ measureId: ids.done, reason: '事项当前状态为「已办结」，无需结转' }],
      failed: [{ measureId: `${FROM}-9.9.9`, code: 'MEASURE_NOT_FOUND' }],
    });
    expect(await system.dataSource.query(`SELECT count(*)::int AS n FROM measures WHERE year = $1`, [TO])).toEqual(before);
    expect((await ok(as('leader1', 'GET', `/plans/${FROM}/completion-report`))).takenAts).toHaveLength(1);
  });

  it('refuses commands on a carried-over measure with 409', async () => {
    const attempts: Array<[string, string, unknown]> = [
      ['water.staff1', `/measures/${ids.working}/progress`, { note: '继续推进' }],
      ['water.staff1', `/measures/${ids.working}/submit`, { note: '完成' }],
      ['admin', `/measures/${ids.working}/cancel`, { reason: '撤销' }],
      ['leader1', `/measures/${ids.working}/reopen`, { reason: '重新打开' }],
      ['water.head', `/measures/${ids.unassigned}/assign`, ASSIGN],
    ];
    for (const [user, path, body] of attempts) {
      const refused = await as(user, 'POST', path, body);
      expect([path, refused.status, refused.body.code]).toEqual([path, 409, 'MEASURE_WRONG_STATE']);
    }
    expect(await state(ids.working)).toMatchObject({ state: 'carried_over' });
  });

  it('keeps the frozen report as taken whatever happens later, and downloads it as XLSX', async () => {
    // Later: the completed measure is reopened and the successor is assigned.
    await ok(as('leader1', 'POST', `/measures/${ids.done}/reopen`, { reason: '复核发现问题' }));
    expect(await state(ids.done)).toMatchObject({ state: 'in_progress' });
    await ok(as('water.head', 'POST', `/measures/${TO}-90.1.1/assign`, ASSIGN));
    const live = await ok(as('leader1', 'GET', `/plans/${FROM}`));
    expect((live.summary as { completed: number }).completed).toBe(0);

    const view = await ok(as('leader1', 'GET', `/plans/${FROM}/completion-report`));
    expect(view.report).toEqual(report);
    await expect(system.dataSource.query(`DELETE FROM completion_reports WHERE plan_year = $1`, [FROM])).rejects.toThrow(/append-only/);

    expect((await as('water.staff1', 'GET', `/plans/${FROM}/completion-report`)).status).toBe(403);
    const response = await fetch(`${system.baseUrl}/plans/${FROM}/completion-report/xlsx`, { headers: { authorization: `Bearer ${tokens['water.head']}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['按章节', '按处室', '事项明细']);
    const byChapter = workbook.getWorksheet('按章节')!;
    const rows = byChapter.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual(expect.arrayContaining([['2 深入打好污染防治攻坚战', 3, 1, 2, 0, 0, 33.3], ['合计', 4, 1, 3, 0, 0, 25]]));
    const missing = await as('leader1', 'GET', `/plans/${TO}/completion-report/xlsx`);
    expect([missing.status, missing.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
  });

  it('creates next year’s plan when it does not exist yet', async () => {
    await plan(LONE, `${LONE}年工作要点`);
    await chapter(LONE, '2', '重点任务');
    const lone = await measure(LONE, '2.1.1', '推进固体废物治理', 'soil');
    const result = await ok(as('admin', 'POST', `/plans/${LONE}/carry-over`, { toYear: LONE + 1, reason: '年度结束' }));
    // Not started yet: the carry-over starts its workflow first.
    expect(result).toMatchObject({ createdPlan: true, carried: [{ measureId: lone, successorId: `${LONE + 1}-90.1.1`, linked: false }], failed: [] });
    const created = await ok(as('leader1', 'GET', `/plans/${LONE + 1}`));
    expect(created).toMatchObject({ title: `${LONE + 1}年工作要点（结转）`, chapters: [{ code: '90', title: '上年结转事项' }] });
    expect(await state(lone)).toMatchObject({ state: 'carried_over' });
  });
});
