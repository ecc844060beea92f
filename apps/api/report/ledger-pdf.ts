// The ledger (台账) as a printed document: A3 or A4 landscape, the title and as-of date, the table
// with its header row repeated on every page, 章/节 as heading rows, lights in colour with their
// word, long text wrapped, 第 N 页 / 共 M 页 in the footer. Same cells as the XLSX and CSV.
import { drawPdfTable, type PdfGroupRow, type PdfTableRow } from '../documents/pdf-table';
import type { DocumentFonts } from '../documents/fonts';
import { createPdf, pdfBuffer, PDF_FONT } from '../documents/pdf';
import type { ReportTable } from './table';
import { LIGHT_FILLS } from './xlsx';

/** Text colour on each light's fill (white on red, black elsewhere). */
const ON_FILL = { red: '#FFFFFF', yellow: '#000000', green: '#FFFFFF', grey: '#000000', done: '#000000' } as const;
const MARGINS = { top: 46, bottom: 40, left: 28, right: 28 };

const hex = (argb: string) => `#${argb.slice(2)}`;

export interface LedgerPdfOptions {
  fonts: DocumentFonts;
  /** Heading line under the title (e.g. the plan and as-of date). */
  subtitle: string;
  /** Columns shown as heading rows instead (outermost first), by header. */
  groupBy: readonly string[];
  /** Relative widths on the page by header (default: half the XLSX width). */
  widths?: Record<string, number>;
}

export function ledgerPdf(table: ReportTable, options: LedgerPdfOptions): Promise<Buffer> {
  const paper = table.print?.paper ?? 'A4';
  const doc = createPdf({ title: table.title, fonts: options.fonts, size: paper, layout: 'landscape', margins: MARGINS });
  const groupIndexes = options.groupBy.map((h) => table.columns.findIndex((c) => c.header === h)).filter((i) => i >= 0);
  const shown = table.columns.map((_, i) => i).filter((i) => !groupIndexes.includes(i));

  doc.font(PDF_FONT.title).fontSize(paper === 'A3' ? 20 : 16).text(table.title, { align: 'center' });
  doc.moveDown(0.3);
  doc.font(PDF_FONT.body).fontSize(10).text(options.subtitle, { align: 'center' });
  for (const note of table.notes) doc.fontSize(8).fillColor('#404040').text(note, { align: 'left' });
  doc.fillColor('#000000').moveDown(0.5);

  const rows: Array<PdfTableRow | PdfGroupRow> = [];
  const current: Array<string | null> = groupIndexes.map(() => null);
  for (const row of table.rows) {
    groupIndexes.forEach((column, level) => {
      const value = String(row.cells[column] ?? '');
      if (value === current[level]) return;
      current[level] = value;
      for (let inner = level + 1; inner < current.length; inner++) current[inner] = null;
      if (value) rows.push({ group: value, level });
    });
    rows.push({
      bold: row.bold,
      cells: shown.map((i) => {
        const light = row.lights?.[i];
        const value = row.cells[i];
        return light ? { text: String(value ?? ''), fill: hex(LIGHT_FILLS[light]), color: ON_FILL[light], bold: true, align: 'center' } : value;
      }),
    });
  }

  const columns = shown.map((i) => {
    const column = table.columns[i];
    return { header: column.header, width: options.widths?.[column.header] ?? column.width / 2, align: column.type === 'date' ? ('center' as const) : undefined };
  });
  // The widths count characters at the body size: the size is what one such character gets on the page (at most 7.5 pt).
  const tableWidth = doc.page.width - MARGINS.left - MARGINS.right;
  const fontSize = Math.min(7.5, Math.floor((tableWidth / columns.reduce((sum, c) => sum + c.width, 0)) * 10) / 10);
  drawPdfTable(
    doc,
    { columns, rows, fontSize, padding: paper === 'A3' ? 2.5 : 2 },
    {
      // A running head on every following page, in the top margin.
      onNewPage: (d) => {
        const { margins } = d.page;
        d.font(PDF_FONT.body).fontSize(8).fillColor('#595959').text(`${table.title}（续）`, margins.left, margins.top - 18, { lineBreak: false });
        d.fillColor('#000000');
        d.y = margins.top;
      },
    },
  );
  return pdfBuffer(doc, {});
}
