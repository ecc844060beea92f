// One turn of an escalation ladder loop, shared by the measure and the rectification workflows.
import { condition } from '@temporalio/workflow';
import { ESCALATION_LEVELS, stepInstant, type LadderStep } from '@duban/domain';

export type PlannedStep = LadderStep & { key: string };

/** Long waits are taken in slices of at most a week: no timer spans years. */
const MAX_TIMER_MS = 7 * 24 * 3_600_000;

/** The steps of a turn that have come due, lowest level first. */
export function reachedSteps(pending: PlannedStep[], now: number): PlannedStep[] {
  return pending
    .filter((s) => stepInstant(s.date) <= now)
    .sort((a, b) => ESCALATION_LEVELS.indexOf(a.level) - ESCALATION_LEVELS.indexOf(b.level));
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
): Promise<void> {
  const now = Date.now();
  const reached = reachedSteps(pending, now);
  if (reached.length > 0) return escalate(reached);
  const next = Math.min(...pending.map((s) => stepInstant(s.date)));
  if (Number.isFinite(next)) await condition(wake, Math.min(MAX_TIMER_MS, Math.max(1, next - now)));
  else await condition(wake);
}
