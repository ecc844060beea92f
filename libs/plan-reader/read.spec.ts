// Each format → the same plan as its text equivalent. Fixtures come from real writers (docx,
// pdfkit with the Noto CJK font, exceljs, iconv-lite), never from hand-made bytes.
import * as fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { parsePlan, type Plan } from '@duban/plan-parser';
import { planDocx, planPdf, scannedPdf, taskXlsx } from './fixtures/build';
import { EDUCATION_AFTER, EDUCATION_PARAGRAPHS, EDUCATION_TABLE, EDUCATION_TEXT, HEALTH_PAGE, HEALTH_TEXT, TRANSPORT_TABLE, TRANSPORT_TEXT, TRANSPORT_TITLE } from './fixtures/plans';
import { PlanReadError, readPlanDocument, suggestedDueDate } from './index';

const SEED = fs.readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

/** What the plan's users see of it: codes and titles of targets, chapters, sections, measures. */
function outline(plan: Plan) {
  return {
    year: plan.year,
    title: plan.title,
    targets: plan.targets.map((t) => [t.code, t.text]),
    chapters: plan.chapters.map((c) => [c.code, c.title, c.sections.map((s) => [s.code, s.title, s.measures.map((m) => [m.code, m.title])])]),
  };
}

const measureCount = (plan: Plan) => plan.chapters.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.measures.length, 0), 0);

async function readError(bytes: Uint8Array): Promise<PlanReadError> {
  try {
    await readPlanDocument(bytes);
  } catch (error) {
    if (error instanceof PlanReadError) return error;
    throw error;
  }
  throw new Error('read without an error');
}

describe('readPlanDocument: the 2022 seed in every format', () => {
  const expected = parsePlan(SEED);

  it('the seed as text parses to 57 measures and 6 targets', () => {
    expect(measureCount(expected)).toBe(57);
    expect(expected.targets).toHaveLength(6);
  });

  it('DOCX (numbers typed in the text) → the same plan', async () => {
    const document = await readPlanDocument(await planDocx(SEED));
    expect(document.format).toBe('docx');
    expect(outline(parsePlan(document.text))).toEqual(outline(expected));
  });

  it("DOCX with Word's automatic numbering (一、 （一） 1. as list levels) → the same plan", async () => {
    const bytes = await planDocx(SEED, { autoNumbering: true });
    // The numbers are not in the document's text: Word writes them from numbering.xml.
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('1.深化挥发性有机物治理攻坚');
    expect(xml).toContain('w:numPr');
    const plan = parsePlan((await readPlanDocument(bytes)).text);
    expect(outline(plan)).toEqual(outline(expected));
  });

  it('DOCX with typed chapters and sections and automatically numbered measures (restarted in each section) → the same plan', async () => {
    const bytes = await planDocx(SEED, { autoNumbering: 'measures' });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/numbering.xml')!.async('string');
    expect(xml).toContain('w:startOverride');
    const plan = parsePlan((await readPlanDocument(bytes)).text);
    expect(outline(plan)).toEqual(outline(expected));
  });

  it('PDF (hard-wrapped lines, a running header and page numbers on every page) → the same plan', async () => {
    const bytes = await planPdf(SEED, { header: '青岛市生态环境局2022年工作要点', pageNumbers: true });
    const document = await readPlanDocument(bytes);
    expect(document.format).toBe('pdf');
    expect(document.text).not.toMatch(/^- \d+ -$/m);
    // The running header is gone, the title (the same words, lower on page 1) is kept once.
    expect(document.text.match(/青岛市生态环境局2022年工作要点/g)).toHaveLength(1);
    const plan = parsePlan(document.text);
    expect(outline(plan)).toEqual(outline(expected));
    expect(measureCount(plan)).toBe(57);
    expect(plan.targets).toHaveLength(6);
    // A wrapped paragraph is one paragraph again: the measure body is whole.
    const measure = plan.chapters[0].sections[0].measures[0];
    expect(measure.body).toBe(expected.chapters[0].sections[0].measures[0].body);
  }, 30_000);

  it('PDF laid out flush left and justified (no first-line indent), small print → the same plan', async () => {
    const document = await readPlanDocument(await planPdf(SEED, { flush: true, fontSize: 10.5 }));
    const plan = parsePlan(document.text);
    expect(outline(plan)).toEqual(outline(expected));
    expect(plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => m.body)))).toEqual(expected.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => m.body))));
  }, 30_000);

  it('GB18030 text → the same plan', async () => {
    const document = await readPlanDocument(iconv.encode(SEED, 'gb18030'));
    expect(document.format).toBe('txt');
    expect(outline(parsePlan(document.text))).toEqual(outline(expected));
  });

  it('UTF-16 text with a byte order mark (Notepad’s 「Unicode」) → the same plan', async () => {
    const document = await readPlanDocument(iconv.encode(SEED, 'utf-16le', { addBOM: true }));
    expect(outline(parsePlan(document.text))).toEqual(outline(expected));
  });
});

describe('readPlanDocument: task tables', () => {
  it('a DOCX table (two-row header, merged 工作任务 cells) under 二、重点任务 → sections of measures with their leads', async () => {
    const bytes = await planDocx([...EDUCATION_PARAGRAPHS, ...EDUCATION_AFTER].join('\n'), { tables: [{ after: EDUCATION_PARAGRAPHS.length - 1, rows: EDUCATION_TABLE }] });
    const document = await readPlanDocument(bytes);
    expect(document.text).toBe(EDUCATION_TEXT);
    expect(outline(parsePlan(document.text))).toEqual(outline(parsePlan(EDUCATION_TEXT)));
    expect(document.taskRows).toEqual([
      { number: '1', task: '推进学前教育普惠发展', measure: '新建改扩建公办幼儿园5所。', lead: '基础教育股', co: '发展规划股、财务股', deadline: '2024年12月底前', dueDate: '2024-12-31' },
      { number: '2', task: '推进学前教育普惠发展', measure: '普惠性幼儿园覆盖率达到90%以上。', lead: '基础教育股', co: '', deadline: '9月', dueDate: '2024-09-30' },
      { number: '3', task: '提升义务教育质量', measure: '实施课后服务提质行动，覆盖全部义务教育学校。', lead: '教研室', co: '各中小学', deadline: '长期坚持' },
    ]);
  });

  it('an XLSX 任务分解表 (title rows, merged header and group rows) → chapters of measures, leads and due dates', async () => {
    const document = await readPlanDocument(await taskXlsx(TRANSPORT_TITLE, TRANSPORT_TABLE));
    expect(document.format).toBe('xlsx');
    expect(document.text).toBe(TRANSPORT_TEXT);
    const plan = parsePlan(document.text);
    expect(outline(plan)).toEqual(outline(parsePlan(TRANSPORT_TEXT)));
    expect(measureCount(plan)).toBe(3);
    expect(document.taskRows.map((r) => [r.task, r.lead, r.co, r.dueDate])).toEqual([
      ['交通基础设施建设', '公路建设处', '规划处', '2024-06-30'],
      ['交通基础设施建设', '公路建设处', '', '2024-09-30'],
      ['运输服务提升', '运输处', '各区交通运输局', '2024-12-31'],
    ]);
  });
});

describe('readPlanDocument: web pages', () => {
  it('a saved page: scripts, navigation, related links and the footer are dropped, the article kept', async () => {
    const document = await readPlanDocument(Buffer.from(HEALTH_PAGE, 'utf8'));
    expect(document.format).toBe('html');
    expect(document.text).not.toMatch(/首页|政务公开|2022年工作要点|版权所有|不是正文|一、样式|分享到/);
    expect(outline(parsePlan(document.text))).toEqual(outline(parsePlan(HEALTH_TEXT)));
  });

  it('a page whose body has no title line: the <title> names the plan', async () => {
    const page = HEALTH_PAGE.replace('<h1 class="title">某区卫生健康局2023年工作要点</h1>', '');
    const document = await readPlanDocument(Buffer.from(page, 'utf8'));
    expect(outline(parsePlan(document.text))).toEqual(outline(parsePlan(HEALTH_TEXT)));
  });

  it('a GBK page that says so in its <meta charset>', async () => {
    const page = HEALTH_PAGE.replace('charset="utf-8"', 'charset="gb2312"');
    const document = await readPlanDocument(iconv.encode(page, 'gbk'));
    expect(outline(parsePlan(document.text))).toEqual(outline(parsePlan(HEALTH_TEXT)));
  });
});

describe('readPlanDocument: files that are not a readable plan', () => {
  it('a scanned PDF (images, no text layer) → the plain message', async () => {
    const error = await readError(await scannedPdf());
    expect(error.code).toBe('no_text_layer');
    expect(error.message).toContain('该 PDF 没有文字层（可能是扫描件），请提供 Word 或可复制文字的 PDF');
    // Page numbers stamped on the scan are no text layer either.
    expect((await readError(await scannedPdf({ pageNumbers: true }))).code).toBe('no_text_layer');
  });

  it('a truncated DOCX and a truncated PDF → damaged', async () => {
    const docx = await planDocx(EDUCATION_TEXT);
    expect((await readError(docx.subarray(0, Math.floor(docx.length / 2)))).code).toBe('damaged');
    const pdf = await planPdf(EDUCATION_TEXT);
    expect((await readError(pdf.subarray(0, 400))).code).toBe('damaged');
  }, 30_000);

  it('a PDF with an open password → encrypted, said plainly', async () => {
    const error = await readError(await planPdf(EDUCATION_TEXT, { userPassword: 'secret' }));
    expect(error.code).toBe('encrypted');
    expect(error.message).toMatch(/^该文件已加密/);
  });

  it('another ZIP (not an Office document) → unsupported format', async () => {
    const zip = new JSZip();
    zip.file('photos/readme.txt', '某局2024年工作要点');
    const error = await readError(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/^不支持的文件格式/);
  });
});

describe('suggestedDueDate (完成时限 → a suggested due date)', () => {
  it.each([
    ['2024年6月底前', undefined, '2024-06-30'],
    ['6月30日前', 2024, '2024-06-30'],
    ['2024年3月至11月', undefined, '2024-11-30'],
    ['9月', 2025, '2025-09-30'],
    ['十一月底', 2024, '2024-11-30'],
    ['第三季度', 2024, '2024-09-30'],
    ['上半年', 2024, '2024-06-30'],
    ['年底前', 2024, '2024-12-31'],
    ['2024-10-15', undefined, '2024-10-15'],
    ['2月', 2024, '2024-02-29'],
  ])('%s (plan year %s) → %s', (deadline, year, expected) => {
    expect(suggestedDueDate(deadline, year)).toBe(expected);
  });

  it.each(['长期坚持', '持续推进', '', '按上级要求'])('%s → none', (deadline) => {
    expect(suggestedDueDate(deadline, 2024)).toBeUndefined();
  });
});
