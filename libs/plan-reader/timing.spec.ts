// A 200-measure plan as DOCX and as PDF reads and parses whole, in well under the time an upload
// may take; the times are printed (the bench read.bench.ts gives steadier figures).
import { performance } from 'node:perf_hooks';
import { parsePlan } from '@duban/plan-parser';
import { syntheticPlanText } from '../../bench/synthetic-plan';
import { planDocx, planPdf } from './fixtures/build';
import { readPlanDocument } from './index';

const text = syntheticPlanText(2030, 200);
const expected = parsePlan(text);
const codes = (plan: typeof expected) => plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => `${m.code} ${m.title}`)));

async function readAndParse(bytes: Buffer) {
  const started = performance.now();
  const plan = parsePlan((await readPlanDocument(bytes)).text);
  return { plan, ms: Math.round(performance.now() - started) };
}

describe('a 200-measure plan', () => {
  it.each([
    ['DOCX', () => planDocx(text)],
    ['PDF', () => planPdf(text, { header: '基准测试市生态环境局2030年工作要点', pageNumbers: true })],
  ])('as %s reads and parses to the same 200 measures', async (format, build) => {
    const bytes = await build();
    const { plan, ms } = await readAndParse(bytes);
    console.log(`${format}: 200 measures, ${(bytes.length / 1024).toFixed(0)} KB, read + parse ${ms} ms`);
    expect(codes(plan)).toHaveLength(200);
    expect(codes(plan)).toEqual(codes(expected));
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
