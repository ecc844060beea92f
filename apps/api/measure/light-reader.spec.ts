import { addCalendarDays, statusLight, WorkingDayCalendar } from '@duban/domain';
import { bundledCalendarData } from '../../../activities/calendar-data';
import { WorkingDayIndex } from './light-reader';

const calendar = new WorkingDayCalendar(bundledCalendarData());
const index = new WorkingDayIndex(calendar, 2020, 2027);

/** A deterministic spread of dates around holidays, year ends and the edges of the span. */
function sampleDates(): string[] {
  const dates: string[] = [];
  for (let day = 0; day < 8 * 366; day += 13) dates.push(addCalendarDays('2019-12-20', day));
  dates.push('2019-12-31', '2020-01-01', '2024-02-09', '2024-02-18', '2024-10-01', '2024-10-12', '2027-12-31', '2028-01-03', '2026-09-27');
  return dates;
}

describe('WorkingDayIndex', () => {
  it('counts working days between dates exactly as the calendar does, inside and outside its span', () => {
    // The calendar itself walks day by day, so pairs stay within about a year of each other.
    for (const from of sampleDates()) {
      for (const days of [-400, -61, -7, -1, 0, 1, 3, 9, 30, 200, 366]) {
        const to = addCalendarDays(from, days);
        // `|| 0`: the calendar answers -0 for an empty backwards walk.
        expect([from, to, index.workingDaysBetween(from, to).value || 0]).toEqual([from, to, calendar.workingDaysBetween(from, to).value || 0]);
      }
    }
  });

  it('adds and subtracts working days exactly as the calendar does', () => {
    for (const start of sampleDates()) {
      for (const n of [-30, -10, -5, -1, 0, 1, 3, 5, 10, 45]) {
        expect([start, n, index.addWorkingDays(start, n).value]).toEqual([start, n, calendar.addWorkingDays(start, n).value]);
      }
    }
  });

  it('gives the same lights as the calendar, fast enough for thousands of rows', () => {
    const policy = { warningDaysBefore: 5 };
    const cases = sampleDates().filter((_, i) => i % 6 === 0).flatMap((due) => [
      { state: 'in_progress' as const, dueDate: due, assignedOn: addCalendarDays(due, -200), progressPercent: 30, openFindingDueDates: [] },
      { state: 'assigned' as const, dueDate: due, assignedOn: addCalendarDays(due, -20), progressPercent: null, openFindingDueDates: [due] },
    ]);
    for (const today of ['2024-10-08', '2025-06-30', '2026-11-28']) {
      for (const m of cases) expect(statusLight(m, today, index, policy)).toEqual(statusLight(m, today, calendar, policy));
    }
    const started = Date.now();
    const inSpan = cases.filter((m) => m.assignedOn >= '2020-01-01' && m.dueDate <= '2027-12-31');
    for (let i = 0; i < 10_000; i++) statusLight(inSpan[i % inSpan.length], '2026-11-28', index, policy);
    // The calendar's own walk takes seconds for this many year-long measures.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
