// A PDF document with duban's fonts registered, A4 (portrait or landscape), page numbers in the
// footer ("第 N 页 / 共 M 页") and, for drafts, a 草稿 watermark on every page. Built on pdfkit.
import PDFDocument from 'pdfkit';
import type { DocumentFonts } from './fonts';

export type PdfDocument = InstanceType<typeof PDFDocument>;

export interface PdfOptions {
  title: string;
  fonts: DocumentFonts;
  /** A3 or A4 (default A4). */
  size?: 'A4' | 'A3';
  layout?: 'portrait' | 'landscape';
  /** Margins in points (default 公文-like: 72 top/bottom, 60 left/right). */
  margins?: { top: number; bottom: number; left: number; right: number };
  /** Watermark text drawn diagonally on every page (e.g. 草稿). */
  watermark?: string;
  /** Footer page numbers (default true). */
  pageNumbers?: boolean;
}

const DEFAULT_MARGINS = { top: 72, bottom: 72, left: 60, right: 60 };

/** Font names registered on every document. */
export const PDF_FONT = { body: 'body', title: 'title' } as const;

export function createPdf(options: PdfOptions): PdfDocument {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margins: options.margins ?? DEFAULT_MARGINS,
    bufferPages: true,
    info: { Title: options.title, Creator: 'duban 督办', Producer: 'duban 督办' },
    lang: 'zh-CN',
  });
  doc.registerFont(PDF_FONT.body, options.fonts.body);
  doc.registerFont(PDF_FONT.title, options.fonts.title);
  doc.font(PDF_FONT.body);
  return doc;
}

/** Finishes the document (page numbers, watermark) and returns its bytes. */
export function pdfBuffer(doc: PdfDocument, options: Pick<PdfOptions, 'watermark' | 'pageNumbers'>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (options.watermark) drawWatermark(doc, options.watermark);
    if (options.pageNumbers !== false) drawPageNumber(doc, i - range.start + 1, range.count);
  }
  doc.end();
  return done;
}

function drawPageNumber(doc: PdfDocument, page: number, pages: number): void {
  const { margins } = doc.page;
  const bottom = margins.bottom;
  // Written into the bottom margin: lift the margin so pdfkit does not start a new page for it.
  doc.page.margins = { ...margins, bottom: 0 };
  doc
    .font(PDF_FONT.body)
    .fontSize(10)
    .fillColor('#000000')
    .text(`第 ${page} 页 / 共 ${pages} 页`, margins.left, doc.page.height - bottom / 2 - 5, {
      width: doc.page.width - margins.left - margins.right,
      align: 'center',
      lineBreak: false,
    });
  doc.page.margins = margins;
}

function drawWatermark(doc: PdfDocument, text: string): void {
  const { width, height, margins } = doc.page;
  doc.page.margins = { ...margins, bottom: 0 };
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  doc
    .font(PDF_FONT.title)
    .fontSize(Math.min(width, height) / 4)
    .fillColor('#c00000')
    .fillOpacity(0.12)
    .text(text, 0, height / 2 - Math.min(width, height) / 8, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
  doc.page.margins = margins;
}
