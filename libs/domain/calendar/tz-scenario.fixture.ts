// Test fixture: a spread of calendar computations that tz-independence.spec.ts runs in child
// processes under different TZ settings and compares.
import { OFFICIAL_2024_2026 } from './official-2024-2026.fixture';
import { WorkingDayCalendar } from './working-day-calendar';
import { addCalendarDays, weekday } from './dates';

export function calendarScenario() {
  const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
  return {
    nationalDay: calendar.addWorkingDays('2025-09-15', 30),
    springFestival: calendar.addWorkingDays('2026-02-09', 10),
    backwards: calendar.addWorkingDays('2026-02-25', -3),
    overdue: calendar.workingDaysBetween('2025-09-30', '2025-10-11'),
    intoUncovered: calendar.addWorkingDays('2026-12-28', 5),
    next: calendar.nextWorkingDay('2025-10-03'),
    isWorkingDay: ['2025-09-28', '2025-10-01', '2025-10-11', '2026-02-14', '2026-02-16'].map((d) => calendar.isWorkingDay(d)),
    weekdays: ['2025-01-01', '2025-12-31', '2026-02-28'].map(weekday),
    dates: [addCalendarDays('2025-12-31', 1), addCalendarDays('2024-03-01', -1)],
  };
}
