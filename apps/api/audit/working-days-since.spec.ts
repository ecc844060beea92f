import { WorkingDayCalendar } from '@duban/domain';
import { bundledCalendarData } from '../../../activities/calendar-data';
import { workingDaysSince } from './working-days-since';

const calendar = new WorkingDayCalendar(bundledCalendarData());

describe('working days since', () => {
  it('agrees with counting each date on its own, across holidays', () => {
    const today = '2026-11-29';
    const dates = ['2026-11-27', '2025-12-31', '2026-10-08', '2026-10-01', '2026-02-20', '2026-11-27', '2026-01-02'];
    const counted = workingDaysSince(dates, today, calendar);
    for (const date of dates) expect(counted.get(date)).toBe(calendar.workingDaysBetween(date, today).value);
    expect(counted.size).toBe(6);
  });

  it('leaves out dates that are not past', () => {
    expect([...workingDaysSince(['2026-11-29', '2026-12-01'], '2026-11-29', calendar).keys()]).toEqual([]);
  });
});
