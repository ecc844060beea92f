import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  assignInputProblem,
  assignmentAuthorityProblem,
  beijingDate,
  cancelInputProblem,
  checkCommand,
  DEFAULT_ESCALATION_POLICY,
  deadlineLadder,
  eventId,
  extensionRequestProblem,
  FINDING_STATUS_LABELS,
  findingDueDateProblem,
  findingId as toFindingId,
  findingWorkflowId,
  initialSnapshot,
  ladderRecipients,
  measureId as toMeasureId,
  isCoDepartmentStaff,
  progressInputProblem,
  reopenedState,
  returnInputProblem,
  reviewLadder,
  SYSTEM_ACTOR,
  unstorableText,
  unstorableTextMessage,
  WorkingDayCalendar,
  type Actor,
  type AssignInput,
  type EventActor,
  type MeasureCommand,
  type MeasureEvent,
  type MeasureSnapshot,
} from '@duban/domain';
import type { createMeasureActivities } from '../../activities/measure.activities';
import { findingChangedSignal } from '../finding/definitions';
import { rectificationWorkflow } from '../finding/rectification.workflow';
import { LadderClock, ladderTurn, type PlannedStep } from '../ladder';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  calendarChangedSignal,
  cancelUpdate,
  COMMAND_REJECTED,
  decideExtensionUpdate,
  fileInspectionUpdate,
  reassignUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  snapshotQuery,
  submitForReviewUpdate,
  suggestedDepartmentSignal,
  type MeasureWorkflowInput,
} from './definitions';

const { recordMeasureEvent, loadCalendar } = proxyActivities<ReturnType<typeof createMeasureActivities>>({
  startToCloseTimeout: '10 seconds',
  // Persistence must eventually succeed (nothing lost); the writes are idempotent, so retrying is safe.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});


/** Deadline work is in hand in these states; the deadline ladder runs. */
const WORKING_STATES = new Set(['assigned', 'in_progress', 'returned']);

function invalid(message: string): never {
  throw ApplicationFailure.nonRetryable(message, COMMAND_REJECTED.invalid_input);
}

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureSnapshot> {
  const policy = input.policy ?? DEFAULT_ESCALATION_POLICY;
  let snapshot: MeasureSnapshot = input.snapshot ?? initialSnapshot(toMeasureId(input.year, input.code));
  /** Bumped on every change the ladder timer must look at again. */
  let version = 0;
  let calendarStale = false;
  /** Whose head may 交办 the measure while it is unassigned. */
  let suggestedDepartment = input.suggestedDepartment ?? null;

  // Holiday data comes from an activity (never from disk or the clock in workflow code). Handlers
  // are registered before it arrives, so an update in the first task waits for it in `apply`.
  const calendarYears = { fromYear: input.year - 1, toYear: input.year + 3 };
  let calendar: WorkingDayCalendar | undefined;

  const finished = () => snapshot.state === 'completed' || snapshot.state === 'cancelled';
  const today = () => beijingDate(Date.now());

  function activeLadder(): PlannedStep[] {
    if (!calendar) return [];
    if (WORKING_STATES.has(snapshot.state) && snapshot.dueDate) {
      const due = snapshot.dueDate;
      return deadlineLadder(due, policy, calendar!).map((s) => ({ ...s, key: `assignee:${due}:${s.level}` }));
    }
    if (snapshot.state === 'under_review' && snapshot.submittedOn) {
      const on = snapshot.submittedOn;
      return reviewLadder(on, policy, calendar!).map((s) => ({ ...s, key: `reviewer:${on}:${s.level}` }));
    }
    return [];
  }

  /** Fields that follow from others: whether any planned date rests on an uncovered year. */
  function withDerived(next: MeasureSnapshot): MeasureSnapshot {
    const previous = snapshot;
    snapshot = next;
    const dueProvisional = activeLadder().some((s) => s.provisional);
    snapshot = previous;
    return { ...next, dueProvisional };
  }

  /** The event that produced `after` (its sequence already advanced). */
  function eventFor(type: string, actor: EventActor, payload: Record<string, unknown>, after: MeasureSnapshot): MeasureEvent {
    const { workflowId } = workflowInfo();
    return {
      eventId: eventId(workflowId, after.sequence),
      measureId: after.measureId,
      workflowId,
      sequence: after.sequence,
      type,
      actor,
      stateAfter: after.state,
      payload,
      occurredAt: new Date(Date.now()).toISOString(),
      snapshot: after,
    };
  }

  /** The lifecycle rules for who may do what now; first, text PostgreSQL could never store. */
  function rejectUnless(command: MeasureCommand, cmd: { actor: Actor }): void {
    const unstorable = unstorableText(cmd);
    if (unstorable !== undefined) invalid(unstorableTextMessage(unstorable));
    const check = checkCommand(facts(), command, cmd.actor);
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, COMMAND_REJECTED[check.reason]);
  }

  /** What the authority rules look at: the measure and the department the plan suggests. */
  function facts() {
    return { ...snapshot, suggestedDepartmentCode: suggestedDepartment };
  }

  /**
   * Applies an accepted command. The state changes synchronously — so the validator of an update
   * delivered in the same task already sees it — and the event is persisted before the update returns.
   */
  async function apply(
    command: MeasureCommand,
    actor: Actor,
    payload: Record<string, unknown>,
    change: (s: MeasureSnapshot) => MeasureSnapshot = (s) => s,
  ): Promise<MeasureSnapshot> {
    // Re-checked: an earlier handler in the same task may have moved the state since validation.
    // Histories from before department-bound authority replay with the rules they were made under.
    const check = checkCommand(facts(), command, actor, { departmentBound: patched('authority-by-department') });
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, COMMAND_REJECTED[check.reason]);
    snapshot = withDerived({ ...change(snapshot), state: check.next, sequence: snapshot.sequence + 1 });
    version++;
    let after = snapshot;
    if (!calendar) {
      // Only in the first task: derived fields need the calendar before the event is written.
      await condition(() => calendar !== undefined);
      after = withDerived(after);
      snapshot = withDerived(snapshot);
    }
    await recordMeasureEvent(eventFor(command, actor, payload, after));
    return after;
  }

  setHandler(snapshotQuery, () => snapshot);
  setHandler(calendarChangedSignal, () => {
    calendarStale = true;
  });
  setHandler(suggestedDepartmentSignal, (department) => {
    suggestedDepartment = department;
  });

  const assignment = (cmd: AssignInput) => ({
    assigneeId: cmd.assigneeId,
    leadDepartment: cmd.leadDepartment,
    coDepartments: cmd.coDepartments ?? [],
    dueDate: cmd.dueDate,
    milestones: cmd.milestones ?? [],
    ...(cmd.assignedOn !== undefined ? { assignedOn: cmd.assignedOn, backdateReason: cmd.backdateReason?.trim() ?? null } : {}),
  });

  for (const [definition, command] of [
    [assignUpdate, 'assign'],
    [reassignUpdate, 'reassign'],
  ] as const) {
    setHandler(
      definition,
      (cmd) =>
        apply(command, cmd.actor, assignment(cmd), (s) => ({
          ...s,
          assigneeId: cmd.assigneeId,
          leadDepartment: cmd.leadDepartment,
          coDepartments: cmd.coDepartments ?? [],
          dueDate: cmd.dueDate,
          milestones: cmd.milestones ?? [],
          headId: cmd.actor.userId,
          // Recording work already under way keeps its real date of assignment.
          assignedOn: cmd.assignedOn ?? today(),
          // A new due date starts a new ladder; steps already fired stay in the record.
          escalation: s.dueDate === cmd.dueDate ? s.escalation : { ...s.escalation, level: null, against: null },
        })),
      {
        validator: (cmd) => {
          rejectUnless(command, cmd);
          const problem = assignInputProblem(cmd, today());
          if (problem) invalid(problem);
          const authority = assignmentAuthorityProblem(cmd.actor, cmd, cmd.assignee);
          if (authority) throw ApplicationFailure.nonRetryable(authority.message, COMMAND_REJECTED[authority.reason]);
        },
      },
    );
  }

  setHandler(acceptUpdate, (cmd) => apply('accept', cmd.actor, {}), {
    validator: (cmd) => rejectUnless('accept', cmd),
  });

  setHandler(
    reportProgressUpdate,
    (cmd) => {
      const report = {
        percent: cmd.percent ?? null,
        quantityDone: cmd.quantityDone ?? null,
        note: cmd.note?.trim() || null,
        evidence: cmd.evidence ?? [],
      };
      return apply('reportProgress', cmd.actor, report, (s) => ({
        ...s,
        progress: {
          percent: report.percent ?? derivedPercent(report.quantityDone) ?? s.progress.percent,
          quantityDone: report.quantityDone ?? s.progress.quantityDone,
          note: report.note ?? s.progress.note,
          evidence: [...s.progress.evidence, ...report.evidence],
          reportedAt: new Date(Date.now()).toISOString(),
        },
      }));
    },
    {
      validator: (cmd) => {
        rejectUnless('reportProgress', cmd);
        const problem = progressInputProblem(cmd, input.quantityTarget?.value ?? null);
        if (problem) invalid(problem);
        if (cmd.actor.userId !== snapshot.assigneeId && isCoDepartmentStaff(snapshot, cmd.actor) && (cmd.percent !== undefined || cmd.quantityDone !== undefined)) {
          invalid('配合处室人员只能报送进展说明，完成比例和数量由承办人报送');
        }
      },
    },
  );

  function derivedPercent(quantityDone: number | null): number | null {
    const target = input.quantityTarget?.value;
    if (quantityDone === null || !target) return null;
    return Math.min(100, Math.round((quantityDone / target) * 1000) / 10);
  }

  setHandler(
    submitForReviewUpdate,
    (cmd) =>
      apply('submitForReview', cmd.actor, { note: cmd.note ?? null, evidence: cmd.evidence ?? [] }, (s) => ({
        ...s,
        submittedOn: today(),
        progress: { ...s.progress, evidence: [...s.progress.evidence, ...(cmd.evidence ?? [])] },
      })),
    { validator: (cmd) => rejectUnless('submitForReview', cmd) },
  );

  setHandler(
    approveUpdate,
    (cmd) => apply('approve', cmd.actor, { comment: cmd.comment ?? null }, (s) => ({ ...s, completedOn: today(), submittedOn: null })),
    {
      validator: (cmd) => {
        rejectUnless('approve', cmd);
        const open = snapshot.findings.filter((f) => f.status !== 'closed');
        if (open.length > 0) {
          throw ApplicationFailure.nonRetryable(
            `尚有 ${open.length} 个检查问题未整改销号（${open.map((f) => `${f.findingId} ${FINDING_STATUS_LABELS[f.status]}`).join('，')}），不能办结`,
            COMMAND_REJECTED.wrong_state,
          );
        }
      },
    },
  );

  setHandler(
    returnForReworkUpdate,
    (cmd) =>
      apply('returnForRework', cmd.actor, { comment: cmd.comment }, (s) => ({ ...s, submittedOn: null, reworkCount: s.reworkCount + 1 })),
    {
      validator: (cmd) => {
        rejectUnless('returnForRework', cmd);
        const problem = returnInputProblem(cmd);
        if (problem) invalid(problem);
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    (cmd) =>
      apply('requestExtension', cmd.actor, { n: snapshot.extensions.length + 1, newDueDate: cmd.newDueDate, reason: cmd.reason }, (s) => ({
        ...s,
        extensions: [
          ...s.extensions,
          {
            n: s.extensions.length + 1,
            newDueDate: cmd.newDueDate,
            reason: cmd.reason.trim(),
            requestedBy: cmd.actor.userId,
            requestedAt: new Date(Date.now()).toISOString(),
            status: 'pending',
          },
        ],
      })),
    {
      validator: (cmd) => {
        rejectUnless('requestExtension', cmd);
        if (snapshot.extensions.some((e) => e.status === 'pending')) invalid('已有待审批的延期申请');
        const problem = extensionRequestProblem(cmd, snapshot.dueDate, today());
        if (problem) invalid(problem);
      },
    },
  );

  setHandler(
    decideExtensionUpdate,
    (cmd) => {
      const request = snapshot.extensions.find((e) => e.n === cmd.n);
      const decided = { decidedBy: cmd.actor.userId, comment: cmd.comment, status: cmd.approve ? ('approved' as const) : ('rejected' as const) };
      return apply('decideExtension', cmd.actor, { n: cmd.n, approve: cmd.approve, comment: cmd.comment ?? null, newDueDate: request?.newDueDate }, (s) => ({
        ...s,
        extensions: s.extensions.map((e) => (e.n === cmd.n ? { ...e, ...decided } : e)),
        // An approved extension moves the due date and re-plans the pending ladder steps.
        ...(cmd.approve && request ? { dueDate: request.newDueDate, escalation: { ...s.escalation, level: null, against: null } } : {}),
      }));
    },
    {
      validator: (cmd) => {
        rejectUnless('decideExtension', cmd);
        const request = snapshot.extensions.find((e) => e.n === cmd.n);
        if (!request) invalid(`没有编号为 ${cmd.n} 的延期申请`);
        if (request.status !== 'pending') invalid(`延期申请 ${cmd.n} 已经处理过`);
        if (!cmd.approve && !cmd.comment?.trim()) invalid('不同意延期时必须填写意见');
      },
    },
  );

  setHandler(cancelUpdate, (cmd) => apply('cancel', cmd.actor, { reason: cmd.reason }, (s) => ({ ...s, cancelReason: cmd.reason.trim() })), {
    validator: (cmd) => {
      rejectUnless('cancel', cmd);
      const problem = cancelInputProblem(cmd);
      if (problem) invalid(problem);
    },
  });

  setHandler(
    fileInspectionUpdate,
    async (cmd) => {
      const first = snapshot.findings.length + 1;
      const filed = cmd.findings.map((f, i) => ({
        n: first + i,
        findingId: toFindingId(snapshot.measureId, first + i),
        description: f.description.trim(),
        status: 'open' as const,
        round: 1,
        dueDate: f.dueDate,
      }));
      const after = await apply('fileInspection', cmd.actor, { findings: filed }, (s) => ({ ...s, findings: [...s.findings, ...filed] }));
      // One child workflow per finding; abandoned on close, so they outlive continue-as-new.
      for (const f of filed) {
        await startChild(rectificationWorkflow, {
          workflowId: findingWorkflowId(f.findingId),
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [
            {
              finding: {
                findingId: f.findingId,
                measureId: snapshot.measureId,
                n: f.n,
                description: f.description,
                inspectorId: cmd.actor.userId,
                assigneeId: snapshot.assigneeId!,
                leadDepartment: snapshot.leadDepartment,
                status: 'open',
                round: 1,
                dueDate: f.dueDate,
                rounds: [{ round: 1, dueDate: f.dueDate, submittedAt: null, note: null, evidence: [], verdict: null, comment: null, verifiedBy: null }],
                sequence: 0,
                escalation: { level: null, against: null, fired: [] },
              },
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
    {
      validator: (cmd) => {
        rejectUnless('fileInspection', cmd);
        if (!snapshot.assigneeId) invalid('事项尚未交办，无法检查');
        if (!cmd.findings?.length) invalid('请至少填写一个检查问题');
        if (cmd.findings.length > 20) invalid('一次检查最多 20 个问题');
        for (const f of cmd.findings) {
          if (!f.description?.trim()) invalid('问题描述不能为空');
          const problem = findingDueDateProblem(f.description, f.dueDate, today());
          if (problem) invalid(problem);
        }
      },
    },
  );

  // A rectification workflow reports its finding's status; no event here, the finding records its own.
  setHandler(findingChangedSignal, (changed) => {
    const known = snapshot.findings.find((f) => f.n === changed.n);
    // A late signal of an older state (its event write finished after a newer one's) changes nothing.
    if (known?.sequence !== undefined && changed.sequence !== undefined && changed.sequence <= known.sequence) return;
    snapshot = { ...snapshot, findings: snapshot.findings.map((f) => (f.n === changed.n ? changed : f)) };
    version++;
  });

  /**
   * Fires the ladder steps whose day has come. When several are reached at once (assigned with a
   * due date long past, or a worker that was down), only the highest is announced: the measure
   * escalates at once to the level it has reached.
   */
  async function escalate(reached: PlannedStep[]): Promise<void> {
    const ordered = reached;
    const top = ordered[ordered.length - 1];
    const recipients = ladderRecipients(top.level, snapshot, top.against);
    snapshot = withDerived({
      ...snapshot,
      sequence: snapshot.sequence + 1,
      escalation: { level: top.level, against: top.against, fired: [...snapshot.escalation.fired, ...ordered.map((s) => s.key)] },
    });
    version++;
    const after = snapshot;
    await recordMeasureEvent(
      eventFor('escalation', SYSTEM_ACTOR, {
        level: top.level,
        against: top.against,
        stepDate: top.date,
        provisional: top.provisional,
        recipients,
        skipped: ordered.slice(0, -1).map((s) => s.level),
      }, after),
    );
  }

  calendar = new WorkingDayCalendar(await loadCalendar(calendarYears));
  snapshot = withDerived(snapshot);
  if (input.reopen) await reopen(input.reopen);

  /**
   * A closed measure started again on purpose (重新打开): the run continues the old run's sequence
   * and history, back to work (or to 待交办), with the reason on the record.
   */
  async function reopen(cmd: NonNullable<MeasureWorkflowInput['reopen']>): Promise<void> {
    if (!finished() || !checkCommand(facts(), 'reopen', cmd.actor).ok || !cmd.reason?.trim()) return;
    const previous = snapshot.state;
    snapshot = withDerived({
      ...snapshot,
      state: reopenedState(snapshot),
      sequence: snapshot.sequence + 1,
      completedOn: null,
      submittedOn: null,
      cancelReason: null,
    });
    version++;
    await recordMeasureEvent(eventFor('reopen', cmd.actor, { reason: cmd.reason.trim(), previousState: previous }, snapshot));
  }

  const ladderClock = new LadderClock();
  while (!finished()) {
    if (calendarStale) {
      calendarStale = false;
      calendar = new WorkingDayCalendar(await loadCalendar(calendarYears));
      const replanned = withDerived(snapshot);
      if (replanned.dueProvisional !== snapshot.dueProvisional) {
        // Put the re-plan on the record, so the projection stops calling the dates provisional.
        snapshot = { ...replanned, sequence: snapshot.sequence + 1 };
        version++;
        await recordMeasureEvent(eventFor('calendarReplanned', SYSTEM_ACTOR, { dueProvisional: snapshot.dueProvisional }, snapshot));
      }
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) break;
    const pending = activeLadder().filter((s) => !snapshot.escalation.fired.includes(s.key));
    const seen = version;
    await ladderTurn(pending, escalate, () => version !== seen || finished() || calendarStale || workflowInfo().continueAsNewSuggested, ladderClock);
  }

  // Let running update handlers finish (their callers wait for an answer) before leaving this run.
  await condition(allHandlersFinished);
  if (!finished()) await continueAsNew<typeof measureWorkflow>({ ...input, suggestedDepartment, snapshot, reopen: undefined });
  return snapshot;
}
