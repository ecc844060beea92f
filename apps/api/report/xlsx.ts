// Tables → a real Excel workbook: one sheet per table, a title row, a bold frozen header row with a
// filter, column widths, real date cells, status-light cells filled in their colour, and print
// settings (landscape when wide, fit to the page width, the header row repeated on every printed
// page, the title and page numbers in the page header and footer).
import { Workbook, type CellValue as ExcelCellValue, type Fill, type PaperSize, type Worksheet } from 'exceljs';
import { isIsoDate, type StatusLight } from '@duban/domain';
import type { CellValue, ReportColumn, ReportPrint, ReportTable } from './table';

/** ARGB fill of each light (the ledger's 红黄绿灯 column, the bulletin's light counts). */
export const LIGHT_FILLS: Record<StatusLight, string> = {
  red: 'FFFF0000',
  yellow: 'FFFFFF00',
  green: 'FF00B050',
  grey: 'FFBFBFBF',
  done: 'FF7D9A8A', // muted grey-green: finished, outside the red/yellow/green scale (the web's colour)
};

const HEADER_FILL = 'FFD9E1F2';

/** Excel's paperSize codes (exceljs' PaperSize enum lacks A3). */
const PAPER_SIZE: Record<NonNullable<ReportPrint['paper']>, PaperSize> = { A4: 9 as PaperSize, A3: 8 as PaperSize };
/** Columns wider than this in all (characters) print landscape unless the table says otherwise. */
const LANDSCAPE_FROM_WIDTH = 100;
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A YYYY-MM-DD date as the Date Excel stores for that calendar day (exceljs counts days in UTC). */
export function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A cell's value as written: a date column's dates become real dates; anything else stays as it is. */
function cellValue(value: CellValue, column: ReportColumn | undefined): ExcelCellValue {
  if (column?.type === 'date' && typeof value === 'string') return isIsoDate(value) ? excelDate(value) : value === '' ? null : value;
  return value;
}

/** Width of a text in Excel's character units: a CJK (full-width) character counts two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/** Text in a page header or footer: '&' starts a code there, so a literal one is doubled. */
const headerText = (text: string) => text.replaceAll('&', '&&');

/** How the table prints: its own settings, else A4, landscape when its columns are wide. */
export function printSettings(table: ReportTable): Required<ReportPrint> {
  const wide = table.columns.reduce((sum, c) => sum + c.width, 0) > LANDSCAPE_FROM_WIDTH;
  return { paper: table.print?.paper ?? 'A4', orientation: table.print?.orientation ?? (wide ? 'landscape' : 'portrait') };
}

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export async function tablesToXlsx(tables: ReportTable[], meta: { title: string; generatedAt: Date }): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'duban 督办';
  workbook.title = meta.title;
  workbook.created = meta.generatedAt;
  for (const table of tables) addSheet(workbook, table);
  // Typed as exceljs' own Buffer (an ArrayBuffer); under Node it is a Node Buffer.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: Workbook, table: ReportTable): void {
  const headerRow = 2 + table.notes.length;
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  const width = table.columns.length;
  table.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));

  const title = sheet.getRow(1);
  title.getCell(1).value = table.title;
  title.font = { bold: true, size: 14 };
  title.height = 24;
  mergeAcross(sheet, 1, width);
  table.notes.forEach((note, i) => {
    const row = sheet.getRow(2 + i);
    row.getCell(1).value = note;
    row.font = { italic: true, color: { argb: 'FF595959' } };
    mergeAcross(sheet, 2 + i, width);
  });

  const header = sheet.getRow(headerRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };

  table.rows.forEach((r, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    r.cells.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      const column = table.columns[c];
      cell.value = cellValue(value, column);
      if (column?.type === 'date') cell.numFmt = DATE_FORMAT;
      cell.alignment = { vertical: 'top', wrapText: typeof value === 'string' && (value.includes('\n') || displayWidth(value) > (column?.width ?? 12)) };
      if (r.bold) cell.font = { bold: true };
      const light = r.lights?.[c];
      if (light) {
        cell.fill = solid(LIGHT_FILLS[light]);
        cell.font = light === 'red' ? { bold: true, color: { argb: 'FFFFFFFF' } } : { bold: true };
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      }
    });
  });

  const print = printSettings(table);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: PAPER_SIZE[print.paper],
    orientation: print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddHeader: `&L${headerText(table.title)}`, oddFooter: '&C第 &P 页 / 共 &N 页' };
}

function mergeAcross(sheet: Worksheet, row: number, width: number): void {
  if (width > 1) sheet.mergeCells(row, 1, row, width);
}
