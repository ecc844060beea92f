// The first slice through every layer, on the real Temporal dev server and real PostgreSQL:
// HTTP → Temporal Update (validated) → activity → PostgreSQL → HTTP read.
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { measureWorkflowId, type MeasureEvent } from '@duban/domain';
import { createDataSource, MeasureEventRepository } from '@duban/db';
import { loadConfig } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';
import { createApiApp } from '../apps/api/create-app';
import { ApiConfig } from '../apps/api/infra/api-config';
import { createDubanWorker } from '../apps/worker/worker';
import { testServices, uniqueMeasureCode, uniqueTaskQueue } from './helpers/services';

const services = testServices();
const taskQueue = uniqueTaskQueue('slice');
const YEAR = 2022;

let dataSource: DataSource;
let connection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;
let app: INestApplication;
let baseUrl: string;

const head = { 'x-duban-user': 'air.head', 'x-duban-role': 'department_head' };
const staff = { 'x-duban-user': 'air.staff1', 'x-duban-role': 'staff' };

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  installWorkerLogging();
  dataSource = createDataSource(services.databaseUrl);
  await dataSource.initialize();
  connection = await NativeConnection.connect({ address: services.temporalAddress });
  worker = await createDubanWorker({ connection, namespace: services.namespace, taskQueue, dataSource });
  workerRun = worker.run();
  const config = loadConfig({ TEMPORAL_ADDRESS: services.temporalAddress, DATABASE_URL: services.databaseUrl, DUBAN_TASK_QUEUE: taskQueue });
  app = await createApiApp(new ApiConfig({ ...config, temporalAddress: services.temporalAddress, databaseUrl: services.databaseUrl }));
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  baseUrl = baseUrl.replace('[::1]', '127.0.0.1');
}, 60_000);

afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await workerRun;
  await connection?.close();
  await dataSource?.destroy();
});

describe('measure slice through API, workflow, activity and PostgreSQL', () => {
  it('reports both services healthy', async () => {
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { status: 'ok', temporal: 'up', postgres: 'up' } });
  });

  it('starts a workflow, applies validated updates, and reads the events back from PostgreSQL', async () => {
    const id = `${YEAR}-${uniqueMeasureCode()}`;

    const started = await call('POST', `/measures/${id}/start`);
    expect(started).toMatchObject({ status: 200, body: { measureId: id, state: 'imported' } });
    // Starting again is idempotent: the same workflow, same state.
    expect(await call('POST', `/measures/${id}/start`)).toMatchObject({ status: 200, body: { state: 'imported' } });

    const tooEarly = await call('POST', `/measures/${id}/accept`, staff);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ code: 'MEASURE_WRONG_STATE' });
    expect(tooEarly.body.message).toContain('待交办');

    const wrongRole = await call('POST', `/measures/${id}/assign`, staff, { assigneeId: 'air.staff1', dueDate: '2022-12-30' });
    expect(wrongRole).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_ROLE' } });

    const badDate = await call('POST', `/measures/${id}/assign`, head, { assigneeId: 'air.staff1', dueDate: '2022-02-30' });
    expect(badDate).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const assigned = await call('POST', `/measures/${id}/assign`, head, { assigneeId: 'air.staff1', dueDate: '2022-12-30' });
    expect(assigned).toMatchObject({ status: 200, body: { state: 'assigned', assigneeId: 'air.staff1', dueDate: '2022-12-30' } });

    const someoneElse = await call('POST', `/measures/${id}/accept`, { ...staff, 'x-duban-user': 'air.staff2' });
    expect(someoneElse).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });

    // The caller reads its own write as soon as the update returns.
    const accepted = await call('POST', `/measures/${id}/accept`, staff);
    expect(accepted).toMatchObject({ status: 200, body: { state: 'in_progress' } });
    const read = await call('GET', `/measures/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, state: 'in_progress', assigneeId: 'air.staff1', dueDate: '2022-12-30' });
    expect((read.body.events as Array<{ sequence: number; type: string }>).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'assign'],
      [2, 'accept'],
    ]);
  });

  it('answers a measure that was never started with 404 and a malformed id with 400', async () => {
    expect(await call('POST', `/measures/${YEAR}-${uniqueMeasureCode()}/assign`, head, { assigneeId: 'x', dueDate: '2022-12-30' })).toMatchObject({
      status: 404,
      body: { code: 'MEASURE_NOT_FOUND' },
    });
    expect(await call('GET', `/measures/2022-1%27%20OR%201=1`)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
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
      projection: { assigneeId: 'air.staff1' },
    };
    const repository = new MeasureEventRepository(dataSource);
    expect(await repository.record(event)).toBe('recorded');
    expect(await repository.record(event)).toBe('already_recorded');
    const [events] = await dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE workflow_id = $1', [workflowId]);
    const [audits] = await dataSource.query('SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1', [event.eventId]);
    expect([events.n, audits.n]).toEqual([1, 1]);
  });

  it('refuses to change or delete audit rows', async () => {
    await expect(dataSource.query(`UPDATE audit_log SET content = '{}' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('reports 503 when PostgreSQL is unreachable', async () => {
    await app.get(DataSource).destroy();
    expect(await call('GET', '/health')).toEqual({ status: 503, body: { status: 'degraded', temporal: 'up', postgres: 'down' } });
  });
});
