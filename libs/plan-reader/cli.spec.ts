// `npm run plan:parse -- <file>` reads every format by content: a .docx named .txt and a PDF
// without an extension print the same plan as the text, plus `source.format`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPlanParseCli } from '../plan-parser/cli';
import { planDocx, planPdf, scannedPdf, taskXlsx } from './fixtures/build';
import { TRANSPORT_TABLE, TRANSPORT_TITLE } from './fixtures/plans';

const SEED = readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

async function run(file: string) {
  let stdout = '';
  let stderr = '';
  const status = await runPlanParseCli([file], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('plan:parse CLI with Word, Excel and PDF files', () => {
  let dir: string;
  let fromText: Record<string, unknown>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-reader-'));
    writeFileSync(path.join(dir, 'plan.txt'), SEED);
    fromText = JSON.parse((await run(path.join(dir, 'plan.txt'))).stdout);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the text: the Plan as before, with source.format txt', () => {
    expect(fromText).toMatchObject({ year: 2022, source: { format: 'txt' } });
  });

  it.each([
    ['a .docx named .txt', 'docx', 'misnamed.txt', () => planDocx(SEED)],
    ['a PDF without an extension', 'pdf', 'plan', () => planPdf(SEED, { pageNumbers: true })],
  ])('%s → the same plan', async (_, format, name, build) => {
    const file = path.join(dir, name);
    writeFileSync(file, await build());
    const { status, stdout, stderr } = await run(file);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.source).toEqual({ format });
    expect({ ...plan, source: undefined }).toEqual({ ...fromText, source: undefined });
  }, 30_000);

  it('a task table workbook → the plan and its task rows', async () => {
    const file = path.join(dir, 'tasks.xlsx');
    writeFileSync(file, await taskXlsx(TRANSPORT_TITLE, TRANSPORT_TABLE));
    const plan = JSON.parse((await run(file)).stdout);
    expect(plan.source.format).toBe('xlsx');
    expect(plan.source.taskRows).toHaveLength(3);
    expect(plan.source.taskRows[0]).toMatchObject({ lead: '公路建设处', co: '规划处', dueDate: '2024-06-30' });
  });

  it('a scanned PDF → one line on stderr saying so, exit 1', async () => {
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, await scannedPdf());
    const { status, stdout, stderr } = await run(file);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^plan:parse: 该 PDF 没有文字层（可能是扫描件），请提供 Word 或可复制文字的 PDF[^\n]*\n$/);
  });
});
