// Working days in mainland China: Monday–Friday, minus statutory holidays, plus the weekend
// make-up days (调休). Years without data fall back to Monday–Friday, and every answer that
// looked at such a year says so, because next year's arrangement is published only in the
// autumn before and a deadline computed earlier may move.
import type { CalendarData } from './calendar-data';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber } from './dates';

export interface CalendarResult<T> {
  value: T;
  /** True when any day examined lies in a year the calendar has no data for. */
  provisional: boolean;
  /** Those years, ascending. */
  uncoveredYears: number[];
}

interface YearRules {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const YEAR_KEY = /^\d{4}$/;

/** Collects the uncovered years a computation looked at, to mark its result provisional. */
class ExaminedYears {
  private readonly uncovered = new Set<number>();

  note(year: number, covered: boolean): void {
    if (!covered) this.uncovered.add(year);
  }

  result<T>(value: T): CalendarResult<T> {
    const uncoveredYears = [...this.uncovered].sort((a, b) => a - b);
    return { value, provisional: uncoveredYears.length > 0, uncoveredYears };
  }
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
}

/** How many addWorkingDays answers a calendar keeps (its data never changes, so they stay true). */
const REMEMBERED_ANSWERS = 4096;

export class WorkingDayCalendar {
  private readonly rules = new Map<number, YearRules>();
  /**
   * Answers already walked, by start and count: a ladder asks the same few dates again on every
   * command and every turn of a workflow, and walking days is the costly part of planning it.
   */
  private readonly added = new Map<string, CalendarResult<string>>();

  constructor(data: CalendarData) {
    for (const [key, year] of Object.entries(data.years)) {
      if (!YEAR_KEY.test(key)) throw new RangeError(`calendar year key must be YYYY, got "${key}"`);
      this.rules.set(Number(key), { holidays: new Set(year.holidays), workdays: new Set(year.workdays) });
    }
  }

  coveredYears(): number[] {
    return [...this.rules.keys()].sort((a, b) => a - b);
  }

  isCoveredYear(year: number): boolean {
    return this.rules.has(year);
  }

  isWorkingDay(date: string): boolean {
    return this.examine(date, new ExaminedYears());
  }

  /**
   * The date n working days after start (start itself not counted); negative n counts backwards,
   * e.g. "3 working days before the due date". n = 0 gives start if it is a working day, else the
   * next working day.
   */
  addWorkingDays(start: string, n: number): CalendarResult<string> {
    const key = `${start}/${n}`;
    let answer = this.added.get(key);
    if (!answer) {
      answer = this.walkWorkingDays(start, n);
      if (this.added.size >= REMEMBERED_ANSWERS) this.added.clear();
      this.added.set(key, answer);
    }
    return { ...answer, uncoveredYears: [...answer.uncoveredYears] };
  }

  private walkWorkingDays(start: string, n: number): CalendarResult<string> {
    assertDayCount(n);
    const examined = new ExaminedYears();
    let day = toDayNumber(start);
    if (n === 0) {
      while (!this.examineDay(day, examined)) day++;
      return examined.result(fromDayNumber(day));
    }
    const step = n > 0 ? 1 : -1;
    for (let remaining = Math.abs(n); remaining > 0; ) {
      day += step;
      if (this.examineDay(day, examined)) remaining--;
    }
    return examined.result(fromDayNumber(day));
  }

  /** The first working day strictly after date. */
  nextWorkingDay(date: string): CalendarResult<string> {
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days walked from `from` (not counted) to `to` (counted): the count in (from, to], or
   * minus the count in [to, from) when to is earlier. So workingDaysBetween(d, addWorkingDays(d, n))
   * is n for every n ≠ 0, and a deadline passed by three working days gives 3.
   */
  workingDaysBetween(from: string, to: string): CalendarResult<number> {
    const first = toDayNumber(from);
    const last = toDayNumber(to);
    const examined = new ExaminedYears();
    if (first === last) return examined.result(0);
    const step = last > first ? 1 : -1;
    let count = 0;
    for (let day = first + step; ; day += step) {
      if (this.examineDay(day, examined)) count++;
      if (day === last) break;
    }
    return examined.result(step * count);
  }

  private examine(date: string, examined: ExaminedYears): boolean {
    return this.examineDay(toDayNumber(date), examined);
  }

  /** Whether the day (a day number, so a valid date) is a working day; notes the year it looked at. */
  private examineDay(dayNumber: number, examined: ExaminedYears): boolean {
    const date = fromDayNumber(dayNumber);
    const year = Number(date.slice(0, 4));
    const rules = this.rules.get(year);
    examined.note(year, rules !== undefined);
    if (rules?.workdays.has(date)) return true;
    if (rules?.holidays.has(date)) return false;
    const day = weekdayOfDayNumber(dayNumber);
    return day >= 1 && day <= 5;
  }
}
