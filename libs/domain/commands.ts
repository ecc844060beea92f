import { checkTransition, type MeasureCommand, type MeasureState, type TransitionCheck } from './lifecycle';
import type { Actor } from './measure-event';

/** Commands only the measure's own assignee may run, whatever their role. */
const ASSIGNEE_ONLY: ReadonlySet<MeasureCommand> = new Set(['accept', 'reportProgress', 'submitForReview', 'requestExtension']);

export type CommandCheck = TransitionCheck | { ok: false; reason: 'wrong_person'; message: string };

/** Role and state rules of the lifecycle, plus the person rule: only the assignee does the work. */
export function checkCommand(
  measure: { state: MeasureState; assigneeId?: string | null },
  command: MeasureCommand,
  actor: Actor,
): CommandCheck {
  const transition = checkTransition(measure.state, command, actor.role);
  if (!transition.ok) return transition;
  if (ASSIGNEE_ONLY.has(command) && measure.assigneeId !== actor.userId) {
    return { ok: false, reason: 'wrong_person', message: '只有本事项的承办人可以进行此操作' };
  }
  return transition;
}
