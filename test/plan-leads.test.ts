// Who leads each measure, read from the plan itself, on the real Temporal dev server and
// PostgreSQL: a plan imported through POST /plans/import whose items end with （大气处牵头，执法处配合）
// or 牵头单位：…；责任单位：… gets those departments (matched by name and common abbreviations) as
// the measures' suggested lead and co-departments, the names kept as written; a name no department
// matches is kept as text and the topic suggestion stands. This suite owns the 2086 plan.
import { daysFromNow } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

const YEAR = 2086;
const PLAN = `关于印发《某市生态环境局${YEAR}年工作要点》的通知
各处室：现将《某市生态环境局${YEAR}年工作要点》印发给你们，请认真贯彻落实。

一、深入打好污染防治攻坚战
1.实施臭氧污染防治攻坚。开展挥发性有机物治理突出问题排查整治。（大气处牵头，执法处、监测处配合）
2.推进美丽河湖建设。完成入河排污口整治。
牵头单位：水处；责任单位：海洋处
3.推进农用地安全利用。责任单位：土壤处、各区市分局
二、加强自身建设
（一）夯实工作基础。一是完善内部管理制度（局办公室牵头，各处室配合）；二是做好卫生健康工作（市卫生健康委牵头）。
`;

let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem('plan-leads');
  admin = await system.login('admin');
}, 60_000);

afterAll(() => system?.stop());

interface Row {
  id: string;
  lead: string | null;
  leadText: string | null;
  coText: string | null;
  co: string[] | null;
}
const rows = async (): Promise<Row[]> =>
  system.dataSource.query(
    `SELECT id, suggested_department_code AS lead, lead_text AS "leadText", co_text AS "coText", suggested_co_department_codes AS co
       FROM measures WHERE year = $1 ORDER BY position`,
    [YEAR],
  );

describe('a plan that says who leads', () => {
  it('stores the leads as written and their departments as the suggestion; the suggested head 交办 it', async () => {
    const imported = await system.call('POST', '/plans/import', { token: admin, body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(imported).toMatchObject({ status: 200, body: { year: YEAR, title: `某市生态环境局${YEAR}年工作要点`, workflows: 5, counts: { measures: 5 } } });
    expect((imported.body.suggestions as Record<string, number>).plan).toBe(4);

    expect(await rows()).toEqual([
      { id: `${YEAR}-1.1`, lead: 'air', leadText: '大气处', coText: '执法处、监测处', co: ['enforcement', 'monitoring'] },
      { id: `${YEAR}-1.2`, lead: 'water', leadText: '水处', coText: '海洋处', co: ['marine'] },
      { id: `${YEAR}-1.3`, lead: 'soil', leadText: '土壤处', coText: '各区市分局', co: null },
      { id: `${YEAR}-2.1.1`, lead: 'office', leadText: '局办公室', coText: '各处室', co: null },
      // 市卫生健康委 is no department of this bureau: kept as written, the topic suggestion stands.
      { id: `${YEAR}-2.1.2`, lead: expect.any(String), leadText: '市卫生健康委', coText: null, co: null },
    ]);

    const head = await system.login('air.head');
    // What the head's 交办 dialog opens with: the plan's lead and co-departments, and its words.
    const detail = await system.call('GET', `/measures/${YEAR}-1.1`, { token: head });
    expect(detail.body).toMatchObject({ suggestedDepartmentCode: 'air', suggestedCoDepartments: ['enforcement', 'monitoring'], leadText: '大气处', coText: '执法处、监测处' });
    const tasks = (await system.call('GET', '/me/tasks', { token: head })).body.items as Array<{ kind: string; measureId: string }>;
    expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assign', measureId: `${YEAR}-1.1` })]));
    const assigned = await system.call('POST', `/measures/${YEAR}-1.1/assign`, { token: head, body: { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(30) } });
    expect(assigned).toMatchObject({ status: 200, body: { state: 'assigned' } });
  });

  it('keeps what is stored on re-import, and fills what an earlier import had not stored', async () => {
    await system.dataSource.query(`UPDATE measures SET suggested_co_department_codes = NULL, lead_text = NULL WHERE id = $1`, [`${YEAR}-1.2`]);
    await system.dataSource.query(`UPDATE measures SET suggested_co_department_codes = '{law}' WHERE id = $1`, [`${YEAR}-1.1`]);
    const again = await system.call('POST', '/plans/import', { token: admin, body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(again).toMatchObject({ status: 200, body: { created: [], updated: [] } });
    const byId = Object.fromEntries((await rows()).map((r) => [r.id, r]));
    expect(byId[`${YEAR}-1.1`].co).toEqual(['law']);
    expect(byId[`${YEAR}-1.2`]).toMatchObject({ leadText: '水处', co: ['marine'] });
  });
});

describe('a measure’s checklist (（1）（2） sub-items)', () => {
  it('is stored with the measure, one numbered line each, never lost', async () => {
    const plan = '某县市场监管局2091年工作要点\n一、强化监管\n（一）食品安全\n1.强化食品生产经营监管。\n（1）开展校园食品安全守护行动。\n（2）深化农村假冒伪劣食品专项整治。\n2.推进智慧监管。建设监管平台。\n';
    const imported = await system.call('POST', '/plans/import', { token: admin, body: plan, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(imported).toMatchObject({ status: 200, body: { year: 2091, counts: { measures: 2 } } });
    const stored: Array<{ id: string; body: string }> = await system.dataSource.query('SELECT id, body FROM measures WHERE year = 2091 ORDER BY position');
    expect(stored).toEqual([
      { id: '2091-1.1.1', body: '（1）开展校园食品安全守护行动\n（2）深化农村假冒伪劣食品专项整治' },
      { id: '2091-1.1.2', body: '建设监管平台。' },
    ]);
    // Imported again, the same document changes nothing.
    const again = await system.call('POST', '/plans/import', { token: admin, body: plan, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(again).toMatchObject({ status: 200, body: { created: [], updated: [] } });
  });
});
