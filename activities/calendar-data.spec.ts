import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { OFFICIAL_2024_2026 } from '../libs/domain/calendar/official-2024-2026.fixture';
import { addCalendarDays, WorkingDayCalendar, weekday, type CalendarData, mergeCalendarData } from '@duban/domain';
import { bundledCalendarData, bundledYears } from './calendar-data';

// Jest gives each test file a copy of process.env, so setting TZ in-process does not change the
// runtime's time zone: code that must run under a given TZ runs in a child process started with it.
function runInTimeZone<T>(zone: string, script: string): T {
  const output = execFileSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..'), env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  return JSON.parse(output) as T;
}

/** Lets a child process require the TypeScript sources (aliases included). */
const TS_LOADER = `require(${JSON.stringify(path.join(__dirname, '..', 'tools', 'register-ts.cjs'))});`;

describe('bundled calendar data (chinese-days)', () => {
  const all = bundledCalendarData();

  it('covers 2004–2026 and nothing later', () => {
    expect(bundledYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(Object.keys(all.years)).toHaveLength(23);
    expect(all.years['2027']).toBeUndefined();
    expect(Object.keys(bundledCalendarData([2025, 2027, 2030]).years)).toEqual(['2025']);
  });

  it('has the 2025 National Day arrangement', () => {
    const y2025 = all.years['2025'];
    expect(y2025.source).toBe('bundled');
    for (const day of ['01', '02', '03', '04', '05', '06', '07', '08']) expect(y2025.holidays).toContain(`2025-10-${day}`);
    expect(y2025.holidays).not.toContain('2025-10-09');
    expect(y2025.workdays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
  });

  it('has the 2026 Spring Festival arrangement', () => {
    const y2026 = all.years['2026'];
    const festival = y2026.holidays.filter((d) => d >= '2026-02-01' && d <= '2026-02-28');
    expect(festival).toEqual(['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`));
    expect(y2026.workdays.filter((d) => d.startsWith('2026-02'))).toEqual(['2026-02-14', '2026-02-28']);
    expect(['2026-02-14', '2026-02-28'].map(weekday)).toEqual([6, 6]);
  });

  it('agrees with the arrangements typed in from the State Council notices (2024–2026)', () => {
    const sorted = (data: typeof all) =>
      Object.fromEntries(Object.entries(data.years).map(([y, v]) => [y, { holidays: [...v.holidays].sort(), workdays: [...v.workdays].sort() }]));
    expect(sorted(bundledCalendarData([2024, 2025, 2026]))).toEqual(sorted(OFFICIAL_2024_2026));
  });

  it('lists only weekend days as make-up workdays, never a holiday', () => {
    for (const year of Object.values(all.years)) {
      expect(year.workdays.filter((d) => weekday(d) !== 0 && weekday(d) !== 6)).toEqual([]);
      expect(year.workdays.filter((d) => year.holidays.includes(d))).toEqual([]);
    }
  });

  it('is the same data under TZ=UTC and TZ=America/Los_Angeles', () => {
    const script = `${TS_LOADER}
const { bundledCalendarData } = require(${JSON.stringify(path.join(__dirname, 'calendar-data.ts'))});
process.stdout.write(JSON.stringify(bundledCalendarData()));`;
    expect(runInTimeZone<CalendarData>('UTC', script)).toEqual(all);
    expect(runInTimeZone<CalendarData>('America/Los_Angeles', script)).toEqual(all);
  });

  // Guards an upgrade where the data file and the package's functions drift apart. The functions
  // are only right under a TZ at or east of UTC (they shift a day under America/Los_Angeles), so
  // they are asked under TZ=UTC.
  it("matches chinese-days' own isWorkday for every day of 2004–2026", () => {
    const script = `
const { isWorkday } = require('chinese-days');
const workingDays = [];
for (let ms = Date.UTC(2004, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += 86400000) {
  const day = new Date(ms).toISOString().slice(0, 10);
  if (isWorkday(day)) workingDays.push(day);
}
process.stdout.write(JSON.stringify(workingDays));`;
    const theirs = runInTimeZone<string[]>('UTC', script);

    const calendar = new WorkingDayCalendar(all);
    const ours: string[] = [];
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addCalendarDays(day, 1)) {
      if (calendar.isWorkingDay(day)) ours.push(day);
    }
    expect(ours.length).toBeGreaterThan(5700);
    expect(ours).toEqual(theirs);
  });
});

describe('mergeCalendarData', () => {
  it('lets official years replace bundled ones and add new ones', () => {
    const bundled = bundledCalendarData([2025, 2026]);
    const official2026 = { year: 2026, holidays: ['2026-10-01', '2026-01-01'], workdays: ['2026-10-10'] };
    const official2027 = { year: 2027, holidays: ['2027-01-01'], workdays: [] };
    const merged = mergeCalendarData(bundled, [official2026, official2027]);

    expect(merged.years['2025']).toEqual(bundled.years['2025']);
    expect(merged.years['2026']).toEqual({ holidays: ['2026-01-01', '2026-10-01'], workdays: ['2026-10-10'], source: 'official' });
    expect(merged.years['2027']).toEqual({ holidays: ['2027-01-01'], workdays: [], source: 'official' });
    expect(bundled.years['2026'].source).toBe('bundled'); // input left untouched
    expect(bundled.years['2027']).toBeUndefined();

    const calendar = new WorkingDayCalendar(merged);
    expect(calendar.coveredYears()).toEqual([2025, 2026, 2027]);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(true); // the official 2026 replaced the bundled one
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
  });

  it('keeps the last entry when a year is given twice', () => {
    const merged = mergeCalendarData({ years: {} }, [
      { year: 2026, holidays: ['2026-01-01'], workdays: [] },
      { year: 2026, holidays: ['2026-10-01'], workdays: [] },
    ]);
    expect(merged.years['2026'].holidays).toEqual(['2026-10-01']);
  });
});
