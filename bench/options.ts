// What `npm run bench` runs and at which sizes: CLI flags (`npm run bench -- --only=lifecycle --measures=50`)
// override BENCH_* environment variables, which override the defaults.

export const PARTS = ['start2022', 'lifecycle', 'roundtrip', 'bare', 'record', 'starts', 'overdue'] as const;
export type Part = (typeof PARTS)[number];

export const PART_HELP: Record<Part, string> = {
  start2022: 'start the 57 workflows of the 2022 plan',
  lifecycle: 'N lifecycles (assign → accept → report → submit → approve) through the HTTP API',
  roundtrip: 'the same lifecycles as Temporal Updates straight to the measure workflows (rules + projection, no API)',
  bare: 'the same number of Updates on a bare workflow (no rules, no activity, no projection, no API)',
  record: 'the database part alone: the same events recorded straight from this process (event + audit chain + notifications + projection)',
  starts: 'import a synthetic plan of --starts measures, start all its workflows, worker RSS with them open',
  overdue: 'GET /audit/overdue (first and deep page) over --overdue-rows measures inserted by SQL',
};

export interface BenchOptions {
  parts: Set<Part>;
  /** Lifecycles for lifecycle / roundtrip / bare. */
  measures: number;
  /** Lifecycles in flight at once (the same for all three). */
  concurrency: number;
  /** Lifecycles per path run first and not counted. */
  warmup: number;
  /** Measures of the synthetic plan whose workflows are started. */
  starts: number;
  /** Measures (and projection rows) inserted for the overdue audit. */
  overdueRows: number;
  /** Timed requests per overdue page. */
  requests: number;
  /** results file (merged: parts not run keep their previous figures). */
  out: string;
}

const DEFAULTS = { measures: 1000, concurrency: 16, warmup: 10, starts: 10_000, overdueRows: 100_000, requests: 50 };
/** `--quick`: the reduced sizes (~2.5 min instead of ~8 on 2 cores). */
const QUICK = { measures: 100, starts: 2_000, overdueRows: 20_000 };

const USAGE = `usage: npm run bench -- [--only=part,…] [--skip=part,…] [--quick] [--measures=N] [--concurrency=N]
                       [--warmup=N] [--starts=N] [--overdue-rows=N] [--requests=N] [--out=file]
  (each flag also as an environment variable: BENCH_ONLY, BENCH_SKIP, BENCH_QUICK=1, BENCH_MEASURES, …, BENCH_OUT)
parts (default: all; lifecycle brings its bare baseline unless --skip=bare):
${PARTS.map((p) => `  ${p.padEnd(10)} ${PART_HELP[p]}`).join('\n')}
defaults: --measures=${DEFAULTS.measures} --concurrency=${DEFAULTS.concurrency} --warmup=${DEFAULTS.warmup} --starts=${DEFAULTS.starts} --overdue-rows=${DEFAULTS.overdueRows} --requests=${DEFAULTS.requests}
--quick:  --measures=${QUICK.measures} --starts=${QUICK.starts} --overdue-rows=${QUICK.overdueRows}`;

export class UsageError extends Error {
  override readonly name = 'ConfigError'; // runCli prints it as one line
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
  }
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, defaultOut: string): BenchOptions | 'help' {
  const values = new Map<string, string>();
  const fromEnv = (name: string) => env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  for (const name of ['only', 'skip', 'quick', 'measures', 'concurrency', 'warmup', 'starts', 'overdue-rows', 'requests', 'out']) {
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
  const known = new Set(['only', 'skip', 'quick', 'measures', 'concurrency', 'warmup', 'starts', 'overdue-rows', 'requests', 'out']);
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
    const list = raw.split(',').map((p) => p.trim()).filter(Boolean);
    for (const p of list) if (!(PARTS as readonly string[]).includes(p)) throw new UsageError(`bench: unknown part "${p}" in --${name}`);
    return list as Part[];
  };

  const only = partList('only');
  const skip = new Set(partList('skip') ?? []);
  const parts = new Set<Part>(only ?? PARTS);
  if (parts.has('lifecycle') && !skip.has('bare')) parts.add('bare'); // the ratio needs its baseline
  for (const p of skip) parts.delete(p);
  if (parts.size === 0) throw new UsageError('bench: nothing left to run');

  return {
    parts,
    measures: count('measures', quick ? QUICK.measures : DEFAULTS.measures, 1),
    concurrency: count('concurrency', DEFAULTS.concurrency, 1),
    warmup: count('warmup', DEFAULTS.warmup, 0),
    starts: count('starts', quick ? QUICK.starts : DEFAULTS.starts, 1),
    overdueRows: count('overdue-rows', quick ? QUICK.overdueRows : DEFAULTS.overdueRows, 100),
    requests: count('requests', DEFAULTS.requests, 1),
    out: values.get('out') ?? defaultOut,
  };
}

export function usage(): string {
  return USAGE;
}
