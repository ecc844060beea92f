// .xlsx task breakdown tables (任务分解表 / 任务清单) through exceljs: each worksheet is a grid
// (merged cells read as their master cell's value); the lines above a sheet's header (the sheet
// title 「…2024年重点工作任务分解表」) become the document's title lines.
import { Workbook, type Buffer as ExcelBuffer, type Cell } from 'exceljs';
import { PlanReadError } from './errors';
import { yearNamed } from './lines';
import { taskRowLines, taskRowsOfGrid, type Grid } from './table';
import type { PlanDocument, TaskRow } from './types';

const MAX_COLUMNS = 64;

export async function readXlsx(bytes: Uint8Array): Promise<PlanDocument> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelBuffer);
  } catch (error) {
    throw new PlanReadError('damaged', error instanceof Error ? error.message : String(error));
  }
  const lines: string[] = [];
  const taskRows: TaskRow[] = [];
  let chapters = 0;
  for (const worksheet of workbook.worksheets) {
    const grid: Grid = [];
    worksheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, MAX_COLUMNS); c++) cells.push(cellText(row.getCell(c)));
      grid[number - 1] = cells;
    });
    const table = Array.from(grid, (row) => row ?? []);
    const titleLines = leadingLines(table);
    const year = titleLines.map(yearNamed).find((y) => y !== undefined) ?? yearNamed(worksheet.name);
    const rows = taskRowsOfGrid(table, year);
    if (!rows || rows.length === 0) continue;
    // The first sheet's title is the plan's; a later sheet's title is not a second plan title.
    if (taskRows.length === 0) lines.push(...(titleLines.length > 0 ? titleLines : [worksheet.name]));
    lines.push(...taskRowLines(rows, { underChapter: false, startChapter: chapters + 1 }));
    chapters += new Set(rows.map((r) => r.task)).size;
    taskRows.push(...rows);
  }
  return { format: 'xlsx', text: lines.join('\n'), taskRows };
}

/** Rows above the header that hold one text (a title merged across the sheet, a 附件 line). */
function leadingLines(grid: Grid): string[] {
  const lines: string[] = [];
  for (const row of grid.slice(0, 10)) {
    const texts = [...new Set(row.map((cell) => cell.trim()).filter(Boolean))];
    if (texts.length !== 1) break;
    lines.push(texts[0].replace(/\s+/g, ''));
  }
  return lines;
}

function cellText(cell: Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
