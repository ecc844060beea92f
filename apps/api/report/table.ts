// The one shape both writers (CSV, XLSX) render: titled tables of plain cells.
import type { StatusLight } from '@duban/domain';

export type CellValue = string | number | null;

export interface ReportColumn {
  header: string;
  /** Column width in characters (XLSX); a CJK character counts about two. */
  width: number;
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
}

export const REPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A rendered report, ready to be sent as a download. */
export interface ReportFile {
  format: ReportFormat;
  /** File name shown to the user (Chinese), with extension. */
  fileName: string;
  /** ASCII-only fallback for clients that ignore `filename*`. */
  asciiFileName: string;
  content: Buffer;
}
