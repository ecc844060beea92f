// `npm run bench`: figures for the whole system, measured against a private Temporal dev server and
// PostgreSQL on this machine, with the worker and the API as processes of their own (as `npm start`
// runs them). Prints a table and writes bench/results.json. Not part of npm test.
//   npm run bench                                   everything at the default sizes (~45–60 min on 2 cores)
//   npm run bench -- --quick                        reduced sizes
//   npm run bench -- --only=lifecycle --measures=50 one part (see --help; lifecycle brings yardstick and bare)
//   npm run bench -- --only=spike --spike=500       the escalation spike alone
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
import { ApiCaller, importBenchPlan, startAndSettle } from './lifecycle';
import { LIFECYCLE_PARTS, parseOptions, usage, type BenchOptions, type Part } from './options';
import { seedOverdue, timeOverdue, type OverdueResult } from './overdue';
import { memoryOf, startApiProcess, startBareWorkerProcess, startWorkerProcess, type BenchProcess, type Memory } from './processes';
import type { ServiceMemory } from './service-memory';
import { recordEvents, type RecordResult } from './record-events';
import { lifecycleRounds, medianRun, PATH_LABELS, type Ratio, type RoundsResult, type RunResult } from './rounds';
import { waitUntilIdle } from './settle';
import { escalationSpike, escalationSpikeYardstick, type SpikeResult, type SpikeYardstickResult } from './spike';
import { clusterScale, postmasterPid, type ClusterScaleResult } from './cluster';
import { deliveryLag, type DeliveryResult } from './delivery';
import { loadAverage, round, type LatencySummary } from './stats';

const TASK_QUEUE = 'bench-duban';
/** The bench's own worker: the bare baseline and the yardstick. */
const BENCH_TASK_QUEUE = 'bench-bare';
/** Plan years of the synthetic data (far from real plans; the database is thrown away anyway). The spike takes the current year. */
const YEARS = { lifecycle: 2040, roundtrip: 2041, record: 2042, yardstick: 2043, cluster: 2046, clusterDevServer: 2047, largePlan: 2050, spikeYardstick: 2048, overdue: 2098 } as const;

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
  /** Every round of every lifecycle path, medians and ratios, per concurrency. */
  lifecycleRounds?: Measured & Partial<RoundsResult>;
  /** The single-run keys: the round nearest the median at the first concurrency, with the medians beside it. */
  lifecycleThroughApi?: Measured & Partial<RunResult> & { memory?: { api?: Memory; worker?: Memory } };
  yardstickBaseline?: Measured & Partial<RunResult> & { memory?: { benchWorker?: Memory } };
  directUpdates?: Measured & Partial<RunResult>;
  bareBaseline?: Measured & Partial<RunResult> & { memory?: { bareWorker?: Memory } };
  recordEvents?: Measured & Partial<RecordResult>;
  deliveryLag?: Measured & Partial<DeliveryResult>;
  clusterScale?: Measured & Partial<ClusterScaleResult>;
  updateRoundTrip?: Record<string, unknown>;
  ratios?: Record<string, unknown>;
  startLargePlan?: Measured & Partial<LargePlanResult> & { memory?: { api?: Memory; bench?: Memory } };
  overdueAudit?: Measured & Partial<OverdueResult>;
  escalationSpike?: Measured & Partial<SpikeResult>;
  /** The spike's yardstick (bench/spike-yardstick.workflow), run just before it. */
  escalationSpikeYardstick?: Measured & Partial<SpikeYardstickResult>;
};

runCli(async () => {
  const parsed = parseOptions(process.argv.slice(2), process.env, path.join(repoRoot(), 'bench', 'results.json'));
  if (parsed === 'help') {
    console.log(usage());
    return;
  }
  const options = parsed;
  const has = (part: Part) => options.parts.has(part);
  const sizes = [
    LIFECYCLE_PARTS.some(has) && `${options.measures} lifecycles (+${options.warmup} warm-up) per path, round and concurrency (${options.concurrency.join(', ')}), ${options.rounds} rounds`,
    has('record') && `${options.measures} recorded lifecycles`,
    has('starts') && `${options.starts} starts`,
    has('overdue') && `${options.overdueRows} overdue-audit rows`,
    has('spike') && `a spike of ${options.spike}`,
  ].filter(Boolean);
  console.log(`bench: ${[...options.parts].join(', ')}${sizes.length ? ` — ${sizes.join(', ')}` : ''}; load average ${loadAverage().join(' ')}`);

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
  results.options = {
    parts: [...options.parts],
    measures: options.measures,
    concurrency: options.concurrency,
    rounds: options.rounds,
    warmup: options.warmup,
    starts: options.starts,
    overdueRows: options.overdueRows,
    requests: options.requests,
    spike: options.spike,
    deliveryRate: options.deliveryRate,
    deliveryMinutes: options.deliveryMinutes,
    deliveryCrash: options.deliveryCrash,
  };
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
    const needsWorker = has('start2022') || has('lifecycle') || has('roundtrip') || has('cluster');
    const needsApi = has('lifecycle') || has('overdue') || has('cluster');
    // The spike starts a duban worker of its own once its workflows are staged.
    const apiPort = await freePort();
    const [worker, bareWorker, api] = await Promise.all([
      needsWorker ? startWorkerProcess(services, TASK_QUEUE, scratch) : undefined,
      has('bare') || has('yardstick') ? startBareWorkerProcess(services, BENCH_TASK_QUEUE, scratch) : undefined,
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

    const lifecyclePaths = LIFECYCLE_PARTS.filter(has);
    if (lifecyclePaths.length > 0) {
      const before = loadAverage();
      const measuredAt = new Date().toISOString();
      console.log(`\n▶ ${lifecyclePaths.join(', ')}: ${options.rounds} interleaved rounds at concurrency ${options.concurrency.join(', ')} (load average ${before.join(' ')})`);
      const started = performance.now();
      const memory: { api?: Memory; worker?: Memory; benchWorker?: Memory } = {};
      try {
        const rounds = await lifecycleRounds(
          {
            dataSource,
            client,
            api: caller,
            taskQueue: TASK_QUEUE,
            benchTaskQueue: BENCH_TASK_QUEUE,
            years: { lifecycle: YEARS.lifecycle, yardstick: YEARS.yardstick, roundtrip: YEARS.roundtrip },
            afterRun: (path) => {
              if (path === 'lifecycle') Object.assign(memory, { api: memoryOf(api!.pid), worker: memoryOf(worker!.pid) });
              if (path === 'yardstick' || path === 'bare') memory.benchWorker = memoryOf(bareWorker!.pid);
            },
          },
          lifecyclePaths,
          options,
        );
        results.lifecycleRounds = { ...rounds, measuredAt, loadAverage: { before, after: loadAverage() } };
        const failedRuns = Object.values(rounds.byConcurrency).flatMap((c) => Object.values(c.runs).flat()).filter((r) => r?.error).length;
        if (failedRuns > 0) failures++;
        singleRunKeys(results, rounds, memory);
      } catch (error) {
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        console.error(`✗ lifecycle paths: ${message}`);
        results.lifecycleRounds = { measuredAt, loadAverage: { before, after: loadAverage() }, error: message };
      }
      console.log(`  lifecycle paths took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      deriveComparisons(results, options);
    }

    await part('record', 'recordEvents', () => recordEvents(dataSource, YEARS.record, options.measures, options.concurrency[0]));

    await part('starts', 'startLargePlan', async () => {
      const result = await largePlan(dataSource, client, services, YEARS.largePlan, options.starts, scratch);
      return { ...result, memory: { api: api ? memoryOf(api.pid) : undefined, bench: memoryOf(process.pid) } };
    });

    await part('overdue', 'overdueAudit', async () => {
      const seed = await seedOverdue(dataSource, YEARS.overdue, options.overdueRows);
      console.log(`  inserted ${seed.measures} measures, ${seed.measureStates} projection rows (${seed.overdue} overdue), ${seed.events} events in ${seed.insertMs} ms`);
      return timeOverdue(caller, seed, options.requests);
    });

    await part('delivery', 'deliveryLag', () =>
      deliveryLag(dataSource, client, services, TASK_QUEUE, scratch, {
        eventsPerMinute: options.deliveryRate,
        minutes: options.deliveryMinutes,
        crash: options.deliveryCrash,
        publicUrl: 'http://duban.bench.example',
      }),
    );

    await part('cluster', 'clusterScale', () =>
      clusterScale({
        scratch: path.join(scratch, 'cluster-part'),
        year: YEARS.cluster,
        measures: options.measures,
        warmup: options.warmup,
        concurrency: options.concurrency[0],
        devServer: {
          caller,
          pids: {
            ...(stack.temporalPid ? { 'temporal dev server': stack.temporalPid } : {}),
            ...(stack.postgresDataDir ? { postgres: postmasterPid(stack.postgresDataDir) } : {}),
            worker: worker!.pid!,
            api: api!.pid!,
          },
          prepare: async (count) => {
            const measures = await importBenchPlan(dataSource, YEARS.clusterDevServer, count);
            await startAndSettle(client, TASK_QUEUE, measures);
            return measures;
          },
        },
      }),
    );

    // Last: they leave their workflows open (waiting on the next ladder step) with no worker. First
    // the least the spike can cost here (the yardstick), then duban's.
    await part('spike', 'escalationSpikeYardstick', () => escalationSpikeYardstick(dataSource, client, services, options.spike, scratch, YEARS.spikeYardstick));
    await part('spike', 'escalationSpike', () => escalationSpike(dataSource, client, services, options.spike, scratch));
  } finally {
    await cleanUp();
  }

  fs.writeFileSync(options.out, JSON.stringify(results, null, 2) + '\n');
  printSummary(results, options);
  console.log(`\nwritten to ${path.relative(process.cwd(), options.out)}`);
  return failures > 0 ? 1 : 0;
});

/** Previous figures, so a run of some parts keeps the others' (each part says when it was measured). */
function readResults(file: string): Results {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return {};
  }
}

/**
 * The keys a single run used to fill (lifecycleThroughApi, directUpdates, bareBaseline, and now
 * yardstickBaseline): at the first concurrency, the round whose commands/s is nearest the median,
 * with the medians of all rounds beside it.
 */
function singleRunKeys(results: Results, rounds: RoundsResult, memory: { api?: Memory; worker?: Memory; benchWorker?: Memory }): void {
  const first = rounds.byConcurrency[String(rounds.concurrency[0])];
  if (!first) return;
  const pick = (path: keyof typeof PATH_LABELS) => {
    const run = medianRun(first.runs[path], first.medians[path]);
    if (!run) return undefined;
    return { ...run, rounds: rounds.rounds, medianOfRounds: first.medians[path] } as RunResult & Measured;
  };
  const api = pick('lifecycle');
  const yardstick = pick('yardstick');
  const direct = pick('roundtrip');
  const bare = pick('bare');
  if (api) results.lifecycleThroughApi = { ...api, memory: { api: memory.api, worker: memory.worker } };
  if (yardstick) results.yardstickBaseline = { ...yardstick, memory: { benchWorker: memory.benchWorker } };
  if (direct) results.directUpdates = direct;
  if (bare) results.bareBaseline = { ...bare, memory: { bareWorker: memory.benchWorker } };
}

/** updateRoundTrip (the original key) and the ratios (headline: through the API ÷ yardstick), from the medians of this run. */
function deriveComparisons(results: Results, options: BenchOptions): void {
  const rounds = results.lifecycleRounds;
  if (!rounds?.byConcurrency) return;
  const first = rounds.byConcurrency[String(options.concurrency[0])];
  const direct = options.parts.has('roundtrip') ? results.directUpdates : undefined;
  const bare = options.parts.has('bare') ? results.bareBaseline : undefined;
  if (direct?.all && bare?.all) {
    results.updateRoundTrip = {
      measures: options.measures,
      concurrency: options.concurrency[0],
      updatesPerLifecycle: direct.commandsPerLifecycle,
      withProjection: direct.all,
      bareWorkflow: bare.all,
      lifecyclesPerSecond: first?.medians.roundtrip?.lifecyclesPerSecond,
      bareLifecyclesPerSecond: first?.medians.bare?.lifecyclesPerSecond,
      note: 'withProjection / bareWorkflow: latencies of the round nearest the median; lifecycles/s: medians of the rounds',
    };
  }
  results.ratios = {
    note: `medians of ${options.rounds} rounds at concurrency ${options.concurrency[0]}: throughput = commands/s ÷ baseline commands/s (1 = as fast as the baseline); p50/p99 = command latency ÷ baseline latency; headline apiVsYardstick`,
    concurrency: options.concurrency[0],
    ...first?.ratios,
    byConcurrency: Object.fromEntries(Object.entries(rounds.byConcurrency).map(([c, r]) => [c, r.ratios])),
  };
}

function printSummary(results: Results, options: BenchOptions): void {
  const la = (m?: Measured) => (m ? `load ${m.loadAverage.before[0]}→${m.loadAverage.after[0]}` : '');
  const fail = (m?: Measured) => (m?.error ? `  FAILED: ${m.error}` : '');
  const has = (p: Part) => options.parts.has(p);
  console.log(`\n══ duban bench — ${results.measuredAt} — ${os.cpus().length} CPUs, load average at start ${(results.machine?.loadAverageAtStart as number[]).join(' ')} ══`);

  const s = results.startAll2022Workflows;
  if (has('start2022') && s) console.log(`\nstart all ${s.measures} workflows of the 2022 plan: ${s.ms} ms (idle after ${s.settledMs} ms)  [${la(s)}]${fail(s)}`);

  const rounds = results.lifecycleRounds;
  if (LIFECYCLE_PARTS.some(has) && rounds) {
    if (rounds.error || !rounds.byConcurrency) console.log(`\nlifecycle paths: FAILED: ${rounds.error}`);
    else printRounds(rounds, results);
  }

  const r = results.recordEvents;
  if (has('record') && r) {
    if (r.error || !r.latency) console.log(`\nrecording events straight to PostgreSQL: FAILED: ${r.error}`);
    else {
      console.log(`\nrecordMeasureEvent's transaction alone (no Temporal, no API): ${r.events} events of ${r.measures} measures, ${r.concurrency} at a time  [${la(r)}]`);
      console.log(`  ${r.eventsPerSecond} events/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
    }
  }

  const c = results.clusterScale;
  if (has('cluster') && c) {
    if (c.error || !c.phases) console.log(`\ncluster scale: FAILED: ${c.error}`);
    else {
      console.log(`\ncluster scale (${c.measuresPerPhase} API lifecycles × 5 commands per setup at concurrency ${c.concurrency}; Temporal server on PostgreSQL, ${c.historyShards} shards, behind nginx)  [${la(c as Measured)}]`);
      for (const p of c.phases) {
        const ratio = c.ratiosToDevServer?.[p.setup];
        console.log(`  ${p.setup.padEnd(32)} ${String(p.result.commandsPerSecond).padStart(6)} commands/s  p50 ${p.result.all.p50} ms  p99 ${p.result.all.p99} ms${ratio !== undefined ? `  ${ratio}× dev server` : '  (baseline)'}${p.result.failed ? `  ${p.result.failed} FAILED: ${p.result.errors[0]}` : ''}`);
        const cpu = Object.entries(p.cpuSeconds).sort((a, b) => b[1] - a[1]);
        console.log(`    CPU s: ${cpu.map(([name, sec]) => `${name} ${sec}`).join(', ')}`);
      }
    }
  }
  const d = results.deliveryLag;
  if (has('delivery') && d) {
    if (d.error || !d.lag) console.log(`\ndelivery to a real SMTP server: FAILED: ${d.error}`);
    else {
      console.log(`\ndelivery (督办 events → outbox → e-mail lane → SMTP): ${d.events} events at ${d.eventsPerMinute}/min (achieved ${d.achievedPerMinute}/min) for ${d.minutes} min${d.crashed ? ', worker SIGKILLed half-way' : ''}  [${la(d)}]`);
      console.log(`  lag event → SMTP accepted: p50 ${d.lag.p50} ms, p99 ${d.lag.p99} ms, max ${d.lag.max} ms; drained ${d.drainMs} ms after the last event`);
      console.log(`  received ${d.received}, distinct ${d.distinct}: lost ${d.lost}, duplicates ${d.duplicates} (resent rows ${d.resentRows})`);
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

  const k = results.escalationSpike;
  const ky = results.escalationSpikeYardstick;
  if (has('spike') && k) {
    if (k.error || !k.recorded || !k.history) console.log(`\nescalation spike: FAILED: ${k.error}`);
    else printSpike(k as SpikeResult & Measured, ky?.recorded ? (ky as SpikeYardstickResult & Measured) : undefined);
  }

  // The compact table: what the issue asks for, in one place.
  console.log('\n── summary ──');
  if (LIFECYCLE_PARTS.some(has) && rounds?.byConcurrency) {
    console.log(`${'c'.padStart(3)}  ${'path'.padEnd(10)} ${'cmd/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}   vs yardstick (cmd/s, p50, p99)`);
    for (const [c, r] of Object.entries(rounds.byConcurrency)) {
      for (const path of rounds.paths ?? []) {
        const m = r.medians[path];
        if (!m) continue;
        const key = { lifecycle: 'apiVsYardstick', roundtrip: 'directVsYardstick', yardstick: undefined, bare: undefined }[path];
        const versus = key ? r.ratios[key] : undefined;
        const short = { lifecycle: 'api', yardstick: 'yardstick', roundtrip: 'direct', bare: 'bare' }[path];
        console.log(`${c.padStart(3)}  ${short.padEnd(10)} ${fmt(m.commandsPerSecond).padStart(8)} ${fmt(m.p50).padStart(8)} ${fmt(m.p99).padStart(8)}   ${versus ? ratioText(versus) : ''}`);
      }
    }
  }
  if (has('spike') && k?.recorded) {
    console.log(
      `spike ${k.measures}: ${k.complete ? 'all recorded' : 'INCOMPLETE'} in ${k.secondsFromWorkerReady} s from worker ready (${k.secondsFromWorkerStart} s from spawn), ${k.eventsPerSecond} events/s, ` +
        `events ${k.recorded.events} / distinct ${k.recorded.distinctMeasures}, timeouts in ${k.history?.sampled} histories: activity ${k.history?.activityTaskTimedOut}, workflow task ${k.history?.workflowTaskTimedOut}`,
    );
    if (ky?.recorded) console.log(`spike yardstick ${ky.measures}: ${ky.complete ? 'all recorded' : 'INCOMPLETE'} in ${ky.secondsFromWorkerReady} s from worker ready; duban ÷ yardstick time ×${spikeRatio(k, ky)}`);
  }
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : String(n));
const ratioText = (r: Ratio) => `×${fmt(r.throughput)}, ×${fmt(r.p50)}, ×${fmt(r.p99)}`;

function printRounds(rounds: Measured & Partial<RoundsResult>, results: Results): void {
  console.log(
    `\nLifecycle assign → accept → report → submit → approve: ${rounds.measures} lifecycles per path and round (+${rounds.warmup} warm-up), ` +
      `${rounds.rounds} rounds interleaved (orders: ${(rounds.order ?? []).map((o) => o.join('→')).join(' | ')}); medians of the rounds`,
  );
  if ((rounds.rounds ?? 0) < 3) console.log(`! ${rounds.rounds} round(s) only: the issue's figures are medians of at least 3`);
  const crowded = (rounds.concurrency ?? []).filter((c) => c > (rounds.measures ?? 0));
  if (crowded.length > 0) console.log(`! concurrency ${crowded.join(', ')} > ${rounds.measures} lifecycles per run: at most ${rounds.measures} were in flight`);
  for (const [c, r] of Object.entries(rounds.byConcurrency ?? {})) {
    console.log(`\nconcurrency ${c}`);
    console.log(`${'path'.padEnd(56)} ${'ok'.padStart(5)} ${'fail'.padStart(5)} ${'/s'.padStart(7)} ${'cmd/s'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}   cmd/s by round`);
    for (const path of rounds.paths ?? []) {
      const m = r.medians[path];
      if (!m) continue;
      const label = PATH_LABELS[path];
      console.log(
        `${label.padEnd(56)} ${`${m.ok}/${m.runs}`.padStart(5)} ${String(m.failed).padStart(5)} ${fmt(m.lifecyclesPerSecond).padStart(7)} ${fmt(m.commandsPerSecond).padStart(8)} ${fmt(m.p50).padStart(8)} ${fmt(m.p99).padStart(8)}   ${m.commandsPerSecondByRound.map(fmt).join(' / ')}`,
      );
      for (const run of r.runs[path] ?? []) {
        if (run.error) console.log(`    round ${run.round}: FAILED: ${run.error}`);
        for (const e of run.errors ?? []) console.log(`    round ${run.round} error: ${e}`);
      }
    }
    const rows = (rounds.paths ?? []).flatMap((path) => {
      const x = r.medians[path]?.rowsPerLifecycle;
      return x ? [`${path} ${x.events}/${x.auditRows ?? 'n/a'}/${x.notifications}`] : [];
    });
    if (rows.length > 0) console.log(`rows per lifecycle (events/audit rows/notifications): ${rows.join(', ')}`);
    const lines: Array<[string, string, boolean]> = [
      ['apiVsYardstick', 'duban through the API ÷ yardstick', true],
      ['directVsYardstick', 'duban Updates (no API) ÷ yardstick', false],
      ['apiVsBare', 'duban through the API ÷ bare', false],
      ['directVsBare', 'duban Updates (no API) ÷ bare', false],
      ['yardstickVsBare', 'yardstick ÷ bare', false],
    ];
    for (const [key, label, headline] of lines) {
      const x = r.ratios[key];
      if (x) console.log(`${headline ? '▶ ' : '  '}${label.padEnd(36)} throughput ×${fmt(x.throughput)}, p50 ×${fmt(x.p50)}, p99 ×${fmt(x.p99)}`);
    }
  }
  const api = results.lifecycleThroughApi;
  if (api?.perCommand && !api.error) {
    console.log(`\n${`per command through the API (ms, round ${api.round} at c=${api.concurrency})`.padEnd(48)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)} ${'max'.padStart(8)}`);
    for (const [name, l] of Object.entries(api.perCommand) as Array<[string, LatencySummary]>) {
      console.log(`${name.padEnd(48)} ${String(l.count).padStart(6)} ${String(l.p50).padStart(8)} ${String(l.p99).padStart(8)} ${String(l.mean).padStart(8)} ${String(l.max).padStart(8)}`);
    }
    const memory = api.memory;
    if (memory?.api || memory?.worker) {
      console.log(`after the lifecycles: API RSS ${memory.api?.rssMiB ?? 'n/a'} MiB (peak ${memory.api?.peakRssMiB ?? 'n/a'}), worker RSS ${memory.worker?.rssMiB ?? 'n/a'} MiB (peak ${memory.worker?.peakRssMiB ?? 'n/a'})`);
    }
  }
}

/** How many times the yardstick's time duban's spike took (from worker ready to the last escalation). */
function spikeRatio(k: Partial<SpikeResult>, ky: Partial<SpikeYardstickResult>): string {
  return k.secondsFromWorkerReady && ky.secondsFromWorkerReady ? fmt(round(k.secondsFromWorkerReady / ky.secondsFromWorkerReady, 2)) : 'n/a';
}

function printSpike(k: SpikeResult & Measured, ky?: SpikeYardstickResult & Measured): void {
  if (ky) {
    console.log(
      `\nescalation spike, yardstick (bench/spike-yardstick.workflow: one local activity writes the escalation's rows, then a timer): ${ky.measures} workflows  [load ${ky.loadAverage.before[0]}→${ky.loadAverage.after[0]}]`,
    );
    console.log(
      `  ${ky.complete ? 'all recorded' : `INCOMPLETE (${ky.recorded.distinctMeasures} of ${ky.measures})`} after ${ky.secondsFromWorkerReady} s from worker ready: ${ky.eventsPerSecond} escalations/s` +
        ` (10 % ${fmt(ky.milestones['10%'])} s, 50 % ${fmt(ky.milestones['50%'])} s, 90 % ${fmt(ky.milestones['90%'])} s); duplicates ${ky.recorded.duplicates}, missing ${ky.recorded.missing}, ${ky.notifications} notifications;` +
        ` ${ky.history.sampled} sampled histories: ActivityTaskTimedOut ${ky.history.activityTaskTimedOut}, WorkflowTaskTimedOut ${ky.history.workflowTaskTimedOut}`,
    );
  }
  const la = `load ${k.loadAverage.before[0]}→${k.loadAverage.after[0]}`;
  console.log(`\nescalation spike: ${k.measures} measure workflows of ${k.year}, due ${k.dueDate}, staged with no worker (insert ${k.staging.insertMs} ms, starts ${k.staging.startMs} ms at ${k.staging.startsPerSecond}/s)  [${la}]`);
  console.log(`  worker spawned → polling: ${k.workerStartupMs} ms; first escalation ${k.firstEventMs ?? 'n/a'} ms after it polled`);
  console.log(
    `  ${k.complete ? 'all recorded' : `INCOMPLETE (${k.recorded.distinctMeasures} of ${k.measures})`} after ${k.secondsFromWorkerReady} s from worker ready, ${k.secondsFromWorkerStart} s from spawn: ${k.eventsPerSecond} escalations/s` +
      ` (10 % ${fmt(k.milestones['10%'])} s, 50 % ${fmt(k.milestones['50%'])} s, 90 % ${fmt(k.milestones['90%'])} s)`,
  );
  console.log(
    `  PostgreSQL: ${k.recorded.events} escalation events, ${k.recorded.distinctMeasures} distinct measures (N = ${k.measures}), duplicates ${k.recorded.duplicates}, ` +
      `measures with more than one ${k.recorded.moreThanOnePerMeasure}, missing ${k.recorded.missing}; levels ${Object.entries(k.levels).map(([l, n]) => `${l} ${n}`).join(', ')} (expected ${k.expectedLevel}); ${k.notifications} notifications`,
  );
  const h = k.history;
  console.log(
    `  ${h.sampled} sampled histories: ActivityTaskTimedOut ${h.activityTaskTimedOut}, ActivityTaskFailed ${h.activityTaskFailed}, activity retries ${h.activityRetries}, ` +
      `WorkflowTaskTimedOut ${h.workflowTaskTimedOut}, WorkflowTaskFailed ${h.workflowTaskFailed}, local-activity markers ${h.localActivityMarkers} (${h.markersWithFailure} markers with a failure), ` +
      `patch markers ${h.otherMarkers}, workflow tasks ${h.workflowTasksCompleted}, timers ${h.timersStarted}${h.withProblems.length ? `; e.g. ${h.withProblems.join(', ')}` : ''}`,
  );
  console.log(`  督办单 (the ladder's own, one per measure): ${k.notices.issued} of ${k.measures} issued, the last ${k.notices.lastSecondsFromReady} s after the worker polled`);
  console.log(`  worker: ${k.workerSettings}; events written by local activities (workflows/persistence.ts)`);
  if (k.workerMemory) console.log(`  worker RSS when all were recorded: ${k.workerMemory.rssMiB} MiB (peak ${k.workerMemory.peakRssMiB})`);
  if (ky) console.log(`  duban ÷ yardstick, time from worker ready to the last escalation: ×${spikeRatio(k, ky)}`);
}
