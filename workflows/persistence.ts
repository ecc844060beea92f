// Where the measure and rectification workflows write their events and read the calendar.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createMeasureActivities } from '../activities/measure.activities';
import { EVENTS_IN_UPDATE_TASK_PATCH } from './patches';

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
  return patched(EVENTS_IN_UPDATE_TASK_PATCH) ? local : remote;
}
