// The yardstick's one (local) activity: the event's rows written exactly as the measure workflow's
// recordMeasureEvent does (activities/measure.activities.ts) — MeasureEventRepository.record with the
// working-day calendar (bundled + official, re-read at most once a minute), idempotent by event id.
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { CalendarRepository, EventConflictError, MeasureEventRepository } from '@duban/db';
import { mergeCalendarData, WorkingDayCalendar, type MeasureEvent } from '@duban/domain';
import { bundledCalendarData } from '../activities/calendar-data';

export function createYardstickActivities(dataSource: DataSource) {
  const events = new MeasureEventRepository(dataSource);
  const calendars = new CalendarRepository(dataSource);
  let cached: { calendar: WorkingDayCalendar; until: number } | undefined;
  const readCalendar = async (): Promise<WorkingDayCalendar> => {
    if (cached && cached.until > Date.now()) return cached.calendar;
    const calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), await calendars.listOfficial(2000, 2100)));
    cached = { calendar, until: Date.now() + 60_000 };
    return calendar;
  };

  return {
    /** Event, audit row, notifications and projection in one transaction. */
    async recordYardstickEvent(event: MeasureEvent): Promise<void> {
      try {
        await events.record(event, { calendar: await readCalendar() });
      } catch (error) {
        if (error instanceof EventConflictError) throw ApplicationFailure.nonRetryable(error.message, 'EventConflict');
        throw error;
      }
    },
  };
}
