// The escalation ladder (预警 → 催办 → 督办 → 问责): when each step falls due, on working days.

export const ESCALATION_LEVELS = ['warning', 'urging', 'supervision', 'accountability'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_LABELS: Record<EscalationLevel, string> = {
  warning: '预警',
  urging: '催办',
  supervision: '督办',
  accountability: '问责',
};

/** Per-plan thresholds, in working days. */
export interface EscalationPolicy {
  /** 预警: this many working days before the due date. */
  warningDaysBefore: number;
  /** 督办: at least this many working days overdue. */
  supervisionDaysOverdue: number;
  /** 问责: at least this many working days overdue. */
  accountabilityDaysOverdue: number;
  /** Review waiting longer than this escalates against the reviewer. */
  reviewSlaDays: number;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  warningDaysBefore: 5,
  supervisionDaysOverdue: 3,
  accountabilityDaysOverdue: 10,
  reviewSlaDays: 5,
};

/** What the ladder needs from the working-day calendar. */
export interface WorkingDays {
  addWorkingDays(start: string, n: number): { value: string; provisional: boolean };
}

export interface LadderStep {
  level: EscalationLevel;
  /** Working day on which the step falls due (it fires at the start of that day, Beijing time). */
  date: string;
  provisional: boolean;
  /** Whose slip it is: the assignee's work, or the reviewer's review. */
  against: 'assignee' | 'reviewer';
  /** A milestone's step (节点, 1-based in the assignment's order) rather than the deadline's. */
  milestone?: number;
  milestoneTitle?: string;
}

/** The ladder for a due date: 预警 N days before, 催办 on the day, 督办 and 问责 after. */
export function deadlineLadder(dueDate: string, policy: EscalationPolicy, calendar: WorkingDays): LadderStep[] {
  const step = (level: EscalationLevel, offset: number): LadderStep => {
    const { value, provisional } = calendar.addWorkingDays(dueDate, offset);
    return { level, date: value, provisional, against: 'assignee' };
  };
  return [
    step('warning', -policy.warningDaysBefore),
    step('urging', 0),
    step('supervision', policy.supervisionDaysOverdue),
    step('accountability', policy.accountabilityDaysOverdue),
  ];
}

/**
 * A milestone's own steps: 预警 before its date (the policy's warning days), 催办 on the day; a
 * slipped milestone goes no higher — the deadline's ladder holds 督办 and 问责.
 */
export function milestoneLadder(
  milestone: { title: string; dueDate: string },
  n: number,
  policy: EscalationPolicy,
  calendar: WorkingDays,
): LadderStep[] {
  const step = (level: EscalationLevel, offset: number): LadderStep => {
    const { value, provisional } = calendar.addWorkingDays(milestone.dueDate, offset);
    return { level, date: value, provisional, against: 'assignee', milestone: n, milestoneTitle: milestone.title };
  };
  return [step('warning', -policy.warningDaysBefore), step('urging', 0)];
}

/** Review waiting past its SLA climbs the same ladder against the reviewer (no warning step). */
export function reviewLadder(submittedOn: string, policy: EscalationPolicy, calendar: WorkingDays): LadderStep[] {
  const slaDate = calendar.addWorkingDays(submittedOn, policy.reviewSlaDays);
  const after = (level: EscalationLevel, offset: number): LadderStep => {
    const { value, provisional } = calendar.addWorkingDays(slaDate.value, offset);
    return { level, date: value, provisional: provisional || slaDate.provisional, against: 'reviewer' };
  };
  return [after('urging', 0), after('supervision', policy.supervisionDaysOverdue), after('accountability', policy.accountabilityDaysOverdue)];
}

/** Who is told at each level (recipient keys resolved to people by the notification side). */
export function ladderRecipients(
  level: EscalationLevel,
  who: { assigneeId: string | null; headId: string | null; leadDepartment: string | null },
  against: LadderStep['against'],
): string[] {
  const responsible = against === 'reviewer' ? who.headId : who.assigneeId;
  const head = who.leadDepartment ? `head:${who.leadDepartment}` : null;
  const list: Array<string | null> = {
    warning: [responsible && `user:${responsible}`],
    urging: [responsible && `user:${responsible}`, against === 'reviewer' ? 'group:leadership' : head],
    supervision: [responsible && `user:${responsible}`, head, 'group:supervisors'],
    accountability: [responsible && `user:${responsible}`, head, 'group:supervisors', 'group:leadership'],
  }[level];
  return [...new Set(list.filter((r): r is string => Boolean(r)))];
}

/** Beijing has no daylight saving: a working day starts at 09:00 UTC+8 = 01:00 UTC. */
export function stepInstant(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d, 1, 0, 0);
}

/** The calendar date in Beijing of an instant (for "today" inside workflows, from workflow time). */
export function beijingDate(instantMs: number): string {
  return new Date(instantMs + 8 * 3600_000).toISOString().slice(0, 10);
}
