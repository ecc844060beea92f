// Whether a deadline shown to people is provisional (暂定): it lies in a year whose official holiday
// arrangement (节假日安排) is not known yet, so it may turn out to fall on a holiday or 调休 day.
// A date in a covered year is definite, even when steps counted from it reach into an uncovered one.

/** What the rule needs of the working-day calendar. */
export interface CoveredYears {
  isCoveredYear(year: number): boolean;
}

/** True when `date` (YYYY-MM-DD) lies in a year the calendar has no official data for. */
export function dateProvisional(date: string | null | undefined, calendar: CoveredYears): boolean {
  if (!date) return false;
  const year = Number(date.slice(0, 4));
  return Number.isInteger(year) && !calendar.isCoveredYear(year);
}

/**
 * True when a working-day figure between these dates (a count, a ladder step counted from one of
 * them) depends on a year the calendar has no official data for: any year from the earliest to the
 * latest date is uncovered. No dates: false.
 */
export function spanProvisional(calendar: CoveredYears, ...dates: Array<string | null | undefined>): boolean {
  const years = dates.filter((d): d is string => Boolean(d)).map((d) => Number(d.slice(0, 4)));
  if (years.length === 0 || years.some((y) => !Number.isInteger(y))) return false;
  for (let year = Math.min(...years); year <= Math.max(...years); year++) if (!calendar.isCoveredYear(year)) return true;
  return false;
}
