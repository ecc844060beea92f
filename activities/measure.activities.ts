import type { CalendarData, FindingEvent, MeasureEvent } from '@duban/domain';
import type { CalendarRepository, MeasureEventRepository } from '@duban/db';
import { bundledCalendarData, mergeCalendarData } from './calendar-data';

export interface MeasureActivityDeps {
  events: MeasureEventRepository;
  calendars: CalendarRepository;
}

/** Side effects of the measure workflow. Each is idempotent, so Temporal may retry it freely. */
export function createMeasureActivities(deps: MeasureActivityDeps) {
  return {
    /** Event, audit row and projection in one transaction; a retried write is recognised by event id. */
    async recordMeasureEvent(event: MeasureEvent): Promise<void> {
      await deps.events.record(event);
    },

    /** A finding's event: measure timeline, audit chain and the findings projection, idempotently. */
    async recordFindingEvent(event: FindingEvent): Promise<void> {
      await deps.events.recordFinding(event);
    },

    /** Holiday data for the years a measure can reach: bundled years, overridden by official ones. */
    async loadCalendar(range: { fromYear: number; toYear: number }): Promise<CalendarData> {
      const years: number[] = [];
      for (let y = range.fromYear; y <= range.toYear; y++) years.push(y);
      return mergeCalendarData(bundledCalendarData(years), await deps.calendars.listOfficial(range.fromYear, range.toYear));
    },
  };
}
