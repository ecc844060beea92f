// The 督办通报 as a PDF (pdfkit through apps/api/documents/pdf.ts): A4 with the GB/T 9704 margins,
// red 版头 and rule, the summary, ruled tables (the header row repeated on each new page), 签发 line,
// 署名 and 版记; page numbers and, for drafts, the diagonal 草稿 watermark on every page (pdfBuffer).
import type { DocumentFonts } from '../documents/fonts';
import { createPdf, pdfBuffer, PDF_FONT, type PdfDocument } from '../documents/pdf';
import type { BulletinDocumentModel, DocumentTable } from './bulletin-document';

const RED = '#c00000';
const mm = (v: number) => (v * 72) / 25.4;
/** GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in points. */
export const PDF_MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const SIZE = { masthead: 42, title: 22, body: 16, table: 10, small: 12 } as const;
/** Body lines 28 pt apart (16 pt type). */
const BODY_GAP = 12;

export async function bulletinPdf(m: BulletinDocumentModel, fonts: DocumentFonts): Promise<Buffer> {
  const doc = createPdf({ title: m.fileTitle, fonts, size: 'A4', layout: 'portrait', margins: PDF_MARGINS });
  const left = PDF_MARGINS.left;
  const width = doc.page.width - PDF_MARGINS.left - PDF_MARGINS.right;

  if (m.draftMark) {
    doc.font(PDF_FONT.body).fontSize(SIZE.small).fillColor(RED).text(`${m.draftMark}　未经签发，不得印发`, left, PDF_MARGINS.top - 24, { width });
    doc.y = PDF_MARGINS.top;
  }
  // 版头
  doc.font(PDF_FONT.title).fontSize(SIZE.masthead).fillColor(RED).text(m.masthead, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font(PDF_FONT.body).fontSize(SIZE.body).fillColor('#000000');
  doc.text(m.issueLabel, left, doc.y, { width, align: 'center' });
  doc.text(m.documentNumber, left, doc.y + 4, { width, align: 'center' });
  const lineY = doc.y + 10;
  doc.text(m.issuer, left, lineY, { width, lineBreak: false });
  doc.text(m.date, left, lineY, { width, align: 'right', lineBreak: false });
  const ruleY = lineY + SIZE.body + 8;
  doc.save().moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(2).strokeColor(RED).stroke().restore();

  // 标题, 主送, 正文
  doc.font(PDF_FONT.title).fontSize(SIZE.title).fillColor('#000000').text(m.title, left, ruleY + 28, { width, align: 'center', lineGap: 8 });
  doc.moveDown(0.8);
  doc.font(PDF_FONT.body).fontSize(SIZE.body).text(m.recipients, left, doc.y, { width, lineGap: BODY_GAP });
  for (const p of m.paragraphs) doc.text(p, left, doc.y, { width, indent: SIZE.body * 2, align: 'justify', lineGap: BODY_GAP });

  for (const t of m.tables) drawTable(doc, t, left, width);

  doc.moveDown(0.5);
  doc.font(PDF_FONT.body).fontSize(SIZE.table);
  for (const n of m.notes) doc.text(`注：${n}`, left, doc.y, { width, lineGap: 3 });

  // 签发, 署名, 成文日期 (kept together on one page)
  ensureSpace(doc, SIZE.body * 6 + 40);
  doc.font(PDF_FONT.body).fontSize(SIZE.body).fillColor('#000000');
  doc.text(m.signatureLine, left, doc.y + 24, { width, align: 'right' });
  doc.text(m.issuer, left, doc.y + 18, { width: width - SIZE.body * 2, align: 'right' });
  doc.text(m.date, left, doc.y + 4, { width: width - SIZE.body * 2, align: 'right' });

  // 版记
  ensureSpace(doc, 90);
  const top = doc.y + 36;
  doc.save().moveTo(left, top).lineTo(left + width, top).lineWidth(1).strokeColor('#000000').stroke().restore();
  doc.fontSize(SIZE.small).text(m.copyTo, left + SIZE.small, top + 8, { width: width - 2 * SIZE.small });
  const middle = doc.y + 6;
  doc.save().moveTo(left, middle).lineTo(left + width, middle).lineWidth(0.5).strokeColor('#000000').stroke().restore();
  doc.text(m.printedBy, left + SIZE.small, middle + 8, { width: width - 2 * SIZE.small, lineBreak: false });
  doc.text(`${m.date}印发`, left + SIZE.small, middle + 8, { width: width - 2 * SIZE.small, align: 'right', lineBreak: false });
  const bottom = middle + 8 + SIZE.small + 8;
  doc.save().moveTo(left, bottom).lineTo(left + width, bottom).lineWidth(1).strokeColor('#000000').stroke().restore();

  return pdfBuffer(doc, { watermark: m.draftMark ?? undefined });
}

function pageBottom(doc: PdfDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: PdfDocument, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

const PAD = 3;

/** A ruled table; a row that does not fit starts a new page, where the header row is drawn again. */
function drawTable(doc: PdfDocument, t: DocumentTable, left: number, width: number): void {
  doc.font(PDF_FONT.body).fontSize(SIZE.body).fillColor('#000000');
  ensureSpace(doc, SIZE.body * 4);
  doc.text(t.heading, left, doc.y + 14, { width });
  doc.moveDown(0.3);
  if (t.rows.length === 0 && t.empty) {
    doc.text(t.empty, left, doc.y, { width, indent: SIZE.body * 2 });
    return;
  }
  const total = t.columns.reduce((n, c) => n + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * width);
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(SIZE.table);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], y: number, height: number, font: string, header: boolean) => {
    let x = left;
    if (header) doc.save().rect(left, y, width, height).fillColor('#f2f2f2').fill().restore();
    doc.font(font).fontSize(SIZE.table).fillColor('#000000');
    cells.forEach((c, i) => {
      doc.save().rect(x, y, widths[i], height).lineWidth(0.5).strokeColor('#000000').stroke().restore();
      const align = header || t.columns[i].align !== 'left' ? 'center' : 'left';
      const h = doc.heightOfString(c || ' ', { width: widths[i] - 2 * PAD });
      doc.text(c, x + PAD, y + (height - h) / 2, { width: widths[i] - 2 * PAD, align });
      x += widths[i];
    });
  };
  const headers = t.columns.map((c) => c.header);
  const headerHeight = heightOf(headers, PDF_FONT.title);
  let y = doc.y;
  drawRow(headers, y, headerHeight, PDF_FONT.title, true);
  y += headerHeight;
  t.rows.forEach((row, index) => {
    const font = index === t.totalRow ? PDF_FONT.title : PDF_FONT.body;
    const height = heightOf(row, font);
    if (y + height > pageBottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
      drawRow(headers, y, headerHeight, PDF_FONT.title, true);
      y += headerHeight;
    }
    drawRow(row, y, height, font, false);
    y += height;
  });
  doc.x = left;
  doc.y = y + 6;
}
