// Parse-time benchmark on the seed document. Not a test: run it after the build with
//   node tools/build.cjs && node dist/libs/plan-parser/parse.bench.js
// and it prints one JSON line with p50 / p99 / mean milliseconds per parse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePlan } from './parse';

const WARM_UP_RUNS = 50;
const MEASURED_RUNS = 200;

// The build copies seeds/ next to libs/ in dist/, so the relative path works from both trees.
const seedFile = path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt');
const text = readFileSync(seedFile, 'utf8');

for (let i = 0; i < WARM_UP_RUNS; i++) parsePlan(text);

const durations: number[] = [];
for (let i = 0; i < MEASURED_RUNS; i++) {
  const started = performance.now();
  parsePlan(text);
  durations.push(performance.now() - started);
}
durations.sort((a, b) => a - b);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const mean = durations.reduce((sum, ms) => sum + ms, 0) / durations.length;
console.log(
  JSON.stringify({
    bench: 'plan-parser.parsePlan',
    file: path.basename(seedFile),
    bytes: Buffer.byteLength(text),
    runs: MEASURED_RUNS,
    p50_ms: round(percentile(durations, 50)),
    p99_ms: round(percentile(durations, 99)),
    mean_ms: round(mean),
  }),
);
