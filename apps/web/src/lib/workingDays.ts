// Working-day arithmetic for display (剩余/逾期 N 个工作日, the escalation ladder of a due date), on
// the same data the workflows use: the holiday arrangements bundled with chinese-days, replaced by
// the years an administrator loaded from the official notice (fetched once after sign-in, see
// useOfficialCalendar). The workflows' own escalation events (with their step dates) stay the record.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import {
  beijingDate,
  deadlineLadder,
  DEFAULT_ESCALATION_POLICY,
  spanProvisional,
  mergeCalendarData,
  WorkingDayCalendar,
  type CalendarData,
  type LadderStep,
  type OfficialYear,
} from '@duban/domain';

function bundledData(): CalendarData {
  const raw = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const years: CalendarData['years'] = {};
  const entry = (year: string) => (years[year] ??= { holidays: [], workdays: [], source: 'bundled' });
  for (const date of Object.keys(raw.holidays)) entry(date.slice(0, 4)).holidays.push(date);
  for (const date of Object.keys(raw.workdays)) entry(date.slice(0, 4)).workdays.push(date);
  return { years };
}

let calendar = new WorkingDayCalendar(bundledData());

/** Official years (from GET /calendar/official) replace the bundled ones from now on. */
export function applyOfficialYears(years: OfficialYear[]): void {
  calendar = new WorkingDayCalendar(mergeCalendarData(bundledData(), years));
}

export function todayInBeijing(): string {
  return beijingDate(Date.now());
}

/** Working days from `from` (not counted) to `to` (counted); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  return calendar.workingDaysBetween(from, to).value;
}

export function addWorkingDays(date: string, n: number): string {
  return calendar.addWorkingDays(date, n).value;
}

/**
 * True when a working-day count across these dates (or a date reckoned between them) looks at a
 * year whose holidays are not known yet (neither bundled nor loaded by an administrator): that
 * count is provisional (Monday–Friday) and may move when the year's arrangement is published.
 */
export function dependsOnUnknownYear(...dates: Array<string | null | undefined>): boolean {
  return spanProvisional(calendar, ...dates);
}

/** 预警 → 催办 → 督办 → 问责 for a due date, under the default policy. */
export function ladderFor(dueDate: string): LadderStep[] {
  return deadlineLadder(dueDate, DEFAULT_ESCALATION_POLICY, calendar);
}

export interface DueStatus {
  kind: 'left' | 'today' | 'overdue';
  days: number;
}

/** How a due date stands today, in working days. */
export function dueStatus(dueDate: string, today = todayInBeijing()): DueStatus {
  if (dueDate === today) return { kind: 'today', days: 0 };
  if (dueDate > today) return { kind: 'left', days: workingDaysBetween(today, dueDate) };
  return { kind: 'overdue', days: workingDaysBetween(dueDate, today) };
}
