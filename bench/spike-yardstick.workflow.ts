// The escalation spike's yardstick: the least a measure workflow can do when its first task finds a
// ladder step already due — write the escalation's rows (event, audit row, notifications, projection
// upsert in one transaction, through the yardstick's one local activity, as its lifecycle does) —
// and then stay open on a timer, as an open measure does. The bench decides the event and the state
// after it beforehand (no calendar activity, no rules, no 督办单 in the workflow).
import { proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { recordedMeasureEvent, type DecidedEvent, type MeasureSnapshot } from '@duban/domain';
import type { createYardstickActivities } from './yardstick.activities';

// The measure workflow's activity options (workflows/persistence.ts).
const { recordYardstickEvent } = proxyLocalActivities<ReturnType<typeof createYardstickActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface SpikeYardstickInput {
  /** The escalation the measure's ladder reaches, as decided by the domain. */
  event: DecidedEvent;
  /** The state after it (its sequence already advanced). */
  after: MeasureSnapshot;
}

export async function spikeYardstickWorkflow(input: SpikeYardstickInput): Promise<void> {
  await recordYardstickEvent(recordedMeasureEvent(workflowInfo().workflowId, input.event, new Date(Date.now()).toISOString(), input.after));
  // The next ladder step is days away: the run stays open on its timer.
  await sleep('7 days');
}
