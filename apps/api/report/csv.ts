// CSV for Excel users in China: UTF-8 with a BOM (else Excel reads it as GBK), RFC 4180 quoting,
// CRLF line ends, and no cell that a spreadsheet would run as a formula.
import type { CellValue, ReportTable } from './table';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Characters that make Excel, LibreOffice or Sheets treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A leading apostrophe makes the spreadsheet show the text instead of evaluating it.
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: CellValue[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

/** Records → a CSV file (BOM first, every record ended by CRLF). */
export function toCsv(records: CellValue[][]): Buffer {
  return Buffer.from(BOM + records.map(csvLine).join(''), 'utf8');
}

/**
 * Tables → one CSV file. A data export (`titles: false`, one table) is the header and the rows
 * only, so it can be read back by machines; a report puts each table under its title and notes.
 */
export function tablesToCsv(tables: ReportTable[], options: { titles: boolean }): Buffer {
  const records: CellValue[][] = [];
  tables.forEach((table, i) => {
    if (options.titles) {
      if (i > 0) records.push([]);
      records.push([table.title], ...table.notes.map((n) => [n]));
    }
    records.push(table.columns.map((c) => c.header), ...table.rows.map((r) => r.cells));
  });
  return toCsv(records);
}
