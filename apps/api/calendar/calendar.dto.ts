import { z } from 'zod';
import { ISO_DATE_DOC } from '../common/iso-date';

/** Checked (and explained) by the calendar service; the document says what is expected. */
const day = z.string().max(10).meta(ISO_DATE_DOC);

export const calendarYearParam = z.coerce.number({ error: '年份应为数字' }).int().min(2000, '年份超出范围').max(2100, '年份超出范围');

export const officialYearBody = z.object({
  holidays: z.array(day).min(1, '请至少填写一个法定节假日').max(366),
  workdays: z.array(day).max(366).default([]),
});
export type OfficialYearBody = z.infer<typeof officialYearBody>;

export interface CalendarYearDto {
  year: number;
  source: 'bundled' | 'official' | 'none';
  holidays: number;
  workdays: number;
  loadedBy?: string;
  loadedAt?: string;
}

export interface OfficialYearSavedDto {
  year: number;
  holidays: number;
  workdays: number;
  /** Running measure workflows told to re-plan their deadlines and ladder steps. */
  replanned: number;
}

/** A year's arrangement as loaded by an administrator (for the web UI's working-day arithmetic). */
export interface OfficialCalendarYearDto {
  year: number;
  holidays: string[];
  workdays: string[];
}
