import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  beijingDate,
  decideMeasure,
  DEFAULT_ESCALATION_POLICY,
  escalationEvent,
  eventId,
  evolveMeasure,
  directiveWorkflowId,
  findingWorkflowId,
  groupBySource,
  ladderNotice,
  owningDepartment,
  initialSnapshot,
  isClosedState,
  ladderRecipients,
  measureId as toMeasureId,
  openedFinding,
  pendingLadder,
  recordedMeasureEvent,
  samePlan,
  SYSTEM_ACTOR,
  withDerived,
  withFindingChanged,
  WorkingDayCalendar,
  type DecidedEvent,
  type FindingSummary,
  type MeasureCommandInput,
  type MeasureSnapshot,
  type PlannedStep,
} from '@duban/domain';
import { findingChangedSignal } from '../finding/definitions';
import { rectificationWorkflow } from '../finding/rectification.workflow';
import { LadderClock, ladderTurn } from '../ladder';
import { EventWriter, persistence } from '../persistence';
import { AUTHORITY_BY_DEPARTMENT_PATCH, hasPatch, LADDER_NOTICE_BY_ACTIVITY_PATCH, LADDER_NOTICE_PATCH, LEAN_COMMAND_TASKS_PATCH, MILESTONE_LADDER_PATCH } from '../patches';
import { directiveWorkflow } from '../directive/directive.workflow';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  calendarChangedSignal,
  cancelUpdate,
  carryOverUpdate,
  COMMAND_REJECTED,
  completeMilestoneUpdate,
  decideExtensionUpdate,
  decideTransferUpdate,
  declineUpdate,
  fileInspectionUpdate,
  policyChangedSignal,
  requestTransferUpdate,
  reassignUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  snapshotQuery,
  submitForReviewUpdate,
  suggestedDepartmentSignal,
  type MeasureWorkflowInput,
} from './definitions';

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureSnapshot> {
  let policy = input.policy ?? DEFAULT_ESCALATION_POLICY;
  const quantityTarget = input.quantityTarget?.value ?? null;
  let snapshot: MeasureSnapshot = input.snapshot ?? { ...initialSnapshot(toMeasureId(input.year, input.code)), ...(input.predecessorId ? { predecessorId: input.predecessorId } : {}) };
  /** Bumped on every change the ladder timer must look at again. */
  let version = 0;
  /** The pending ladder the loop's current turn was planned with (null before the first turn). */
  let planned: PlannedStep[] | null = null;
  let calendarStale = false;
  /** Whose head may 交办 the measure while it is unassigned. */
  let suggestedDepartment = input.suggestedDepartment ?? null;

  // Holiday data comes from an activity (never from disk or the clock in workflow code). Handlers
  // are registered before it arrives, so an update in the first task waits for it in `apply`.
  const calendarYears = { fromYear: input.year - 1, toYear: input.year + 3 };
  let calendar: WorkingDayCalendar | undefined;

  const finished = () => isClosedState(snapshot.state);
  const writer = new EventWriter();
  const today = () => beijingDate(Date.now());
  const evolveContext = () => ({ quantityTarget, ladder: calendar && { policy, calendar } });
  const ladderOptions = () => ({ milestones: snapshot.milestones.length > 0 && hasPatch(MILESTONE_LADDER_PATCH) });
  /** Whether the state now leaves the ladder the loop is on as it was (older runs: never asked, always woken). */
  const ladderAsPlanned = () => planned !== null && calendar !== undefined && hasPatch(LEAN_COMMAND_TASKS_PATCH) && samePlan(pendingLadder(snapshot, policy, calendar, ladderOptions()), planned);

  /** The domain's rules for the command now; a refusal fails the Update with its typed reason. */
  function decide(cmd: MeasureCommandInput, stage: 'validate' | 'apply'): DecidedEvent {
    const decision = decideMeasure(snapshot, cmd, {
      today: today(),
      suggestedDepartment,
      quantityTarget,
      stage,
      departmentBound: stage === 'validate' || hasPatch(AUTHORITY_BY_DEPARTMENT_PATCH),
    });
    if (!decision.ok) throw ApplicationFailure.nonRetryable(decision.message, COMMAND_REJECTED[decision.reason]);
    return decision.event;
  }

  /**
   * Folds the event into the state synchronously — so the validator of an update delivered in the
   * same task already sees it — and persists it before the caller hears back.
   */
  async function commit(event: DecidedEvent): Promise<MeasureSnapshot> {
    const occurredAt = new Date(Date.now()).toISOString();
    snapshot = evolveMeasure(snapshot, { ...event, occurredAt }, evolveContext());
    if (!ladderAsPlanned()) version++;
    let after = snapshot;
    if (!calendar) {
      // Only in the first task: derived fields need the calendar before the event is written.
      await condition(() => calendar !== undefined);
      after = withDerived(after, policy, calendar!);
      snapshot = withDerived(snapshot, policy, calendar!);
    }
    await writer.write(() => persistence().recordMeasureEvent(recordedMeasureEvent(workflowInfo().workflowId, event, occurredAt, after)));
    return after;
  }

  /** An accepted command: decided again (an earlier handler in the same task may have moved the state), then committed. */
  const apply = (cmd: MeasureCommandInput) => commit(decide(cmd, 'apply'));
  const validator = (command: MeasureCommandInput['command']) => (input: MeasureCommandInput['input']) => {
    decide({ command, input } as MeasureCommandInput, 'validate');
  };

  setHandler(snapshotQuery, () => snapshot);
  setHandler(calendarChangedSignal, () => {
    calendarStale = true;
  });
  setHandler(suggestedDepartmentSignal, (department) => {
    suggestedDepartment = department;
  });
  setHandler(policyChangedSignal, (changed) => {
    policy = changed;
    version++;
  });

  setHandler(assignUpdate, (input) => apply({ command: 'assign', input }), { validator: validator('assign') });
  setHandler(reassignUpdate, (input) => apply({ command: 'reassign', input }), { validator: validator('reassign') });
  setHandler(acceptUpdate, (input) => apply({ command: 'accept', input }), { validator: validator('accept') });
  setHandler(reportProgressUpdate, (input) => apply({ command: 'reportProgress', input }), { validator: validator('reportProgress') });
  setHandler(submitForReviewUpdate, (input) => apply({ command: 'submitForReview', input }), { validator: validator('submitForReview') });
  setHandler(approveUpdate, (input) => apply({ command: 'approve', input }), { validator: validator('approve') });
  setHandler(returnForReworkUpdate, (input) => apply({ command: 'returnForRework', input }), { validator: validator('returnForRework') });
  setHandler(requestExtensionUpdate, (input) => apply({ command: 'requestExtension', input }), { validator: validator('requestExtension') });
  setHandler(decideExtensionUpdate, (input) => apply({ command: 'decideExtension', input }), { validator: validator('decideExtension') });
  setHandler(cancelUpdate, (input) => apply({ command: 'cancel', input }), { validator: validator('cancel') });
  setHandler(declineUpdate, (input) => apply({ command: 'decline', input }), { validator: validator('decline') });
  setHandler(requestTransferUpdate, (input) => apply({ command: 'requestTransfer', input }), { validator: validator('requestTransfer') });
  setHandler(decideTransferUpdate, (input) => apply({ command: 'decideTransfer', input }), { validator: validator('decideTransfer') });
  setHandler(completeMilestoneUpdate, (input) => apply({ command: 'completeMilestone', input }), { validator: validator('completeMilestone') });
  setHandler(carryOverUpdate, (input) => apply({ command: 'carryOver', input }), { validator: validator('carryOver') });

  setHandler(
    fileInspectionUpdate,
    async (input) => {
      const event = decide({ command: 'fileInspection', input }, 'apply');
      const after = await commit(event);
      // One child workflow per finding; abandoned on close, so they outlive continue-as-new.
      for (const f of event.payload.findings as FindingSummary[]) {
        await startChild(rectificationWorkflow, {
          workflowId: findingWorkflowId(f.findingId),
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [
            {
              finding: openedFinding(f, {
                measureId: snapshot.measureId,
                inspectorId: input.actor.userId,
                assigneeId: snapshot.assigneeId!,
                leadDepartment: snapshot.leadDepartment,
              }),
              measureWorkflowId: workflowInfo().workflowId,
              headId: snapshot.headId,
              calendarYears,
              policy,
            },
          ],
        });
      }
      return after;
    },
    { validator: validator('fileInspection') },
  );

  // A rectification workflow reports its finding's status; no event here, the finding records its own.
  setHandler(findingChangedSignal, (changed) => {
    const next = withFindingChanged(snapshot, changed);
    if (next === snapshot) return;
    snapshot = next;
    version++;
  });

  /**
   * Fires the ladder steps whose day has come. When several are reached at once (assigned with a
   * due date long past, or a worker that was down), only the highest is announced: the measure
   * escalates at once to the level it has reached.
   */
  async function escalate(reached: PlannedStep[]): Promise<void> {
    // One event per ladder (the deadline's, a milestone's): each announces its own highest step.
    for (const group of groupBySource(reached)) {
      const top = group[group.length - 1];
      const after = await commit(escalationEvent(group, ladderRecipients(top.level, snapshot, top.against)));
      const supervision = top.milestone === undefined && group.some((s) => s.level === 'supervision');
      if (supervision && hasPatch(LADDER_NOTICE_PATCH)) await issueLadderNotice(top, after);
    }
  }

  /**
   * 督办 reached: the ladder's own 督办单, a directive workflow of its own (started by a local activity;
   * older runs started it as a child abandoned on close), to be signed for and answered by the owning
   * department; numbered with the escalation's own 督〔year〕第N号 when that event announced 督办 itself.
   */
  async function issueLadderNotice(top: PlannedStep, after: MeasureSnapshot): Promise<void> {
    const n = await persistence().allocateDirectiveNumber({ measureId: snapshot.measureId, kind: 'notice' });
    const directive = ladderNotice({
      measureId: snapshot.measureId,
      n,
      departmentCode: owningDepartment({ ...snapshot, suggestedDepartmentCode: suggestedDepartment }),
      against: top.against,
      sourceEventId: top.level === 'supervision' ? eventId(workflowInfo().workflowId, after.sequence) : null,
      today: today(),
      calendar: calendar!,
    });
    if (hasPatch(LADDER_NOTICE_BY_ACTIVITY_PATCH)) {
      await persistence().startLadderNotice({ directive, calendarYears, policy });
      return;
    }
    await startChild(directiveWorkflow, {
      workflowId: directiveWorkflowId(directive.directiveId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ directive, calendarYears, policy }],
    });
  }

  calendar = new WorkingDayCalendar(await persistence().loadCalendar(calendarYears));
  snapshot = withDerived(snapshot, policy, calendar);
  if (input.reopen) await reopen(input.reopen);

  /**
   * A closed measure started again on purpose (重新打开): the run continues the old run's sequence
   * and history, back to work (or to 待交办), with the reason on the record.
   */
  async function reopen(cmd: NonNullable<MeasureWorkflowInput['reopen']>): Promise<void> {
    const decision = decideMeasure(snapshot, { command: 'reopen', input: cmd }, { today: today(), suggestedDepartment, quantityTarget, stage: 'validate' });
    if (!finished() || !decision.ok) return;
    await commit(decision.event);
  }

  const ladderClock = new LadderClock();
  while (!finished()) {
    if (calendarStale) {
      calendarStale = false;
      calendar = new WorkingDayCalendar(await persistence().loadCalendar(calendarYears));
      const replanned = withDerived(snapshot, policy, calendar);
      if (replanned.dueProvisional !== snapshot.dueProvisional) {
        // Put the re-plan on the record, so the projection stops calling the dates provisional.
        await commit({ type: 'calendarReplanned', actor: SYSTEM_ACTOR, payload: { dueProvisional: replanned.dueProvisional } });
      }
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) break;
    const seen = version;
    planned = pendingLadder(snapshot, policy, calendar, ladderOptions());
    await ladderTurn(
      planned,
      escalate,
      () => version !== seen || finished() || calendarStale || workflowInfo().continueAsNewSuggested,
      ladderClock,
    );
  }

  // Let running update handlers finish (their callers wait for an answer) before leaving this run.
  await condition(allHandlersFinished);
  if (!finished()) await continueAsNew<typeof measureWorkflow>({ ...input, suggestedDepartment, policy, snapshot, reopen: undefined });
  return snapshot;
}
