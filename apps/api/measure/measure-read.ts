// Read-side mapping for measures: projection rows → DTOs, the escalation ladder of the detail page.
import type { MeasureFindingRow, MeasureListRow, MeasureRepository, MeasureScope, PlanQuantityEntity } from '@duban/db';
import {
  deadlineLadder,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  FINDING_STATUS_LABELS,
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  reviewLadder,
  STATUS_LIGHT_LABELS,
  type EscalationLevel,
  type FindingStatus,
  type LadderStep,
  type LightVerdict,
  type MeasureSnapshot,
  type MeasureState,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { QuantityDto } from '../plan/plan.dto';
import type { LightReader } from './light-reader';
import type { LadderStepDto, MeasureFindingDto, MeasureListItemDto } from './measure.dto';

/**
 * Who sees which measures: admins, leaders and supervisors everything; a department head the measures
 * their department leads or co-operates on, plus unassigned ones suggested to it (to 交办 them);
 * staff the measures of their department. Everyone also sees what they are assignee or reviewer of.
 */
export function measureScopeOf(user: AuthenticatedUser): MeasureScope {
  if (user.role === 'admin' || user.role === 'leader' || user.role === 'supervisor') return { kind: 'all' };
  return {
    kind: 'department',
    department: user.departmentCode,
    username: user.username,
    includeSuggestedUnassigned: user.role === 'department_head',
  };
}

/**
 * The plan is public inside the bureau, the work on a measure is scoped: out of scope answers 403
 * 无权查看 (a measure's existence is no secret); a measure nobody knows, 404.
 */
export async function assertMeasureVisible(measures: MeasureRepository, id: string, user: AuthenticatedUser): Promise<void> {
  if (await measures.isVisible(id, measureScopeOf(user))) return;
  if (!(await measures.authorityFacts(id))) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在`);
  throw new DomainError(ErrorCode.MeasureNotVisible, '无权查看该事项的办理情况');
}

export function asMeasureState(state: string): MeasureState {
  return (MEASURE_STATES as readonly string[]).includes(state) ? (state as MeasureState) : 'imported';
}

export function asEscalationLevel(level: string | null): EscalationLevel | null {
  return (ESCALATION_LEVELS as readonly string[]).includes(level ?? '') ? (level as EscalationLevel) : null;
}

export function toListItem(row: MeasureListRow, verdict: LightVerdict): MeasureListItemDto {
  const state = asMeasureState(row.state);
  return {
    id: row.id,
    year: row.year,
    code: row.code,
    title: row.title,
    state,
    stateLabel: MEASURE_STATE_LABELS[state],
    leadDepartment: row.leadDepartment,
    leadDepartmentName: row.leadDepartmentName,
    coDepartments: row.coDepartments,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    dueDate: row.dueDate,
    dueProvisional: row.dueProvisional,
    escalationLevel: asEscalationLevel(row.escalationLevel),
    progressPercent: row.progressPercent,
    light: verdict.light,
    lightLabel: STATUS_LIGHT_LABELS[verdict.light],
    lightReasons: verdict.reasons,
    workingDaysOverdue: verdict.workingDaysOverdue,
    openFindings: row.openFindings,
    suggestedDepartmentCode: row.suggestedDepartmentCode,
  };
}

export function toFindingDto(row: MeasureFindingRow, today: string): MeasureFindingDto {
  const label = FINDING_STATUS_LABELS[row.status as FindingStatus] ?? row.status;
  return { ...row, statusLabel: label, overdue: row.status !== 'closed' && row.dueDate < today };
}

export function toQuantities(rows: PlanQuantityEntity[]): { quantities: QuantityDto[]; quantityTarget: QuantityDto | null } {
  const quantities = rows.map((q) => ({ value: Number(q.value), unit: q.unit, text: q.text }));
  // The same rule as the workflow's target (PlanRepository.measuresToStart): first count, not a %.
  return { quantities, quantityTarget: quantities.find((q) => q.unit !== '%') ?? null };
}

/** States in which the deadline ladder runs, as the measure workflow plans it. */
const DEADLINE_STATES: ReadonlySet<MeasureState> = new Set(['assigned', 'in_progress', 'returned']);
const FIRED_KEY = /^(assignee|reviewer):(\d{4}-\d{2}-\d{2}):([a-z]+)$/;

/**
 * The ladder as the workflow runs it: steps already fired (snapshot.escalation.fired, with the
 * dates their ladder gives on the read calendar), then the steps still pending for the current
 * due date (or review), with their dates.
 */
export function ladderOf(snapshot: Partial<MeasureSnapshot> | null, lights: LightReader): LadderStepDto[] {
  if (!snapshot) return [];
  const planned = (against: LadderStep['against'], on: string): LadderStep[] =>
    against === 'assignee' ? deadlineLadder(on, lights.policy, lights.calendar) : reviewLadder(on, lights.policy, lights.calendar);
  const toDto = (key: string, step: LadderStep, status: LadderStepDto['status']): LadderStepDto => ({
    key,
    level: step.level,
    label: ESCALATION_LABELS[step.level],
    against: step.against,
    date: step.date,
    provisional: step.provisional,
    status,
  });

  const fired = snapshot.escalation?.fired ?? [];
  const steps: LadderStepDto[] = [];
  for (const key of fired) {
    const m = FIRED_KEY.exec(key);
    const step = m && planned(m[1] as LadderStep['against'], m[2]).find((s) => s.level === m[3]);
    if (step) steps.push(toDto(key, step, 'fired'));
  }
  const state = asMeasureState(snapshot.state ?? 'imported');
  const current: Array<[LadderStep['against'], string]> = [];
  if (DEADLINE_STATES.has(state) && snapshot.dueDate) current.push(['assignee', snapshot.dueDate]);
  if (state === 'under_review' && snapshot.submittedOn) current.push(['reviewer', snapshot.submittedOn]);
  for (const [against, on] of current) {
    for (const step of planned(against, on)) {
      const key = `${against}:${on}:${step.level}`;
      if (!fired.includes(key)) steps.push(toDto(key, step, 'pending'));
    }
  }
  return steps;
}
