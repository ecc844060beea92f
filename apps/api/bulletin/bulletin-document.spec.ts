// The 督办通报 writers, read back with real readers: mammoth and the document XML (jszip) for the
// DOCX, pdf.js for the PDF. The API suite (test/bulletins.test.ts) does the same on downloads.
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { BulletinRecord } from '@duban/db';
import { bulletinSummary, bulletinSummaryText } from '@duban/domain';
import { pdfPages } from '../../../test/helpers/pdf-pages';
import { documentFonts } from '../documents/fonts';
import type { BulletinFigures } from '../report/bulletin';
import { bulletinDocument } from './bulletin-document';
import { bulletinDocx } from './bulletin-docx';
import { bulletinPdf } from './bulletin-pdf';

const FIGURES: BulletinFigures = {
  title: '青岛市生态环境局2022年工作要点督办通报（2022年6月）',
  asOf: '2022-06-30',
  asOfIsToday: false,
  total: 57,
  lights: { red: 3, yellow: 2, green: 40, grey: 2, done: 10 },
  completedThisMonth: 3,
  newlyOverdue: 2,
  escalations: { warning: 4, urging: 2, supervision: 1, accountability: 1 },
  departments: [
    { department: '水生态环境处', measures: 12, completed: 5, onTimeRate: 0.8, overdue: 2, supervision: 1, accountability: 0 },
    { department: '大气环境处', measures: 10, completed: 4, onTimeRate: 1, overdue: 0, supervision: 0, accountability: 0 },
    { department: '人事处', measures: 3, completed: 1, onTimeRate: 0.5, overdue: 1, supervision: 0, accountability: 1 },
  ],
  onTimeRate: 0.8125,
  // Enough rows to run the table over a page, so its header row repeats.
  overdue: Array.from({ length: 40 }, (_, i) => ({
    code: `6.3.${i + 1}`,
    title: `深入开展干部教育培训，完善培训台账第${i + 1}项`,
    department: i % 2 ? '人事处' : '水生态环境处',
    assignee: '张三',
    dueDate: '2022-06-10',
    workingDaysOverdue: 40 - i,
    level: '问责',
  })),
};

const record = (over: Partial<BulletinRecord> = {}): BulletinRecord => ({
  id: 1,
  planYear: 2022,
  month: '2022-06',
  issue: 3,
  documentNumber: '青环督〔2022〕3号',
  issuer: '青岛市生态环境局',
  planTitle: '青岛市生态环境局2022年工作要点',
  title: '关于2022年6月重点工作推进情况的通报',
  figures: FIGURES,
  summary: bulletinSummaryText(bulletinSummary(FIGURES, { planTitle: '青岛市生态环境局2022年工作要点', month: '2022-06' })),
  status: 'draft',
  draftedBy: 'supervisor1',
  draftedAt: new Date('2022-07-01T02:00:00Z'),
  editedBy: null,
  editedAt: null,
  signedBy: null,
  signedByName: null,
  signedOn: null,
  signedAt: null,
  ...over,
});
const SIGNED = { status: 'signed' as const, signedBy: 'leader1', signedByName: '王局长', signedOn: '2022-07-04', signedAt: new Date('2022-07-04T02:00:00Z') };

jest.setTimeout(60_000);

describe('bulletin DOCX', () => {
  it('has the 版头, 期号, 文号, title, summary, tables and 签发 line; GB/T 9704 page settings; a draft mark only on drafts', async () => {
    const draft = await bulletinDocx(bulletinDocument(record(), '2022-07-01'));
    const { value: text } = await mammoth.extractRawText({ buffer: draft });
    for (const part of ['督办通报', '第3期', '青环督〔2022〕3号', '关于2022年6月重点工作推进情况的通报', '局机关各处室：', '已办结10项，办结率17.5%', '附表1', '水生态环境处', '81.3%', '签发人：（待局领导签发）', '抄送：']) {
      expect(text).toContain(part);
    }
    expect(text).toContain('草稿　未经签发，不得印发');

    const zip = await JSZip.loadAsync(draft);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 37 / 35 / 28 / 26 mm in twentieths of a point (rounded).
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:val="C00000"');
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"[^>]*><w:altName w:val="Noto Serif SC"\/>/);
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('草稿');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.join('')).toContain('PAGE');

    const signed = await bulletinDocx(bulletinDocument(record(SIGNED), '2022-07-01'));
    const signedText = (await mammoth.extractRawText({ buffer: signed })).value;
    expect(signedText).toContain('签发人：王局长　　签发日期：2022年7月4日');
    expect(signedText).not.toContain('草稿');
    const signedZip = await JSZip.loadAsync(signed);
    const signedHeaders = await Promise.all(Object.keys(signedZip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => signedZip.file(f)!.async('string')));
    expect(signedHeaders.join('')).not.toContain('草稿');
  });
});

describe('bulletin PDF', () => {
  it('prints A4 pages with the 草稿 watermark on every page of a draft, none on the signed one, the header row again on a new page', async () => {
    const fonts = documentFonts({});
    const draftBytes = await bulletinPdf(bulletinDocument(record(), '2022-07-01'), fonts);
    // DUBAN_BULLETIN_PDF_OUT=<dir>: keep the PDF to look at (screenshots of its pages).
    if (process.env.DUBAN_BULLETIN_PDF_OUT) writeFileSync(`${process.env.DUBAN_BULLETIN_PDF_OUT}/bulletin-draft.pdf`, draftBytes);
    const draftPages = await pdfPages(draftBytes);
    expect(draftPages.length).toBeGreaterThan(1);
    for (const page of draftPages) {
      expect(page).toMatchObject({ width: 595, height: 842 });
      expect(page.text).toContain('草稿');
    }
    const first = draftPages[0].text;
    for (const part of ['督办通报', '第3期', '青环督〔2022〕3号', '关于2022年6月重点工作推进情况的通报', '已办结10项']) expect(first).toContain(part);
    const all = draftPages.map((p) => p.text).join('\n');
    expect(all).toContain('81.3%');
    expect(all).toContain('签发人：（待局领导签发）');
    // The overdue table runs over a page: its header row is on the page it continues on.
    const continued = draftPages.filter((p) => p.text.includes('逾期工作日'));
    expect(continued.length).toBeGreaterThan(1);
    expect(all).toContain(`第 ${draftPages.length} 页 / 共 ${draftPages.length} 页`);

    const signedPages = await pdfPages(await bulletinPdf(bulletinDocument(record(SIGNED), '2022-07-01'), fonts));
    for (const page of signedPages) expect(page.text).not.toContain('草稿');
    expect(signedPages.map((p) => p.text).join('\n')).toContain('签发人：王局长');
  });
});
