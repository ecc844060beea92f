// Every measure command through the HTTP API, on the real Temporal dev server and PostgreSQL:
// the lifecycle rules answer with 409 (state), 403 (role or person) or 400 (input), in plain words.
import { Client } from '@temporalio/client';
import { measureWorkflowId } from '@duban/domain';
import { startMeasureWorkflow } from '@duban/temporal';
import { addPlanMeasure, daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('commands');
  for (const user of ['admin', 'soil.head', 'soil.staff1', 'soil.staff2', 'supervisor1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

async function post(path: string, user: string, body: unknown = {}) {
  return system.call('POST', path, { token: tokens[user], body });
}

async function newMeasure(): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, 'soil');
  expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
  return id;
}

const DUE = daysFromNow(60);
const EXTENDED = daysFromNow(75);
const assignment = { assigneeId: 'soil.staff1', leadDepartment: 'soil', coDepartments: ['water'], dueDate: DUE };

describe('measure commands over HTTP', () => {
  it('walks the whole lifecycle with extension, rework and the timeline read back', async () => {
    const id = await newMeasure();
    expect(await post(`/measures/${id}/assign`, 'soil.head', assignment)).toMatchObject({ status: 200, body: { state: 'assigned', leadDepartment: 'soil' } });
    expect(await post(`/measures/${id}/accept`, 'soil.staff1')).toMatchObject({ status: 200, body: { state: 'in_progress' } });
    expect(await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 40, note: '完成排查' })).toMatchObject({ status: 200, body: { progress: { percent: 40 } } });
    expect(await post(`/measures/${id}/extension-requests`, 'soil.staff1', { newDueDate: EXTENDED, reason: '等待第三方检测报告' })).toMatchObject({ status: 200 });
    expect(await post(`/measures/${id}/extension-requests/1/decision`, 'soil.head', { approve: true })).toMatchObject({ status: 200, body: { dueDate: EXTENDED } });
    expect(await post(`/measures/${id}/submit`, 'soil.staff1', { note: '已完成' })).toMatchObject({ status: 200, body: { state: 'under_review' } });
    expect(await post(`/measures/${id}/return`, 'soil.head', { comment: '缺少检测报告' })).toMatchObject({ status: 200, body: { state: 'returned' } });
    expect(await post(`/measures/${id}/submit`, 'soil.staff1')).toMatchObject({ status: 200, body: { state: 'under_review' } });
    expect(await post(`/measures/${id}/approve`, 'soil.head')).toMatchObject({ status: 200, body: { state: 'completed' } });

    const read = await system.call('GET', `/measures/${id}`, { token: tokens['supervisor1'] });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ state: 'completed', dueDate: EXTENDED, leadDepartment: 'soil' });
    expect((read.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual([
      'assign',
      'accept',
      'reportProgress',
      'requestExtension',
      'decideExtension',
      'submitForReview',
      'returnForRework',
      'submitForReview',
      'approve',
    ]);
  });

  it('answers each wrong state, role, person and input with its code and a plain message', async () => {
    const id = await newMeasure();
    const accept = await post(`/measures/${id}/accept`, 'soil.staff1');
    expect(accept).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect(accept.body.message).toBe('事项当前状态为「待交办」，不能签收');
    expect(await post(`/measures/${id}/assign`, 'soil.staff1', assignment)).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await post(`/measures/${id}/assign`, 'soil.head', { ...assignment, dueDate: '2026-13-01' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post(`/measures/${id}/assign`, 'soil.head', { ...assignment, coDepartments: ['soil'] })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: '配合处室不能与牵头处室相同' },
    });
    await post(`/measures/${id}/assign`, 'soil.head', assignment);
    expect(await post(`/measures/${id}/accept`, 'soil.staff2')).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });
    expect(await post(`/measures/${id}/approve`, 'soil.head')).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect(await post(`/measures/${id}/approve`, 'soil.staff1')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await post(`/measures/${id}/return`, 'soil.head', { comment: '' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 140 })).toMatchObject({ status: 400 });
    expect(await post(`/measures/${id}/extension-requests/7/decision`, 'soil.head', { approve: true })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: '没有编号为 7 的延期申请' },
    });
    expect(await post(`/measures/${id}/extension-requests/x/decision`, 'soil.head', { approve: true })).toMatchObject({ status: 400 });
    expect(await post(`/measures/${id}/cancel`, 'soil.head', { reason: '重复' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await post(`/measures/${id}/cancel`, 'admin', { reason: '' })).toMatchObject({ status: 400 });
    expect(await post(`/measures/${id}/cancel`, 'admin', { reason: '并入 2.1.1' })).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    expect(await post(`/measures/${id}/accept`, 'soil.staff1')).toMatchObject({ status: 409 });
    const events = (await system.call('GET', `/measures/${id}`, { token: tokens['admin'] })).body.events as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toEqual(['assign', 'cancel']);
  });

  it('lets exactly one of 20 simultaneous approvals through; the rest get 409', async () => {
    const id = await newMeasure();
    await post(`/measures/${id}/assign`, 'soil.head', assignment);
    await post(`/measures/${id}/accept`, 'soil.staff1');
    await post(`/measures/${id}/submit`, 'soil.staff1');
    const results = await Promise.all(Array.from({ length: 20 }, () => post(`/measures/${id}/approve`, 'soil.head')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1 AND type = 'approve'`, [id]);
    expect(n).toBe(1);
  });

  it('answers 503 COMMAND_PENDING, not a 500, when no worker serves the measure’s workflow', async () => {
    // A workflow on a task queue no worker polls: what every measure looks like while all workers are down.
    const code = uniqueMeasureCode();
    await startMeasureWorkflow(system.app.get(Client), `nobody-${code}`, { year: 2026, code });
    const started = Date.now();
    expect(await post(`/measures/2026-${code}/start`, 'admin')).toMatchObject({ status: 503, body: { code: 'COMMAND_PENDING' } });
    expect(Date.now() - started).toBeLessThan(25_000);
    await system.app.get(Client).workflow.getHandle(measureWorkflowId(2026, code)).terminate('test done');
  }, 40_000);

  it('lets exactly one of 100 simultaneous approvals through; the other 99 get 409', async () => {
    const id = await newMeasure();
    await post(`/measures/${id}/assign`, 'soil.head', assignment);
    await post(`/measures/${id}/accept`, 'soil.staff1');
    await post(`/measures/${id}/submit`, 'soil.staff1');
    const results = await Promise.all(Array.from({ length: 100 }, () => post(`/measures/${id}/approve`, 'soil.head')));
    const byStatus = results.reduce<Record<string, number>>((counts, r) => ({ ...counts, [`${r.status} ${r.body.code ?? ''}`.trim()]: (counts[`${r.status} ${r.body.code ?? ''}`.trim()] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ '200': 1, '409 MEASURE_WRONG_STATE': 99 });
    const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1 AND type = 'approve'`, [id]);
    expect(n).toBe(1);
    expect((await system.call('GET', `/measures/${id}`, { token: tokens['soil.head'] })).body).toMatchObject({ state: 'completed' });
  }, 60_000);
});
