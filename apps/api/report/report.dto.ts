import { z } from 'zod';
import { REPORT_FORMATS, SPREADSHEET_FORMATS } from './table';

const year = z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围');
const format = z.enum(SPREADSHEET_FORMATS, { error: '格式应为 xlsx 或 csv' }).default('xlsx');
const month = z
  .string({ error: '请提供月份，格式 YYYY-MM，例如 2022-06' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2022-06')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, '月份超出范围');

export const bulletinQuery = z.object({
  month,
  format,
  /** The plan's year; defaults to the month's year (a plan's open measures may be followed up later). */
  year: year.optional(),
});
export type BulletinQuery = z.infer<typeof bulletinQuery>;

/**
 * The ledger comes as XLSX, CSV or PDF; `paper` picks the printed size (XLSX page setup, PDF page),
 * by default A3 for the ledger's many columns.
 */
export const ledgerQuery = z.object({
  year,
  format: z.enum(REPORT_FORMATS, { error: '格式应为 xlsx、csv 或 pdf' }).default('xlsx'),
  paper: z.enum(['a3', 'a4'], { error: '纸张应为 a3 或 a4' }).optional(),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;
