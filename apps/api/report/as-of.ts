// A measure's status as the reports need it: now (from the projection) or as it stood at an earlier
// moment (replayed from its recorded events), so a past month's bulletin shows that month, not today.
import {
  DIRECTIVE_WORKFLOW_PREFIX,
  evolveFinding,
  evolveMeasure,
  findingWorkflowId,
  initialSnapshot,
  isActiveState,
  openedFinding,
  SYSTEM_ACTOR,
  ESCALATION_LEVELS,
  MEASURE_STATES,
  statusLight,
  type EscalationLevel,
  type EscalationPolicy,
  type FindingSnapshot,
  type FindingStatus,
  type LightCalendar,
  type LightVerdict,
  type MeasureSnapshot,
  type MeasureState,
} from '@duban/domain';

export interface MeasureStatus {
  state: MeasureState;
  assigneeId: string | null;
  leadDepartment: string | null;
  coDepartments: string[];
  dueDate: string | null;
  dueProvisional: boolean;
  assignedOn: string | null;
  progressPercent: number | null;
  quantityDone: number | null;
  escalationLevel: EscalationLevel | null;
  reworkCount: number;
  completedOn: string | null;
  findings: Array<{ status: FindingStatus; dueDate: string }>;
}

/** What replay needs of a stored event. */
export interface TimelineEvent {
  workflowId: string;
  type: string;
  stateAfter: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export const NOT_STARTED: MeasureStatus = {
  state: 'imported',
  assigneeId: null,
  leadDepartment: null,
  coDepartments: [],
  dueDate: null,
  dueProvisional: false,
  assignedOn: null,
  progressPercent: null,
  quantityDone: null,
  escalationLevel: null,
  reworkCount: 0,
  completedOn: null,
  findings: [],
};


/**
 * Today's status from the projection. Findings come from the findings projection: the measure's
 * snapshot hears of a finding's progress by signal, without an event, so its copy can lag.
 */
export function statusFromSnapshot(
  state: string | null,
  stored: object | null,
  findings: Array<{ status: string; dueDate: string }>,
): MeasureStatus {
  // The column holds a MeasureSnapshot, written only by MeasureEventRepository.record; older rows
  // may lack fields added since, hence Partial and the defaults.
  const s = (stored ?? {}) as Partial<MeasureSnapshot>;
  return {
    state: asState(state ?? s.state),
    assigneeId: s.assigneeId ?? null,
    leadDepartment: s.leadDepartment ?? null,
    coDepartments: s.coDepartments ?? [],
    dueDate: s.dueDate ?? null,
    dueProvisional: s.dueProvisional ?? false,
    assignedOn: s.assignedOn ?? null,
    progressPercent: s.progress?.percent ?? null,
    quantityDone: s.progress?.quantityDone ?? null,
    escalationLevel: asLevel(s.escalation?.level),
    reworkCount: s.reworkCount ?? 0,
    completedOn: s.completedOn ?? null,
    findings: findings.map((f) => ({ status: asFindingStatus(f.status), dueDate: f.dueDate })),
  };
}

/**
 * The status as it stood just before `cutoff`: the measure's recorded events folded with the
 * domain's `evolveMeasure` (its findings' with `evolveFinding`), the functions its workflows apply.
 * `quantityTarget` lets a count-only progress report become a percentage, as the workflow does.
 */
export function statusAsOf(events: TimelineEvent[], cutoff: Date, quantityTarget: number | null): MeasureStatus {
  let measure: MeasureSnapshot = initialSnapshot('as-of');
  const findings = new Map<string, FindingSnapshot>();
  for (const e of events) {
    if (e.occurredAt.getTime() >= cutoff.getTime()) break;
    // Who acted does not change a status the reports show.
    const facts = { type: e.type, actor: SYSTEM_ACTOR, payload: e.payload, occurredAt: e.occurredAt.toISOString() };
    if (e.workflowId.startsWith(FINDING_WORKFLOW_PREFIX)) {
      const id = e.workflowId.slice(FINDING_WORKFLOW_PREFIX.length);
      const known = findings.get(id) ?? openingOf(id, measure, e);
      if (known) findings.set(id, evolveFinding(known, facts));
      continue;
    }
    // 批示, 督办单 and their answers change nothing of the measure's status.
    if (e.workflowId.startsWith(DIRECTIVE_WORKFLOW_PREFIX)) continue;
    measure = evolveMeasure(measure, facts, { quantityTarget });
  }
  return statusFromSnapshot(measure.state, measure, [...findings.values()].map((f) => ({ status: f.status, dueDate: f.dueDate })));
}

const FINDING_WORKFLOW_PREFIX = findingWorkflowId('');

/** A finding as it was filed: from the measure's inspection, or from its own opening event. */
function openingOf(id: string, measure: MeasureSnapshot, e: TimelineEvent): FindingSnapshot | undefined {
  const filed = measure.findings.find((f) => f.findingId === id);
  const dueDate = filed?.dueDate ?? (typeof e.payload.dueDate === 'string' ? e.payload.dueDate : undefined);
  if (!dueDate) return undefined;
  return openedFinding(
    { findingId: id, n: filed?.n ?? 0, description: filed?.description ?? '', dueDate },
    { measureId: measure.measureId, inspectorId: '', assigneeId: measure.assigneeId ?? '', leadDepartment: measure.leadDepartment },
  );
}

/** The 红黄绿灯 verdict on `date`: the one rule from the domain. */
export function lightOn(status: MeasureStatus, date: string, calendar: LightCalendar, policy: Pick<EscalationPolicy, 'warningDaysBefore'>): LightVerdict {
  return statusLight(
    {
      state: status.state,
      dueDate: status.dueDate,
      assignedOn: status.assignedOn,
      progressPercent: status.progressPercent,
      openFindingDueDates: status.findings.filter((f) => f.status !== 'closed').map((f) => f.dueDate),
    },
    date,
    calendar,
    policy,
  );
}

/** Overdue on `date`: still being worked on and past its due date (the red-light condition). */
export function isOverdue(status: MeasureStatus, date: string): boolean {
  return isActiveState(status.state) && status.dueDate !== null && date > status.dueDate;
}

/** The instant a Beijing calendar day ends (exclusive bound for events of that day). */
export function endOfBeijingDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3_600_000);
}

/** The instant a Beijing calendar day starts. */
export function startOfBeijingDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3_600_000);
}

function asState(value: unknown): MeasureState {
  return MEASURE_STATES.find((s) => s === value) ?? 'imported';
}

function asLevel(value: unknown): EscalationLevel | null {
  return ESCALATION_LEVELS.find((l) => l === value) ?? null;
}

function asFindingStatus(value: unknown): FindingStatus {
  return value === 'closed' || value === 'submitted' ? value : 'open';
}

