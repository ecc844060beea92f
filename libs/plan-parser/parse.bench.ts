// Parse-time benchmark. Not a test: run it after the build with
//   node tools/build.cjs && node dist/libs/plan-parser/parse.bench.js
// and it prints one JSON line per document with p50 / p99 / mean milliseconds per parse: the seed
// plan, and a 200-measure plan in the layouts plans really use (four levels with sub-items and
// lead clauses, 一是 items, items under chapters), as clean text, as PDF text and as one line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { asOneLine, asPdfText } from './fixtures/render';
import { twoHundredMeasurePlan } from './fixtures/two-hundred';
import { parsePlan } from './parse';

const WARM_UP_RUNS = 50;
const MEASURED_RUNS = 200;


function bench(name: string, text: string): void {
  const measures = parsePlan(text).chapters.reduce((n, c) => n + c.sections.reduce((k, s) => k + s.measures.length, 0), 0);
  for (let i = 0; i < WARM_UP_RUNS; i++) parsePlan(text);
  const durations: number[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const started = performance.now();
    parsePlan(text);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const mean = durations.reduce((sum, ms) => sum + ms, 0) / durations.length;
  console.log(
    JSON.stringify({
      bench: 'plan-parser.parsePlan',
      file: name,
      bytes: Buffer.byteLength(text),
      measures,
      runs: MEASURED_RUNS,
      p50_ms: round(percentile(durations, 50)),
      p99_ms: round(percentile(durations, 99)),
      mean_ms: round(mean),
    }),
  );
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

if (require.main === module) {
  // The build copies seeds/ next to libs/ in dist/, so the relative path works from both trees.
  const seedFile = path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt');
  bench(path.basename(seedFile), readFileSync(seedFile, 'utf8'));
  const plan200 = twoHundredMeasurePlan();
  bench('200 measures, text', plan200);
  bench('200 measures, PDF text', asPdfText(plan200, { width: 32, linesPerPage: 30 }));
  bench('200 measures, one line', asOneLine(plan200));
}
