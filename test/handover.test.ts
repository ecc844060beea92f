// 退回交办, 移交 and 节点 through the API on the real Temporal dev server and PostgreSQL: a
// mis-assigned task goes back to its department's 待交办; another department leads a measure only
// once its head (or a leader) accepts; milestones are reported done, and a slipped one shows.
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(180_000);

let system: TestSystem;
const tokens: Record<string, string> = {};
const PEOPLE = ['admin', 'leader1', 'water.head', 'water.staff1', 'water.staff2', 'air.head', 'air.staff1', 'soil.head'];

beforeAll(async () => {
  system = await startTestSystem('handover');
  for (const user of PEOPLE) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, who: string, body?: unknown) => system.call(method, path, { token: tokens[who], body });
async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}
const events = async (id: string): Promise<Array<{ type: string; actor_id: string; payload: Record<string, unknown> }>> =>
  system.dataSource.query('SELECT type, actor_id, payload FROM measure_events WHERE measure_id = $1 ORDER BY sequence', [id]);
const taskIds = async (who: string, kind: string): Promise<string[]> =>
  ((await ok(call('GET', '/me/tasks', who))).body.items as Array<{ kind: string; measureId: string }>).filter((t) => t.kind === kind).map((t) => t.measureId);
const notices = async (who: string, id: string): Promise<string[]> =>
  system.dataSource.query('SELECT n.title FROM notifications n WHERE n.recipient = $1 AND n.measure_id = $2 ORDER BY n.id', [who, id]).then((rows: Array<{ title: string }>) => rows.map((r) => r.title));

async function started(department = 'water'): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, department);
  await ok(call('POST', `/measures/${id}/start`, 'admin'));
  return id;
}
const assignment = (over: Record<string, unknown> = {}) => ({ assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60), ...over });

describe('退回交办 (承办人 declines before 签收)', () => {
  it('returns the measure to its department’s 待交办 with the reason on the record; the head is told and assigns again', async () => {
    const id = await started();
    await ok(call('POST', `/measures/${id}/assign`, 'water.head', assignment()));
    expect(await taskIds('water.staff1', 'accept')).toContain(id);

    expect(await call('POST', `/measures/${id}/decline`, 'water.staff2', { reason: '不是我的' })).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });
    expect(await call('POST', `/measures/${id}/decline`, 'water.staff1', { reason: '' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const declined = await ok(call('POST', `/measures/${id}/decline`, 'water.staff1', { reason: '属于水源地保护，不属本人职责' }));
    expect(declined.body).toMatchObject({ state: 'imported', assigneeId: null, dueDate: null, leadDepartment: 'water', declines: 1 });

    expect(await taskIds('water.head', 'assign')).toContain(id);
    expect(await taskIds('water.staff1', 'accept')).not.toContain(id);
    expect((await notices('water.head', id)).some((t) => t.startsWith('【退回交办】') && t.includes('不属本人职责'))).toBe(true);
    const detail = await ok(call('GET', `/measures/${id}`, 'water.head'));
    expect(detail.body).toMatchObject({ state: 'imported', light: 'grey', ladder: [] });
    expect((detail.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['assign', 'decline']);

    // Accepted work can no longer be declined; the department's head assigns it again.
    await ok(call('POST', `/measures/${id}/assign`, 'water.head', assignment({ assigneeId: 'water.staff2' })));
    await ok(call('POST', `/measures/${id}/accept`, 'water.staff2'));
    expect(await call('POST', `/measures/${id}/decline`, 'water.staff2', { reason: '晚了' })).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect((await events(id)).map((e) => e.type)).toEqual(['assign', 'decline', 'assign', 'accept']);
  });
});

describe('移交 (another department takes it over only by its consent)', () => {
  it('keeps the measure with its department until the receiving head accepts; refused, it stays; accepted, it is theirs to assign', async () => {
    const id = await started();
    await ok(call('POST', `/measures/${id}/assign`, 'water.head', assignment()));
    await ok(call('POST', `/measures/${id}/accept`, 'water.staff1'));

    // 推诿 by 改派 is refused: a head keeps assignments within their department.
    expect(await call('POST', `/measures/${id}/reassign`, 'water.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(60) })).toMatchObject({
      status: 403,
      body: { code: 'MEASURE_WRONG_DEPARTMENT' },
    });
    expect(await call('POST', `/measures/${id}/transfer-requests`, 'water.head', { toDepartment: 'nowhere', reason: '理由' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${id}/transfer-requests`, 'water.head', { toDepartment: 'leadership', reason: '理由' })).toMatchObject({ status: 400 });
    await ok(call('POST', `/measures/${id}/transfer-requests`, 'water.head', { toDepartment: 'air', reason: '涉及大气污染治理，应由大气处牵头' }));
    expect((await notices('air.head', id)).some((t) => t.startsWith('【移交申请】'))).toBe(true);
    // The receiving head sees what to decide (task and detail), though air does not lead it yet.
    expect(await taskIds('air.head', 'decideTransfer')).toContain(id);
    expect((await call('GET', `/measures/${id}`, 'air.head')).status).toBe(200);
    expect((await call('GET', `/measures/${id}`, 'soil.head')).status).toBe(403);
    expect(await call('POST', `/measures/${id}/transfer-requests`, 'water.head', { toDepartment: 'soil', reason: '再申请' })).toMatchObject({ status: 400 });

    expect(await call('POST', `/measures/${id}/transfer-requests/1/decision`, 'water.head', { accept: true })).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
    expect(await call('POST', `/measures/${id}/transfer-requests/1/decision`, 'soil.head', { accept: true })).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
    expect(await call('POST', `/measures/${id}/transfer-requests/1/decision`, 'air.head', { accept: false })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const refused = await ok(call('POST', `/measures/${id}/transfer-requests/1/decision`, 'air.head', { accept: false, comment: '仍以水处为主' }));
    expect(refused.body).toMatchObject({ state: 'in_progress', leadDepartment: 'water', assigneeId: 'water.staff1', transfer: { status: 'rejected' } });
    expect((await notices('water.head', id)).some((t) => t.includes('不同意接收'))).toBe(true);

    await ok(call('POST', `/measures/${id}/transfer-requests`, 'water.head', { toDepartment: 'air', reason: '经协商由大气处牵头' }));
    const accepted = await ok(call('POST', `/measures/${id}/transfer-requests/2/decision`, 'air.head', { accept: true, comment: '同意' }));
    expect(accepted.body).toMatchObject({ state: 'imported', leadDepartment: 'air', assigneeId: null, transfer: { n: 2, status: 'accepted' } });
    expect(await taskIds('air.head', 'assign')).toContain(id);
    expect(await taskIds('water.head', 'assign')).not.toContain(id);
    expect(await call('POST', `/measures/${id}/assign`, 'water.head', assignment())).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
    await ok(call('POST', `/measures/${id}/assign`, 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(45) }));
    expect((await events(id)).map((e) => e.type)).toEqual(['assign', 'accept', 'requestTransfer', 'decideTransfer', 'requestTransfer', 'decideTransfer', 'assign']);
  });
});

describe('节点 (milestones)', () => {
  it('takes the assignee’s completion once; a slipped milestone turns the light yellow and climbs its own steps at once', async () => {
    const id = await started();
    // Work already under way (补录 by a leader): the first milestone passed a week ago, unreported.
    await ok(
      call('POST', `/measures/${id}/assign`, 'leader1', {
        ...assignment(),
        assignedOn: daysFromNow(-40),
        backdateReason: '系统上线前已交办',
        milestones: [
          { title: '制定实施方案', dueDate: daysFromNow(-7) },
          { title: '完成中期评估', dueDate: daysFromNow(30) },
        ],
      }),
    );
    await ok(call('POST', `/measures/${id}/accept`, 'water.staff1'));
    const detail = await ok(call('GET', `/measures/${id}`, 'water.head'));
    expect(detail.body.light).toBe('yellow');
    expect(detail.body.lightReasons).toContain('1 个节点逾期未完成');
    let fired: Array<{ payload: Record<string, unknown> }> = [];
    for (let i = 0; i < 50 && fired.length === 0; i++) {
      fired = (await events(id)).filter((e) => e.type === 'escalation' && e.payload.milestone === 1);
      if (fired.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fired).toHaveLength(1);
    expect(fired[0].payload).toMatchObject({ level: 'urging', skipped: ['warning'], milestoneTitle: '制定实施方案' });

    expect(await call('POST', `/measures/${id}/milestones/1/completion`, 'water.staff2', {})).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });
    expect(await call('POST', `/measures/${id}/milestones/3/completion`, 'water.staff1', {})).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${id}/milestones/0/completion`, 'water.staff1', {})).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const done = await ok(call('POST', `/measures/${id}/milestones/1/completion`, 'water.staff1', { note: '方案已印发' }));
    expect((done.body.milestones as Array<{ completedOn?: string }>)[0].completedOn).toBeTruthy();
    expect(await call('POST', `/measures/${id}/milestones/1/completion`, 'water.staff1', {})).toMatchObject({ status: 400 });
    const after = await ok(call('GET', `/measures/${id}`, 'water.head'));
    expect(after.body.lightReasons).not.toContain('1 个节点逾期未完成');
    // The one who assigned it (here the leader who recorded it) reviews it, and is told.
    expect((await notices('leader1', id)).some((t) => t.includes('节点「制定实施方案」已报告完成'))).toBe(true);
    const ladder = after.body.ladder as Array<{ milestone: number | null; status: string; level: string }>;
    expect(ladder.filter((s) => s.milestone === 2).map((s) => [s.level, s.status])).toEqual([
      ['warning', 'pending'],
      ['urging', 'pending'],
    ]);
  });
});

describe('问责结果 on the scorecard', () => {
  it('counts the outcomes supervisors record on a department’s measures, by kind', async () => {
    const supervisor = await system.login('supervisor1');
    const id = await started();
    await ok(call('POST', `/measures/${id}/assign`, 'water.head', assignment()));
    const year = Number(id.slice(0, 4));
    const scorecard = async () =>
      ((await system.call('GET', `/audit/scorecard?year=${year}`, { token: supervisor })).body.departments as Array<{
        department: { code: string };
        accountabilityOutcomes: number;
        outcomesByKind: Array<{ label: string; count: number }>;
      }>).find((d) => d.department.code === 'water');
    const before = (await scorecard())?.accountabilityOutcomes ?? 0;
    const recorded = await system.call('POST', `/measures/${id}/accountability`, { token: supervisor, body: { kind: '约谈', note: '约谈水处负责人，督促按期完成' } });
    expect(recorded.status).toBe(200);
    let water = await scorecard();
    for (let i = 0; i < 50 && (water?.accountabilityOutcomes ?? 0) === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      water = await scorecard();
    }
    expect(water?.accountabilityOutcomes).toBe(before + 1);
    expect(water?.outcomesByKind.find((o) => o.label === '约谈')?.count).toBeGreaterThanOrEqual(1);
  });
});

describe('领导批示 in the ledger', () => {
  it('lists the instruction and its answer on the measure’s ledger row', async () => {
    const id = await started();
    await ok(call('POST', `/measures/${id}/assign`, 'water.head', assignment()));
    await ok(call('POST', `/measures/${id}/instructions`, 'leader1', { text: '请加快进度，月底前报送阶段成果' }));
    await ok(call('POST', `/measures/${id}/instructions/1/acknowledge`, 'water.head', {}));
    await ok(call('POST', `/measures/${id}/instructions/1/responses`, 'water.head', { text: '已部署，月底前报送' }));
    const year = id.slice(0, 4);
    let row = '';
    for (let i = 0; i < 50 && !row.includes('已部署'); i++) {
      const csv = await fetch(`${system.baseUrl}/reports/ledger?year=${year}&format=csv`, { headers: { authorization: `Bearer ${tokens['leader1']}` } }).then((r) => r.text());
      // The measure's row: from its code to the next line that starts a row (cells may hold line breaks).
      const at = csv.indexOf(`,${id.slice(5)},`);
      row = at < 0 ? '' : csv.slice(at, csv.indexOf('\n', csv.indexOf('答复', at) > 0 ? csv.indexOf('答复', at) : at));
      if (!row.includes('已部署')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(row).toContain('批示');
    expect(row).toContain('请加快进度，月底前报送阶段成果');
    expect(row).toContain('答复：已部署，月底前报送');
  });
});
