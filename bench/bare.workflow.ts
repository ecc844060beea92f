// Baseline for the benchmarks: a workflow that takes the same kind of Updates as a measure but
// does nothing else — no validation rules, no activity, no projection.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bumpUpdate = defineUpdate<number, [{ payload: unknown }]>('bump');

export async function bareWorkflow(): Promise<number> {
  let count = 0;
  setHandler(bumpUpdate, () => ++count);
  await condition(() => count >= 1_000_000);
  return count;
}
