// Tables → a real Excel workbook: one sheet per table, a title row, a bold frozen header row with a
// filter, column widths, and status-light cells filled in their colour.
import { Workbook, type Fill, type Worksheet } from 'exceljs';
import type { StatusLight } from '@duban/domain';
import type { ReportTable } from './table';

/** ARGB fill of each light (the ledger's 红黄绿灯 column, the bulletin's light counts). */
export const LIGHT_FILLS: Record<StatusLight, string> = {
  red: 'FFFF0000',
  yellow: 'FFFFFF00',
  green: 'FF00B050',
  grey: 'FFBFBFBF',
  done: 'FF9BC2E6',
};

const HEADER_FILL = 'FFD9E1F2';

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
      cell.value = value;
      cell.alignment = { vertical: 'top', wrapText: typeof value === 'string' && value.length > 12 };
      if (r.bold) cell.font = { bold: true };
      const light = r.lights?.[c];
      if (light) {
        cell.fill = solid(LIGHT_FILLS[light]);
        cell.font = light === 'red' ? { bold: true, color: { argb: 'FFFFFFFF' } } : { bold: true };
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      }
    });
  });
}

function mergeAcross(sheet: Worksheet, row: number, width: number): void {
  if (width > 1) sheet.mergeCells(row, 1, row, width);
}
