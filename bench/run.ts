// `npm run bench`: figures for the whole system, measured against a private Temporal dev server and
// PostgreSQL on this machine, with the worker and the API as processes of their own (as `npm start`
// runs them). Prints a table and writes bench/results.json. Not part of npm test.
//   npm run bench                                   everything at the default sizes (~8 min on 2 cores)
//   npm run bench -- --quick                        reduced sizes
//   npm run bench -- --only=lifecycle --measures=50 one part (see --help)
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate, PlanRepository } from '@duban/db';
import { measureWorkflowId } from '@duban/domain';
import { freePort, loadConfig, repoRoot, runCli } from '@duban/runtime';
import { closeClient, connectClient, startMeasureWorkflows } from '@duban/temporal';
import { startStack, type RunningStack } from '../libs/runtime/services/stack';
import { seedFirstRun } from '../seeds/seed';
import { largePlan, type LargePlanResult } from './large-plan';
import { ApiCaller, apiLifecycles, bareLifecycles, directLifecycles, prepareMeasures, type PathResult } from './lifecycle';
import { parseOptions, usage, type BenchOptions, type Part } from './options';
import { seedOverdue, timeOverdue, type OverdueResult } from './overdue';
import { memoryOf, startApiProcess, startBareWorkerProcess, startWorkerProcess, type BenchProcess, type Memory } from './processes';
import type { ServiceMemory } from './service-memory';
import { recordEvents, type RecordResult } from './record-events';
import { waitUntilIdle } from './settle';
import { loadAverage, ratio, type LatencySummary } from './stats';

const TASK_QUEUE = 'bench-duban';
const BARE_TASK_QUEUE = 'bench-bare';
/** Plan years of the synthetic data (far from real plans; the database is thrown away anyway). */
const YEARS = { lifecycle: 2040, roundtrip: 2041, record: 2042, largePlan: 2050, overdue: 2098 } as const;

/** What every part's figures carry: when, and how busy the (shared) machine was. */
interface Measured {
  measuredAt: string;
  /** 1-, 5-, 15-minute load averages when the part started and when it ended. */
  loadAverage: { before: number[]; after: number[] };
  error?: string;
}

type Results = Record<string, unknown> & {
  measuredAt?: string;
  machine?: Record<string, unknown>;
  options?: Record<string, unknown>;
  startAll2022Workflows?: Measured & { measures: number; ms: number; settledMs: number };
  lifecycleThroughApi?: Measured & Partial<PathResult> & { memory?: { api?: Memory; worker?: Memory } };
  directUpdates?: Measured & Partial<PathResult>;
  bareBaseline?: Measured & Partial<PathResult> & { memory?: { bareWorker?: Memory } };
  recordEvents?: Measured & Partial<RecordResult>;
  updateRoundTrip?: Record<string, unknown>;
  ratios?: Record<string, unknown>;
  startLargePlan?: Measured & Partial<LargePlanResult> & { memory?: { api?: Memory; bench?: Memory } };
  overdueAudit?: Measured & Partial<OverdueResult>;
};

runCli(async () => {
  const parsed = parseOptions(process.argv.slice(2), process.env, path.join(repoRoot(), 'bench', 'results.json'));
  if (parsed === 'help') {
    console.log(usage());
    return;
  }
  const options = parsed;
  const has = (part: Part) => options.parts.has(part);
  console.log(
    `bench: ${[...options.parts].join(', ')} — ${options.measures} lifecycles at concurrency ${options.concurrency} (+${options.warmup} warm-up), ` +
      `${options.starts} starts, ${options.overdueRows} overdue-audit rows; load average ${loadAverage().join(' ')}`,
  );

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
  fs.chmodSync(scratch, 0o755);
  const resources: { stack?: RunningStack; dataSource?: DataSource; client?: Client; processes: BenchProcess[] } = { processes: [] };
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const child of resources.processes.reverse()) await child.stop(30_000).catch(() => undefined);
      if (resources.client) await closeClient(resources.client).catch(() => undefined);
      if (resources.dataSource?.isInitialized) await resources.dataSource.destroy().catch(() => undefined);
      await resources.stack?.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} — stopping what it started`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const results = readResults(options.out);
  results.measuredAt = new Date().toISOString();
  results.machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadAverage() };
  results.options = { parts: [...options.parts], measures: options.measures, concurrency: options.concurrency, warmup: options.warmup, starts: options.starts, overdueRows: options.overdueRows, requests: options.requests };
  let failures = 0;

  try {
    const config = { ...loadConfig({}), temporalPort: await freePort(), postgresPort: await freePort() };
    const stack = (resources.stack = await startStack(config, { dataDir: scratch, persistTemporal: false, withUi: false }));
    const dataSource = (resources.dataSource = createDataSource(stack.databaseUrl));
    await dataSource.initialize();
    await migrate(dataSource);
    await seedFirstRun(dataSource);
    const client = (resources.client = await connectClient({ address: stack.temporalAddress, namespace: 'default' }));
    const services = { temporalAddress: stack.temporalAddress, databaseUrl: stack.databaseUrl };

    // The processes under test, started side by side (each bundles its workflow code first).
    const needsWorker = has('start2022') || has('lifecycle') || has('roundtrip');
    const needsApi = has('lifecycle') || has('overdue');
    const apiPort = await freePort();
    const [worker, bareWorker, api] = await Promise.all([
      needsWorker ? startWorkerProcess(services, TASK_QUEUE, scratch) : undefined,
      has('bare') ? startBareWorkerProcess(services, BARE_TASK_QUEUE, scratch) : undefined,
      needsApi ? startApiProcess(services, TASK_QUEUE, apiPort, randomBytes(32).toString('base64url'), scratch) : undefined,
    ]);
    for (const p of [worker, bareWorker, api]) if (p) resources.processes.push(p);
    const caller = new ApiCaller(`http://127.0.0.1:${apiPort}`);

    const part = async <T extends object>(name: Part, key: keyof Results, run: () => Promise<T>) => {
      if (!has(name)) return;
      const before = loadAverage();
      const measuredAt = new Date().toISOString();
      console.log(`\n▶ ${name} (load average ${before.join(' ')})`);
      const started = performance.now();
      try {
        const figures = await run();
        results[key] = { ...figures, measuredAt, loadAverage: { before, after: loadAverage() } };
      } catch (error) {
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        console.error(`✗ ${name}: ${message}`);
        results[key] = { measuredAt, loadAverage: { before, after: loadAverage() }, error: message };
      }
      console.log(`  ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };

    await part('start2022', 'startAll2022Workflows', async () => {
      const toStart = await new PlanRepository(dataSource).measuresToStart(2022);
      const t0 = performance.now();
      await startMeasureWorkflows(client, TASK_QUEUE, toStart);
      const ms = performance.now() - t0;
      await waitUntilIdle(client, TASK_QUEUE, toStart.map((m) => measureWorkflowId(m.year, m.code)), 10 * 60_000);
      return { measures: toStart.length, ms: Math.round(ms), settledMs: Math.round(performance.now() - t0) };
    });

    const count = options.measures + options.warmup;
    await part('lifecycle', 'lifecycleThroughApi', async () => {
      const measures = await prepareMeasures(dataSource, client, TASK_QUEUE, YEARS.lifecycle, count);
      const result = await apiLifecycles(caller, measures, options.warmup, options.concurrency);
      return { ...result, verifiedCompleted: await completedIn(dataSource, YEARS.lifecycle), memory: { api: memoryOf(api!.pid), worker: memoryOf(worker!.pid) } };
    });
    await part('roundtrip', 'directUpdates', async () => {
      const measures = await prepareMeasures(dataSource, client, TASK_QUEUE, YEARS.roundtrip, count);
      const result = await directLifecycles(client, measures, options.warmup, options.concurrency);
      return { ...result, verifiedCompleted: await completedIn(dataSource, YEARS.roundtrip) };
    });
    await part('bare', 'bareBaseline', async () => {
      const result = await bareLifecycles(client, BARE_TASK_QUEUE, options.measures, options.warmup, options.concurrency);
      return { ...result, memory: { bareWorker: memoryOf(bareWorker!.pid) } };
    });
    if (has('lifecycle') || has('roundtrip') || has('bare')) deriveComparisons(results, options);

    await part('record', 'recordEvents', () => recordEvents(dataSource, YEARS.record, options.measures, options.concurrency));

    await part('starts', 'startLargePlan', async () => {
      const result = await largePlan(dataSource, client, services, YEARS.largePlan, options.starts, scratch);
      return { ...result, memory: { api: api ? memoryOf(api.pid) : undefined, bench: memoryOf(process.pid) } };
    });

    await part('overdue', 'overdueAudit', async () => {
      const seed = await seedOverdue(dataSource, YEARS.overdue, options.overdueRows);
      console.log(`  inserted ${seed.measures} measures, ${seed.measureStates} projection rows (${seed.overdue} overdue), ${seed.events} events in ${seed.insertMs} ms`);
      return timeOverdue(caller, seed, options.requests);
    });
  } finally {
    await cleanUp();
  }

  fs.writeFileSync(options.out, JSON.stringify(results, null, 2) + '\n');
  printSummary(results, options);
  console.log(`\nwritten to ${path.relative(process.cwd(), options.out)}`);
  return failures > 0 ? 1 : 0;
});

async function completedIn(dataSource: DataSource, year: number): Promise<number> {
  const [row]: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM measure_states WHERE measure_id LIKE $1 AND state = 'completed'`, [`${year}-%`]);
  return row.n;
}

/** Previous figures, so a run of some parts keeps the others' (each part says when it was measured). */
function readResults(file: string): Results {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return {};
  }
}

/** updateRoundTrip (the original key) and the duban/bare ratios, from the parts of this run. */
function deriveComparisons(results: Results, options: BenchOptions): void {
  const api = options.parts.has('lifecycle') ? results.lifecycleThroughApi : undefined;
  const direct = options.parts.has('roundtrip') ? results.directUpdates : undefined;
  const bare = options.parts.has('bare') ? results.bareBaseline : undefined;
  if (direct?.all && bare?.all) {
    results.updateRoundTrip = {
      measures: options.measures,
      concurrency: options.concurrency,
      updatesPerLifecycle: direct.commandsPerLifecycle,
      withProjection: direct.all,
      bareWorkflow: bare.all,
      lifecyclesPerSecond: direct.lifecyclesPerSecond,
      bareLifecyclesPerSecond: bare.lifecyclesPerSecond,
    };
  }
  const versus = (a: Partial<PathResult> | undefined, b: Partial<PathResult> | undefined) =>
    a?.all && b?.all ? { throughput: ratio(a.lifecyclesPerSecond, b.lifecyclesPerSecond), p50: ratio(a.all.p50, b.all.p50), p99: ratio(a.all.p99, b.all.p99) } : undefined;
  results.ratios = {
    note: 'throughput = lifecycles/s ÷ bare lifecycles/s (1 = as fast as bare Temporal); p50/p99 = command latency ÷ bare Update latency',
    apiVsBare: versus(api, bare),
    directVsBare: versus(direct, bare),
    apiVsDirect: versus(api, direct),
  };
}

function printSummary(results: Results, options: BenchOptions): void {
  const la = (m?: Measured) => (m ? `load ${m.loadAverage.before[0]}→${m.loadAverage.after[0]}` : '');
  const fail = (m?: Measured) => (m?.error ? `  FAILED: ${m.error}` : '');
  const has = (p: Part) => options.parts.has(p);
  console.log(`\n══ duban bench — ${results.measuredAt} — ${os.cpus().length} CPUs, load average at start ${(results.machine?.loadAverageAtStart as number[]).join(' ')} ══`);

  const s = results.startAll2022Workflows;
  if (has('start2022') && s) console.log(`\nstart all ${s.measures} workflows of the 2022 plan: ${s.ms} ms (idle after ${s.settledMs} ms)  [${la(s)}]${fail(s)}`);

  const paths: Array<[string, (Measured & Partial<PathResult>) | undefined, boolean]> = [
    ['through the API (HTTP → Update → event + projection)', results.lifecycleThroughApi, has('lifecycle')],
    ['Updates to the measure workflow (no API)', results.directUpdates, has('roundtrip')],
    ['bare workflow (no rules, activity, projection, API)', results.bareBaseline, has('bare')],
  ];
  if (paths.some(([, , ran]) => ran)) {
    console.log(`\nLifecycle assign → accept → report → submit → approve: ${options.measures} measures, ${options.concurrency} at a time`);
    const head = `${'path'.padEnd(54)} ${'done'.padStart(6)} ${'fail'.padStart(5)} ${'/s'.padStart(7)} ${'cmd/s'.padStart(7)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}  load`;
    console.log(head);
    for (const [name, r, ran] of paths) {
      if (!ran || !r) continue;
      if (r.error || !r.all) {
        console.log(`${name.padEnd(54)} FAILED: ${r.error}`);
        continue;
      }
      console.log(
        `${name.padEnd(54)} ${String(r.completed).padStart(6)} ${String(r.failed).padStart(5)} ${String(r.lifecyclesPerSecond).padStart(7)} ${String(r.commandsPerSecond).padStart(7)} ${String(r.all.p50).padStart(8)} ${String(r.all.p99).padStart(8)}  ${r.loadAverage.before[0]}→${r.loadAverage.after[0]}`,
      );
      for (const e of r.errors ?? []) console.log(`    error: ${e}`);
    }
    const api = has('lifecycle') ? results.lifecycleThroughApi : undefined;
    if (api?.perCommand) {
      console.log(`\n${'per command through the API (ms)'.padEnd(34)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)} ${'max'.padStart(8)}`);
      for (const [name, l] of Object.entries(api.perCommand) as Array<[string, LatencySummary]>) {
        console.log(`${name.padEnd(34)} ${String(l.count).padStart(6)} ${String(l.p50).padStart(8)} ${String(l.p99).padStart(8)} ${String(l.mean).padStart(8)} ${String(l.max).padStart(8)}`);
      }
    }
    const memory = api?.memory;
    if (memory?.api || memory?.worker) {
      console.log(`after the lifecycles: API RSS ${memory.api?.rssMiB ?? 'n/a'} MiB (peak ${memory.api?.peakRssMiB ?? 'n/a'}), worker RSS ${memory.worker?.rssMiB ?? 'n/a'} MiB (peak ${memory.worker?.peakRssMiB ?? 'n/a'})`);
    }
    const ratios = results.ratios as Record<string, { throughput: number | null; p50: number | null } | undefined> | undefined;
    for (const [key, label] of [['apiVsBare', 'duban (API) / bare'], ['directVsBare', 'duban (no API) / bare']] as const) {
      const r = ratios?.[key];
      if (r) console.log(`${label}: throughput ×${r.throughput}, p50 ×${r.p50}`);
    }
  }

  const r = results.recordEvents;
  if (has('record') && r) {
    if (r.error || !r.latency) console.log(`\nrecording events straight to PostgreSQL: FAILED: ${r.error}`);
    else {
      console.log(`\nrecordMeasureEvent's transaction alone (no Temporal, no API): ${r.events} events of ${r.measures} measures, ${r.concurrency} at a time  [${la(r)}]`);
      console.log(`  ${r.eventsPerSecond} events/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
    }
  }

  const l = results.startLargePlan;
  if (has('starts') && l) {
    if (l.error) console.log(`\nstart a ${options.starts}-measure plan: FAILED: ${l.error}`);
    else {
      const mem = (m?: Memory) => (m ? `${m.rssMiB} MiB (peak ${m.peakRssMiB})` : 'n/a');
      console.log(`\nplan of ${l.measures} measures (${Math.round((l.documentBytes ?? 0) / 1024)} KiB): parse ${l.parseMs} ms, import ${l.importMs} ms  [${la(l)}]`);
      if (l.importError) console.log(`  ! one importPlan of the whole plan failed: ${l.importError} — imported in ${l.importSteps} steps instead`);
      console.log(`  start all workflows: ${l.startMs} ms (${l.startsPerSecond}/s, ${l.startConcurrency} at a time); all idle after ${l.settledMs} ms`);
      console.log(`  worker RSS: ${mem(l.worker?.idle)} idle → ${mem(l.worker?.withOpenWorkflows)} with ${l.measures} open (sticky cache ≤ ${l.worker?.maxCachedWorkflows})`);
      console.log(`  API RSS ${mem(l.memory?.api)}, bench process RSS ${mem(l.memory?.bench)}`);
      const svc = (m?: ServiceMemory) =>
        m ? `Temporal dev server ${m.temporalDevServerPssMiB ?? 'n/a'} MiB, PostgreSQL ${m.postgres ? `${m.postgres.pssMiB} MiB in ${m.postgres.processes} processes` : 'n/a'}` : 'n/a';
      console.log(`  services (PSS) before the starts: ${svc(l.services?.before)}`);
      console.log(`  services (PSS) with ${l.measures} open:   ${svc(l.services?.withOpenWorkflows)}`);
    }
  }

  const o = results.overdueAudit;
  if (has('overdue') && o) {
    if (o.error || !o.firstPage || !o.deepPage) console.log(`\nGET /audit/overdue: FAILED: ${o.error}`);
    else {
      console.log(`\nGET /audit/overdue over ${o.measures} measures (${o.overdue} overdue, ${o.total} in the list), ${o.requests} requests each  [${la(o)}]`);
      console.log(`  page 1 of ${o.pageSize}:     p50 ${o.firstPage.p50} ms, p99 ${o.firstPage.p99} ms`);
      console.log(`  page ${o.deepPage.page} (last): p50 ${o.deepPage.p50} ms, p99 ${o.deepPage.p99} ms`);
    }
  }
}
