// `npm run bench`: figures for the workflow core, measured against a private Temporal dev server
// and PostgreSQL on this machine. Prints a table and writes bench/results.json. Not part of npm test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDataSource, migrate, PlanRepository } from '@duban/db';
import { beijingDate, WorkingDayCalendar, type Actor } from '@duban/domain';
import { freePort, loadConfig, repoRoot, runCli } from '@duban/runtime';
import { startStack } from '../libs/runtime/services/stack';
import { closeClient, connectClient, installWorkerLogging, startMeasureWorkflow, startMeasureWorkflows, workflowBundle } from '@duban/temporal';
import { acceptUpdate, approveUpdate, assignUpdate, reportProgressUpdate, submitForReviewUpdate } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { createDubanWorker } from '../apps/worker/worker';
import { seedFirstRun } from '../seeds/seed';
import { bareWorkflow, bumpUpdate } from './bare.workflow';
import { pool, summarize, type LatencySummary } from './stats';

const MEASURES = Number(process.env.BENCH_MEASURES ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const head: Actor = { userId: 'air.head', role: 'department_head' };
const staff: Actor = { userId: 'air.staff1', role: 'staff' };

runCli(async () => {
  installWorkerLogging('ERROR');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
  fs.chmodSync(scratch, 0o755);
  const config = { ...loadConfig({}), temporalPort: await freePort(), postgresPort: await freePort() };
  const stack = await startStack(config, { dataDir: scratch, persistTemporal: false, withUi: false });
  const dataSource = createDataSource(stack.databaseUrl);
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const client = await connectClient({ address: stack.temporalAddress, namespace: 'default' });
  const workers: Array<{ worker: Worker; run: Promise<void> }> = [];
  try {
    await migrate(dataSource);
    await seedFirstRun(dataSource);
    const duban = await createDubanWorker({ connection, namespace: 'default', taskQueue: 'bench-duban', dataSource });
    const bundle = workflowBundle();
    const bare = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: 'bench-bare',
      workflowsPath: path.join(__dirname, `workflows${path.extname(__filename)}`),
      bundlerOptions: bundle.bundlerOptions,
    });
    for (const worker of [duban, bare]) workers.push({ worker, run: worker.run() });

    // 1. Start all workflows of the 2022 plan (as an import does).
    const toStart = await new PlanRepository(dataSource).measuresToStart(2022);
    let t0 = performance.now();
    await startMeasureWorkflows(client, 'bench-duban', toStart);
    const startAllMs = performance.now() - t0;

    // 2. Update round trips with the projection write: a lifecycle per measure.
    const due = new WorkingDayCalendar(bundledCalendarData()).addWorkingDays(beijingDate(Date.now()), 40).value;
    const withProjection: number[] = [];
    const codes = Array.from({ length: MEASURES }, (_, i) => `9.${Date.now() % 100000}.${i + 1}`);
    const timed = async (samples: number[], call: () => Promise<unknown>) => {
      const s = performance.now();
      await call();
      samples.push(performance.now() - s);
    };
    t0 = performance.now();
    await pool(codes, CONCURRENCY, async (code) => {
      const h = await startMeasureWorkflow(client, 'bench-duban', { year: 2031, code });
      await timed(withProjection, () => h.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'air', dueDate: due }] }));
      await timed(withProjection, () => h.executeUpdate(acceptUpdate, { args: [{ actor: staff }] }));
      for (let p = 1; p <= 3; p++) await timed(withProjection, () => h.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, percent: p * 30 }] }));
      await timed(withProjection, () => h.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] }));
      await timed(withProjection, () => h.executeUpdate(approveUpdate, { args: [{ actor: head }] }));
    });
    const lifecycleMs = performance.now() - t0;

    // 3. The same number of Updates on the bare workflow: no rules, no activity, no projection.
    const bareSamples: number[] = [];
    await pool(codes, CONCURRENCY, async (code) => {
      const h = await client.workflow.start(bareWorkflow, { taskQueue: 'bench-bare', workflowId: `bare-${code}` });
      for (let i = 0; i < 7; i++) await timed(bareSamples, () => h.executeUpdate(bumpUpdate, { args: [{ payload: { i } }] }));
      await h.terminate('bench done');
    });

    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      startAll2022Workflows: { measures: toStart.length, ms: Math.round(startAllMs) },
      updateRoundTrip: {
        measures: MEASURES,
        concurrency: CONCURRENCY,
        withProjection: summarize(withProjection),
        bareWorkflow: summarize(bareSamples),
        lifecyclesPerSecond: Math.round((MEASURES / (lifecycleMs / 1000)) * 100) / 100,
      },
    };
    const file = path.join(repoRoot(), 'bench', 'results.json');
    fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
    printTable(results.startAll2022Workflows, results.updateRoundTrip.withProjection, results.updateRoundTrip.bareWorkflow, results.updateRoundTrip.lifecyclesPerSecond);
    console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const { worker } of workers) worker.shutdown();
    await Promise.all(workers.map((w) => w.run));
    await closeClient(client);
    await connection.close();
    await dataSource.destroy();
    await stack.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

function printTable(start: { measures: number; ms: number }, projected: LatencySummary, bare: LatencySummary, lifecyclesPerSecond: number): void {
  const row = (name: string, s: LatencySummary) => `${name.padEnd(34)} ${String(s.count).padStart(6)} ${String(s.p50).padStart(9)} ${String(s.p99).padStart(9)} ${String(s.mean).padStart(9)}`;
  console.log(`\nstart all ${start.measures} workflows of the 2022 plan: ${start.ms} ms`);
  console.log(`lifecycles (assign → accept → 3×report → submit → approve) per second: ${lifecyclesPerSecond}\n`);
  console.log(`${'Update round trip (ms)'.padEnd(34)} ${'n'.padStart(6)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'mean'.padStart(9)}`);
  console.log(row('measure (rules + event + projection)', projected));
  console.log(row('bare workflow (no activity)', bare));
  console.log(`ratio p50 measure / bare: ${(projected.p50 / Math.max(0.01, bare.p50)).toFixed(2)}`);
}
