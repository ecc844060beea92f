// Read-side mapping for measures: projection rows → DTOs, the escalation ladder of the detail page.
import type { MeasureEventEntity, MeasureFindingRow, MeasureListRow, MeasureRepository, MeasureScope, PlanQuantityEntity } from '@duban/db';
import {
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  FINDING_STATUS_LABELS,
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  firedLadder,
  pendingLadder,
  STATUS_LIGHT_LABELS,
  type EscalationLevel,
  type FindingStatus,
  type PlannedStep,
  type LightVerdict,
  type MeasureSnapshot,
  type MeasureState,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { QuantityDto } from '../plan/plan.dto';
import type { LightReader } from './light-reader';
import type { LadderStepDto, MeasureEventDto, MeasureFindingDto, MeasureListItemDto } from './measure.dto';

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

/**
 * The ladder as the workflow runs it (the domain's plan): steps already fired (by their keys in
 * snapshot.escalation.fired, dated on the read calendar), then the steps still pending now.
 */
export function ladderOf(snapshot: Partial<MeasureSnapshot> | null, lights: LightReader): LadderStepDto[] {
  if (!snapshot) return [];
  const toDto = (step: PlannedStep, status: LadderStepDto['status']): LadderStepDto => ({
    key: step.key,
    level: step.level,
    label: ESCALATION_LABELS[step.level],
    against: step.against,
    date: step.date,
    provisional: step.provisional,
    status,
    milestone: step.milestone ?? null,
    milestoneTitle: step.milestone !== undefined ? (milestones[step.milestone - 1]?.title ?? null) : null,
  });
  const fired = snapshot.escalation?.fired ?? [];
  // The measure's plan's policy (督办规则), as its workflow runs it.
  const policy = lights.policyFor(snapshot.measureId);
  const milestones = snapshot.milestones ?? [];
  const subject = { state: asMeasureState(snapshot.state ?? 'imported'), dueDate: snapshot.dueDate ?? null, submittedOn: snapshot.submittedOn ?? null, milestones, escalation: { fired } };
  return [
    ...firedLadder(fired, policy, lights.calendar).map((s) => toDto(s, 'fired')),
    ...pendingLadder(subject, policy, lights.calendar, { milestones: true }).map((s) => toDto(s, 'pending')),
  ];
}

/** A recorded event as the timeline shows it (who, in which role, and for whom when a deputy acted). */
export function toEventDto(e: MeasureEventEntity): MeasureEventDto {
  return {
    sequence: e.sequence,
    type: e.type,
    actorId: e.actorId,
    actorRole: e.actorRole,
    ...(e.onBehalfOf ? { onBehalfOf: e.onBehalfOf } : {}),
    stateAfter: e.stateAfter,
    payload: e.payload,
    occurredAt: e.occurredAt.toISOString(),
  };
}
