// One turn of an escalation ladder loop, shared by the measure and the rectification workflows.
import { condition, sleep } from '@temporalio/workflow';
import { reachedSteps, stepInstant, type PlannedStep } from '@duban/domain';
import { hasPatch, LADDER_TIMERS_RUN_OUT_PATCH } from './patches';

/** Long waits are taken in slices of at most a week: no timer spans years. */
const MAX_TIMER_MS = 7 * 24 * 3_600_000;

/**
 * The ladder's timer, kept across turns. A command, a finding or a calendar change wakes the
 * workflow every few minutes on a busy measure; cancelling and re-arming the timer each time
 * filled the history with timer events, and Temporal's time-skipping test server strands a run
 * whose workflow task cancels a timer that fired while the task was with the worker
 * (temporalio/sdk-java#3088). So a timer is never cancelled: the next turn reuses it while it
 * still ends no later than the next step, otherwise it is left to run out harmlessly.
 */
interface ArmedTimer {
  until: number;
  ended: boolean;
  failure?: unknown;
}

export class LadderClock {
  private armed: ArmedTimer | null = null;

  /** Resolves at `next` (or after a week's slice of the wait) or as soon as `wake` turns true. */
  async wait(next: number, wake: () => boolean): Promise<void> {
    const now = Date.now();
    if (!this.armed || this.armed.ended || this.armed.until > next) {
      const timer: ArmedTimer = { until: Math.min(next, now + MAX_TIMER_MS), ended: false };
      this.armed = timer;
      // A timer fails only when the workflow itself is cancelled: the turn waiting on it rethrows,
      // so the workflow ends cancelled; a timer no turn waits on any more fails quietly.
      sleep(Math.max(1, timer.until - now)).then(
        () => (timer.ended = true),
        (failure: unknown) => {
          timer.ended = true;
          timer.failure = failure;
        },
      );
    }
    const timer = this.armed;
    await condition(() => timer.ended || wake());
    if (timer.failure !== undefined) throw timer.failure;
  }
}

/**
 * Fires the steps that have come due, or waits until the next one is due or `wake` turns true.
 * When several are reached at once (assigned with a due date long past, a worker that was down),
 * `escalate` gets them all and announces only the highest.
 */
export async function ladderTurn(
  pending: PlannedStep[],
  escalate: (reached: PlannedStep[]) => Promise<void>,
  wake: () => boolean,
  clock: LadderClock,
): Promise<void> {
  const now = Date.now();
  const reached = reachedSteps(pending, now);
  if (reached.length > 0) return escalate(reached);
  const next = Math.min(...pending.map((s) => stepInstant(s.date)));
  if (!Number.isFinite(next)) await condition(wake);
  else if (hasPatch(LADDER_TIMERS_RUN_OUT_PATCH)) await clock.wait(next, wake);
  else await condition(wake, Math.min(MAX_TIMER_MS, Math.max(1, next - now)));
}
