// The one shape the writers (CSV, XLSX; the ledger's PDF) render: titled tables of plain cells.
import type { StatusLight } from '@duban/domain';

export type CellValue = string | number | null;

export interface ReportColumn {
  header: string;
  /** Column width in characters (XLSX); a CJK character counts about two. */
  width: number;
  /**
   * 'date': the cells are Beijing dates written YYYY-MM-DD (or empty); XLSX stores them as real
   * date cells (numFmt yyyy-mm-dd), so Excel sorts and filters them; CSV and PDF show the text.
   */
  type?: 'date';
}

/** How a sheet prints (XLSX pageSetup). Defaults: A4, landscape when the columns are wide, fit to width. */
export interface ReportPrint {
  paper?: 'A4' | 'A3';
  orientation?: 'portrait' | 'landscape';
}

export interface ReportRow {
  cells: CellValue[];
  /** Cells (by column index) that show a status light and are filled in its colour. */
  lights?: Partial<Record<number, StatusLight>>;
  /** A totals row. */
  bold?: boolean;
}

export interface ReportTable {
  /** Worksheet name (XLSX). */
  sheet: string;
  /** Title row (XLSX) / heading line (CSV of a multi-table report). */
  title: string;
  /** Lines under the title: as-of date, definitions. */
  notes: string[];
  columns: ReportColumn[];
  rows: ReportRow[];
  print?: ReportPrint;
}

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
/** The formats every table report comes in; the ledger comes as PDF too. */
export const SPREADSHEET_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

/** A rendered report, ready to be sent as a download. */
export interface ReportFile {
  format: ReportFormat;
  /** File name shown to the user (Chinese), with extension. */
  fileName: string;
  /** ASCII-only fallback for clients that ignore `filename*`. */
  asciiFileName: string;
  content: Buffer;
}
