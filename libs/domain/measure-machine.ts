// The measure's state machine: `decideMeasure` turns a command into the event to record (or a
// refusal), `evolveMeasure` folds a recorded event into the state. The measure workflow wires them to
// Updates, timers and persistence; the reports' as-of replay folds stored events with the same
// `evolveMeasure`; the API's pre-check and the web's buttons gate with the same rules (checkCommand).
import { assignmentAuthorityProblem, checkCommand, isCoDepartmentStaff, owningDepartment, reopenedState, type RefusalReason } from './commands';
import {
  assignInputProblem,
  cancelInputProblem,
  carryOverInputProblem,
  declineInputProblem,
  transferRequestProblem,
  commandSizeProblem,
  extensionRequestProblem,
  findingDueDateProblem,
  INPUT_MESSAGES,
  progressInputProblem,
  reopenInputProblem,
  returnInputProblem,
  STATE_LIMITS,
  textLimitProblem,
  type ActorOnly,
  type AssignInput,
  type CancelInput,
  type CarryOverInput,
  type DeclineInput,
  type MilestoneCompletionInput,
  type TransferDecisionInput,
  type TransferRequestInput,
  type ExtensionDecisionInput,
  type ExtensionRequestInput,
  type ProgressInput,
  type ReopenInput,
  type ReviewInput,
  type SubmitInput,
} from './command-inputs';
import { beijingDate, ESCALATION_LEVELS, type EscalationLevel, type EscalationPolicy, type LadderStep, type WorkingDays } from './escalation';
import { FINDING_STATUS_LABELS, findingId as toFindingId, type FindingSummary, type InspectionInput } from './finding';
import { currentLadderSources, keptFiredKeys, ladderStepKey, milestoneStepKey, plannedLadder } from './ladder-plan';
import { eventId, parseMeasureId } from './ids';
import { COMMAND_RULES, MEASURE_COMMANDS, type MeasureCommand } from './lifecycle';
import type { Actor, EventActor, MeasureEvent } from './measure-event';
import type { Milestone, MeasureSnapshot, ProgressReport } from './measure-snapshot';
import { unstorableText, unstorableTextMessage } from './storable-text';

/** A command as the machine takes it: which one, and its input (the Update's argument). */
export type MeasureCommandInput =
  | { command: 'assign' | 'reassign'; input: AssignInput }
  | { command: 'accept'; input: ActorOnly }
  | { command: 'reportProgress'; input: ProgressInput }
  | { command: 'submitForReview'; input: SubmitInput }
  | { command: 'approve' | 'returnForRework'; input: ReviewInput }
  | { command: 'requestExtension'; input: ExtensionRequestInput }
  | { command: 'decideExtension'; input: ExtensionDecisionInput }
  | { command: 'cancel'; input: CancelInput }
  | { command: 'fileInspection'; input: InspectionInput }
  | { command: 'reopen'; input: ReopenInput }
  | { command: 'decline'; input: DeclineInput }
  | { command: 'requestTransfer'; input: TransferRequestInput }
  | { command: 'decideTransfer'; input: TransferDecisionInput }
  | { command: 'completeMilestone'; input: MilestoneCompletionInput }
  | { command: 'carryOver'; input: CarryOverInput };

/** What an event carries into the record; the workflow adds ids, sequence, clock and snapshot. */
export interface DecidedEvent {
  type: string;
  actor: EventActor;
  payload: Record<string, unknown>;
}

/**
 * The recorded form of a decided event that produced `after` (its sequence already advanced): what
 * the workflow hands to persistence.
 */
export function recordedMeasureEvent(workflowId: string, event: DecidedEvent, occurredAt: string, after: MeasureSnapshot): MeasureEvent {
  return {
    eventId: eventId(workflowId, after.sequence),
    measureId: after.measureId,
    workflowId,
    sequence: after.sequence,
    type: event.type,
    actor: event.actor,
    stateAfter: after.state,
    payload: event.payload,
    occurredAt,
    snapshot: after,
  };
}

/** A recorded event as `evolveMeasure` reads it (from the workflow, or from PostgreSQL). */
export interface MeasureEventFacts extends DecidedEvent {
  occurredAt: string;
}

export type RejectionReason = RefusalReason | 'invalid_input';

export type Decision = { ok: true; event: DecidedEvent } | { ok: false; reason: RejectionReason; message: string };

export interface DecideContext {
  /** Beijing date of the command (workflow time). */
  today: string;
  /** The department the plan suggests, for an unassigned measure. */
  suggestedDepartment: string | null;
  /** The measure's quantified target, for progress given as a count. */
  quantityTarget: number | null;
  /**
   * 'validate' runs every rule (the Update's validator; a reopening at a run's start). 'apply' re-checks only
   * the lifecycle and authority (state may have moved since validation in the same task) and builds
   * the event: it is what histories recorded before the input rules moved here replay with.
   */
  stage: 'validate' | 'apply';
  /** Off only to replay histories from before authority followed departments. */
  departmentBound?: boolean;
}

/** Context of `evolveMeasure`: without `ladder`, derived ladder fields (dueProvisional) stay as they are. */
export interface EvolveContext {
  quantityTarget: number | null;
  ladder?: { policy: EscalationPolicy; calendar: WorkingDays };
}

function refuse(reason: RejectionReason, message: string): Decision {
  return { ok: false, reason, message };
}

/** The rules of one command on the measure as it stands: the event to record, or why not. */
export function decideMeasure(state: MeasureSnapshot, cmd: MeasureCommandInput, ctx: DecideContext): Decision {
  const actor: Actor = cmd.input.actor;
  const validate = ctx.stage === 'validate';
  if (validate) {
    const unstorable = unstorableText(cmd.input);
    if (unstorable !== undefined) return refuse('invalid_input', unstorableTextMessage(unstorable));
    const tooLarge = commandSizeProblem(cmd.input) ?? textLimitProblem(cmd.input);
    if (tooLarge) return refuse('invalid_input', tooLarge);
  }
  if (cmd.command === 'decideTransfer' && state.transfer?.n !== cmd.input.n) {
    // Checked before the authority rules: they name the receiving department of this very request.
    return refuse('invalid_input', `没有编号为 ${cmd.input.n} 的移交申请`);
  }
  const check = checkCommand({ ...state, suggestedDepartmentCode: ctx.suggestedDepartment }, cmd.command, actor, {
    departmentBound: ctx.departmentBound ?? true,
  });
  if (!check.ok) return refuse(check.reason, check.message);
  const problem = validate ? inputProblem(state, cmd, ctx) : undefined;
  if (problem) return problem;
  return { ok: true, event: { type: cmd.command, actor, payload: payloadOf(state, cmd) } };
}

/** The input rules of each command (beyond who may run it in which state). */
function inputProblem(state: MeasureSnapshot, cmd: MeasureCommandInput, ctx: DecideContext): Decision | undefined {
  const invalid = (message: string | undefined) => (message ? refuse('invalid_input', message) : undefined);
  switch (cmd.command) {
    case 'assign':
    case 'reassign': {
      const problem = assignInputProblem(cmd.input, ctx.today);
      if (problem) return invalid(problem);
      const authority = assignmentAuthorityProblem(cmd.input.actor, cmd.input, cmd.input.assignee);
      return authority ? refuse(authority.reason, authority.message) : undefined;
    }
    case 'reportProgress': {
      const problem = progressInputProblem(cmd.input, ctx.quantityTarget);
      if (problem) return invalid(problem);
      const { actor } = cmd.input;
      if (actor.userId !== state.assigneeId && isCoDepartmentStaff(state, actor) && (cmd.input.percent !== undefined || cmd.input.quantityDone !== undefined)) {
        return invalid('配合处室人员只能报送进展说明，完成比例和数量由承办人报送');
      }
      return undefined;
    }
    case 'approve': {
      const open = state.findings.filter((f) => f.status !== 'closed');
      if (open.length === 0) return undefined;
      return refuse(
        'wrong_state',
        `尚有 ${open.length} 个检查问题未整改销号（${open.map((f) => `${f.findingId} ${FINDING_STATUS_LABELS[f.status]}`).join('，')}），不能办结`,
      );
    }
    case 'returnForRework':
      return invalid(returnInputProblem(cmd.input));
    case 'requestExtension':
      if (state.extensions.some((e) => e.status === 'pending')) return invalid('已有待审批的延期申请');
      if (state.extensions.length >= STATE_LIMITS.extensions) return invalid(`延期申请已达 ${STATE_LIMITS.extensions} 次上限，请与牵头处室负责人沟通调整任务`);
      return invalid(extensionRequestProblem(cmd.input, state.dueDate, ctx.today));
    case 'decideExtension': {
      const request = state.extensions.find((e) => e.n === cmd.input.n);
      if (!request) return invalid(`没有编号为 ${cmd.input.n} 的延期申请`);
      if (request.status !== 'pending') return invalid(`延期申请 ${cmd.input.n} 已经处理过`);
      if (!cmd.input.approve && !cmd.input.comment?.trim()) return invalid('不同意延期时必须填写意见');
      return undefined;
    }
    case 'cancel':
      return invalid(cancelInputProblem(cmd.input));
    case 'reopen':
      return invalid(reopenInputProblem(cmd.input));
    case 'fileInspection': {
      if (!state.assigneeId) return invalid('事项尚未交办，无法检查');
      const findings = cmd.input.findings;
      if (!findings?.length) return invalid(INPUT_MESSAGES.noFindings);
      if (findings.length > 20) return invalid(INPUT_MESSAGES.tooManyFindings);
      if (state.findings.length + findings.length > STATE_LIMITS.findings) {
        return invalid(`一个事项最多 ${STATE_LIMITS.findings} 个检查问题（已有 ${state.findings.length} 个）`);
      }
      for (const f of findings) {
        if (!f.description?.trim()) return invalid(INPUT_MESSAGES.findingDescription);
        const problem = findingDueDateProblem(f.description, f.dueDate, ctx.today);
        if (problem) return invalid(problem);
      }
      return undefined;
    }
    case 'decline':
      return invalid(declineInputProblem(cmd.input));
    case 'requestTransfer':
      if (state.transfer?.status === 'pending') return invalid(`已有待接收处室审批的移交申请（移交至 ${state.transfer.toDepartment}）`);
      return invalid(transferRequestProblem(cmd.input, owningDepartment({ ...state, suggestedDepartmentCode: ctx.suggestedDepartment })));
    case 'decideTransfer':
      if (state.transfer?.status !== 'pending') return invalid(`移交申请 ${cmd.input.n} 已经处理过`);
      if (!cmd.input.accept && !cmd.input.comment?.trim()) return invalid(INPUT_MESSAGES.transferRefusalComment);
      return undefined;
    case 'completeMilestone': {
      const milestone = state.milestones[cmd.input.n - 1];
      if (!Number.isInteger(cmd.input.n) || !milestone) return invalid(`没有第 ${cmd.input.n} 个节点`);
      if (milestone.completedOn) return invalid(`节点「${milestone.title}」已于 ${milestone.completedOn} 报告完成`);
      return undefined;
    }
    case 'carryOver':
      return invalid(carryOverInputProblem(cmd.input, parseMeasureId(state.measureId)?.year ?? 0));
    case 'accept':
    case 'submitForReview':
      return undefined;
  }
}

/** The event payload of an accepted command: everything `evolveMeasure` needs, nothing of the clock. */
function payloadOf(state: MeasureSnapshot, cmd: MeasureCommandInput): Record<string, unknown> {
  switch (cmd.command) {
    case 'assign':
    case 'reassign': {
      const i = cmd.input;
      return {
        assigneeId: i.assigneeId,
        leadDepartment: i.leadDepartment,
        coDepartments: i.coDepartments ?? [],
        dueDate: i.dueDate,
        milestones: i.milestones ?? [],
        ...(i.assignedOn !== undefined ? { assignedOn: i.assignedOn, backdateReason: i.backdateReason?.trim() ?? null } : {}),
      };
    }
    case 'accept':
      return {};
    case 'reportProgress': {
      // 存在问题 / 下步打算 appear in the payload only when written: a report without them records
      // exactly what it did before they existed.
      const problems = cmd.input.problems?.trim();
      const nextSteps = cmd.input.nextSteps?.trim();
      return {
        percent: cmd.input.percent ?? null,
        quantityDone: cmd.input.quantityDone ?? null,
        note: cmd.input.note?.trim() || null,
        ...(problems ? { problems } : {}),
        ...(nextSteps ? { nextSteps } : {}),
        evidence: cmd.input.evidence ?? [],
      };
    }
    case 'submitForReview':
      return { note: cmd.input.note ?? null, evidence: cmd.input.evidence ?? [] };
    case 'approve':
      return { comment: cmd.input.comment ?? null };
    case 'returnForRework':
      return { comment: cmd.input.comment };
    case 'requestExtension':
      return { n: state.extensions.length + 1, newDueDate: cmd.input.newDueDate, reason: cmd.input.reason };
    case 'decideExtension': {
      const request = state.extensions.find((e) => e.n === cmd.input.n);
      return { n: cmd.input.n, approve: cmd.input.approve, comment: cmd.input.comment ?? null, newDueDate: request?.newDueDate };
    }
    case 'cancel':
      return { reason: cmd.input.reason };
    case 'reopen':
      return { reason: cmd.input.reason.trim(), previousState: state.state };
    case 'decline':
      return { reason: cmd.input.reason.trim(), assigneeId: state.assigneeId, leadDepartment: state.leadDepartment };
    case 'requestTransfer':
      return {
        n: (state.transfer?.n ?? 0) + 1,
        fromDepartment: state.leadDepartment ?? null,
        toDepartment: cmd.input.toDepartment,
        reason: cmd.input.reason.trim(),
      };
    case 'decideTransfer':
      return {
        n: cmd.input.n,
        accept: cmd.input.accept,
        comment: cmd.input.comment?.trim() || null,
        fromDepartment: state.transfer?.fromDepartment ?? null,
        toDepartment: state.transfer?.toDepartment ?? null,
      };
    case 'completeMilestone':
      return { n: cmd.input.n, title: state.milestones[cmd.input.n - 1]?.title ?? null, note: cmd.input.note?.trim() || null };
    case 'carryOver':
      return { successorId: cmd.input.successorId, toYear: cmd.input.toYear, reason: cmd.input.reason.trim() };
    case 'fileInspection': {
      const first = state.findings.length + 1;
      return {
        findings: cmd.input.findings.map((f, i) => ({
          n: first + i,
          findingId: toFindingId(state.measureId, first + i),
          description: f.description.trim(),
          status: 'open' as const,
          round: 1,
          dueDate: f.dueDate,
        })),
      };
    }
  }
}

/** The escalation event for the ladder steps reached at once (only the highest is announced). */
export function escalationEvent(
  reached: Array<LadderStep & { key: string }>,
  recipients: string[],
): DecidedEvent {
  const top = reached[reached.length - 1];
  return {
    type: 'escalation',
    actor: { userId: 'system', role: 'system' },
    payload: {
      level: top.level,
      against: top.against,
      stepDate: top.date,
      provisional: top.provisional,
      recipients,
      skipped: reached.slice(0, -1).map((s) => s.level),
      ...(top.milestone !== undefined ? { milestone: top.milestone, milestoneTitle: top.milestoneTitle ?? null } : {}),
    },
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/**
 * 存在问题 / 下步打算 after a report: a written report (a note, problems or next steps) states its
 * own, so problems it leaves out are no longer current; a report of figures only keeps the last ones.
 * The keys are present only with a value, so states recorded before these fields are unchanged.
 */
function reportText(previous: ProgressReport, p: Record<string, unknown>): Pick<ProgressReport, 'problems' | 'nextSteps'> {
  const written = str(p.note) !== null || str(p.problems) !== null || str(p.nextSteps) !== null;
  const problems = written ? str(p.problems) : (previous.problems ?? null);
  const nextSteps = written ? str(p.nextSteps) : (previous.nextSteps ?? null);
  return { ...(problems ? { problems } : {}), ...(nextSteps ? { nextSteps } : {}) };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const level = (v: unknown): EscalationLevel | null => ESCALATION_LEVELS.find((l) => l === v) ?? null;

/** A count reported against the measure's target as a percentage (one decimal, at most 100). */
export function percentOfTarget(quantityDone: number | null, target: number | null): number | null {
  if (quantityDone === null || !target) return null;
  return Math.min(100, Math.round((quantityDone / target) * 1000) / 10);
}

/**
 * The state after a recorded event. Pure: everything comes from the event (its payload, actor and
 * time), so the workflow and the replay of stored events arrive at the same state.
 */
export function evolveMeasure(state: MeasureSnapshot, event: MeasureEventFacts, ctx: EvolveContext): MeasureSnapshot {
  const p = event.payload;
  const on = beijingDate(Date.parse(event.occurredAt));
  // A command's state after is the lifecycle table's (COMMAND_RULES); reopen and the system's events below.
  const command = (MEASURE_COMMANDS as readonly string[]).includes(event.type) ? COMMAND_RULES[event.type as MeasureCommand] : undefined;
  let next: MeasureSnapshot = { ...state, sequence: state.sequence + 1, state: command?.to ?? state.state };
  switch (event.type) {
    case 'assign':
    case 'reassign': {
      const dueDate = str(p.dueDate);
      next = {
        ...next,
        assigneeId: str(p.assigneeId),
        leadDepartment: str(p.leadDepartment),
        coDepartments: strings(p.coDepartments),
        dueDate,
        milestones: Array.isArray(p.milestones) ? keptMilestoneCompletions(p.milestones as Milestone[], state.milestones) : [],
        // The head reviews it: a deputy who assigned it acted for them (代), so the head stays the reviewer.
        headId: ('onBehalfOf' in event.actor && event.actor.onBehalfOf) || event.actor.userId,
        // Recording work already under way keeps its real date of assignment.
        assignedOn: str(p.assignedOn) ?? on,
        // A new due date starts a new ladder; steps already fired stay in the record.
        escalation: state.dueDate === dueDate ? state.escalation : { ...state.escalation, level: null, against: null },
      };
      break;
    }
    case 'reportProgress': {
      const quantityDone = num(p.quantityDone);
      const evidence = strings(p.evidence);
      next = {
        ...next,
        progress: {
          percent: num(p.percent) ?? percentOfTarget(quantityDone, ctx.quantityTarget) ?? state.progress.percent,
          quantityDone: quantityDone ?? state.progress.quantityDone,
          note: str(p.note) ?? state.progress.note,
          ...reportText(state.progress, p),
          // Only the latest report's references: every report's evidence is in its own event.
          evidence: evidence.length > 0 ? evidence : state.progress.evidence,
          reportedAt: event.occurredAt,
          reports: (state.progress.reports ?? 0) + 1,
        },
      };
      break;
    }
    case 'submitForReview': {
      const evidence = strings(p.evidence);
      next = {
        ...next,
        submittedOn: on,
        progress: { ...state.progress, evidence: evidence.length > 0 ? evidence : state.progress.evidence },
      };
      break;
    }
    case 'approve':
      next = { ...next, completedOn: on, submittedOn: null };
      break;
    case 'returnForRework':
      next = { ...next, submittedOn: null, reworkCount: state.reworkCount + 1 };
      break;
    case 'requestExtension':
      next = {
        ...next,
        extensions: [
          ...state.extensions,
          {
            n: num(p.n) ?? state.extensions.length + 1,
            newDueDate: str(p.newDueDate) ?? '',
            reason: (str(p.reason) ?? '').trim(),
            requestedBy: event.actor.userId,
            requestedAt: event.occurredAt,
            status: 'pending',
          },
        ],
      };
      break;
    case 'decideExtension': {
      const n = num(p.n);
      const approve = p.approve === true;
      const request = state.extensions.find((e) => e.n === n);
      const decided = { decidedBy: event.actor.userId, comment: str(p.comment) ?? undefined, status: approve ? ('approved' as const) : ('rejected' as const) };
      next = {
        ...next,
        extensions: state.extensions.map((e) => (e.n === n ? { ...e, ...decided } : e)),
        // An approved extension moves the due date and re-plans the pending ladder steps.
        ...(approve && request ? { dueDate: request.newDueDate, escalation: { ...state.escalation, level: null, against: null } } : {}),
      };
      break;
    }
    case 'cancel':
      next = { ...next, cancelReason: (str(p.reason) ?? '').trim() };
      break;
    case 'fileInspection': {
      const filed = Array.isArray(p.findings) ? (p.findings as FindingSummary[]) : [];
      next = { ...next, findings: [...state.findings, ...filed] };
      break;
    }
    case 'escalation': {
      const top = level(p.level);
      const milestone = num(p.milestone);
      if (milestone !== null) {
        // A milestone's step: the measure's own ladder level stays what its deadline made it.
        const on = state.milestones[milestone - 1]?.dueDate;
        const keys = on && top ? [...strings(p.skipped), top].map((l) => milestoneStepKey(milestone, on, l as EscalationLevel)) : [];
        next = { ...next, escalation: { ...state.escalation, fired: keptFiredKeys([...state.escalation.fired, ...keys], currentLadderSources(state), STATE_LIMITS.firedSteps) } };
        break;
      }
      const against = p.against === 'reviewer' ? 'reviewer' : 'assignee';
      const ladderOn = against === 'reviewer' ? state.submittedOn : state.dueDate;
      const keys = ladderOn && top ? [...strings(p.skipped), top].map((l) => ladderStepKey(against, ladderOn, l as EscalationLevel)) : [];
      next = {
        ...next,
        escalation: {
          level: top,
          against,
          fired: keptFiredKeys([...state.escalation.fired, ...keys], currentLadderSources(state), STATE_LIMITS.firedSteps),
        },
      };
      break;
    }
    case 'reopen':
      next = { ...next, state: reopenedState(state), completedOn: null, submittedOn: null, cancelReason: null };
      break;
    case 'calendarReplanned':
      next = { ...next, dueProvisional: p.dueProvisional === true };
      break;
    case 'decline':
      // Back to 待交办 of its department (kept as the lead department, so its head sees it); the ladder stops.
      next = { ...next, ...unassigned(state), leadDepartment: state.leadDepartment, declines: (state.declines ?? 0) + 1 };
      break;
    case 'requestTransfer':
      next = {
        ...next,
        transfer: {
          n: num(p.n) ?? (state.transfer?.n ?? 0) + 1,
          fromDepartment: str(p.fromDepartment) ?? '',
          toDepartment: str(p.toDepartment) ?? '',
          reason: str(p.reason) ?? '',
          requestedBy: event.actor.userId,
          requestedAt: event.occurredAt,
          status: 'pending',
        },
      };
      break;
    case 'decideTransfer': {
      const accept = p.accept === true;
      const decided = state.transfer
        ? { ...state.transfer, status: accept ? ('accepted' as const) : ('rejected' as const), decidedBy: event.actor.userId, comment: str(p.comment) ?? undefined }
        : null;
      next = { ...next, transfer: decided };
      // Accepted: the receiving department leads it, 待交办 there, for its head to assign.
      if (accept) next = { ...next, ...unassigned(state), state: 'imported', leadDepartment: str(p.toDepartment) ?? state.transfer?.toDepartment ?? null, headId: null };
      break;
    }
    case 'completeMilestone': {
      const n = num(p.n);
      next = { ...next, milestones: state.milestones.map((m, i) => (i + 1 === n ? { ...m, completedOn: on } : m)) };
      break;
    }
    case 'carryOver':
      next = { ...next, successorId: str(p.successorId) };
      break;
  }
  return ctx.ladder ? withDerived(next, ctx.ladder.policy, ctx.ladder.calendar) : next;
}

/** The work given up when a measure goes back to 待交办 (退回交办, an accepted 移交): nobody holds it, no ladder runs. */
function unassigned(state: MeasureSnapshot): Partial<MeasureSnapshot> {
  return {
    assigneeId: null,
    coDepartments: [],
    dueDate: null,
    milestones: [],
    submittedOn: null,
    escalation: { ...state.escalation, level: null, against: null },
  };
}

/** A new assignment's milestones, keeping the completion of those it repeats (same title and date). */
function keptMilestoneCompletions(milestones: Milestone[], before: readonly Milestone[]): Milestone[] {
  return milestones.map((m) => {
    const done = before.find((b) => b.title === m.title && b.dueDate === m.dueDate && b.completedOn);
    return done ? { title: m.title, dueDate: m.dueDate, completedOn: done.completedOn } : { title: m.title, dueDate: m.dueDate };
  });
}

/** Fields that follow from others: whether any planned ladder date rests on a year without holiday data. */
export function withDerived(state: MeasureSnapshot, policy: EscalationPolicy, calendar: WorkingDays): MeasureSnapshot {
  return { ...state, dueProvisional: plannedLadder(state, policy, calendar).some((s) => s.provisional) };
}

/**
 * A finding's status as its rectification workflow reported it (a signal, no event of the measure).
 * A late report of an older state (its write finished after a newer one's) changes nothing.
 */
export function withFindingChanged(state: MeasureSnapshot, changed: FindingSummary): MeasureSnapshot {
  const known = state.findings.find((f) => f.n === changed.n);
  if (known?.sequence !== undefined && changed.sequence !== undefined && changed.sequence <= known.sequence) return state;
  return { ...state, findings: state.findings.map((f) => (f.n === changed.n ? changed : f)) };
}
