import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { checkCommand, eventId, measureId as toMeasureId, type Actor, type MeasureCommand, type MeasureEvent } from '@duban/domain';
import type { createMeasureActivities } from '../../activities/measure.activities';
import {
  acceptUpdate,
  assignUpdate,
  COMMAND_REJECTED,
  snapshotQuery,
  type MeasureSnapshot,
  type MeasureWorkflowInput,
} from './definitions';

const { recordMeasureEvent } = proxyActivities<ReturnType<typeof createMeasureActivities>>({
  startToCloseTimeout: '30 seconds',
  // Persistence must eventually succeed (nothing lost); the write is idempotent, so retrying is safe.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureSnapshot> {
  let snapshot: MeasureSnapshot = input.snapshot ?? {
    measureId: toMeasureId(input.year, input.code),
    state: 'imported',
    sequence: 0,
    assigneeId: null,
    dueDate: null,
  };

  function rejectUnless(command: MeasureCommand, actor: Actor): void {
    const check = checkCommand(snapshot, command, actor);
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, COMMAND_REJECTED[check.reason]);
  }

  /**
   * Applies an accepted command: state changes synchronously (so a concurrent update's validator
   * already sees it), then the event is persisted before the update returns.
   */
  async function apply(
    command: MeasureCommand,
    actor: Actor,
    payload: Record<string, unknown>,
    changes: Partial<Pick<MeasureSnapshot, 'assigneeId' | 'dueDate'>> = {},
  ): Promise<MeasureSnapshot> {
    // Re-checked here: validators run at acceptance, and an earlier handler may have moved the state.
    const check = checkCommand(snapshot, command, actor);
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, COMMAND_REJECTED[check.reason]);
    const next = check.next;
    const sequence = snapshot.sequence + 1;
    snapshot = { ...snapshot, ...changes, state: next, sequence };
    const { workflowId } = workflowInfo();
    const event: MeasureEvent = {
      eventId: eventId(workflowId, sequence),
      measureId: snapshot.measureId,
      workflowId,
      sequence,
      type: command,
      actor,
      stateAfter: next,
      payload,
      occurredAt: new Date().toISOString(),
      projection: changes,
    };
    await recordMeasureEvent(event);
    return snapshot;
  }

  setHandler(snapshotQuery, () => snapshot);

  setHandler(
    assignUpdate,
    (cmd) => apply('assign', cmd.actor, { assigneeId: cmd.assigneeId, dueDate: cmd.dueDate }, { assigneeId: cmd.assigneeId, dueDate: cmd.dueDate }),
    {
      validator: (cmd) => {
        rejectUnless('assign', cmd.actor);
        if (!cmd.assigneeId) throw ApplicationFailure.nonRetryable('必须指定承办人', COMMAND_REJECTED.invalid_input);
        if (!DATE.test(cmd.dueDate)) throw ApplicationFailure.nonRetryable('截止日期格式应为 YYYY-MM-DD', COMMAND_REJECTED.invalid_input);
      },
    },
  );

  setHandler(acceptUpdate, (cmd) => apply('accept', cmd.actor, {}), {
    validator: (cmd) => rejectUnless('accept', cmd.actor),
  });

  const finished = () => snapshot.state === 'completed' || snapshot.state === 'cancelled';
  await condition(() => finished() || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (!finished()) await continueAsNew<typeof measureWorkflow>({ year: input.year, code: input.code, snapshot });
  return snapshot;
}
