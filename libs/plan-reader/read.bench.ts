// Read-and-parse time of a 200-measure plan as DOCX and as PDF (built with the real writers).
// Not a test: run it after the build with
//   node tools/build.cjs && node dist/libs/plan-reader/read.bench.js [measures]
// and it prints one JSON line per format with p50 / max milliseconds of readPlanDocument + parsePlan.
import { performance } from 'node:perf_hooks';
import { parsePlan } from '@duban/plan-parser';
import { syntheticPlanText } from '../../bench/synthetic-plan';
import { planDocx, planPdf } from './fixtures/build';
import { readPlanDocument } from './index';

const MEASURES = Number(process.argv[2] ?? 200);
const RUNS = 5;

async function time(format: string, bytes: Buffer): Promise<void> {
  const durations: number[] = [];
  let measures = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const plan = parsePlan((await readPlanDocument(bytes)).text);
    const elapsed = performance.now() - started;
    if (i > 0) durations.push(elapsed); // the first run warms up (and loads pdf.js)
    measures = plan.chapters.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.measures.length, 0), 0);
  }
  durations.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  console.log(JSON.stringify({ bench: 'plan-reader.read+parse', format, measures, bytes: bytes.length, runs: RUNS, p50_ms: round(durations[Math.floor(RUNS / 2)]), max_ms: round(durations[RUNS - 1]) }));
}

void (async () => {
  const text = syntheticPlanText(2030, MEASURES);
  await time('docx', await planDocx(text));
  await time('pdf', await planPdf(text, { header: `基准测试市生态环境局2030年工作要点`, pageNumbers: true }));
})();
