// What `npm run bench` runs and at which sizes: CLI flags (`npm run bench -- --only=lifecycle --measures=50`)
// override BENCH_* environment variables, which override the defaults.

export const PARTS = ['start2022', 'lifecycle', 'yardstick', 'roundtrip', 'bare', 'record', 'starts', 'overdue', 'spike', 'delivery', 'cluster'] as const;
export type Part = (typeof PARTS)[number];
/** The four lifecycle paths, run interleaved round by round (in this order in round 1). */
export const LIFECYCLE_PARTS = ['lifecycle', 'yardstick', 'roundtrip', 'bare'] as const satisfies readonly Part[];
export type LifecyclePart = (typeof LIFECYCLE_PARTS)[number];
/** Other names a part answers to in --only / --skip. */
const PART_ALIASES: Record<string, Part> = { api: 'lifecycle', direct: 'roundtrip' };

export const PART_HELP: Record<Part, string> = {
  start2022: 'start the 57 workflows of the 2022 plan',
  lifecycle: 'N lifecycles (assign → accept → report → submit → approve) through the HTTP API (alias: api)',
  yardstick:
    "the same Updates on the yardstick workflow: each handler writes the command's rows (event, audit row, notifications, projection) through a local activity in one transaction; no rules, no HTTP, no auth",
  roundtrip: 'the same lifecycles as Temporal Updates straight to the measure workflows (rules + projection, no API) (alias: direct)',
  bare: 'the same number of Updates on a bare workflow (no rules, no activity, no projection, no API)',
  record: 'the database part alone: the same events recorded straight from this process (event + audit chain + notifications + projection), at the first --concurrency',
  starts: 'import a synthetic plan of --starts measures, start all its workflows, worker RSS with them open',
  overdue: 'GET /audit/overdue (first and deep page) over --overdue-rows measures inserted by SQL',
  delivery:
    '督办 events recorded at --delivery-rate a minute for --delivery-minutes (each writes its outbox row), delivered by the worker process to a real SMTP server: lag from event to SMTP acceptance, lost and duplicate messages; --delivery-crash SIGKILLs the worker half-way',
  cluster:
    "--measures lifecycles through the API on the real Temporal cluster (npm run cluster's layout) behind nginx with 2/1 API processes and 2/1 workers, beside the same on this run's dev-server stack: commands/s, p50/p99, the ratio, and CPU seconds per process",
  spike: '--spike measure workflows staged with their ladder step due at once while no worker polls; time until a started worker has recorded every escalation (first the same on the spike yardstick: one local activity writes each escalation, then a timer)',
};

export interface BenchOptions {
  parts: Set<Part>;
  /** Lifecycles per path and round for lifecycle / yardstick / roundtrip / bare. */
  measures: number;
  /** Lifecycles in flight at once (the same for every path), each reported on its own. */
  concurrency: number[];
  /** Rounds of the lifecycle paths, interleaved; medians are reported. */
  rounds: number;
  /** Measure workflows of the escalation spike. */
  spike: number;
  /** Lifecycles per path run first and not counted. */
  warmup: number;
  /** Measures of the synthetic plan whose workflows are started. */
  starts: number;
  /** Measures (and projection rows) inserted for the overdue audit. */
  overdueRows: number;
  /** Timed requests per overdue page. */
  requests: number;
  /** Events a minute the delivery part records, for how many minutes; whether it kills the worker half-way. */
  deliveryRate: number;
  deliveryMinutes: number;
  deliveryCrash: boolean;
  /** results file (merged: parts not run keep their previous figures). */
  out: string;
}

const DEFAULTS = { measures: 1000, concurrency: [16, 64], rounds: 3, warmup: 10, starts: 10_000, overdueRows: 100_000, requests: 50, spike: 10_000, deliveryRate: 1000, deliveryMinutes: 5 };
/** `--quick`: the reduced sizes. */
const QUICK = { measures: 100, starts: 2_000, overdueRows: 20_000, spike: 2_000, deliveryMinutes: 1 };

const USAGE = `usage: npm run bench -- [--only=part,…] [--skip=part,…] [--quick] [--measures=N] [--concurrency=N,…] [--rounds=N]
                       [--warmup=N] [--starts=N] [--overdue-rows=N] [--requests=N] [--spike=N] [--out=file]
                       [--delivery-rate=N] [--delivery-minutes=N] [--delivery-crash]
  (each flag also as an environment variable: BENCH_ONLY, BENCH_SKIP, BENCH_QUICK=1, BENCH_MEASURES, …, BENCH_OUT)
parts (default: all; lifecycle brings its yardstick and bare baselines unless --skip=yardstick / --skip=bare):
${PARTS.map((p) => `  ${p.padEnd(10)} ${PART_HELP[p]}`).join('\n')}
lifecycle, yardstick, roundtrip and bare run interleaved: --rounds rounds per --concurrency value, each
round every path once (order rotated per round), --measures lifecycles (+ --warmup) each; medians reported.
defaults: --measures=${DEFAULTS.measures} --concurrency=${DEFAULTS.concurrency.join(',')} --rounds=${DEFAULTS.rounds} --warmup=${DEFAULTS.warmup} --starts=${DEFAULTS.starts} --overdue-rows=${DEFAULTS.overdueRows} --requests=${DEFAULTS.requests} --spike=${DEFAULTS.spike} --delivery-rate=${DEFAULTS.deliveryRate} --delivery-minutes=${DEFAULTS.deliveryMinutes}
--quick:  --measures=${QUICK.measures} --starts=${QUICK.starts} --overdue-rows=${QUICK.overdueRows} --spike=${QUICK.spike} --delivery-minutes=${QUICK.deliveryMinutes}`;

export class UsageError extends Error {
  override readonly name = 'ConfigError'; // runCli prints it as one line
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
  }
}

const OPTION_NAMES = ['only', 'skip', 'quick', 'measures', 'concurrency', 'rounds', 'warmup', 'starts', 'overdue-rows', 'requests', 'spike', 'out', 'delivery-rate', 'delivery-minutes', 'delivery-crash'] as const;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, defaultOut: string): BenchOptions | 'help' {
  const values = new Map<string, string>();
  const fromEnv = (name: string) => env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  for (const name of OPTION_NAMES) {
    const value = fromEnv(name);
    if (value !== undefined && value !== '') values.set(name, value);
  }
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return 'help';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`bench: unexpected argument ${arg}`);
    const [, name, value] = match;
    values.set(name, value ?? 'true');
  }
  const known = new Set<string>(OPTION_NAMES);
  for (const name of values.keys()) if (!known.has(name)) throw new UsageError(`bench: unknown option --${name}`);

  const quick = ['1', 'true', 'yes'].includes(values.get('quick') ?? '');
  const count = (name: string, fallback: number, min: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new UsageError(`bench: --${name} must be a whole number ≥ ${min} (got ${raw})`);
    return n;
  };
  const partList = (name: string): Part[] | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    const list = raw.split(',').map((p) => p.trim()).filter(Boolean).map((p) => PART_ALIASES[p] ?? p);
    for (const p of list) if (!(PARTS as readonly string[]).includes(p)) throw new UsageError(`bench: unknown part "${p}" in --${name}`);
    return list as Part[];
  };
  const countList = (name: string, fallback: number[], min: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const list = raw.split(',').map((v) => v.trim()).filter(Boolean).map((v) => Number(v.replace(/_/g, '')));
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min)) throw new UsageError(`bench: --${name} must be whole numbers ≥ ${min}, comma-separated (got ${raw})`);
    return [...new Set(list)];
  };

  const only = partList('only');
  const skip = new Set(partList('skip') ?? []);
  const parts = new Set<Part>(only ?? PARTS);
  // The ratios need their baselines.
  if (parts.has('lifecycle') && !skip.has('yardstick')) parts.add('yardstick');
  if (parts.has('lifecycle') && !skip.has('bare')) parts.add('bare');
  for (const p of skip) parts.delete(p);
  if (parts.size === 0) throw new UsageError('bench: nothing left to run');

  return {
    parts,
    measures: count('measures', quick ? QUICK.measures : DEFAULTS.measures, 1),
    concurrency: countList('concurrency', DEFAULTS.concurrency, 1),
    rounds: count('rounds', DEFAULTS.rounds, 1),
    spike: count('spike', quick ? QUICK.spike : DEFAULTS.spike, 1),
    warmup: count('warmup', DEFAULTS.warmup, 0),
    starts: count('starts', quick ? QUICK.starts : DEFAULTS.starts, 1),
    overdueRows: count('overdue-rows', quick ? QUICK.overdueRows : DEFAULTS.overdueRows, 100),
    requests: count('requests', DEFAULTS.requests, 1),
    deliveryRate: count('delivery-rate', DEFAULTS.deliveryRate, 1),
    deliveryMinutes: count('delivery-minutes', quick ? QUICK.deliveryMinutes : DEFAULTS.deliveryMinutes, 1),
    deliveryCrash: ['1', 'true', 'yes'].includes(values.get('delivery-crash') ?? ''),
    out: values.get('out') ?? defaultOut,
  };
}

export function usage(): string {
  return USAGE;
}
