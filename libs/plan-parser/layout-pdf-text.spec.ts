// Layout: text extracted from a PDF — hard line wraps, page numbers, running headers, spaces
// inside numbers and titles.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { asOneLine, asPdfText } from './fixtures/render';
import { twoHundredMeasurePlan } from './fixtures/two-hundred';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const SEED = readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

describe('layout: PDF text', () => {
  it('parses the PDF text of the education plan exactly like its clean text', () => {
    const pdf = fixture('city-education-pdf-text.txt');
    expect(pdf).toContain('- 1 -');
    expect(pdf).toContain('第 2 页');
    expect(pdf).toContain('2024 年');
    const plan = parsePlan(pdf);
    expect(plan).toEqual(parsePlan(fixture('city-education-clean.txt')));
    expect(plan.title).toBe('某市教育局2024年工作要点');
    expect(plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => m.code)))).toEqual([
      '1.1.1', '1.1.2', '1.2.1', '2.1.1', '2.1.2', '2.2.1', '2.2.2', '2.2.3', '3.1.1', '3.1.2',
    ]);
  });

  it.each([
    ['the 2022 seed', SEED, {}],
    ['the 2022 seed, wrapped at 38 with a bureau header', SEED, { width: 38, linesPerPage: 30, header: '青岛市生态环境局文件' }],
    ['the township plan', fixture('township-yishi-items.txt'), { width: 26 }],
    ['the no-chapter market plan', fixture('province-market-no-chapters.txt'), { width: 32 }],
    ['the four-level market plan', fixture('city-market-four-levels.txt'), { width: 28, linesPerPage: 10 }],
  ])('%s rendered as PDF text parses as the original', (_, text, options) => {
    expect(parsePlan(asPdfText(text, options))).toEqual(parsePlan(text));
  });
});

describe('the 200-measure benchmark plan', () => {
  // Same document as parse.bench.ts, so the bench measures what the specs check.
  it('parses to 200 measures as text, as PDF text and as one line, alike', () => {
    const text = twoHundredMeasurePlan();
    const plan = parsePlan(text);
    const measures = plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    expect(measures).toHaveLength(200);
    expect(measures.filter((m) => m.subItems?.length === 2)).toHaveLength(133);
    expect(measures.filter((m) => m.leadText)).toHaveLength(133);
    expect(plan.targets).toHaveLength(2);
    expect(parsePlan(asPdfText(text, { width: 32, linesPerPage: 30 }))).toEqual(plan);
    expect(parsePlan(asOneLine(text))).toEqual(plan);
  });
});
