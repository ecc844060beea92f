// Checks one year's holiday arrangement as an administrator enters it from the State Council
// notice, before it replaces the bundled data. Holidays on weekends are fine (a holiday block
// usually spans a weekend); make-up working days must be weekend days, or they change nothing.
import { isValidDate, isWeekend, yearOf } from './dates';

const LIST_LABELS = {
  holidays: '放假日 (holidays)',
  workdays: '调休上班日 (make-up workdays)',
} as const;

type ListName = keyof typeof LIST_LABELS;

/** Problems found, in Chinese with English in parentheses; an empty list means valid. */
export function validateOfficialYear(year: number, data: { holidays: string[]; workdays: string[] }): string[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return [`年份无效 (invalid year): ${year}`];

  const problems: string[] = [];
  const checkList = (list: ListName): Set<string> => {
    const label = LIST_LABELS[list];
    const seen = new Set<string>();
    for (const date of data[list]) {
      if (!isValidDate(date)) {
        problems.push(`${label}: 日期无效，应为 YYYY-MM-DD (invalid date): "${String(date)}"`);
        continue;
      }
      if (yearOf(date) !== year) problems.push(`${label}: 日期不在 ${year} 年内 (date outside ${year}): ${date}`);
      if (seen.has(date)) problems.push(`${label}: 日期重复 (duplicate date): ${date}`);
      seen.add(date);
    }
    return seen;
  };

  const holidays = checkList('holidays');
  const workdays = checkList('workdays');

  if (data.holidays.length === 0) problems.push(`${LIST_LABELS.holidays}: 没有任何放假日 (no holidays listed)`);
  for (const date of workdays) {
    if (holidays.has(date)) problems.push(`同一天既是放假日又是调休上班日 (both holiday and make-up workday): ${date}`);
    if (!isWeekend(date)) problems.push(`${LIST_LABELS.workdays}: 不是周六或周日 (not a weekend day): ${date}`);
  }
  return problems;
}
