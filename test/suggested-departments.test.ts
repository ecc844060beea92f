// Suggested lead departments (建议牵头处室) for every imported plan, on the real Temporal dev server
// and PostgreSQL: a plan imported through the API gets one for each measure (matched to the
// organization's departments), so its head sees it under 待交办 and may 交办 it; a measure no
// department owns is under 待交办 of every head and of the leaders, and only a leader or an admin
// sets its department (in bulk, audited, the running workflow told). This suite owns the 2076 plan.
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

const YEAR = 2076;
const PLAN = `某市生态环境局${YEAR}年工作要点

一、主要目标指标

(一)水生态环境方面。国控断面水质优良比例达到省下达目标。

二、深入打好污染防治攻坚战

(一)“三水统筹”打好碧水保卫战。

1.推进污水处理设施提质增效。完成入河排污口整治，加强饮用水水源地保护。

2.推进地下水污染防治。开展土壤和地下水环境状况调查评估。

(二)协同治理打好蓝天保卫战。

1.开展挥发性有机物综合治理。实施一批VOCs治理项目，打好臭氧污染防治攻坚战。

三、加强自身建设

(一)夯实工作基础。

1.完善年度工作安排。按时完成各项任务（人事处牵头）。
`;

const USERS = ['admin', 'leader1', 'water.head', 'water.staff1', 'soil.head', 'soil.staff1', 'air.head', 'air.staff1', 'supervisor1'];
let system: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('suggested-departments');
  for (const user of USERS) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, user: string, body?: unknown) => system.call(method, path, { token: tokens[user], body });
async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}
interface Task {
  kind: string;
  actionLabel: string;
  measureId: string;
}
const tasksOf = async (user: string) => (await ok(call('GET', '/me/tasks', user))).body.items as Task[];
const suggested = async (id: string): Promise<string | null> =>
  ((await system.dataSource.query('SELECT suggested_department_code AS s FROM measures WHERE id = $1', [id])) as Array<{ s: string | null }>)[0].s;
const assignBody = (assigneeId: string, leadDepartment: string) => ({ assigneeId, leadDepartment, dueDate: daysFromNow(40) });

describe('a plan imported through 系统管理', () => {
  it('gives every measure a suggested department, and that department’s head 交办 it', async () => {
    const imported = await system.call('POST', '/plans/import', { token: tokens.admin, body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(imported).toMatchObject({ status: 200, body: { year: YEAR, workflows: 4, counts: { measures: 4 } } });
    const counts = imported.body.suggestions as Record<string, number>;
    expect(counts).toMatchObject({ plan: 1, none: 0 });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(4);

    const tree = (await ok(call('GET', `/plans/${YEAR}`, 'supervisor1'))).body as {
      chapters: Array<{ sections: Array<{ measures: Array<{ id: string; suggestedDepartmentCode: string | null }> }> }>;
    };
    const measures = tree.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    expect(measures).toHaveLength(4);
    for (const m of measures) expect([m.id, m.suggestedDepartmentCode]).toEqual([m.id, expect.any(String)]);
    const by = Object.fromEntries(measures.map((m) => [m.id, m.suggestedDepartmentCode]));
    expect(by[`${YEAR}-2.1.1`]).toBe('water');
    expect(by[`${YEAR}-2.1.2`]).toBe('soil');
    // The plan's own lead (（人事处牵头）) is taken as written.
    expect(by[`${YEAR}-3.1.1`]).toBe('personnel');

    // Under 待交办 of the suggested department's head, and only there.
    const water = `${YEAR}-2.1.1`;
    expect(await tasksOf('water.head')).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assign', actionLabel: '交办', measureId: water })]));
    expect((await tasksOf('soil.head')).some((t) => t.measureId === water)).toBe(false);
    expect(await call('POST', `/measures/${water}/assign`, 'soil.head', assignBody('soil.staff1', 'soil'))).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
    expect(await call('POST', `/measures/${water}/assign`, 'water.head', assignBody('water.staff1', 'water'))).toMatchObject({ status: 200, body: { state: 'assigned', assigneeId: 'water.staff1' } });
    expect((await tasksOf('water.head')).some((t) => t.measureId === water)).toBe(false);

    // Importing the same document again keeps what is stored (a leader may have changed it since).
    await system.dataSource.query('UPDATE measures SET suggested_department_code = $2 WHERE id = $1', [`${YEAR}-2.1.2`, 'water']);
    expect(await system.call('POST', '/plans/import', { token: tokens.admin, body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } })).toMatchObject({ status: 200 });
    expect(await suggested(`${YEAR}-2.1.2`)).toBe('water');
    await system.dataSource.query('UPDATE measures SET suggested_department_code = $2 WHERE id = $1', [`${YEAR}-2.1.2`, 'soil']);
  });
});

describe('a measure no department owns (未定牵头处室)', () => {
  let id: string;

  beforeAll(async () => {
    // As a plan stored before suggestions existed: no suggested department, its workflow running.
    id = await addPlanMeasure(system.dataSource, null, YEAR);
    await ok(call('POST', `/measures/${id}/start`, 'admin'));
  });

  it('is under 待交办 of every head and of the leaders; heads see it but cannot 交办 it', async () => {
    for (const user of ['water.head', 'soil.head', 'air.head', 'leader1']) {
      expect([user, await tasksOf(user)]).toEqual([user, expect.arrayContaining([expect.objectContaining({ kind: 'assign', actionLabel: '交办（未定牵头处室）', measureId: id })])]);
    }
    expect((await tasksOf('air.staff1')).some((t) => t.measureId === id)).toBe(false);
    const list = (await ok(call('GET', `/measures?year=${YEAR}&status=imported&pageSize=100`, 'air.head'))).body.items as Array<{ id: string }>;
    expect(list.map((m) => m.id)).toContain(id);
    expect(await call('GET', `/measures/${id}`, 'air.head')).toMatchObject({ status: 200, body: { id, suggestedDepartmentCode: null } });
    expect(await call('GET', `/measures/${id}`, 'air.staff1')).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await call('POST', `/measures/${id}/assign`, 'air.head', assignBody('air.staff1', 'air'))).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
  });

  it('is given a department in bulk only by a leader or an admin; heads, staff and supervisors are refused', async () => {
    for (const user of ['water.head', 'soil.head', 'soil.staff1', 'supervisor1']) {
      const r = await call('POST', `/plans/${YEAR}/suggested-departments`, user, { measureIds: [id], department: 'soil' });
      expect([user, r.status, r.body.code]).toEqual([user, 403, 'NOT_ALLOWED']);
    }
    expect(await suggested(id)).toBeNull();
  });

  it('moves to that department’s 待交办 when a leader sets it, and its head 交办 it (the workflow was told)', async () => {
    const set = await ok(call('POST', `/plans/${YEAR}/suggested-departments`, 'leader1', { measureIds: [id], department: 'soil' }));
    expect(set.body).toEqual({ year: YEAR, department: 'soil', departmentName: '土壤生态环境处', updated: [id], unchanged: [] });
    expect(await suggested(id)).toBe('soil');
    expect(await tasksOf('soil.head')).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assign', actionLabel: '交办', measureId: id })]));
    expect((await tasksOf('air.head')).some((t) => t.measureId === id)).toBe(false);
    expect((await tasksOf('leader1')).some((t) => t.measureId === id)).toBe(false);
    expect(await call('GET', `/measures/${id}`, 'air.head')).toMatchObject({ status: 403 });
    // The same again changes nothing.
    expect((await ok(call('POST', `/plans/${YEAR}/suggested-departments`, 'leader1', { measureIds: [id], department: 'soil' }))).body).toMatchObject({ updated: [], unchanged: [id] });

    const [audit] = (await system.dataSource.query(
      `SELECT actor_id AS "actorId", action, target, before, after FROM admin_audit_log WHERE action = 'plan.suggested_departments' AND target = $1 ORDER BY id`,
      [`plan:${YEAR}`],
    )) as Array<Record<string, unknown>>;
    expect(audit).toMatchObject({ actorId: 'leader1', before: { measures: { [id]: null } }, after: { department: 'soil', measures: [id] } });

    // The workflow decides again (the last word): it knows soil owns the measure now.
    expect(await call('POST', `/measures/${id}/assign`, 'soil.head', assignBody('soil.staff1', 'soil'))).toMatchObject({ status: 200, body: { state: 'assigned', leadDepartment: 'soil' } });
  });

  it('takes a chapter or a section at once (admin), and refuses bad selections with nothing written', async () => {
    // What a selection holds now (other suites' department merges may have moved a suggestion meanwhile).
    const suggestions = async (where: string): Promise<Array<{ id: string; s: string | null }>> =>
      system.dataSource.query(`SELECT id, suggested_department_code AS s FROM measures WHERE year = $1 AND ${where} ORDER BY id`, [YEAR]);
    const inSection = `section_code = '2.2'`;
    const inChapter = `section_code IN (SELECT code FROM plan_sections WHERE year = ${YEAR} AND chapter_code = '2')`;
    const sectionBefore = await suggestions(inSection);
    expect(sectionBefore.map((m) => m.id)).toEqual([`${YEAR}-2.2.1`]);
    const section = await ok(call('POST', `/plans/${YEAR}/suggested-departments`, 'admin', { sectionCode: '2.2', department: 'office' }));
    expect(section.body).toMatchObject({ department: 'office', updated: sectionBefore.filter((m) => m.s !== 'office').map((m) => m.id) });
    expect((await suggestions(inSection)).map((m) => m.s)).toEqual(['office']);
    const chapterBefore = await suggestions(inChapter);
    expect(chapterBefore.map((m) => m.id)).toEqual([`${YEAR}-2.1.1`, `${YEAR}-2.1.2`, `${YEAR}-2.2.1`]);
    const chapter = await ok(call('POST', `/plans/${YEAR}/suggested-departments`, 'admin', { chapterCode: '2', department: 'air' }));
    // 2.1.1 is assigned already: its suggestion changes, its lead department does not.
    expect(chapter.body).toMatchObject({ updated: chapterBefore.filter((m) => m.s !== 'air').map((m) => m.id) });
    expect(chapter.body.updated).toContain(`${YEAR}-2.2.1`);
    expect(await call('GET', `/measures/${YEAR}-2.1.1`, 'water.head')).toMatchObject({ status: 200, body: { leadDepartment: 'water' } });
    expect(await tasksOf('air.head')).toEqual(expect.arrayContaining([expect.objectContaining({ measureId: `${YEAR}-2.1.2` })]));

    const refusals: Array<[unknown, number, string]> = [
      [{ measureIds: [`${YEAR}-9.9.9`, `${YEAR}-2.1.2`], department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ measureIds: [], department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ measureIds: Array.from({ length: 201 }, (_, i) => `${YEAR}-2.1.${i + 1}`), department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ chapterCode: '2', sectionCode: '2.1', department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ chapterCode: '8', department: 'soil' }, 400, 'VALIDATION_FAILED'],
      [{ sectionCode: '2.1', department: 'nowhere' }, 404, 'DEPARTMENT_NOT_FOUND'],
      [{ sectionCode: '2.1', department: 'leadership' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const r = await call('POST', `/plans/${YEAR}/suggested-departments`, 'leader1', body);
      expect([JSON.stringify(body).slice(0, 60), r.status, r.body.code, typeof r.body.message]).toEqual([JSON.stringify(body).slice(0, 60), status, code, 'string']);
    }
    expect(await call('POST', '/plans/2099/suggested-departments', 'leader1', { sectionCode: '2.1', department: 'soil' })).toMatchObject({ status: 404, body: { code: 'PLAN_NOT_FOUND' } });
    expect(await suggested(`${YEAR}-2.1.2`)).toBe('air');
  });
});
