import type { WorkingDaysBetween } from '@duban/domain';

/**
 * Working days from each past date to `today` (as the status light counts them), walking the
 * calendar once from the latest date back to the earliest: a page or a year of distinct due dates
 * counted one by one would walk the same stretch hundreds of times.
 */
export function workingDaysSince(dates: string[], today: string, calendar: WorkingDaysBetween): Map<string, number> {
  const result = new Map<string, number>();
  let later = today;
  let count = 0;
  for (const date of [...new Set(dates)].filter((d) => d < today).sort().reverse()) {
    count += calendar.workingDaysBetween(date, later).value;
    result.set(date, count);
    later = date;
  }
  return result;
}
