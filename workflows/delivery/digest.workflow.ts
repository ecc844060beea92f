// 每日汇总: one timer workflow (not a Temporal Schedule: the holiday calendar decides the days) that
// runs the day's digest at 08:30 Beijing on each working day, then continues as new.
import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import { beijingDate, nextDigestInstant, WorkingDayCalendar } from '@duban/domain';
import type { DeliveryActivities } from '../../activities/delivery.activities';
import type { DigestWorkflowInput } from './definitions';

const { loadDigestCalendar, runDigest } = proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Waits are taken in slices of at most a week; the calendar is read again after each. */
const MAX_SLICE_MS = 7 * 24 * 3_600_000;

async function calendarAround(ms: number): Promise<WorkingDayCalendar> {
  const year = Number(beijingDate(ms).slice(0, 4));
  return new WorkingDayCalendar(await loadDigestCalendar({ fromYear: year - 1, toYear: year + 1 }));
}

export async function digestWorkflow(input: DigestWorkflowInput = {}): Promise<void> {
  const after = input.after ?? Date.now();
  let target = nextDigestInstant(after, await calendarAround(after)).getTime();
  while (Date.now() < target) {
    await sleep(Math.max(1, Math.min(target - Date.now(), MAX_SLICE_MS)));
    // An admin may have loaded a year's holidays meanwhile: the day may have moved.
    target = nextDigestInstant(after, await calendarAround(after)).getTime();
  }
  await runDigest({ date: beijingDate(target), at: target });
  return continueAsNew<typeof digestWorkflow>({ after: target });
}
