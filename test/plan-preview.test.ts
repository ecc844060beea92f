// 导入前预览 on the real Temporal dev server and PostgreSQL: POST /plans/preview reads and parses a
// document (here a .docx) and stores nothing; POST /plans/import-reviewed imports the plan as the
// admin corrected it (an edited title, a changed lead, a removed and an added measure), audited and
// with workflows; a year already imported gets the diff; bad plans get 400 with the problem per
// measure and nothing written; a 200-measure plan goes as a JSON file; the 2022 seed round-trips
// unchanged; only the admin may do either. This suite owns the 2087, 2089 and 2090 plans.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanRepository } from '@duban/db';
import { planDocx } from '../libs/plan-reader/fixtures/build';
import type { PlanPreviewDto } from '../apps/api/plan/plan-preview.dto';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

const YEAR = 2087;
const PLAN = `某市生态环境局${YEAR}年工作要点
一、深入打好污染防治攻坚战
（一）蓝天保卫战
1.实施臭氧污染防治攻坚。开展挥发性有机物治理突出问题排查整治。（大气处牵头，执法处配合）
2.推进柴油货车污染治理。淘汰国三及以下排放标准营运柴油货车300辆。
（二）碧水保卫战
1.推进美丽河湖建设。完成入河排污口整治。（市水务局牵头）
二、加强自身建设
（一）夯实工作基础
1.完善内部管理制度。修订局机关制度汇编。（局办公室牵头）
`;

let system: TestSystem;
let admin: string;
let docx: Buffer;

beforeAll(async () => {
  system = await startTestSystem('plan-preview');
  admin = await system.login('admin');
  docx = await planDocx(PLAN);
}, 60_000);

afterAll(() => system?.stop());

async function preview(bytes: Uint8Array, token = admin) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), 'plan.bin');
  const send = () => fetch(`${system.baseUrl}/plans/preview`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const response = await send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
    throw error;
  });
  return { status: response.status, body: (await response.json()) as PlanPreviewDto };
}

/** The reviewed plan as the multipart `plan` JSON file (the web UI's way; no JSON body limit). */
async function reviewedFile(json: string, token = admin) {
  const form = new FormData();
  form.append('plan', new Blob([json], { type: 'application/json' }), 'plan.json');
  const response = await fetch(`${system.baseUrl}/plans/import-reviewed`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything an import writes: the year's plan rows, all measures and plans, the admin audit stream. */
/** What a preview of this suite's year could write (the database is shared: other suites write beside it). */
async function footprint() {
  const [row] = await system.dataSource.query(
    `SELECT (SELECT count(*) FROM plans WHERE year = $1)::int AS plans, (SELECT count(*) FROM measures WHERE year = $1)::int AS measures,
            (SELECT count(*) FROM admin_audit_log WHERE target = 'plan:' || $1::text)::int AS audit`,
    [YEAR],
  );
  return { ...row, year: await new PlanRepository(system.dataSource).countPlanRows(YEAR) };
}

const stored = async () =>
  system.dataSource.query(`SELECT code, title, suggested_department_code AS lead FROM measures WHERE year = $1 ORDER BY position`, [YEAR]) as Promise<
    Array<{ code: string; title: string; lead: string | null }>
  >;

describe('POST /plans/preview and /plans/import-reviewed', () => {
  let parsed: PlanPreviewDto;

  it('previews a .docx plan as editable JSON with suggested leads and warnings, storing nothing', async () => {
    const before = await footprint();
    const response = await preview(docx);
    expect(response.status).toBe(200);
    parsed = response.body;
    expect(parsed).toMatchObject({ year: YEAR, title: `某市生态环境局${YEAR}年工作要点`, format: 'docx' });
    expect(parsed.diff).toBeUndefined();
    const measures = parsed.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    expect(measures.map((m) => [m.code, m.title, m.suggestedDepartment])).toEqual([
      ['1.1.1', '实施臭氧污染防治攻坚', 'air'],
      ['1.1.2', '推进柴油货车污染治理', expect.any(String)],
      ['1.2.1', '推进美丽河湖建设', expect.any(String)],
      ['2.1.1', '完善内部管理制度', 'office'],
    ]);
    expect(measures[0]).toMatchObject({ leadText: '大气处', coText: '执法处', coDepartments: ['enforcement'], suggestionBasis: 'plan' });
    // 市水务局 is no department of this bureau: kept as written and warned about.
    expect(measures[2]).toMatchObject({ leadText: '市水务局', unmatchedLeads: ['市水务局'] });
    expect(parsed.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unmatched_department', at: '1.2.1', message: expect.stringContaining('市水务局') })]));
    expect(await footprint()).toEqual(before);
    expect(before.year).toEqual({ targets: 0, chapters: 0, sections: 0, measures: 0, quantities: 0 });
  });

  it('imports the corrected plan: an edited title, a changed lead, a removed and an added measure', async () => {
    const plan = structuredClone(parsed);
    const blue = plan.chapters[0].sections[0];
    blue.measures[1].title = '推进柴油货车和非道路移动机械污染治理';
    plan.chapters[0].sections[1].measures[0].suggestedDepartment = 'water';
    plan.chapters[1].sections[0].measures = [];
    blue.measures.push({ code: '1.1.3', title: '开展秋冬季大气污染综合治理', body: '', suggestedDepartment: 'monitoring', suggestionBasis: 'plan' });
    const response = await system.call('POST', '/plans/import-reviewed', { token: admin, body: plan });
    expect(response).toMatchObject({ status: 200, body: { year: YEAR, createdPlan: true, format: 'docx', workflows: 4, counts: { measures: 4 } } });
    expect(await stored()).toEqual([
      { code: '1.1.1', title: '实施臭氧污染防治攻坚', lead: 'air' },
      { code: '1.1.2', title: '推进柴油货车和非道路移动机械污染治理', lead: parsed.chapters[0].sections[0].measures[1].suggestedDepartment },
      { code: '1.1.3', title: '开展秋冬季大气污染综合治理', lead: 'monitoring' },
      { code: '1.2.1', title: '推进美丽河湖建设', lead: 'water' },
    ]);
    const [co] = await system.dataSource.query(`SELECT suggested_co_department_codes AS co, lead_text AS "leadText" FROM measures WHERE id = $1`, [`${YEAR}-1.1.1`]);
    expect(co).toEqual({ co: ['enforcement'], leadText: '大气处' });
    // The quantity of the measure is read from its text, as an import of the document would.
    const quantities = await system.dataSource.query(`SELECT value::int AS value, unit FROM plan_quantities WHERE year = $1 AND owner_code = '1.1.2'`, [YEAR]);
    expect(quantities).toEqual([{ value: 300, unit: '辆' }]);
    const audit = await system.dataSource.query(`SELECT actor_id, after FROM admin_audit_log WHERE action = 'plan.import' AND target = $1`, [`plan:${YEAR}`]);
    expect(audit).toEqual([{ actor_id: 'admin', after: expect.objectContaining({ reviewed: true, format: 'docx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }) }]);
    // The suggested head 交办s it from 待交办.
    const head = await system.login('water.head');
    const tasks = (await system.call('GET', '/me/tasks', { token: head })).body.items as Array<{ kind: string; measureId: string }>;
    expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assign', measureId: `${YEAR}-1.2.1` })]));
  });

  it('previews the year again with the diff, and a re-import reports the missing measure and leaves it running', async () => {
    const before = await footprint();
    const again = await preview(docx);
    expect(again.status).toBe(200);
    expect(again.body.diff).toEqual({
      added: ['2.1.1'],
      changed: [{ code: '1.1.2', before: expect.objectContaining({ title: '推进柴油货车和非道路移动机械污染治理' }), after: expect.objectContaining({ title: '推进柴油货车污染治理' }) }],
      missing: ['1.1.3'],
    });
    // A stored measure shows the suggestion it keeps.
    expect(again.body.chapters[0].sections[1].measures[0]).toMatchObject({ code: '1.2.1', suggestedDepartment: 'water', suggestionBasis: 'stored' });
    expect(await footprint()).toEqual(before);

    const response = await system.call('POST', '/plans/import-reviewed', { token: admin, body: again.body });
    expect(response).toMatchObject({ status: 200, body: { createdPlan: false, missing: [{ kind: 'measure', code: '1.1.3' }] } });
    expect(response.body.created).toEqual(expect.arrayContaining([{ kind: 'measure', code: '2.1.1' }]));
    const [row] = await system.dataSource.query(`SELECT coalesce(s.state, 'imported') AS state FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id WHERE m.id = $1`, [`${YEAR}-1.1.3`]);
    expect(row.state).not.toMatch(/cancelled|completed/);
    expect((await stored()).map((m) => m.code).sort()).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1', '2.1.1']);
  });

  it('opens the stored plan as an editable outline (修改已导入的工作要点): its tree, stored suggestions, an empty diff; it imports back unchanged', async () => {
    const before = await footprint();
    const outline = await system.call('GET', `/plans/${YEAR}/outline`, { token: admin });
    expect(outline.status).toBe(200);
    const body = outline.body as unknown as PlanPreviewDto;
    expect(body).toMatchObject({ year: YEAR, format: 'manual', warnings: [], diff: { added: [], changed: [], missing: [] } });
    expect(body.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => m.code)))).toEqual((await stored()).map((m) => m.code));
    expect(body.stored?.map((m) => m.code)).toEqual((await stored()).map((m) => m.code));
    expect(body.chapters[0].sections[1].measures[0]).toMatchObject({ code: '1.2.1', suggestedDepartment: 'water', suggestionBasis: 'stored' });
    expect(await footprint()).toEqual(before);
    const again = await system.call('POST', '/plans/import-reviewed', { token: admin, body });
    expect(again).toMatchObject({ status: 200, body: { format: 'manual', createdPlan: false, created: [], missing: [] } });
    expect((await system.call('GET', '/plans/2099/outline', { token: admin })).body).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    for (const role of ['leader1', 'air.head', 'supervisor1']) expect((await system.call('GET', `/plans/${YEAR}/outline`, { token: await system.login(role) })).status).toBe(403);
    expect((await system.call('GET', `/plans/${YEAR}/outline`)).status).toBe(401);
  });

  it('a changed title of a completed measure updates the plan text as an audited change and never reopens it', async () => {
    const id = `${YEAR}-1.1.1`;
    const as = async (username: string) => system.login(username);
    const step = async (command: string, user: string, body: unknown) => {
      const response = await system.call('POST', `/measures/${id}/${command}`, { token: await as(user), body });
      expect([command, response.status]).toEqual([command, 200]);
    };
    await step('assign', 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(40) });
    await step('accept', 'air.staff1', {});
    await step('submit', 'air.staff1', { note: '已完成' });
    await step('approve', 'air.head', {});
    const state = async () => ((await system.dataSource.query(`SELECT state FROM measure_states WHERE measure_id = $1`, [id])) as Array<{ state: string }>)[0]?.state;
    for (let i = 0; i < 100 && (await state()) !== 'completed'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await state()).toBe('completed');

    const outline = (await system.call('GET', `/plans/${YEAR}/outline`, { token: admin })).body as unknown as PlanPreviewDto;
    const measure = outline.chapters[0].sections[0].measures.find((m) => m.code === '1.1.1')!;
    measure.title = '实施臭氧和挥发性有机物污染防治攻坚';
    const response = await system.call('POST', '/plans/import-reviewed', { token: admin, body: outline });
    expect(response.status).toBe(200);
    expect(response.body.updated).toEqual([{ kind: 'measure', code: '1.1.1', fields: ['title'] }]);
    const [row] = await system.dataSource.query(`SELECT title FROM measures WHERE id = $1`, [id]);
    expect(row.title).toBe('实施臭氧和挥发性有机物污染防治攻坚');
    const [audit] = await system.dataSource.query(`SELECT after FROM admin_audit_log WHERE action = 'plan.import' AND target = $1 ORDER BY id DESC LIMIT 1`, [`plan:${YEAR}`]);
    expect(audit.after.report.updated).toEqual([{ kind: 'measure', code: '1.1.1', fields: ['title'] }]);
    // Still completed: no workflow started again, a command answers as for a completed measure.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await state()).toBe('completed');
    const progress = await system.call('POST', `/measures/${id}/progress`, { token: await as('air.staff1'), body: { note: '再报一次' } });
    expect(progress.status).toBe(409);
  });

  it('refuses a bad plan with 400 and the problem per measure, writing nothing', async () => {
    const before = await footprint();
    const plan = (await preview(docx)).body;
    const [blue, clear] = plan.chapters[0].sections;
    const base = plan.chapters[1].sections[0];
    blue.measures[0].title = '  ';
    clear.measures[0].suggestedDepartment = 'soil'; // 1.2.1 is stored with 水生态环境处
    clear.measures.push({ code: '1.1.1', title: '重复的编号', body: '', suggestedDepartment: 'air', suggestionBasis: 'plan' });
    clear.measures.push({ code: '1.2.5', title: '不存在的处室', body: '', suggestedDepartment: 'nowhere', suggestionBasis: 'plan' });
    base.measures.push({ code: '2.1.5', title: '局领导牵头', body: '', suggestedDepartment: 'leadership', coDepartments: ['discipline'], suggestionBasis: 'plan' });
    const response = await system.call('POST', '/plans/import-reviewed', { token: admin, body: plan });
    expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(response.body.details).toEqual({
      problems: [
        { at: '1.1.1', field: 'code', message: '措施编号 1.1.1 重复' },
        { at: '1.1.1', field: 'title', message: '措施 1.1.1 没有标题' },
        { at: '1.2.1', field: 'suggestedDepartment', message: '措施 1.2.1 已导入，建议牵头处室请在「全部事项」中用「设定建议牵头处室」修改' },
        { at: '1.2.5', field: 'suggestedDepartment', message: '措施 1.2.5 的处室 nowhere 不存在' },
        { at: '2.1.5', field: 'suggestedDepartment', message: '措施 2.1.5 的「局领导」不是业务处室，不能牵头或配合办理事项' },
        { at: '2.1.5', field: 'coDepartments', message: '措施 2.1.5 的「驻局纪检监察组」不是业务处室，不能牵头或配合办理事项' },
      ],
    });
    expect(response.body.message).toMatch(/^工作要点有 6 处需要修改：措施编号 1.1.1 重复；/);

    for (const body of [
      { ...plan, chapters: [] },
      { ...parsed, year: 1999 },
      { ...parsed, chapters: [{ ...parsed.chapters[0], code: '第一章' }] },
      { ...parsed, chapters: [{ code: '1', title: '一', sections: [{ code: '1.1', title: '', measures: [{ code: '1.1.1', title: 'x'.repeat(501) }] }] }] },
      { ...parsed, chapters: [{ code: '1', title: '一', sections: [{ code: '1.1', title: '', measures: [] }] }] },
      'not json',
    ]) {
      const refused = await system.call('POST', '/plans/import-reviewed', { token: admin, body, headers: { 'content-type': 'application/json' } });
      expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
    }
    expect(await footprint()).toEqual(before);
  });

  it('a document that is no plan → the import’s own refusal, nothing written', async () => {
    const before = await footprint();
    const response = await system.call('POST', '/plans/preview', { token: admin, body: '随便写的几句话，没有任何编号。', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(response).toMatchObject({ status: 422, body: { code: 'PLAN_UNREADABLE' } });
    expect(await footprint()).toEqual(before);
  });

  it('a plan of 200 measures with real-length bodies previews and imports as reviewed', async () => {
    const year = YEAR + 2; // 2089, this suite's too
    const sentence = '坚持问题导向，聚焦重点区域、重点行业和重点时段，建立健全工作台账，压实属地责任，按月调度进展情况，确保各项任务按期完成并取得实效';
    const lines = [`某市生态环境局${year}年工作要点`];
    for (let c = 1; c <= 4; c++) {
      lines.push(`${'一二三四'[c - 1]}、重点任务之${c}`);
      for (let s = 1; s <= 5; s++) {
        lines.push(`（${'一二三四五'[s - 1]}）专项工作之${s}`);
        for (let m = 1; m <= 10; m++) lines.push(`${m}.推进第${c}-${s}-${m}项重点工作。${sentence}。${sentence}。（大气处牵头，执法处配合）`);
      }
    }
    const previewed = await system.call('POST', '/plans/preview', { token: admin, body: lines.join('\n'), headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(previewed.status).toBe(200);
    const plan = previewed.body as unknown as PlanPreviewDto;
    expect(plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures))).toHaveLength(200);
    const bytes = Buffer.byteLength(JSON.stringify(plan));
    expect(bytes).toBeGreaterThan(100 * 1024); // over the API's JSON body limit: said plainly…
    expect(await system.call('POST', '/plans/import-reviewed', { token: admin, body: plan })).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大（上限 100 KB）' },
    });
    // …and sent as the multipart `plan` JSON file, as the web UI does.
    const imported = await reviewedFile(JSON.stringify(plan));
    expect(imported).toMatchObject({ status: 200, body: { year, counts: { measures: 200 }, workflows: 200 } });
    expect(await reviewedFile('{"year": 20')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: '上传的工作要点无法解析（应为有效的 JSON）' } });
  });

  it('the 2022 seed previewed and imported unchanged stores what /plans/import would: importing the document afterwards changes nothing', async () => {
    const year = YEAR + 3; // 2090, this suite's too
    const seed = fs.readFileSync(path.join(__dirname, '..', 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8').replaceAll('2022年工作要点', `${year}年工作要点`);
    const text = { 'content-type': 'text/plain; charset=utf-8' };
    const previewed = await system.call('POST', '/plans/preview', { token: admin, body: seed, headers: text });
    expect(previewed.status).toBe(200);
    const plan = previewed.body as unknown as PlanPreviewDto;
    expect(plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures))).toHaveLength(57);
    expect(plan.targets).toHaveLength(6);
    expect(await system.call('POST', '/plans/import-reviewed', { token: admin, body: plan })).toMatchObject({ status: 200, body: { year, counts: { measures: 57, targets: 6 } } });
    const again = await system.call('POST', '/plans/import', { token: admin, body: seed, headers: text });
    expect(again).toMatchObject({ status: 200, body: { created: [], updated: [], missing: [] } });
  });

  it.each(['leader1', 'air.head', 'air.staff1', 'supervisor1'])('only the admin may preview or import a reviewed plan: %s → 403', async (username) => {
    const token = await system.login(username);
    expect((await preview(docx, token)).status).toBe(403);
    expect((await system.call('POST', '/plans/import-reviewed', { token, body: parsed })).status).toBe(403);
    expect((await reviewedFile(JSON.stringify(parsed), token)).status).toBe(403);
  });

  it('no session → 401', async () => {
    expect((await system.call('POST', '/plans/preview', { body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } })).status).toBe(401);
    expect((await system.call('POST', '/plans/import-reviewed', { body: parsed })).status).toBe(401);
  });
});
