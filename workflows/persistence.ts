// Where the measure and rectification workflows write their events and read the calendar.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createMeasureActivities } from '../activities/measure.activities';
import { EVENTS_IN_UPDATE_TASK_PATCH, hasPatch, LEAN_COMMAND_TASKS_PATCH, SERIAL_EVENT_WRITES_PATCH } from './patches';

type MeasureActivities = ReturnType<typeof createMeasureActivities>;

/** Persistence must eventually succeed (nothing lost); the writes are idempotent, so retrying is safe. */
const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;

/** Runs recorded before EVENTS_IN_UPDATE_TASK wrote each event with an activity task of its own. */
const remote = proxyActivities<MeasureActivities>({ startToCloseTimeout: '10 seconds', retry: RETRY });

/**
 * Each event is written by a local activity from the Update's own workflow task (no second task, no
 * activity task round trip). A long outage keeps it retrying (later attempts on workflow timers), so
 * the caller hears COMMAND_PENDING and the event is written once the database is back.
 */
const local = proxyLocalActivities<MeasureActivities>({ startToCloseTimeout: '10 seconds', retry: RETRY });

/** The activities of this call site: local ones, unless the run was recorded before the patch. */
export function persistence(): MeasureActivities {
  return hasPatch(EVENTS_IN_UPDATE_TASK_PATCH) ? local : remote;
}

/**
 * One write at a time, in the order asked (each event's sequence is taken when it is folded in, before
 * its write): a write starts when the one before it has ended, failed or not. Runs recorded before
 * SERIAL_EVENT_WRITES wrote concurrently, and replay that way; runs recorded before LEAN_COMMAND_TASKS
 * started even a write with nothing before it behind the settled tail.
 */
export class EventWriter {
  private tail: Promise<unknown> = Promise.resolve();
  /** Writes started and not yet ended. */
  private inFlight = 0;

  write<T>(write: () => Promise<T>): Promise<T> {
    if (!hasPatch(SERIAL_EVENT_WRITES_PATCH)) return write();
    if (!hasPatch(LEAN_COMMAND_TASKS_PATCH)) {
      const run = this.tail.then(write, write);
      this.tail = run.catch(() => undefined);
      return run;
    }
    const run = this.inFlight === 0 ? write() : this.tail.then(write, write);
    this.inFlight++;
    const ended = () => {
      this.inFlight--;
    };
    this.tail = run.then(ended, ended);
    return run;
  }
}
