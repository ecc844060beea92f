import { pdfPages } from '../../../test/helpers/pdf-pages';
import { documentFonts } from './fonts';
import { createPdf, pdfBuffer } from './pdf';
import { drawPdfTable } from './pdf-table';


jest.setTimeout(30_000);
describe('drawPdfTable', () => {
  it('repeats the header on every page, wraps long text inside its cell, keeps groups and splits a row taller than a page', async () => {
    const doc = createPdf({ title: '表格测试', fonts: documentFonts({}), layout: 'landscape' });
    doc.text('标题行');
    const long = '长文本'.repeat(40);
    const huge = Array.from({ length: 120 }, (_, i) => `第${i + 1}行说明`).join('\n');
    drawPdfTable(doc, {
      columns: [
        { header: '序号', width: 4 },
        { header: '工作任务', width: 30 },
        { header: '红黄绿灯', width: 6 },
        { header: '最新进展情况', width: 20 },
      ],
      rows: [
        { group: '1 第一章' },
        ...Array.from({ length: 40 }, (_, i) => ({
          cells: [i + 1, i === 0 ? long : `任务${i + 1} English words stay whole`, { text: '红灯', fill: '#FF0000', color: '#FFFFFF' }, null],
        })),
        { group: '1.1 第一节', level: 1 },
        { cells: [41, '很长的一行', '绿灯', huge] },
        { cells: ['合计', '', '', ''], bold: true },
      ],
      fontSize: 9,
    });
    const pages = await pdfPages(await pdfBuffer(doc, {}));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toMatchObject({ width: 842, height: 595 });
    for (const page of pages) expect(page.text).toContain('序号工作任务红黄绿灯最新进展情况');
    const all = pages.map((p) => p.text).join('');
    // The long title wrapped over lines of its cell: all of it is there, in order.
    expect(all.replace(/[^长文本]/g, '')).toContain('长文本'.repeat(40));
    expect(all).toContain('English');
    expect(all).toContain('1.1 第一节');
    // The 120-line cell ran over pages and lost nothing.
    for (const n of [1, 60, 120]) expect(all).toContain(`第${n}行说明`);
    expect(pages.at(-1)!.text).toContain('合计');
    expect(all).toContain(`第 ${pages.length} 页 / 共 ${pages.length} 页`);
  });

  it('never leaves a heading at the foot of a page: it goes with its subheading and first row', async () => {
    const doc = createPdf({ title: '分组测试', fonts: documentFonts({}), layout: 'landscape' });
    const rows = Array.from({ length: 30 }, (_, g) => [
      { group: `第${g + 1}章` },
      { group: `第${g + 1}.1节`, level: 1 },
      { cells: [`章${g + 1}首行`, '说明'.repeat(10 + ((g * 37) % 50))] },
      { cells: [`章${g + 1}次行`, '短'] },
    ]).flat();
    drawPdfTable(doc, { columns: [{ header: '编号', width: 6 }, { header: '内容', width: 20 }], rows, fontSize: 9 });
    const pages = await pdfPages(await pdfBuffer(doc, {}));
    expect(pages.length).toBeGreaterThan(2);
    for (let g = 1; g <= 30; g++) {
      const page = pages.find((p) => p.text.includes(`第${g}章`));
      expect(page?.text).toContain(`第${g}.1节`);
      expect(page?.text).toContain(`章${g}首行`);
    }
  });
});
