// The measure workflow on Temporal's time-skipping test server (Java, provisioned by the project),
// with its real activities writing to the real PostgreSQL.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { measureWorkflowId, type Actor } from '@duban/domain';
import { createDataSource } from '@duban/db';
import { installWorkerLogging, startMeasureWorkflow } from '@duban/temporal';
import { acceptUpdate, assignUpdate, COMMAND_REJECTED, snapshotQuery } from '@duban/workflows';
import { createDubanWorker } from '../apps/worker/worker';
import { testServices, uniqueMeasureCode, uniqueTaskQueue } from './helpers/services';

const services = testServices();
const taskQueue = uniqueTaskQueue('workflow');
const head: Actor = { userId: 'water.head', role: 'department_head' };
const staff: Actor = { userId: 'water.staff1', role: 'staff' };

let env: TestWorkflowEnvironment;
let dataSource: DataSource;
let worker: Worker;
let workerRun: Promise<void>;

beforeAll(async () => {
  installWorkerLogging();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: services.testServerPath } },
  });
  dataSource = createDataSource(services.databaseUrl);
  await dataSource.initialize();
  worker = await createDubanWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, dataSource });
  workerRun = worker.run();
}, 60_000);

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await dataSource?.destroy();
  await env?.teardown();
});

function rejectionType(error: unknown): string | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause.type ?? undefined : undefined;
}

/** The failure type an update was rejected with (fails the test if it was accepted). */
async function rejectionOf(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
  } catch (error) {
    return rejectionType(error);
  }
  throw new Error('the update was accepted but should have been rejected');
}

describe('measure workflow (time-skipping server)', () => {
  it('runs under its deterministic id and rejects wrong state, role and person with typed reasons', async () => {
    const code = uniqueMeasureCode();
    const handle = await startMeasureWorkflow(env.client, taskQueue, { year: 2022, code });
    expect(handle.workflowId).toBe(measureWorkflowId(2022, code));

    expect(await rejectionOf(handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] }))).toBe(COMMAND_REJECTED.wrong_state);
    expect(await rejectionOf(handle.executeUpdate(assignUpdate, { args: [{ actor: staff, assigneeId: staff.userId, dueDate: '2022-06-30' }] }))).toBe(COMMAND_REJECTED.wrong_role);
    const assigned = await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, dueDate: '2022-06-30' }] });
    expect(assigned).toMatchObject({ state: 'assigned', sequence: 1 });
    expect(await rejectionOf(handle.executeUpdate(acceptUpdate, { args: [{ actor: { userId: 'water.staff2', role: 'staff' } }] }))).toBe(COMMAND_REJECTED.wrong_person);
    expect(await handle.query(snapshotQuery)).toMatchObject({ state: 'assigned', sequence: 1 });

    // Rejected commands leave no trace in PostgreSQL; the accepted one is there.
    const rows: Array<{ sequence: number; type: string }> = await dataSource.query(
      'SELECT sequence, type FROM measure_events WHERE workflow_id = $1 ORDER BY sequence',
      [handle.workflowId],
    );
    expect(rows).toEqual([{ sequence: 1, type: 'assign' }]);
  });

  it('lets exactly one of two racing accepts through; the other is told why', async () => {
    const code = uniqueMeasureCode();
    const handle = await startMeasureWorkflow(env.client, taskQueue, { year: 2022, code });
    await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, dueDate: '2022-06-30' }] });
    const results = await Promise.allSettled([
      handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] }),
      handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejectionType(rejected?.reason)).toBe(COMMAND_REJECTED.wrong_state);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE workflow_id = $1', [handle.workflowId]);
    expect(n).toBe(2);
  });
});
