import { addCalendarDays, fromDayNumber, isValidDate, isWeekend, parseDate, toDayNumber, weekday } from './dates';

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD days', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-00-10')).toBe(false);
    expect(isValidDate('2025-1-5')).toBe(false);
    expect(isValidDate('2025-01-05T00:00:00Z')).toBe(false);
    expect(isValidDate(' 2025-01-05')).toBe(false);
    expect(isValidDate(20250105)).toBe(false);
    expect(() => parseDate('2025-02-30')).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day from 1899 to 2101', () => {
    const disagreements: string[] = [];
    for (let ms = Date.UTC(1899, 0, 1); ms <= Date.UTC(2101, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const dayNumber = ms / 86_400_000;
      const ok = toDayNumber(iso) === dayNumber && fromDayNumber(dayNumber) === iso && weekday(iso) === new Date(ms).getUTCDay();
      if (!ok) disagreements.push(iso);
    }
    expect(disagreements).toEqual([]);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2025-10-01', 0)).toBe('2025-10-01');
    expect(addCalendarDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(() => addCalendarDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('names weekdays 0 = Sunday … 6 = Saturday', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2025-10-01')).toBe(3);
    expect(weekday('2025-09-28')).toBe(0);
    expect(weekday('2025-10-11')).toBe(6);
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });
});
