import { OFFICIAL_2024_2026 } from './official-2024-2026.fixture';
import { WorkingDayCalendar } from './working-day-calendar';
import { addCalendarDays } from './dates';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const settled = (value: string | number) => ({ value, provisional: false, uncoveredYears: [] });

describe('WorkingDayCalendar', () => {
  it('knows holidays, make-up days and ordinary weekdays', () => {
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false); // National Day, Wednesday
    expect(calendar.isWorkingDay('2025-10-04')).toBe(false); // holiday block, Saturday
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // make-up Sunday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // make-up Saturday
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // ordinary Sunday
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true); // ordinary Thursday
    expect(calendar.coveredYears()).toEqual([2024, 2025, 2026]);
  });

  it('gives a remembered answer again unchanged, whatever a caller did to the one it got', () => {
    const fresh = new WorkingDayCalendar(OFFICIAL_2024_2026);
    const first = fresh.addWorkingDays('2027-01-04', 3); // 2027 has no data: provisional
    expect(first).toEqual({ value: '2027-01-07', provisional: true, uncoveredYears: [2027] });
    first.uncoveredYears.push(1999);
    first.value = 'changed';
    expect(fresh.addWorkingDays('2027-01-04', 3)).toEqual({ value: '2027-01-07', provisional: true, uncoveredYears: [2027] });
    expect(fresh.addWorkingDays('2025-09-15', 30)).toEqual(calendar.addWorkingDays('2025-09-15', 30));
    expect(() => fresh.addWorkingDays('2025-09-15', 1.5)).toThrow(RangeError);
    expect(() => fresh.addWorkingDays('2025-02-29', 1)).toThrow(RangeError);
  });

  it('counts 30 working days across National Day 2025', () => {
    // From Monday 2025-09-15 (not counted):
    //   09-16..09-19 Tue–Fri                 1–4
    //   09-22..09-26 Mon–Fri                 5–9
    //   09-28 Sun, make-up day               10   (09-27 Sat is off)
    //   09-29, 09-30 Mon–Tue                 11–12
    //   10-01..10-08 holiday (Wed–Wed)       —
    //   10-09, 10-10 Thu–Fri                 13–14
    //   10-11 Sat, make-up day               15   (10-12 Sun is off)
    //   10-13..10-17 Mon–Fri                 16–20
    //   10-20..10-24 Mon–Fri                 21–25
    //   10-27..10-31 Mon–Fri                 26–30  → 2025-10-31
    // Plain Monday–Friday would give 2025-10-27: six weekday holidays lost, two make-up days won.
    expect(calendar.addWorkingDays('2025-09-15', 30)).toEqual(settled('2025-10-31'));
    expect(calendar.workingDaysBetween('2025-09-15', '2025-10-31')).toEqual(settled(30));
  });

  it('counts a deadline across Spring Festival 2026 with its make-up Saturdays', () => {
    // 2026 春节: off Sun 02-15 .. Mon 02-23; make-up Saturdays 02-14 and 02-28. From Mon 02-09:
    //   02-10..02-13 Tue–Fri 1–4, 02-14 Sat (make-up) 5, 02-15..02-23 off,
    //   02-24..02-27 Tue–Fri 6–9, 02-28 Sat (make-up) 10, 03-02 Mon 11.
    expect(calendar.addWorkingDays('2026-02-09', 10)).toEqual(settled('2026-02-28'));
    expect(calendar.addWorkingDays('2026-02-09', 11)).toEqual(settled('2026-03-02'));
    // The day after the holiday, looking back: 02-24 ← 02-14 (make-up) ← 02-13.
    expect(calendar.addWorkingDays('2026-02-24', -1)).toEqual(settled('2026-02-14'));
    expect(calendar.addWorkingDays('2026-02-25', -3)).toEqual(settled('2026-02-13'));
  });

  it('round-trips workingDaysBetween with addWorkingDays, forwards and backwards', () => {
    const starts = ['2024-12-20', '2025-01-25', '2025-09-27', '2025-10-04', '2025-10-11', '2026-02-14', '2026-02-21'];
    for (const start of starts) {
      for (const n of [1, 2, 5, 17, 60, -1, -4, -23, -80]) {
        const end = calendar.addWorkingDays(start, n).value;
        expect(calendar.workingDaysBetween(start, end).value).toBe(n);
        expect(calendar.isWorkingDay(end)).toBe(true);
      }
    }
  });

  it('treats n = 0 as "this day if working, else the next working day"', () => {
    expect(calendar.addWorkingDays('2025-10-09', 0).value).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-01', 0).value).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-09-27', 0).value).toBe('2025-09-28'); // Sat → make-up Sun
  });

  it('starts counting the day after a start that is a holiday', () => {
    expect(calendar.addWorkingDays('2025-10-03', 1).value).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-03', 3).value).toBe('2025-10-11'); // make-up Saturday
    expect(calendar.addWorkingDays('2025-10-03', -1).value).toBe('2025-09-30');
    expect(calendar.nextWorkingDay('2025-10-03')).toEqual(settled('2025-10-09'));
  });

  it('counts working days overdue, and negative days before the deadline', () => {
    // Due Tue 2025-09-30; today Sat 2025-10-11 (make-up day): 10-09, 10-10, 10-11 have passed.
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-11')).toEqual(settled(3));
    expect(calendar.workingDaysBetween('2025-10-11', '2025-09-30')).toEqual(settled(-3));
    expect(calendar.workingDaysBetween('2025-10-01', '2025-10-08')).toEqual(settled(0));
    expect(calendar.workingDaysBetween('2025-10-09', '2025-10-09')).toEqual(settled(0));
  });

  it('marks answers that reach an uncovered year provisional', () => {
    // 12-29..12-31 count 1–3; 2027-01-01 is a plain Friday (no 2027 data yet) 4; 2027-01-04 Mon 5.
    expect(calendar.addWorkingDays('2026-12-28', 5)).toEqual({ value: '2027-01-04', provisional: true, uncoveredYears: [2027] });
    expect(calendar.workingDaysBetween('2026-12-01', '2027-01-10')).toMatchObject({ provisional: true, uncoveredYears: [2027] });
    expect(calendar.addWorkingDays('2028-12-29', -300)).toMatchObject({ provisional: true, uncoveredYears: [2027, 2028] });
    // The start itself is not examined, only the days walked over.
    expect(calendar.addWorkingDays('2023-12-31', 1)).toEqual(settled('2024-01-02'));
    expect(calendar.addWorkingDays('2023-12-29', 1)).toEqual({ value: '2024-01-02', provisional: true, uncoveredYears: [2023] });
    expect(calendar.addWorkingDays('2024-01-02', -1)).toEqual({ value: '2023-12-29', provisional: true, uncoveredYears: [2023] });
  });

  it('keeps a computation entirely inside 2025 settled', () => {
    expect(calendar.addWorkingDays('2025-01-02', 240)).toMatchObject({ provisional: false, uncoveredYears: [] });
    expect(calendar.workingDaysBetween('2025-01-01', '2025-12-31')).toEqual(settled(248));
  });

  it('computes uncovered years as plain Monday–Friday', () => {
    const empty = new WorkingDayCalendar({ years: {} });
    expect(empty.coveredYears()).toEqual([]);
    expect(empty.isWorkingDay('2025-10-01')).toBe(true);
    expect(empty.addWorkingDays('2025-09-15', 30)).toEqual({ value: '2025-10-27', provisional: true, uncoveredYears: [2025] });
    let day = '2027-01-01';
    for (let i = 0; i < 14; i++, day = addCalendarDays(day, 1)) {
      expect(calendar.isWorkingDay(day)).toBe(![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()));
    }
  });

  it('rejects bad input', () => {
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-10-01', 1.5)).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2025/10/01', '2025-10-08')).toThrow(RangeError);
    expect(() => new WorkingDayCalendar({ years: { '25': { holidays: [], workdays: [], source: 'official' } } })).toThrow(RangeError);
  });
});
