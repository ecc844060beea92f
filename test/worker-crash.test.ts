// A worker process SIGKILLed mid-lifecycle, repeatedly: each workflow carries on once a new worker
// runs, and PostgreSQL holds every event exactly once (real dev server, real PostgreSQL).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { reconcile } from '../apps/worker/reconcile';
import { addPlanMeasure, daysFromNow, testServices } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(120_000);

const services = testServices();
let system: TestSystem & { taskQueue: string };
let worker: ChildProcess | undefined;
const tokens: Record<string, string> = {};

/** The real worker entry point, built into dist/ by `npm test`. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'apps', 'worker', 'main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: services.temporalAddress,
      DATABASE_URL: services.databaseUrl,
      DUBAN_TASK_QUEUE: system.taskQueue,
    },
    stdio: 'ignore',
  });
  return child;
}

function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  system = await startTestSystem('crash', { inProcessWorker: false });
  for (const user of ['admin', 'climate.head', 'climate.staff1', 'supervisor2']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(async () => {
  await kill(worker);
  await system?.stop();
});

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

describe('worker killed mid-lifecycle', () => {
  it('finishes every lifecycle with no event lost or duplicated across three SIGKILLs', async () => {
    worker = startWorkerProcess();
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const id = await addPlanMeasure(system.dataSource, 'climate');
        expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
        return id;
      }),
    );
    const assign = { assigneeId: 'climate.staff1', leadDepartment: 'climate', dueDate: daysFromNow(90) };
    const steps: Array<[string, string, unknown]> = [
      ['assign', 'climate.head', assign],
      ['accept', 'climate.staff1', {}],
      ['progress', 'climate.staff1', { percent: 30 }],
      ['progress', 'climate.staff1', { percent: 60 }],
      ['submit', 'climate.staff1', {}],
      ['return', 'climate.head', { comment: '补充数据' }],
      ['submit', 'climate.staff1', {}],
      ['approve', 'climate.head', {}],
    ];
    for (const [i, [command, user, body]] of steps.entries()) {
      // Commands in flight while the worker dies wait for the next worker, then answer.
      const inFlight = Promise.all(ids.map((id) => post(`/measures/${id}/${command}`, user, body)));
      if (i === 1 || i === 4 || i === 6) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await kill(worker);
        worker = startWorkerProcess();
      }
      const results = await inFlight;
      expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    }

    const expected = ['assign', 'accept', 'reportProgress', 'reportProgress', 'submitForReview', 'returnForRework', 'submitForReview', 'approve'];
    for (const id of ids) {
      const rows: Array<{ sequence: number; type: string }> = await system.dataSource.query(
        'SELECT sequence, type FROM measure_events WHERE measure_id = $1 ORDER BY sequence',
        [id],
      );
      expect(rows.map((r) => r.type)).toEqual(expected);
      expect(rows.map((r) => r.sequence)).toEqual(expected.map((_, i) => i + 1));
      const [audit] = await system.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE content->>'measureId' = $1`, [id]);
      expect(audit.n).toBe(expected.length);
      const [state] = await system.dataSource.query('SELECT state, last_sequence FROM measure_states WHERE measure_id = $1', [id]);
      expect(state).toEqual({ state: 'completed', last_sequence: expected.length });
    }
    // The audit chain is whole, and every workflow's own state agrees with the projection.
    const verified = await system.call('GET', '/audit/verify', { token: tokens['supervisor2'] });
    expect({ status: verified.status, ok: verified.body.ok, reason: verified.body.reason }).toEqual({ status: 200, ok: true, reason: undefined });
    const report = await reconcile(system.app.get(Client), system.dataSource, system.taskQueue, { measureIds: ids });
    expect(report).toMatchObject({ checked: ids.length, inSync: ids.length, repaired: [], unresolved: [] });
  });
});
