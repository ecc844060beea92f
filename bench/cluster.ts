// Scale figures on the real Temporal cluster (`npm run cluster`'s layout: the Temporal server's four
// services as processes on PostgreSQL, duban workers and API processes behind nginx): commands/s of
// the API lifecycle through nginx with 2 or 1 API processes and 2 or 1 workers, beside the same
// lifecycles on the dev-server stack of this bench run; and where the CPU went, per process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDataSource, migrate, OrganizationRepository } from '@duban/db';
import { closeClient, connectClient } from '@duban/temporal';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { provisionTemporalServer } from '../libs/runtime/provision/temporal-server';
import { privateClusterOptions, startDubanCluster, type RunningDubanCluster } from '../libs/runtime/services/duban-cluster';
import { startEmbeddedPostgres, type RunningPostgres } from '../libs/runtime/services/embedded-postgres';
import { freePort } from '../libs/runtime/services/wait';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';
import { apiLifecycles, ApiCaller, importBenchPlan, startAndSettle, type BenchMeasure, type PathResult } from './lifecycle';
import { round } from './stats';

const TASK_QUEUE = 'duban-bench-cluster';

export interface ClusterPhase {
  setup: string;
  apis: number;
  workers: number;
  result: PathResult;
  /** CPU seconds each process (with its children) used during the phase. */
  cpuSeconds: Record<string, number>;
}

export interface ClusterScaleResult {
  measuresPerPhase: number;
  concurrency: number;
  historyShards: number;
  phases: ClusterPhase[];
  /** commands/s of each cluster setup ÷ the dev-server stack's, same run. */
  ratiosToDevServer: Record<string, number>;
}

/** utime + stime of every process, in clock ticks, with its parent (from /proc). */
function processTable(): Map<number, { ppid: number; ticks: number }> {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces), from field 3 (state) on.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/**
 * CPU ticks of each named process with its descendants that are not named themselves (PostgreSQL's
 * backends, nginx's worker; the bench process alone, not the stacks it started).
 */
function cpuTicks(roots: Record<string, number>): Record<string, number> {
  const table = processTable();
  const named = new Set(Object.values(roots));
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const subtree = (pid: number): number =>
    (table.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).filter((c) => !named.has(c)).reduce((n, c) => n + subtree(c), 0);
  return Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, name === 'bench' ? (table.get(pid)?.ticks ?? 0) : subtree(pid)]));
}

const TICKS_PER_SECOND = 100;

async function measured(roots: () => Record<string, number>, run: () => Promise<PathResult>): Promise<{ result: PathResult; cpuSeconds: Record<string, number> }> {
  const before = cpuTicks(roots());
  const result = await run();
  const after = cpuTicks(roots());
  const cpuSeconds = Object.fromEntries(Object.keys(after).map((name) => [name, round((after[name] - (before[name] ?? 0)) / TICKS_PER_SECOND)]));
  return { result, cpuSeconds };
}

/**
 * `devServer`: the bench's own stack (dev server, one worker and one API process) with the pids to
 * account, and how to import and settle its slice of measures there.
 */
export async function clusterScale(options: {
  scratch: string;
  year: number;
  measures: number;
  warmup: number;
  concurrency: number;
  devServer: { caller: ApiCaller; pids: Record<string, number>; prepare: (count: number) => Promise<BenchMeasure[]> };
}): Promise<ClusterScaleResult> {
  const phases: ClusterPhase[] = [];
  const perPhase = options.measures + options.warmup;

  // The same lifecycles on the dev server first (the baseline of this run).
  const devMeasures = await options.devServer.prepare(perPhase);
  const dev = await measured(
    () => ({ ...options.devServer.pids, bench: process.pid }),
    () => apiLifecycles(options.devServer.caller, devMeasures, options.warmup, options.concurrency),
  );
  phases.push({ setup: 'dev server · 1 API · 1 worker', apis: 1, workers: 1, ...dev });

  const dir = path.join(options.scratch, 'cluster');
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(options.scratch, 0o755);
  let postgres: RunningPostgres | undefined;
  let cluster: RunningDubanCluster | undefined;
  let dataSource: DataSource | undefined;
  let client: Client | undefined;
  const historyShards = 4;
  try {
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), database: 'duban' });
    let measures: BenchMeasure[] = [];
    cluster = await startDubanCluster({
      ...(await privateClusterOptions({ dir, databaseUrl: postgres.url, temporal: provisionTemporalServer(), taskQueue: TASK_QUEUE, historyShards })),
      prepare: async (temporalAddress) => {
        dataSource = createDataSource(postgres!.url);
        await dataSource.initialize();
        await migrate(dataSource);
        await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
        measures = await importBenchPlan(dataSource, options.year, perPhase * 4);
        client = await connectClient({ address: temporalAddress, namespace: 'default' });
      },
    });
    await startAndSettle(client!, TASK_QUEUE, measures);
    const postgresPid = postmasterPid(postgres.dataDir);
    const roots = () => ({ ...prefixed('temporal ', cluster!.temporal.pids()), ...cluster!.pids(), postgres: postgresPid, bench: process.pid });
    const caller = new ApiCaller(cluster.url);

    const setups: Array<{ setup: string; apis: number; workers: number; before: () => Promise<void> }> = [
      { setup: 'cluster · 2 APIs · 2 workers', apis: 2, workers: 2, before: async () => undefined },
      { setup: 'cluster · 1 API · 2 workers', apis: 1, workers: 2, before: () => cluster!.kill('api', 1) },
      { setup: 'cluster · 1 API · 1 worker', apis: 1, workers: 1, before: () => cluster!.kill('worker', 1) },
      { setup: 'cluster · 2 APIs · 1 worker', apis: 2, workers: 1, before: () => cluster!.start('api', 1) },
    ];
    for (const [i, s] of setups.entries()) {
      await s.before();
      const slice = measures.slice(i * perPhase, (i + 1) * perPhase);
      const run = await measured(roots, () => apiLifecycles(caller, slice, options.warmup, options.concurrency));
      phases.push({ setup: s.setup, apis: s.apis, workers: s.workers, ...run });
    }
  } finally {
    if (client) await closeClient(client);
    if (dataSource) await (dataSource as DataSource).destroy();
    await cluster?.stop();
    await postgres?.stop();
  }
  const base = phases[0].result.commandsPerSecond;
  return {
    measuresPerPhase: options.measures,
    concurrency: options.concurrency,
    historyShards,
    phases,
    ratiosToDevServer: Object.fromEntries(phases.slice(1).map((p) => [p.setup, round(p.result.commandsPerSecond / base)])),
  };
}

/** The PostgreSQL server's main process (its first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function prefixed(prefix: string, pids: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(pids).flatMap(([name, pid]) => (pid ? [[`${prefix}${name}`, pid]] : [])));
}
