// One delivery lane per channel: sends its outbox rows in id order, paced on the workflow clock,
// blocked (in order) while the channel is down, paused while its settings are wrong.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { paceBudget, type Pace } from '@duban/domain';
import type { DeliveryActivities } from '../../activities/delivery.activities';
import { LadderClock } from '../ladder';
import { kickSignal, type DeliveryLaneInput } from './definitions';

/**
 * deliverBatch holds no connection while it sends; a channel that is down fails the attempt
 * (ChannelDown) and Temporal retries it for as long as it takes, backing off to every 10 minutes.
 */
const { deliverBatch } = proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const HOUR = 3_600_000;
/** Longest idle wait: a lost kick is made good by this (every idle wake is one activity call). */
export const LANE_IDLE_MS = 6 * HOUR;
/** Most sends asked of one batch. */
const BATCH_MAX = 50;
/** Turns before the lane continues as new (history stays small). */
const TURNS_PER_RUN = 200;

export async function deliveryLaneWorkflow(input: DeliveryLaneInput): Promise<void> {
  const { lane } = input;
  let kicked = false;
  setHandler(kickSignal, () => {
    kicked = true;
  });
  // Timers are never cancelled (see LadderClock): a kick ends the wait, the timer runs out unheeded.
  const clock = new LadderClock();
  let recent: number[] = input.recentSends ?? [];
  let pace: Pace | null = input.pace ?? null;

  for (let turn = 0; ; turn++) {
    if (turn >= TURNS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof deliveryLaneWorkflow>({ lane, recentSends: recent, pace });
    }
    const now = Date.now();
    // The lane's last known pace first (no activity call while it allows nothing); the activity
    // checks again with the channel's pace as set now.
    let max = BATCH_MAX;
    if (pace) {
      const budget = paceBudget(recent, now, pace);
      recent = budget.recent;
      if (budget.budget <= 0) {
        await sleep(Math.max(1, (budget.wakeAt ?? now + 1_000) - now));
        continue;
      }
      max = Math.min(BATCH_MAX, budget.budget);
    }
    kicked = false;
    const result = await deliverBatch({ lane, now, max, recentSends: recent });
    pace = result.pace ?? pace;
    // The activity's clock ran on from `now` while it sent; the lane counts its sends on its own clock.
    const turnEnd = Date.now();
    recent = [...recent, ...result.sentAt.map((t) => Math.min(t, turnEnd))];
    switch (result.status) {
      case 'more':
        break;
      case 'idle': {
        const until = result.nextDueAt === null ? now + LANE_IDLE_MS : Math.min(Math.max(result.nextDueAt, Date.now() + 1), now + LANE_IDLE_MS);
        await clock.wait(until, () => kicked);
        break;
      }
      case 'paused':
        await clock.wait(Date.now() + (result.recheckMs ?? HOUR), () => kicked);
        break;
      case 'rate_limited':
        await sleep(Math.max(1_000, result.sleepMs ?? 1_000));
        break;
      case 'paced':
        await sleep(Math.max(1, (result.wakeAt ?? now + 1_000) - Date.now()));
        break;
      case 'disabled':
        await clock.wait(now + LANE_IDLE_MS, () => kicked);
        break;
    }
  }
}
