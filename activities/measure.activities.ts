import { WorkingDayCalendar, type CalendarData, type DirectiveEvent, type DirectiveKind, type FindingEvent, type MeasureEvent, mergeCalendarData } from '@duban/domain';
import { ApplicationFailure } from '@temporalio/common';
import { EventConflictError, type CalendarRepository, type DirectiveRepository, type MeasureEventRepository } from '@duban/db';
import type { DirectiveWorkflowInput } from '@duban/workflows';
import { bundledCalendarData } from './calendar-data';

export interface MeasureActivityDeps {
  events: MeasureEventRepository;
  calendars: CalendarRepository;
  directives: DirectiveRepository;
  /**
   * Pushed messages: where their links point (DUBAN_PUBLIC_URL) and who is told, after each commit,
   * which delivery lanes got new outbox rows (the worker's kicker wakes those lanes).
   */
  delivery?: { publicUrl: string; onOutbox?: (lanes: string[]) => void };
  /**
   * Starts a directive's workflow under its one id on the worker's task queue, at most once (a retry
   * finds it started): the ladder's own 督办单 (`startLadderNotice`).
   */
  startDirective: (input: DirectiveWorkflowInput) => Promise<unknown>;
}

/** Side effects of the measure and rectification workflows. Each is idempotent, so Temporal may retry it freely. */
export function createMeasureActivities(deps: MeasureActivityDeps) {
  // Notification titles count working days overdue; the calendar is re-read at most once a minute.
  let cached: { calendar: WorkingDayCalendar; until: number } | undefined;
  const readCalendar = async (): Promise<WorkingDayCalendar> => {
    if (cached && cached.until > Date.now()) return cached.calendar;
    const calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), await deps.calendars.listOfficial(2000, 2100)));
    cached = { calendar, until: Date.now() + 60_000 };
    return calendar;
  };
  const recordContext = async () => ({ calendar: await readCalendar(), publicUrl: deps.delivery?.publicUrl, onOutbox: deps.delivery?.onOutbox });

  return {
    /**
     * Event, audit row, notifications and projection in one transaction; a retried write is
     * recognised by event id. Run as a local activity, whose history marker keeps only its result, not
     * its input: so it returns the event, which is what `npm run reconcile` restores a lost row from.
     */
    async recordMeasureEvent(event: MeasureEvent): Promise<MeasureEvent> {
      await loudOnConflict(deps.events.record(event, await recordContext()));
      return event;
    },

    /** A finding's event: measure timeline, audit chain and the findings projection, idempotently (returned, as above). */
    async recordFindingEvent(event: FindingEvent): Promise<FindingEvent> {
      await loudOnConflict(deps.events.recordFinding(event, await recordContext()));
      return event;
    },

    /**
     * A directive's event (批示, 催办, 督办单, 问责结果): measure timeline, audit chain, notifications and
     * the directives projection, idempotently; returned with the notice number its issue was given.
     */
    async recordDirectiveEvent(event: DirectiveEvent): Promise<DirectiveEvent> {
      let written = event;
      await loudOnConflict(deps.events.recordDirective(event, await recordContext()).then((e) => (written = e)));
      return written;
    },

    /**
     * The ladder's own 督办单 (督办 reached): its directive workflow started from the measure
     * workflow's task, not as a child, so the measure needs no second task to hear it started. Run as
     * a local activity after the number was allocated (its marker keeps it): a retry starts nothing new.
     */
    async startLadderNotice(input: DirectiveWorkflowInput): Promise<void> {
      await deps.startDirective(input);
    },

    /**
     * The next ordinal of a directive kind on a measure (the ladder's own 督办单), from the counter the
     * API uses too. Run as a local activity: the marker keeps the number, so a replay never asks again.
     */
    async allocateDirectiveNumber(on: { measureId: string; kind: DirectiveKind }): Promise<number> {
      return deps.directives.nextN(on.measureId, on.kind);
    },

    /** Holiday data for the years a measure can reach: bundled years, overridden by official ones. */
    async loadCalendar(range: { fromYear: number; toYear: number }): Promise<CalendarData> {
      const years: number[] = [];
      for (let y = range.fromYear; y <= range.toYear; y++) years.push(y);
      return mergeCalendarData(bundledCalendarData(years), await deps.calendars.listOfficial(range.fromYear, range.toYear));
    },
  };
}

/** An event id taken by other content is not a retry: fail without retrying, never drop it silently. */
async function loudOnConflict(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof EventConflictError) throw ApplicationFailure.nonRetryable(error.message, 'EventConflict');
    throw error;
  }
}
