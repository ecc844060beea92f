// The lifecycle paths (through the API, the yardstick, Updates to the measure workflow, the bare
// workflow) run interleaved: for each concurrency, `rounds` rounds, each running every path once on
// fresh measures (the order rotated from round to round, so no path always follows the same one);
// each path's figures are the medians of its rounds, and the ratios are taken between medians.
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { measureId } from '@duban/domain';
import {
  apiLifecycles,
  bareLifecycles,
  directLifecycles,
  importBenchPlan,
  startAndSettle,
  yardstickLifecycles,
  type ApiCaller,
  type BenchMeasure,
  type PathResult,
} from './lifecycle';
import { LIFECYCLE_PARTS, type LifecyclePart } from './options';
import { loadAverage, ratio, round } from './stats';

export const PATH_LABELS: Record<LifecyclePart, string> = {
  lifecycle: 'duban through the API (HTTP → Update → rules → event)',
  yardstick: 'yardstick (Update → local activity: same rows, 1 tx)',
  roundtrip: 'duban, Updates to the measure workflow (no API)',
  bare: 'bare workflow (no rules, activity, projection, API)',
};

export interface RunResult extends Partial<PathResult> {
  path: LifecyclePart;
  round: number;
  concurrency: number;
  /** Position of this path in its round (1 = first). */
  position: number;
  measuredAt: string;
  loadAverage: { before: number[]; after: number[] };
  /** Lifecycles of this run found completed in the projection afterwards (paths that write one). */
  verifiedCompleted?: number;
  /** Rows the timed lifecycles left, per lifecycle (paths that write them): the yardstick should match duban. */
  rowsPerLifecycle?: { events: number; auditRows: number | null; notifications: number };
  error?: string;
}

export interface PathMedians {
  /** Rounds that ran / that produced figures. */
  runs: number;
  ok: number;
  commandsPerSecond: number;
  lifecyclesPerSecond: number;
  p50: number;
  p99: number;
  /** Per round, in round order (null where a round failed). */
  commandsPerSecondByRound: Array<number | null>;
  completed: number;
  failed: number;
  /** Of the last round that left figures. */
  rowsPerLifecycle?: RunResult['rowsPerLifecycle'];
}

export interface Ratio {
  /** commands/s ÷ commands/s of the baseline (1 = as fast; below 1 = slower). */
  throughput: number | null;
  /** command latency ÷ the baseline's (1 = as fast; above 1 = slower). */
  p50: number | null;
  p99: number | null;
}

export interface ConcurrencyResult {
  runs: Partial<Record<LifecyclePart, RunResult[]>>;
  medians: Partial<Record<LifecyclePart, PathMedians>>;
  ratios: Record<string, Ratio | undefined>;
}

export interface RoundsResult {
  measures: number;
  warmup: number;
  rounds: number;
  concurrency: number[];
  paths: LifecyclePart[];
  /** Path order of each round (the same for every concurrency). */
  order: LifecyclePart[][];
  note: string;
  byConcurrency: Record<string, ConcurrencyResult>;
}

export interface RoundsContext {
  dataSource: DataSource;
  client: Client;
  api: ApiCaller;
  /** Task queue of the duban worker (API and direct paths) and of the bench worker (yardstick, bare). */
  taskQueue: string;
  benchTaskQueue: string;
  /** Plan year of each path that needs plan measures. */
  years: Record<'lifecycle' | 'yardstick' | 'roundtrip', number>;
  /** Called after each run of a path (e.g. to read process memory). */
  afterRun?: (path: LifecyclePart, result: RunResult) => void;
}

export async function lifecycleRounds(ctx: RoundsContext, paths: LifecyclePart[], options: { measures: number; warmup: number; rounds: number; concurrency: number[] }): Promise<RoundsResult> {
  const ordered = LIFECYCLE_PARTS.filter((p) => paths.includes(p));
  const perRun = options.measures + options.warmup;
  const runsPerPath = options.rounds * options.concurrency.length;

  // Every run gets measures of its own: one plan year per path, imported once, used slice by slice.
  const pools = new Map<LifecyclePart, { measures: BenchMeasure[]; next: number }>();
  for (const path of ordered) {
    if (path === 'bare') continue;
    const t0 = performance.now();
    const measures = await importBenchPlan(ctx.dataSource, ctx.years[path], perRun * runsPerPath);
    console.log(`  ${path}: imported ${measures.length} measures of ${ctx.years[path]} in ${Math.round(performance.now() - t0)} ms (${runsPerPath} runs × ${perRun})`);
    pools.set(path, { measures, next: 0 });
  }
  const take = (path: LifecyclePart) => {
    const pool = pools.get(path)!;
    const slice = pool.measures.slice(pool.next, pool.next + perRun);
    pool.next += perRun;
    return slice;
  };

  const order = Array.from({ length: options.rounds }, (_, r) => ordered.map((_, i) => ordered[(i + r) % ordered.length]));
  const byConcurrency: Record<string, ConcurrencyResult> = {};
  for (const concurrency of options.concurrency) {
    const runs: Partial<Record<LifecyclePart, RunResult[]>> = {};
    for (let r = 0; r < options.rounds; r++) {
      for (const [i, path] of order[r].entries()) {
        const before = loadAverage();
        const measuredAt = new Date().toISOString();
        const started = performance.now();
        const base = { path, round: r + 1, concurrency, position: i + 1, measuredAt };
        let result: RunResult;
        try {
          const figures = await runPath(ctx, path, path === 'bare' ? [] : take(path), options, concurrency);
          result = { ...base, ...figures, loadAverage: { before, after: loadAverage() } };
        } catch (error) {
          result = { ...base, loadAverage: { before, after: loadAverage() }, error: error instanceof Error ? error.message : String(error) };
        }
        (runs[path] ??= []).push(result);
        ctx.afterRun?.(path, result);
        const took = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          result.error
            ? `  c=${concurrency} round ${r + 1}/${options.rounds} ${path}: FAILED (${took} s): ${result.error}`
            : `  c=${concurrency} round ${r + 1}/${options.rounds} ${path.padEnd(9)}: ${result.commandsPerSecond} cmd/s, p50 ${result.all?.p50} ms, p99 ${result.all?.p99} ms` +
                `${result.failed ? `, ${result.failed} failed` : ''} (${took} s with set-up; load ${before[0]}→${result.loadAverage.after[0]})`,
        );
      }
    }
    const medians = Object.fromEntries(Object.entries(runs).map(([path, list]) => [path, mediansOf(list!)])) as Partial<Record<LifecyclePart, PathMedians>>;
    byConcurrency[String(concurrency)] = { runs, medians, ratios: ratiosOf(medians) };
  }
  return {
    measures: options.measures,
    warmup: options.warmup,
    rounds: options.rounds,
    concurrency: options.concurrency,
    paths: ordered,
    order,
    note:
      'per path and concurrency: medians over rounds of commands/s, lifecycles/s and of each round\'s p50 / p99 command latency (ms); ' +
      'ratios between medians: throughput = commands/s ÷ baseline commands/s, p50 / p99 = latency ÷ baseline latency; ' +
      'headline: apiVsYardstick (duban through the API ÷ the yardstick)',
    byConcurrency,
  };
}

async function runPath(ctx: RoundsContext, path: LifecyclePart, measures: BenchMeasure[], options: { measures: number; warmup: number }, concurrency: number): Promise<Partial<RunResult>> {
  const timed = measures.slice(options.warmup);
  switch (path) {
    case 'lifecycle': {
      await startAndSettle(ctx.client, ctx.taskQueue, measures);
      const result = await apiLifecycles(ctx.api, measures, options.warmup, concurrency);
      return { ...result, ...(await verify(ctx.dataSource, timed)) };
    }
    case 'roundtrip': {
      await startAndSettle(ctx.client, ctx.taskQueue, measures);
      const result = await directLifecycles(ctx.client, measures, options.warmup, concurrency);
      return { ...result, ...(await verify(ctx.dataSource, timed)) };
    }
    case 'yardstick': {
      const result = await yardstickLifecycles(ctx.client, ctx.benchTaskQueue, measures, options.warmup, concurrency);
      return { ...result, ...(await verify(ctx.dataSource, timed)) };
    }
    case 'bare':
      return bareLifecycles(ctx.client, ctx.benchTaskQueue, options.measures, options.warmup, concurrency);
  }
}

/** Completed projection rows and the rows per lifecycle the timed measures left (event, audit row, notifications). */
async function verify(dataSource: DataSource, measures: BenchMeasure[]): Promise<Pick<RunResult, 'verifiedCompleted' | 'rowsPerLifecycle'>> {
  const ids = measures.map((m) => measureId(m.year, m.code));
  const per = (n: number) => round(n / Math.max(1, measures.length));
  const [row]: Array<{ completed: number; events: number; notifications: number }> = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM measure_states WHERE measure_id = ANY($1) AND state = 'completed') AS completed,
            (SELECT count(*)::int FROM measure_events WHERE measure_id = ANY($1)) AS events,
            (SELECT count(*)::int FROM notifications WHERE measure_id = ANY($1)) AS notifications`,
    [ids],
  );
  // The audit table is being reshaped (per-measure streams): a failed count is no failed run.
  const audit: Array<{ n: number }> | undefined = await dataSource
    .query(`SELECT count(*)::int AS n FROM audit_log a JOIN measure_events e ON e.event_id = a.event_id WHERE e.measure_id = ANY($1)`, [ids])
    .catch(() => undefined);
  return { verifiedCompleted: row.completed, rowsPerLifecycle: { events: per(row.events), auditRows: audit ? per(audit[0].n) : null, notifications: per(row.notifications) } };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mediansOf(runs: RunResult[]): PathMedians {
  const ok = runs.filter((r) => !r.error && r.all && r.all.count > 0);
  const of = (pick: (r: RunResult) => number) => (ok.length > 0 ? round(median(ok.map(pick))) : NaN);
  return {
    runs: runs.length,
    ok: ok.length,
    commandsPerSecond: of((r) => r.commandsPerSecond!),
    lifecyclesPerSecond: of((r) => r.lifecyclesPerSecond!),
    p50: of((r) => r.all!.p50),
    p99: of((r) => r.all!.p99),
    commandsPerSecondByRound: runs.map((r) => (ok.includes(r) ? r.commandsPerSecond! : null)),
    completed: runs.reduce((n, r) => n + (r.completed ?? 0), 0),
    failed: runs.reduce((n, r) => n + (r.failed ?? 0), 0),
    ...(ok.at(-1)?.rowsPerLifecycle ? { rowsPerLifecycle: ok.at(-1)!.rowsPerLifecycle } : {}),
  };
}

const RATIOS: Array<[string, LifecyclePart, LifecyclePart]> = [
  ['apiVsYardstick', 'lifecycle', 'yardstick'],
  ['directVsYardstick', 'roundtrip', 'yardstick'],
  ['apiVsDirect', 'lifecycle', 'roundtrip'],
  ['apiVsBare', 'lifecycle', 'bare'],
  ['directVsBare', 'roundtrip', 'bare'],
  ['yardstickVsBare', 'yardstick', 'bare'],
];

function ratiosOf(medians: Partial<Record<LifecyclePart, PathMedians>>): Record<string, Ratio | undefined> {
  const usable = (m?: PathMedians) => (m && m.ok > 0 ? m : undefined);
  return Object.fromEntries(
    RATIOS.map(([key, a, b]) => {
      const x = usable(medians[a]);
      const y = usable(medians[b]);
      return [key, x && y ? { throughput: ratio(x.commandsPerSecond, y.commandsPerSecond), p50: ratio(x.p50, y.p50), p99: ratio(x.p99, y.p99) } : undefined];
    }),
  );
}

/** The run whose commands/s is nearest its path's median (what the single-run result keys hold). */
export function medianRun(runs: RunResult[] | undefined, medians: PathMedians | undefined): RunResult | undefined {
  const ok = (runs ?? []).filter((r) => !r.error && r.all);
  if (!medians || ok.length === 0) return runs?.[runs.length - 1];
  return ok.reduce((best, r) => (Math.abs(r.commandsPerSecond! - medians.commandsPerSecond) < Math.abs(best.commandsPerSecond! - medians.commandsPerSecond) ? r : best));
}
