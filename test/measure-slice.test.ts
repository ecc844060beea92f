// The first slice through every layer, on the real Temporal dev server and real PostgreSQL:
// HTTP → Temporal Update (validated) → activity → PostgreSQL → HTTP read.
import { DataSource } from 'typeorm';
import { initialSnapshot, measureWorkflowId, type MeasureEvent } from '@duban/domain';
import { EventConflictError, MeasureEventRepository } from '@duban/db';
import { addPlanMeasure, daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

const YEAR = 2022;
const DUE = daysFromNow(60);
let system: TestSystem;
let admin: string;
let head: string;
let staff: string;
let otherStaff: string;

beforeAll(async () => {
  system = await startTestSystem('slice');
  [admin, head, staff, otherStaff] = await Promise.all(['admin', 'air.head', 'air.staff1', 'air.staff2'].map((u) => system.login(u)));
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, token?: string, body?: unknown) => system.call(method, path, { token, body });

describe('measure slice through API, workflow, activity and PostgreSQL', () => {
  it('reports both services healthy', async () => {
    expect(await call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', temporal: 'up', postgres: 'up' } });
  });

  it('starts a workflow, applies validated updates, and reads the events back from PostgreSQL', async () => {
    const id = await addPlanMeasure(system.dataSource, 'air');

    const started = await call('POST', `/measures/${id}/start`, admin);
    expect(started).toMatchObject({ status: 200, body: { measureId: id, state: 'imported' } });
    // Starting again is idempotent: the same workflow, same state.
    expect(await call('POST', `/measures/${id}/start`, admin)).toMatchObject({ status: 200, body: { state: 'imported' } });

    const tooEarly = await call('POST', `/measures/${id}/accept`, staff);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ code: 'MEASURE_WRONG_STATE' });
    expect(tooEarly.body.message).toContain('待交办');

    const wrongRole = await call('POST', `/measures/${id}/assign`, staff, { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE });
    expect(wrongRole).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });

    const badDate = await call('POST', `/measures/${id}/assign`, head, { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: '2022-02-30' });
    expect(badDate).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const assigned = await call('POST', `/measures/${id}/assign`, head, { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE });
    expect(assigned).toMatchObject({ status: 200, body: { state: 'assigned', assigneeId: 'air.staff1', dueDate: DUE } });

    const someoneElse = await call('POST', `/measures/${id}/accept`, otherStaff);
    expect(someoneElse).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });

    // The caller reads its own write as soon as the update returns.
    const accepted = await call('POST', `/measures/${id}/accept`, staff);
    expect(accepted).toMatchObject({ status: 200, body: { state: 'in_progress' } });
    const read = await call('GET', `/measures/${id}`, staff);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, state: 'in_progress', assigneeId: 'air.staff1', dueDate: DUE });
    expect((read.body.events as Array<{ sequence: number; type: string }>).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'assign'],
      [2, 'accept'],
    ]);
  });

  it('answers a measure that was never started with 404 and a malformed id with 400', async () => {
    expect(await call('POST', `/measures/${YEAR}-${uniqueMeasureCode()}/assign`, head, { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: DUE })).toMatchObject({
      status: 404,
      body: { code: 'MEASURE_NOT_FOUND' },
    });
    expect(await call('GET', `/measures/2022-1%27%20OR%201=1`, staff)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${YEAR}-1.1.1/accept`)).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
  });

  it('records a retried event exactly once, with one audit row', async () => {
    const code = uniqueMeasureCode();
    const workflowId = measureWorkflowId(YEAR, code);
    const event: MeasureEvent = {
      eventId: `${workflowId}#1`,
      measureId: `${YEAR}-${code}`,
      workflowId,
      sequence: 1,
      type: 'assign',
      actor: { userId: 'air.head', role: 'department_head' },
      stateAfter: 'assigned',
      payload: { assigneeId: 'air.staff1' },
      occurredAt: new Date().toISOString(),
      snapshot: { ...initialSnapshot(`${YEAR}-${code}`), state: 'assigned', sequence: 1, assigneeId: 'air.staff1' },
    };
    const repository = new MeasureEventRepository(system.dataSource);
    expect(await repository.record(event)).toBe('recorded');
    expect(await repository.record(event)).toBe('already_recorded');
    // A local activity retried from a later workflow task rebuilds the event with the clock of that
    // task: the clock fields (occurredAt, the snapshot's times) differ, the event is the same one.
    const later = new Date(Date.parse(event.occurredAt) + 90_000).toISOString();
    expect(await repository.record({ ...event, occurredAt: later, snapshot: { ...event.snapshot, progress: { ...event.snapshot.progress, reportedAt: later } } })).toBe('already_recorded');
    const [events] = await system.dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE workflow_id = $1', [workflowId]);
    const [audits] = await system.dataSource.query('SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1', [event.eventId]);
    expect([events.n, audits.n]).toEqual([1, 1]);
    // The same id with other content is two runs claiming one sequence: loud, never "already recorded".
    await expect(repository.record({ ...event, type: 'accept', actor: { userId: 'air.staff1', role: 'staff' } })).rejects.toBeInstanceOf(EventConflictError);
    await expect(repository.record({ ...event, payload: { assigneeId: 'air.staff2' } })).rejects.toBeInstanceOf(EventConflictError);
    expect(await repository.record({ ...event, occurredAt: new Date(Date.now() + 1000).toISOString() })).toBe('already_recorded');
  });

  it('refuses to change or delete audit rows', async () => {
    await expect(system.dataSource.query(`UPDATE audit_log SET content = '{}' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(system.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('reports 503 when PostgreSQL is unreachable', async () => {
    await system.app.get(DataSource).destroy();
    expect(await call('GET', '/health')).toMatchObject({ status: 503, body: { status: 'degraded', temporal: 'up', postgres: 'down' } });
  });
});
