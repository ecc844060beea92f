import { pdfPages } from '../../../test/helpers/pdf-pages';
import { loadConfig } from '@duban/runtime';
import { documentFonts } from './fonts';
import { createPdf, pdfBuffer, PDF_FONT } from './pdf';

jest.setTimeout(30_000);

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

  it('takes an installed font instead of the shipped one when the settings name it, and the settings refuse a missing file', async () => {
    const shipped = documentFonts({});
    // Stand-in for an installed 仿宋: the shipped bold face, named as an override for the body.
    const fonts = documentFonts(loadConfig({ DUBAN_DOCUMENT_FONT: shipped.title }));
    expect(fonts).toEqual({ body: shipped.title, title: shipped.title });
    const doc = createPdf({ title: '字体', fonts });
    doc.text('仿宋正文');
    const bytes = await pdfBuffer(doc, {});
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Bold/);
    expect(bytes.toString('latin1')).not.toMatch(/NotoSerifSC-Regular/);
    expect(() => loadConfig({ DUBAN_DOCUMENT_FONT: '/nowhere/fangsong.ttf' })).toThrow(/DUBAN_DOCUMENT_FONT names no readable font file/);
    expect(() => loadConfig({ DUBAN_DOCUMENT_FONT: shipped.body.replace(/\.ttf$/, '.png') })).toThrow(/must be the path of a \.ttf or \.otf font file/);
  });
});
