// The data a working-day calendar is built from: per year, the State Council's arrangement of
// statutory holidays (法定节假日) and make-up working days (调休上班日).

/** 'bundled': shipped with the chinese-days package; 'official': loaded by an administrator. */
export type CalendarSource = 'bundled' | 'official';

export interface CalendarYear {
  /** 'YYYY-MM-DD' statutory days off; weekend days inside a holiday block may be listed too. */
  holidays: string[];
  /** 'YYYY-MM-DD' make-up working days (调休), each a Saturday or Sunday. */
  workdays: string[];
  source: CalendarSource;
}

export interface CalendarData {
  /**
   * Keyed by 'YYYY'. A year present here is covered; a year absent is computed as plain
   * Monday–Friday and every answer that depends on it is provisional.
   */
  years: Record<string, CalendarYear>;
}

/** One year's arrangement as an administrator enters it from the official notice. */
export interface OfficialYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

/** Official (administrator-loaded) years replace bundled ones; for a year given twice the last wins. */
export function mergeCalendarData(bundled: CalendarData, official: OfficialYear[]): CalendarData {
  const years: Record<string, CalendarYear> = { ...bundled.years };
  for (const { year, holidays, workdays } of official) {
    years[String(year)] = { holidays: [...holidays].sort(), workdays: [...workdays].sort(), source: 'official' };
  }
  return { years };
}
