// A table laid out on a pdfkit document (see pdf.ts): columns with relative widths, text wrapped
// inside its cell (CJK anywhere, Latin words kept whole, no line starting with closing
// punctuation), cells filled in a colour, full-width group heading rows, and the header row
// repeated at the top of every page the table runs onto. A row taller than what is left of the page
// moves to the next page; a row taller than a whole page is split across pages.
import { PDF_FONT, type PdfDocument } from './pdf';

export interface PdfTableColumn {
  header: string;
  /** Relative width (e.g. in characters); the widths are scaled to the table's width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface PdfTableCell {
  text: string;
  /** Background colour, '#rrggbb'. */
  fill?: string;
  /** Text colour, '#rrggbb' (default black). */
  color?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}

export type PdfCellValue = string | number | null | undefined | PdfTableCell;

export interface PdfTableRow {
  cells: PdfCellValue[];
  /** The whole row in bold (a totals row). */
  bold?: boolean;
}

/** A heading across the whole table (e.g. a chapter); `level` 0 is the outermost. */
export interface PdfGroupRow {
  group: string;
  level?: number;
}

export interface PdfTable {
  columns: PdfTableColumn[];
  rows: Array<PdfTableRow | PdfGroupRow>;
  /** Points (default 9). */
  fontSize?: number;
  /** Header background (default light blue-grey). */
  headerFill?: string;
  /** Group row backgrounds by level (default two greys). */
  groupFills?: string[];
  /** Cell padding in points (default 3). */
  padding?: number;
}

export interface PdfTableOptions {
  /** Left edge (default the left margin). */
  x?: number;
  /** Table width (default from margin to margin). */
  width?: number;
  /** Called on every page the table adds, before its header is drawn there (e.g. a running title). */
  onNewPage?: (doc: PdfDocument) => void;
}

const HEADER_FILL = '#D9E1F2';
const GROUP_FILLS = ['#E7E6E6', '#F2F2F2'];
const BORDER = '#808080';
/** Characters that must not start a line (标点 禁则): they stay at the end of the line before. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’,.;:?!)]}%·…—～']);
/** Characters that must not end a line: they move to the next one. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

type Lines = string[];
interface Laid {
  lines: Lines;
  cell: PdfTableCell;
}

/**
 * Draws the table from the current `doc.y` (on a new page if not even the header and one line fit)
 * and leaves `doc.y` under it, `doc.x` at its left edge.
 */
export function drawPdfTable(doc: PdfDocument, table: PdfTable, options: PdfTableOptions = {}): void {
  const fontSize = table.fontSize ?? 9;
  const pad = table.padding ?? 3;
  const lineHeight = fontSize * 1.3;
  const left = options.x ?? doc.page.margins.left;
  const width = options.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const measure = new Measure(doc, fontSize);

  const header: Laid[] = table.columns.map((c, i) => ({
    cell: { text: c.header, bold: true, align: 'center', fill: table.headerFill ?? HEADER_FILL },
    lines: measure.wrap(c.header, widths[i] - 2 * pad, true),
  }));
  const headerHeight = rowHeight(header);
  let y = doc.y;

  function rowHeight(cells: Laid[]): number {
    return Math.max(1, ...cells.map((c) => c.lines.length)) * lineHeight + 2 * pad;
  }

  function newPage(): void {
    doc.addPage();
    options.onNewPage?.(doc);
    y = Math.max(doc.y, doc.page.margins.top);
    drawRow(header, 0, Infinity);
  }

  /** Draws lines [from, to) of each cell as one row at y and moves y under it. */
  function drawRow(cells: Laid[], from: number, to: number): void {
    const count = Math.max(1, ...cells.map((c) => Math.min(c.lines.length, to) - from));
    const height = count * lineHeight + 2 * pad;
    cells.forEach((c, i) => {
      const x = xs[i];
      const w = widths[i];
      if (c.cell.fill) doc.rect(x, y, w, height).fill(c.cell.fill);
      doc.lineWidth(0.5).rect(x, y, w, height).stroke(BORDER);
      doc.font(c.cell.bold ? PDF_FONT.title : PDF_FONT.body).fontSize(fontSize).fillColor(c.cell.color ?? '#000000');
      const align = c.cell.align ?? table.columns[i]?.align ?? 'left';
      c.lines.slice(from, to).forEach((line, n) => {
        const lineWidth = doc.widthOfString(line);
        const dx = align === 'center' ? (w - 2 * pad - lineWidth) / 2 : align === 'right' ? w - 2 * pad - lineWidth : 0;
        doc.text(line, x + pad + Math.max(0, dx), y + pad + n * lineHeight + (lineHeight - fontSize) / 2, { lineBreak: false });
      });
    });
    doc.fillColor('#000000');
    y += height;
  }

  const fills = table.groupFills ?? GROUP_FILLS;
  const laidRows = table.rows.map((row) => {
    if ('group' in row) {
      const level = row.level ?? 0;
      const lines = measure.wrap(row.group, width - 2 * pad - level * fontSize, true);
      return { kind: 'group' as const, level, lines, height: lines.length * lineHeight + 2 * pad };
    }
    const cells: Laid[] = table.columns.map((_, i) => {
      const cell = asCell(row.cells[i], row.bold);
      return { cell, lines: measure.wrap(cell.text, widths[i] - 2 * pad, cell.bold === true) };
    });
    return { kind: 'row' as const, cells, height: rowHeight(cells) };
  });

  function drawGroup(level: number, lines: Lines, height: number): void {
    doc.rect(left, y, width, height).fill(fills[Math.min(level, fills.length - 1)]);
    doc.lineWidth(0.5).rect(left, y, width, height).stroke(BORDER);
    doc.font(PDF_FONT.title).fontSize(fontSize).fillColor('#000000');
    lines.forEach((line, n) => doc.text(line, left + pad + level * fontSize, y + pad + n * lineHeight + (lineHeight - fontSize) / 2, { lineBreak: false }));
    y += height;
  }

  if (y + headerHeight + lineHeight + 2 * pad > bottom()) newPage();
  else drawRow(header, 0, Infinity);

  const pageRoom = () => bottom() - doc.page.margins.top - headerHeight;
  laidRows.forEach((row, index) => {
    if (row.kind === 'group') {
      // Headings never end a page: they go with the headings right under them and the first row
      // (whole if it fits a page, else its first line).
      let needed = 0;
      let next = index;
      for (; next < laidRows.length && laidRows[next].kind === 'group'; next++) needed += laidRows[next].height;
      const first = laidRows[next];
      if (first) needed += first.height <= pageRoom() - needed ? first.height : lineHeight + 2 * pad;
      if (y + needed > bottom() && needed <= pageRoom()) newPage();
      drawGroup(row.level, row.lines, row.height);
      return;
    }
    const { cells } = row;
    const lines = Math.max(1, ...cells.map((c) => c.lines.length));
    // Moves to a fresh page if it fits there whole; else fills what is left and runs on.
    if (y + row.height > bottom() && row.height <= pageRoom()) newPage();
    let from = 0;
    while (from < lines) {
      const fit = Math.floor((bottom() - y - 2 * pad) / lineHeight);
      if (fit < 1) {
        newPage();
        continue;
      }
      const to = Math.min(lines, from + fit);
      drawRow(cells, from, to);
      from = to;
      if (from < lines) newPage();
    }
  });
  doc.x = left;
  doc.y = y;
}

function asCell(value: PdfCellValue, bold: boolean | undefined): PdfTableCell {
  if (value === null || value === undefined) return { text: '', bold };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '', bold, align: 'right' };
  if (typeof value === 'string') return { text: value, bold };
  return { ...value, bold: value.bold ?? bold };
}

/** Character widths at one size in the body and bold fonts, cached: wrapping measures every character. */
class Measure {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly doc: PdfDocument,
    private readonly fontSize: number,
  ) {}

  width(ch: string, bold: boolean): number {
    const key = (bold ? 'b' : 'r') + ch;
    let w = this.cache.get(key);
    if (w === undefined) {
      w = this.doc.font(bold ? PDF_FONT.title : PDF_FONT.body).fontSize(this.fontSize).widthOfString(ch);
      this.cache.set(key, w);
    }
    return w;
  }

  /** The text broken into lines no wider than `max` (a character wider than that gets a line of its own). */
  wrap(text: string, max: number, bold: boolean): Lines {
    const lines: Lines = [];
    for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
      const chars = [...paragraph];
      let line = '';
      let lineWidth = 0;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const w = this.width(ch, bold);
        if (lineWidth + w <= max || line === '' || NO_LINE_START.has(ch)) {
          line += ch;
          lineWidth += w;
          continue;
        }
        // Break: keep a Latin word whole when the line has room for it elsewhere, and never end a line with an opening bracket.
        let carry = '';
        const word = /[A-Za-z0-9]/.test(ch) ? /[A-Za-z0-9]+$/.exec(line) : null;
        if (word && word[0].length < line.length) carry = word[0];
        else if (line.length > 1 && NO_LINE_END.has(line[line.length - 1])) carry = line[line.length - 1];
        line = line.slice(0, line.length - carry.length);
        lines.push(line.trimEnd());
        line = (carry + ch).replace(/^ +/, '');
        lineWidth = [...line].reduce((sum, c) => sum + this.width(c, bold), 0);
      }
      lines.push(line);
    }
    return lines;
  }
}
