// Patch ids shared by more than one workflow (each guards a behaviour change for running workflows).

/**
 * Events are written by a local activity from the Update's own workflow task; runs recorded before
 * it wrote each event with an activity task of its own, and replay that way.
 */
export const EVENTS_IN_UPDATE_TASK_PATCH = 'events-in-update-task';

/** Milestones (节点) climb their own warning/urging steps; runs recorded before ran the deadline's and the review's only. */
export const MILESTONE_LADDER_PATCH = 'milestone-ladder';
