// Status lights (红黄绿灯) for reads: the domain rule (statusLight) with the read calendar and today.
import {
  DEFAULT_ESCALATION_POLICY,
  fromDayNumber,
  parseMeasureId,
  statusLight,
  toDayNumber,
  type EscalationPolicy,
  type LightCalendar,
  type LightVerdict,
  type WorkingDayCalendar,
} from '@duban/domain';
import type { CalendarService } from '../calendar/calendar.service';
import { asMeasureState } from './measure-read';

/** The inputs of a light as the projection stores them. */
export interface LightRow {
  /** The measure (`<year>-<code>`): its plan's policy sets the warning window. */
  id?: string;
  state: string;
  dueDate: string | null;
  assignedOn: string | null;
  progressPercent: number | null;
  openFindingDueDates: string[];
  milestones?: Array<{ dueDate: string; completedOn?: string | null }>;
}

const INDEX_FROM_YEAR = 2000;
const INDEX_YEARS_AHEAD = 15;

/**
 * Working-day counts by prefix sums over a span of years, so a light costs O(1). WorkingDayCalendar
 * walks day by day — milliseconds per light of a year-long measure, seconds for a list of
 * thousands. Same answers (see light-reader.spec.ts); dates outside the span go to the calendar.
 */
export class WorkingDayIndex implements LightCalendar {
  private readonly first: number;
  /** upto[i]: working days in [first, first + i]. */
  private readonly upto: Int32Array;
  /** Day numbers of the working days in the span, ascending. */
  private readonly days: Int32Array;

  constructor(
    private readonly calendar: WorkingDayCalendar,
    fromYear: number,
    toYear: number,
  ) {
    this.first = toDayNumber(`${fromYear}-01-01`);
    const length = toDayNumber(`${toYear}-12-31`) - this.first + 1;
    this.upto = new Int32Array(length);
    const days: number[] = [];
    for (let i = 0; i < length; i++) {
      if (calendar.isWorkingDay(fromDayNumber(this.first + i))) days.push(this.first + i);
      this.upto[i] = days.length;
    }
    this.days = Int32Array.from(days);
  }

  /** Working days in [first, day], or undefined outside the span. */
  private countTo(day: number): number | undefined {
    const i = day - this.first;
    if (i === -1) return 0;
    return i >= 0 && i < this.upto.length ? this.upto[i] : undefined;
  }

  /** Same contract as WorkingDayCalendar: the count in (from, to], or minus the count in [to, from). */
  workingDaysBetween(from: string, to: string): { value: number } {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (a === b) return { value: 0 };
    const [hi, lo] = b > a ? [this.countTo(b), this.countTo(a)] : [this.countTo(b - 1), this.countTo(a - 1)];
    if (hi !== undefined && lo !== undefined) return { value: hi - lo };
    return { value: this.calendar.workingDaysBetween(from, to).value };
  }

  /** Same contract as WorkingDayCalendar.addWorkingDays (n = 0: start or the next working day). */
  addWorkingDays(start: string, n: number): { value: string } {
    const s = toDayNumber(start);
    // Position in `days` of the answer: working days up to start, moved by n.
    const before = n > 0 ? this.countTo(s) : this.countTo(s - 1);
    if (before !== undefined) {
      const index = n > 0 ? before + n - 1 : before + n;
      if (index >= 0 && index < this.days.length) return { value: fromDayNumber(this.days[index]) };
    }
    return { value: this.calendar.addWorkingDays(start, n).value };
  }
}

const indexes = new WeakMap<WorkingDayCalendar, WorkingDayIndex>();

function indexOf(calendar: WorkingDayCalendar, today: string): WorkingDayIndex {
  let index = indexes.get(calendar);
  if (!index) {
    index = new WorkingDayIndex(calendar, INDEX_FROM_YEAR, Number(today.slice(0, 4)) + INDEX_YEARS_AHEAD);
    indexes.set(calendar, index);
  }
  return index;
}

/** Lights as of today (Beijing), on the read calendar (bundled holidays plus official years) and each plan's 督办规则. */
export class LightReader {
  private constructor(
    /** For ladders, whose dates must say when they are provisional. */
    readonly calendar: WorkingDayCalendar,
    private readonly index: WorkingDayIndex,
    readonly today: string,
    /** The plans' own policies by year; a plan without one runs the default, like its workflows. */
    private readonly policies: ReadonlyMap<number, EscalationPolicy> = new Map(),
    /** The default policy (plans without a policy of their own). */
    readonly policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
  ) {}

  static async open(calendars: CalendarService): Promise<LightReader> {
    const [calendar, byYear] = await Promise.all([calendars.workingDayCalendar(), calendars.currentPolicies()]);
    const today = calendars.today();
    return new LightReader(calendar, indexOf(calendar, today), today, byYear);
  }

  /** The policy of a measure's plan (by its id, `<year>-<code>`, or the plan year). */
  policyFor(measureOrYear: string | number | null | undefined): EscalationPolicy {
    const year = typeof measureOrYear === 'number' ? measureOrYear : measureOrYear ? parseMeasureId(measureOrYear)?.year : undefined;
    return (year !== undefined && this.policies.get(year)) || this.policy;
  }

  of(row: LightRow): LightVerdict {
    return statusLight(
      {
        state: asMeasureState(row.state),
        dueDate: row.dueDate,
        assignedOn: row.assignedOn,
        progressPercent: row.progressPercent,
        openFindingDueDates: row.openFindingDueDates,
        milestones: row.milestones,
      },
      this.today,
      this.index,
      this.policyFor(row.id),
    );
  }

  /** The light of a bare deadline (a finding's, a review's): red when passed, yellow when near (the measure's plan's window). */
  ofDeadline(dueDate: string, measureId?: string): LightVerdict {
    return this.of({ id: measureId, state: 'in_progress', dueDate, assignedOn: null, progressPercent: null, openFindingDueDates: [] });
  }

  addWorkingDays(start: string, n: number): string {
    return this.index.addWorkingDays(start, n).value;
  }
}
