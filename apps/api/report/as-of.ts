// A measure's status as the reports need it: now (from the projection) or as it stood at an earlier
// moment (replayed from its recorded events), so a past month's bulletin shows that month, not today.
import {
  beijingDate,
  ESCALATION_LEVELS,
  MEASURE_STATES,
  statusLight,
  type EscalationLevel,
  type EscalationPolicy,
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

const ACTIVE = new Set<MeasureState>(['assigned', 'in_progress', 'under_review', 'returned']);

/**
 * Today's status from the projection. Findings come from the findings projection: the measure's
 * snapshot hears of a finding's progress by signal, without an event, so its copy can lag.
 */
export function statusFromSnapshot(
  state: string | null,
  stored: Record<string, unknown> | null,
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
 * The status as it stood just before `cutoff`, folded from the measure's events the way its
 * workflow applied them (measure/measure.workflow.ts, finding/rectification.workflow.ts).
 * `quantityTarget` lets a count-only progress report become a percentage, as the workflow does.
 */
export function statusAsOf(events: TimelineEvent[], cutoff: Date, quantityTarget: number | null): MeasureStatus {
  let status: MeasureStatus = { ...NOT_STARTED };
  const findings = new Map<string, { status: FindingStatus; dueDate: string }>();
  for (const e of events) {
    if (e.occurredAt.getTime() >= cutoff.getTime()) break;
    const p = e.payload;
    if (e.workflowId.startsWith('finding-')) {
      const before = findings.get(e.workflowId);
      const dueDate = str(p.dueDate) ?? str(p.nextDueDate) ?? before?.dueDate;
      if (dueDate) findings.set(e.workflowId, { status: asFindingStatus(e.stateAfter), dueDate });
      continue;
    }
    status = { ...status, state: asState(e.stateAfter) };
    switch (e.type) {
      case 'assign':
      case 'reassign': {
        const dueDate = str(p.dueDate);
        status = {
          ...status,
          assigneeId: str(p.assigneeId),
          leadDepartment: str(p.leadDepartment),
          coDepartments: Array.isArray(p.coDepartments) ? p.coDepartments.filter((c): c is string => typeof c === 'string') : [],
          dueDate,
          assignedOn: beijingDate(e.occurredAt.getTime()),
          // A new due date starts a new ladder.
          escalationLevel: dueDate === status.dueDate ? status.escalationLevel : null,
        };
        break;
      }
      case 'reportProgress': {
        const quantityDone = num(p.quantityDone);
        const derived = quantityDone !== null && quantityTarget ? Math.min(100, Math.round((quantityDone / quantityTarget) * 1000) / 10) : null;
        status = {
          ...status,
          progressPercent: num(p.percent) ?? derived ?? status.progressPercent,
          quantityDone: quantityDone ?? status.quantityDone,
        };
        break;
      }
      case 'returnForRework':
        status = { ...status, reworkCount: status.reworkCount + 1 };
        break;
      case 'decideExtension':
        if (p.approve === true && str(p.newDueDate)) status = { ...status, dueDate: str(p.newDueDate), escalationLevel: null };
        break;
      case 'approve':
        status = { ...status, completedOn: beijingDate(e.occurredAt.getTime()) };
        break;
      case 'escalation':
        status = { ...status, escalationLevel: asLevel(p.level) };
        break;
      case 'fileInspection':
        // The findings' own workflows record them from `findingOpened` on.
        break;
    }
  }
  return { ...status, findings: [...findings.values()] };
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
  return ACTIVE.has(status.state) && status.dueDate !== null && date > status.dueDate;
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

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
