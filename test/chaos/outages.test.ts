// Fault injection on a private Temporal dev server (SQLite history) and PostgreSQL of this suite's
// own: PostgreSQL stopped mid-run (the API answers 503, workflows keep their state, activities
// retry) and the Temporal server restarted mid-run. Afterwards every lifecycle ends where it would
// have without the faults, every event is in PostgreSQL exactly once, and reconciliation finds
// nothing to repair. Part of `npm test` with an 8 s outage; `npm run chaos` runs it with the 30 s
// outage (DUBAN_CHAOS_OUTAGE_MS=30000).
import { Client } from '@temporalio/client';
import { chainHash, createDataSource, GENESIS_HASH, migrate } from '@duban/db';
import { reconcile } from '../../apps/worker/reconcile';
import { seedFirstRun } from '../../seeds/seed';
import { PrivateServices } from '../helpers/faults';
import { addPlanMeasure, daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';

const OUTAGE_MS = Number(process.env.DUBAN_CHAOS_OUTAGE_MS ?? 8_000);
jest.setTimeout(180_000 + 2 * OUTAGE_MS);

let services: PrivateServices;
let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const started = await PrivateServices.start();
  services = started.services;
  const dataSource = createDataSource(started.databaseUrl);
  await dataSource.initialize();
  await migrate(dataSource);
  await seedFirstRun(dataSource);
  await dataSource.destroy();
  system = await startTestSystem('chaos', { services: { temporalAddress: started.temporalAddress, databaseUrl: started.databaseUrl } });
  for (const user of ['admin', 'personnel.head', 'personnel.staff1', 'supervisor1']) tokens[user] = await system.login(user);
}, 120_000);

// Bounded: a worker or API that cannot stop (a server it still waits on) must not hold the whole
// run; the servers' process group is killed regardless, so nothing outlives the suite.
afterAll(async () => {
  await withinMs(system?.stop(), 60_000, 'stopping the API and worker');
  await services?.quit(30_000);
}, 120_000);

const post = (p: string, user: string, body: unknown = {}) => system.call('POST', `${p}`, { token: tokens[user], body });

describe('outages of PostgreSQL and Temporal', () => {
  it('loses and duplicates nothing through a PostgreSQL outage and a Temporal restart', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, () => addPlanMeasure(system.dataSource, 'personnel')));
    for (const id of ids) {
      expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
      expect((await post(`/measures/${id}/assign`, 'personnel.head', { assigneeId: 'personnel.staff1', leadDepartment: 'personnel', dueDate: daysFromNow(90) })).status).toBe(200);
      expect((await post(`/measures/${id}/accept`, 'personnel.staff1')).status).toBe(200);
    }

    // PostgreSQL goes away.
    await services.send('stop-postgres');
    const health = await system.call('GET', '/health');
    expect(health).toMatchObject({ status: 503, body: { postgres: 'down', temporal: 'up' } });
    const read = await system.call('GET', `/measures/${ids[0]}`, { token: tokens['personnel.staff1'] });
    expect(read).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' } });
    // Commands sent now are accepted by the workflows; their events wait for the database.
    const duringOutage = Promise.all(ids.map((id) => post(`/measures/${id}/progress`, 'personnel.staff1', { percent: 50 })));
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await services.send('start-postgres');
    for (const response of await duringOutage) {
      // Answered once the database is back, or told it is pending if the outage outlasted the deadline.
      expect([200, 503]).toContain(response.status);
      if (response.status === 503) expect(response.body.code).toBe('COMMAND_PENDING');
    }

    // The Temporal server restarts (its history is in SQLite).
    await services.send('restart-temporal');
    for (const id of ids) {
      // Answered, or accepted and still running after the 20 s deadline (then it finishes by itself).
      const submitted = await retryWhileUnavailable(() => post(`/measures/${id}/submit`, 'personnel.staff1'));
      expectDoneOrPending(submitted);
      await waitUntil(async () => (await stateOf(id)) === 'under_review', 60_000);
      expectDoneOrPending(await retryWhileUnavailable(() => post(`/measures/${id}/approve`, 'personnel.head')));
    }

    const expected = ['assign', 'accept', 'reportProgress', 'submitForReview', 'approve'];
    // Events of commands answered "pending" land when their activity's next retry runs.
    await waitUntil(async () => {
      const [row] = await system.dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE measure_id = ANY($1)', [ids]);
      return row.n === ids.length * expected.length;
    }, 90_000);
    for (const id of ids) {
      const rows: Array<{ sequence: number; type: string }> = await system.dataSource.query(
        'SELECT sequence, type FROM measure_events WHERE measure_id = $1 ORDER BY sequence',
        [id],
      );
      expect(rows.map((r) => r.type)).toEqual(expected);
      expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    }
    // The hash chain of this private database is whole: as the supervisors' /audit/verify says, and walked here.
    const verified = await system.call('GET', '/audit/verify', { token: tokens['supervisor1'] });
    expect(verified).toMatchObject({ status: 200, body: { ok: true } });
    // One chain per measure (its stream), each from the all-zero hash, numbered 1, 2, 3 …
    const chain: Array<{ stream: string; stream_seq: number; prev_hash: string; hash: string; content: unknown }> = await system.dataSource.query(
      'SELECT stream, stream_seq, prev_hash, hash, content FROM audit_log ORDER BY stream, id',
    );
    let previous = GENESIS_HASH;
    let stream: string | undefined;
    let seq = 0;
    for (const row of chain) {
      if (row.stream !== stream) [stream, previous, seq] = [row.stream, GENESIS_HASH, 0];
      expect(row.stream_seq).toBe(++seq);
      expect(row.prev_hash).toBe(previous);
      expect(row.hash).toBe(chainHash(row.prev_hash, row.content));
      previous = row.hash;
    }
    expect(chain).toHaveLength(ids.length * expected.length);

    const report = await reconcile(system.app.get(Client), system.dataSource, system.taskQueue, { measureIds: ids });
    expect(report).toMatchObject({ checked: ids.length, inSync: ids.length, repaired: [], unresolved: [] });
  });
});

async function withinMs(work: Promise<unknown> | undefined, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`chaos suite: ${what} took longer than ${ms} ms; killing the private servers instead`);
      resolve();
    }, ms);
  });
  await Promise.race([work?.catch((error: unknown) => console.warn(`chaos suite: ${what} failed: ${String(error)}`)), late]);
  clearTimeout(timer);
}

/**
 * Right after a server restart the client may briefly see it unavailable; a person would retry.
 * Not a command the workflow already accepted (COMMAND_PENDING): sent again it would be refused.
 */
async function retryWhileUnavailable(call: () => ReturnType<TestSystem['call']>): ReturnType<TestSystem['call']> {
  for (let attempt = 0; ; attempt++) {
    const response = await call();
    if (response.status !== 503 || response.body.code === 'COMMAND_PENDING' || attempt >= 30) return response;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function expectDoneOrPending(response: Awaited<ReturnType<TestSystem['call']>>): void {
  if (response.status === 503) expect(response.body.code).toBe('COMMAND_PENDING');
  else expect(response.status).toBe(200);
}

async function stateOf(id: string): Promise<string | undefined> {
  const [row]: Array<{ state: string }> = await system.dataSource.query('SELECT state FROM measure_states WHERE measure_id = $1', [id]);
  return row?.state;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
