// Patch ids shared by more than one workflow (each guards a behaviour change for running workflows).

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
