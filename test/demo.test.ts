// `npm run demo` as a new user runs it, twice, against an API of its own (a database of its own,
// the sample plan imported as another year): it drives only measures still 待交办, so a second run
// leaves every closed measure as it was — one workflow run, the same events.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { createDataSource, migrate, PlanRepository } from '@duban/db';
import { measureWorkflowId } from '@duban/domain';
import { parsePlan } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { samplePlanText, seedFirstRun, suggestedLeads } from '../seeds/seed';
import { testServices } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';
import { createIsolatedDatabase } from './helpers/time-skipping';

const YEAR = 2044; // no other suite uses it
jest.setTimeout(180_000);

let system: TestSystem & { taskQueue: string };

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'demo');
  const setup = createDataSource(databaseUrl);
  await setup.initialize();
  await migrate(setup);
  await seedFirstRun(setup);
  await setup.destroy();
  system = await startTestSystem('demo', { services: { temporalAddress: testServices().temporalAddress, databaseUrl } });
  const plans = new PlanRepository(system.dataSource);
  await plans.importPlan(parsePlan(samplePlanText().replaceAll('2022年工作要点', `${YEAR}年工作要点`)), { suggestedLeads: suggestedLeads() });
  await startMeasureWorkflows(system.app.get(Client), system.taskQueue, await plans.measuresToStart(YEAR));
}, 120_000);

afterAll(() => system?.stop());

function runDemo(): Promise<{ code: number | null; output: string }> {
  const root = path.join(__dirname, '..');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'tools', 'launch.cjs'), 'seeds/demo'], {
      cwd: root,
      env: { ...process.env, DUBAN_API_URL: system.baseUrl, DUBAN_DEMO_YEAR: String(YEAR), DUBAN_DEMO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const closedMeasures = (): Promise<Array<{ id: string; events: number }>> =>
  system.dataSource.query(
    `SELECT s.measure_id AS id, (SELECT count(*)::int FROM measure_events e WHERE e.measure_id = s.measure_id) AS events
       FROM measure_states s WHERE s.measure_id LIKE $1 AND s.state IN ('completed', 'cancelled') ORDER BY s.measure_id`,
    [`${YEAR}-%`],
  );

it('drives the plan, and a second run leaves completed measures closed, with one run and the same events', async () => {
  const first = await runDemo();
  expect({ code: first.code, failed: first.output.match(/failed: .*/g) ?? [] }).toEqual({ code: 0, failed: [] });
  const closed = await closedMeasures();
  expect(closed.length).toBeGreaterThanOrEqual(9); // 按期办结

  const second = await runDemo();
  expect({ code: second.code, failed: second.output.match(/failed: .*/g) ?? [] }).toEqual({ code: 0, failed: [] });
  // It takes the measures still 待交办 in hand; the ones it closed the first time are as they were.
  const firstIds = new Set(closed.map((m) => m.id));
  expect((await closedMeasures()).filter((m) => firstIds.has(m.id))).toEqual(closed);
  const client = system.app.get(Client);
  for (const { id } of closed) {
    const runs: string[] = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${measureWorkflowId(YEAR, id.slice(5))}'` })) runs.push(run.runId);
    expect({ id, runs: runs.length }).toEqual({ id, runs: 1 });
  }
  // The demo's overdue items were recorded as work under way, by a leader, and the record is whole.
  const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE measure_id LIKE $1 AND type = 'assign' AND payload ? 'backdateReason'`, [`${YEAR}-%`]);
  expect(n).toBeGreaterThanOrEqual(11);
  const admin = await system.login('admin');
  expect((await system.call('GET', '/audit/verify', { token: admin })).body).toMatchObject({ ok: true });
});
