// 批量交办 / 批量改派 on the real Temporal dev server and PostgreSQL: each measure of the selection
// goes through the single command's path (authority rules, Update, per-measure lease), so each is
// one event; a partial failure lists exactly which measures failed, with the single command's code
// and message. This suite owns the 2077 plan.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { PlanRepository } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

const YEAR = 2077;
const id = (code: string) => `${YEAR}-${code}`;
const PLAN = `某市生态环境局${YEAR}年工作要点

一、主要目标指标

(一)水生态环境方面。国控断面水质优良比例达到省下达目标。

二、深入打好污染防治攻坚战

(一)打好碧水保卫战。

1.推进污水处理设施提质增效。完成年度任务。

2.加强饮用水水源地保护。完成年度任务。

3.推进入河排污口整治。完成年度任务。

4.推进美丽河湖建设。完成年度任务。

(二)其他重点工作。

1.开展臭氧污染防治攻坚。完成年度任务。

2.推进黑臭水体治理。完成年度任务。

3.加强扬尘污染管控。完成年度任务。
`;
const SECTION = ['2.1.1', '2.1.2', '2.1.3', '2.1.4'].map(id);
const LEADS: Record<string, string> = { '2.1.1': 'water', '2.1.2': 'water', '2.1.3': 'water', '2.1.4': 'water', '2.2.1': 'air', '2.2.2': 'water', '2.2.3': 'air' };

const USERS = ['admin', 'leader1', 'water.head', 'water.staff1', 'water.staff2', 'air.head', 'air.staff1', 'soil.head', 'supervisor1'];
let system: TestSystem;
const tokens: Record<string, string> = {};
const DUE = daysFromNow(45);
/** A member of water's staff who will leave (this suite's own, so no other suite's work is in their hands). */
const LEAVER = `leaver-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  const started = await startTestSystem('bulk');
  system = started;
  for (const user of USERS) tokens[user] = await system.login(user);
  await ok(system.call('POST', '/admin/users', { token: tokens.admin, body: { username: LEAVER, displayName: '即将调离', role: 'staff', departmentCode: 'water' } }), 201);
  const plans = new PlanRepository(system.dataSource);
  await plans.importPlan(parsePlan(PLAN), { suggestedLeads: LEADS });
  await startMeasureWorkflows(system.app.get(Client), started.taskQueue, await plans.measuresToStart(YEAR));
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, user: string | undefined, body?: unknown, headers?: Record<string, string>) =>
  system.call(method, path, { token: user ? tokens[user] : undefined, body, headers });
async function ok(response: Promise<ApiResponse>, status = 200): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}
const events = async (ids: string[]): Promise<Array<{ measureId: string; type: string; actorId: string; payload: Record<string, unknown> }>> =>
  system.dataSource.query(
    `SELECT measure_id AS "measureId", type, actor_id AS "actorId", payload FROM measure_events WHERE measure_id = ANY($1) ORDER BY measure_id, sequence`,
    [ids],
  );
const stateOf = async (measureId: string) => (await ok(call('GET', `/measures/${measureId}`, 'leader1'))).body;

describe('POST /measures/bulk/assign', () => {
  it('assigns a whole section for its head with one due date: one 交办 event per measure', async () => {
    const r = await ok(call('POST', '/measures/bulk/assign', 'water.head', { measureIds: SECTION, assigneeId: LEAVER, leadDepartment: 'water', coDepartments: ['air'], dueDate: DUE }));
    expect(r.body).toEqual({ succeeded: SECTION.map((measureId) => ({ measureId })), failed: [] });
    const recorded = await events(SECTION);
    expect(recorded.map((e) => [e.measureId, e.type, e.actorId])).toEqual(SECTION.map((m) => [m, 'assign', 'water.head']));
    for (const m of SECTION) {
      expect(await stateOf(m)).toMatchObject({ state: 'assigned', assigneeId: LEAVER, leadDepartment: 'water', dueDate: DUE, coDepartments: [expect.objectContaining({ code: 'air' })] });
    }
  });

  it('lists exactly which measures of a mixed selection failed, with the single command’s code and message', async () => {
    const other = id('2.2.1'); // air leads it
    const done = SECTION[0]; // assigned already
    const fresh = id('2.2.2');
    const unknown = id('9.9.9');
    const body = { assigneeId: 'water.staff2', leadDepartment: 'water', dueDate: DUE };
    const single = async (measureId: string) => {
      const r = await call('POST', `/measures/${measureId}/assign`, 'water.head', body);
      return { measureId, code: r.body.code, message: r.body.message };
    };
    const expectedOther = await single(other);
    const expectedDone = await single(done);
    expect(expectedOther.code).toBe('MEASURE_WRONG_DEPARTMENT');
    expect(expectedDone.code).toBe('MEASURE_WRONG_STATE');
    const before = await events([other, done]);

    const r = await ok(call('POST', '/measures/bulk/assign', 'water.head', { ...body, measureIds: [other, fresh, done, unknown, fresh] }));
    expect(r.body).toEqual({
      succeeded: [{ measureId: fresh }],
      failed: [expectedOther, expectedDone, { measureId: unknown, code: 'MEASURE_NOT_FOUND', message: expect.any(String) }],
    });
    expect(await events([other, done])).toEqual(before);
    expect((await events([fresh])).map((e) => e.type)).toEqual(['assign']);
  });

  it('answers to the single route’s roles: leaders anywhere, admins only 补录, other heads per measure, staff and supervisors not at all', async () => {
    const air = id('2.2.1');
    const dust = id('2.2.3');
    // Another department's head: refused per measure, nothing recorded.
    const soil = await ok(call('POST', '/measures/bulk/assign', 'soil.head', { measureIds: [air], assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE }));
    expect(soil.body).toMatchObject({ succeeded: [], failed: [{ measureId: air, code: 'MEASURE_WRONG_DEPARTMENT' }] });
    // An admin records only work already under way (补录): the single command's refusal, per measure.
    const plain = await ok(call('POST', '/measures/bulk/assign', 'admin', { measureIds: [dust], assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE }));
    const single = await call('POST', `/measures/${dust}/assign`, 'admin', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE });
    expect(plain.body).toEqual({ succeeded: [], failed: [{ measureId: dust, code: single.body.code, message: single.body.message }] });
    expect(await events([air, dust])).toEqual([]);
    const backdated = await ok(
      call('POST', '/measures/bulk/assign', 'admin', { measureIds: [dust], assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE, assignedOn: daysFromNow(-20), backdateReason: '年初已交办，补录' }),
    );
    expect(backdated.body).toEqual({ succeeded: [{ measureId: dust }], failed: [] });
    // A leader assigns across departments.
    expect((await ok(call('POST', '/measures/bulk/assign', 'leader1', { measureIds: [air], assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE }))).body).toEqual({
      succeeded: [{ measureId: air }],
      failed: [],
    });
    for (const user of ['water.staff1', 'air.staff1', 'supervisor1']) {
      const r = await call('POST', '/measures/bulk/assign', user, { measureIds: [air], assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE });
      expect([user, r.status, r.body.code]).toEqual([user, 403, 'NOT_ALLOWED']);
    }
    expect(await call('POST', '/measures/bulk/assign', undefined, { measureIds: [air] })).toMatchObject({ status: 401 });
  });

  it('refuses an empty, oversized or malformed selection with 400 and records nothing', async () => {
    const body = { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: DUE };
    for (const measureIds of [[], Array.from({ length: 201 }, (_, i) => id(`3.1.${i + 1}`)), ['not-an-id'], undefined]) {
      const r = await call('POST', '/measures/bulk/assign', 'water.head', { ...body, measureIds });
      expect([r.status, r.body.code, typeof r.body.message]).toEqual([400, 'VALIDATION_FAILED', 'string']);
    }
    expect(await call('POST', '/measures/bulk/assign', 'water.head', { measureIds: [id('2.1.1')], leadDepartment: 'water', dueDate: DUE })).toMatchObject({ status: 400 });
  });

  it('replays the answer of a retry with the same Idempotency-Key, running nothing again', async () => {
    const body = { measureIds: [SECTION[1]], assigneeId: LEAVER, leadDepartment: 'water', dueDate: DUE };
    const first = await call('POST', '/measures/bulk/assign', 'water.head', body, { 'Idempotency-Key': `bulk-${YEAR}-1` });
    const again = await call('POST', '/measures/bulk/assign', 'water.head', body, { 'Idempotency-Key': `bulk-${YEAR}-1` });
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('POST /measures/bulk/reassign', () => {
  it('hands everything a leaving person holds to a colleague, keeping due dates and co-departments', async () => {
    const held = [...SECTION]; // 2.2.2 went to water.staff2 above
    // Another head sees none of it: nothing of theirs to 改派.
    expect(await call('POST', '/measures/bulk/reassign', 'soil.head', { fromAssigneeId: LEAVER, assigneeId: 'water.staff1' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const r = await ok(call('POST', '/measures/bulk/reassign', 'water.head', { fromAssigneeId: LEAVER, assigneeId: 'water.staff2' }));
    expect(r.body).toEqual({ succeeded: held.map((measureId) => ({ measureId })), failed: [] });
    for (const m of held) {
      expect(await stateOf(m)).toMatchObject({ state: 'assigned', assigneeId: 'water.staff2', leadDepartment: 'water', dueDate: DUE, coDepartments: [expect.objectContaining({ code: 'air' })] });
      expect((await events([m])).filter((e) => e.type === 'reassign')).toEqual([expect.objectContaining({ actorId: 'water.head' })]);
    }
    // Nothing left in that person's hands.
    expect(await call('POST', '/measures/bulk/reassign', 'water.head', { fromAssigneeId: LEAVER, assigneeId: 'water.staff2' })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });

  it('takes chosen measures and a new due date; failures carry the single command’s answer', async () => {
    const later = daysFromNow(70);
    const notYet = id('2.1.4');
    const r = await ok(call('POST', '/measures/bulk/reassign', 'water.head', { measureIds: [SECTION[0], id('2.2.1')], assigneeId: 'water.staff1', dueDate: later }));
    const single = await call('POST', `/measures/${id('2.2.1')}/reassign`, 'water.head', { assigneeId: 'water.staff1', leadDepartment: 'air', dueDate: later });
    expect(r.body).toEqual({ succeeded: [{ measureId: SECTION[0] }], failed: [{ measureId: id('2.2.1'), code: single.body.code, message: single.body.message }] });
    expect(single.body.code).toBe('MEASURE_WRONG_DEPARTMENT');
    expect(await stateOf(SECTION[0])).toMatchObject({ assigneeId: 'water.staff1', dueDate: later });
    expect(await stateOf(notYet)).toMatchObject({ assigneeId: 'water.staff2', dueDate: DUE });
    // The assignee must be staff of the lead department, as for a single 改派.
    const wrong = await ok(call('POST', '/measures/bulk/reassign', 'leader1', { measureIds: [notYet], assigneeId: 'air.staff1' }));
    const wrongSingle = await call('POST', `/measures/${notYet}/reassign`, 'leader1', { assigneeId: 'air.staff1', leadDepartment: 'water', coDepartments: ['air'], dueDate: DUE });
    expect(wrong.body).toEqual({ succeeded: [], failed: [{ measureId: notYet, code: wrongSingle.body.code, message: wrongSingle.body.message }] });
    expect(await stateOf(notYet)).toMatchObject({ assigneeId: 'water.staff2' });
  });

  it('answers to the roles of 改派 and refuses an ambiguous selection', async () => {
    for (const user of ['water.staff2', 'supervisor1']) {
      const r = await call('POST', '/measures/bulk/reassign', user, { fromAssigneeId: LEAVER, assigneeId: 'water.staff1' });
      expect([user, r.status, r.body.code]).toEqual([user, 403, 'NOT_ALLOWED']);
    }
    for (const body of [
      { measureIds: [SECTION[0]], fromAssigneeId: LEAVER, assigneeId: 'water.staff2' },
      { assigneeId: 'water.staff2' },
      { measureIds: [], assigneeId: 'water.staff2' },
      { fromAssigneeId: 'nobody-at-all', assigneeId: 'water.staff2' },
    ]) {
      const r = await call('POST', '/measures/bulk/reassign', 'water.head', body);
      expect([JSON.stringify(body), r.status, r.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
    }
  });
});
