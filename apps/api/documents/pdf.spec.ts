import { pdfPages } from '../../../test/helpers/pdf-pages';
import { documentFonts } from './fonts';
import { createPdf, pdfBuffer, PDF_FONT } from './pdf';

describe('createPdf', () => {
  it('writes Chinese text in the shipped font, page numbers and a draft watermark a PDF reader finds', async () => {
    const fonts = documentFonts({});
    const doc = createPdf({ title: '测试文档', fonts, layout: 'landscape' });
    doc.font(PDF_FONT.title).fontSize(22).text('督办通报', { align: 'center' });
    doc.font(PDF_FONT.body).fontSize(16).text('各处室：现将2022年工作要点落实情况通报如下。');
    doc.addPage();
    doc.text('第二页内容');
    const bytes = await pdfBuffer(doc, { watermark: '草稿' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(2);
    // A4 landscape: 842 × 595 points.
    expect(pages[0]).toMatchObject({ width: 842, height: 595 });
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('督办通报');
    expect(text).toContain('现将2022年工作要点落实情况通报如下');
    expect(text).toContain('第 1 页 / 共 2 页');
    expect(text).toContain('第 2 页 / 共 2 页');
    expect(text).toContain('草稿');
    // Fonts are subset: the document stays small although the font file is ~15 MB.
    expect(bytes.length).toBeLessThan(400_000);
  });
});
