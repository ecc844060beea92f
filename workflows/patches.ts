// The workflows' patches (each guards a behaviour change for running workflows), and the one way
// they ask for one: hasPatch.
import { patched } from '@temporalio/workflow';

/**
 * Every patch of this file, in one marker. A run that begins under it records this one marker and takes all of them; a run recorded
 * before decides each patch by its own marker, as it did. Each marker costs a run a history event
 * and the server a search-attribute write (the SDK upserts TemporalChangeVersion with it): a new
 * measure paid four of each in its 交办 task.
 */
export const PATCH_SET_V13 = 'patch-set-v13';

/** Whether the run takes the patch set: decided at its first hasPatch, once (module state is per run). */
let patchSet: boolean | undefined;

/** The patches of the set: hasPatch takes no other id (a patch added later is asked with `patched`). */
export type PatchOfSet =
  | typeof LADDER_TIMERS_RUN_OUT_PATCH
  | typeof FINDING_OPENED_FIRST_PATCH
  | typeof AUTHORITY_BY_DEPARTMENT_PATCH
  | typeof EVENTS_IN_UPDATE_TASK_PATCH
  | typeof MILESTONE_LADDER_PATCH
  | typeof LADDER_NOTICE_PATCH
  | typeof SERIAL_EVENT_WRITES_PATCH
  | typeof LADDER_NOTICE_BY_ACTIVITY_PATCH
  | typeof LEAN_COMMAND_TASKS_PATCH;

/**
 * `patched(patchId)`, for a patch of the set: true at once in a run under PATCH_SET_V13, else decided
 * by the patch's own marker. A run recorded before the set first asks while replaying, so it stays
 * off the set for good, and its later patches are still decided one by one (live: true, with their
 * own markers), as before. Asked from a workflow's main path or an Update handler, never from an
 * Update validator or a query: those do not run on replay, so a marker recorded there is not met again.
 */
export function hasPatch(patchId: PatchOfSet): boolean {
  patchSet ??= patched(PATCH_SET_V13);
  return patchSet || patched(patchId);
}

/**
 * Workflows started before this patch cancelled the ladder timer whenever something woke them;
 * they replay that way. New runs leave the timer running instead (LadderClock in ladder.ts).
 */
export const LADDER_TIMERS_RUN_OUT_PATCH = 'ladder-timers-run-out';

/** A finding's opening takes sequence 1 before any handler runs (rectification workflow); runs started before replay the old order. */
export const FINDING_OPENED_FIRST_PATCH = 'finding-opened-first';

/** A department head decides only for their own department; runs recorded before replay with the rules they were made under. */
export const AUTHORITY_BY_DEPARTMENT_PATCH = 'authority-by-department';

/**
 * Events are written by a local activity from the Update's own workflow task; runs recorded before
 * it wrote each event with an activity task of its own, and replay that way.
 */
export const EVENTS_IN_UPDATE_TASK_PATCH = 'events-in-update-task';

/** Milestones (节点) climb their own warning/urging steps; runs recorded before ran the deadline's and the review's only. */
export const MILESTONE_LADDER_PATCH = 'milestone-ladder';

/** A measure that reaches 督办 gets the ladder's own 督办单 as a directive workflow (to be signed for and answered). */
export const LADDER_NOTICE_PATCH = 'ladder-notice-directive';

/**
 * A workflow writes its events one at a time, in order of sequence: an Update's event and a ladder step
 * the Update woke (or two Updates in one task) no longer race as concurrent local activities, whose
 * completion order decided the order of their markers and made such a history fail to replay.
 */
export const SERIAL_EVENT_WRITES_PATCH = 'serial-event-writes';

/**
 * The ladder's own 督办单 is started by a local activity in the escalation's task, not as a child
 * workflow: the measure needs no second task to hear the child started (a 09:00 spike of 督办 steps
 * paid one more task per measure). Runs recorded before started it with startChild, and replay that way.
 */
export const LADDER_NOTICE_BY_ACTIVITY_PATCH = 'ladder-notice-by-activity';

/**
 * A command whose event leaves the measure's pending ladder as it was does not wake the ladder loop
 * (which would only re-arm the timer it already has), and a write with none before it in flight starts
 * at once instead of behind a settled one: fewer promises and turns in each command's task. Runs
 * recorded before woke the loop on every event (a step already due then fired in that command's
 * task), and replay that way.
 */
export const LEAN_COMMAND_TASKS_PATCH = 'lean-command-tasks';
