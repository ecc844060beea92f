// The measure lifecycle: which command is allowed in which state, and by whom. Read by checkCommand
// (the workflow's decisions, the API's pre-check and route guards, the web's buttons) and by
// evolveMeasure (the state after each command).

export const MEASURE_STATES = [
  'imported',
  'assigned',
  'in_progress',
  'under_review',
  'returned',
  'completed',
  'cancelled',
  'carried_over',
] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export const MEASURE_STATE_LABELS: Record<MeasureState, string> = {
  imported: '待交办',
  assigned: '已交办',
  in_progress: '承办中',
  under_review: '审核中',
  returned: '已退回',
  completed: '已办结',
  cancelled: '已撤销',
  carried_over: '已结转',
};

export const ROLES = ['admin', 'leader', 'department_head', 'staff', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const MEASURE_COMMANDS = [
  'assign',
  'reassign',
  'accept',
  'reportProgress',
  'submitForReview',
  'approve',
  'returnForRework',
  'requestExtension',
  'decideExtension',
  'cancel',
  'fileInspection',
  'reopen',
  'decline',
  'requestTransfer',
  'decideTransfer',
  'completeMilestone',
  'carryOver',
] as const;
export type MeasureCommand = (typeof MEASURE_COMMANDS)[number];

interface CommandRule {
  from: readonly MeasureState[];
  /** The state after the command; undefined keeps the current state. */
  to?: MeasureState;
  roles: readonly Role[];
  label: string;
}

/** Assigned and not closed: the work is in hand (a passed due date makes it overdue). */
export const ACTIVE_STATES: readonly MeasureState[] = ['assigned', 'in_progress', 'under_review', 'returned'];

/**
 * Closed: nothing more happens unless it is reopened (重新打开). A measure carried over into next
 * year's plan (已结转) lives on in its successor and is never reopened.
 */
export const CLOSED_STATES: readonly MeasureState[] = ['completed', 'cancelled', 'carried_over'];

/** Closed states a leader or admin may reopen (a carried-over measure continues in its successor). */
export const REOPENABLE_STATES: readonly MeasureState[] = ['completed', 'cancelled'];

/** Not finished: the work a year-end carry-over moves into next year's plan. */
export const UNFINISHED_STATES: readonly MeasureState[] = ['imported', ...ACTIVE_STATES];

/** Deadline work in hand (not under review): the deadline ladder runs, the assignee may ask for more time. */
export const WORKING_STATES: readonly MeasureState[] = ['assigned', 'in_progress', 'returned'];

export function isClosedState(state: string): state is MeasureState {
  return (CLOSED_STATES as readonly string[]).includes(state);
}

export function isActiveState(state: string): state is MeasureState {
  return (ACTIVE_STATES as readonly string[]).includes(state);
}

/** A state list as SQL (`('a', 'b')`), for repositories: the same sets as the lifecycle, never retyped. */
export function sqlStateList(states: readonly MeasureState[]): string {
  return `(${states.map((s) => `'${s}'`).join(', ')})`;
}

/**
 * Who may run which command in which state. The roles here gate the routes too (the API derives
 * its role check from this table); the department and person rules are in `checkCommand`.
 * Administrators appear under 交办/改派 only to record work already under way (补录, backdated).
 */
export const COMMAND_RULES: Record<MeasureCommand, CommandRule> = {
  assign: { from: ['imported'], to: 'assigned', roles: ['department_head', 'leader', 'admin'], label: '交办' },
  reassign: { from: WORKING_STATES, to: 'assigned', roles: ['department_head', 'leader', 'admin'], label: '改派' },
  accept: { from: ['assigned'], to: 'in_progress', roles: ['staff'], label: '签收' },
  reportProgress: { from: ['in_progress', 'returned'], roles: ['staff'], label: '报送进展' },
  submitForReview: { from: ['in_progress', 'returned'], to: 'under_review', roles: ['staff'], label: '提交审核' },
  approve: { from: ['under_review'], to: 'completed', roles: ['department_head', 'leader'], label: '审核通过' },
  returnForRework: { from: ['under_review'], to: 'returned', roles: ['department_head', 'leader'], label: '退回整改' },
  requestExtension: { from: WORKING_STATES, roles: ['staff'], label: '申请延期' },
  decideExtension: { from: ACTIVE_STATES, roles: ['department_head', 'leader'], label: '审批延期' },
  cancel: { from: ['imported', ...ACTIVE_STATES], to: 'cancelled', roles: ['admin'], label: '撤销' },
  fileInspection: { from: ACTIVE_STATES, roles: ['supervisor'], label: '检查' },
  // The state after a reopening depends on the measure (see reopenedState).
  reopen: { from: REOPENABLE_STATES, roles: ['admin', 'leader'], label: '重新打开' },
  // 退回交办: the assignee sends a mis-assigned task back before 签收; it returns to 待交办 of its department.
  decline: { from: ['assigned'], to: 'imported', roles: ['staff'], label: '退回交办' },
  // 移交: the owning department's head asks another department to take the measure over.
  requestTransfer: { from: ['imported', ...WORKING_STATES], roles: ['department_head'], label: '申请移交' },
  // The receiving department's head (or a leader) accepts or refuses; accepted, it is 待交办 there.
  decideTransfer: { from: ['imported', ...WORKING_STATES], roles: ['department_head', 'leader'], label: '审批移交' },
  completeMilestone: { from: WORKING_STATES, roles: ['staff'], label: '报告节点完成' },
  carryOver: { from: UNFINISHED_STATES, to: 'carried_over', roles: ['admin', 'leader'], label: '年终结转' },
};

/** The roles that may run a command at all, for route guards. */
export function rolesFor(command: MeasureCommand): Role[] {
  return [...COMMAND_RULES[command].roles];
}

export type TransitionCheck =
  | { ok: true; next: MeasureState }
  | { ok: false; reason: 'wrong_state' | 'wrong_role'; message: string };

/** Decides whether `role` may run `command` on a measure in `state`, with a plain reason if not. */
export function checkTransition(state: MeasureState, command: MeasureCommand, role: Role): TransitionCheck {
  const rule = COMMAND_RULES[command];
  if (!rule.roles.includes(role)) {
    return {
      ok: false,
      reason: 'wrong_role',
      message: `「${rule.label}」只能由${rule.roles.map((r) => ROLE_LABELS[r]).join('或')}操作`,
    };
  }
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      reason: 'wrong_state',
      message: `事项当前状态为「${MEASURE_STATE_LABELS[state]}」，不能${rule.label}`,
    };
  }
  return { ok: true, next: rule.to ?? state };
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  leader: '局领导',
  department_head: '处室负责人',
  staff: '承办人',
  supervisor: '纪检监察人员',
};
