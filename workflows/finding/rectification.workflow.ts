import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import {
  beijingDate,
  deadlineLadder,
  eventId,
  isIsoDate,
  ladderRecipients,
  SYSTEM_ACTOR,
  unstorableText,
  unstorableTextMessage,
  WorkingDayCalendar,
  type EventActor,
  type FindingEvent,
  type FindingSnapshot,
  type FindingSummary,
} from '@duban/domain';
import type { createMeasureActivities } from '../../activities/measure.activities';
import { COMMAND_REJECTED } from '../measure/definitions';
import { LadderClock, ladderTurn, type PlannedStep } from '../ladder';
import {
  findingChangedSignal,
  findingQuery,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type RectificationWorkflowInput,
} from './definitions';

const { recordFindingEvent, loadCalendar } = proxyActivities<ReturnType<typeof createMeasureActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

function reject(type: keyof typeof COMMAND_REJECTED, message: string): never {
  throw ApplicationFailure.nonRetryable(message, COMMAND_REJECTED[type]);
}

export const FINDING_OPENED_FIRST_PATCH = 'finding-opened-first';

/** Text PostgreSQL could never store would leave the event write retrying forever. */
function storableOnly(cmd: unknown): void {
  const unstorable = unstorableText(cmd);
  if (unstorable !== undefined) reject('invalid_input', unstorableTextMessage(unstorable));
}

/** 整改 → 复查 rounds of one finding until a re-inspection passes; an overdue round climbs the ladder. */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<FindingSnapshot> {
  let finding = input.finding;
  let version = 0;

  const summary = (f: FindingSnapshot): FindingSummary => ({
    n: f.n,
    findingId: f.findingId,
    description: f.description,
    status: f.status,
    round: f.round,
    dueDate: f.dueDate,
    sequence: f.sequence,
  });

  /** Persists the event, then tells the measure, before the caller hears back. */
  async function commit(type: string, actor: EventActor, payload: Record<string, unknown>, change: (f: FindingSnapshot) => FindingSnapshot) {
    finding = { ...change(finding), sequence: finding.sequence + 1 };
    version++;
    const after = finding;
    const { workflowId } = workflowInfo();
    const event: FindingEvent = {
      eventId: eventId(workflowId, after.sequence),
      findingId: after.findingId,
      measureId: after.measureId,
      workflowId,
      sequence: after.sequence,
      type,
      actor,
      stateAfter: after.status,
      payload,
      occurredAt: new Date(Date.now()).toISOString(),
      snapshot: after,
    };
    await recordFindingEvent(event);
    await tellMeasure(after);
    return after;
  }

  /**
   * The measure may have been cancelled while this finding was open; then there is nobody to tell,
   * and the finding's own record (already persisted) is what counts.
   */
  async function tellMeasure(after: FindingSnapshot): Promise<void> {
    try {
      await getExternalWorkflowHandle(input.measureWorkflowId).signal(findingChangedSignal, summary(after));
    } catch (error) {
      // The server answers a signal to a closed or missing workflow with a failure, not a bug here.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }

  const open = () =>
    commit('findingOpened', { userId: finding.inspectorId, role: 'supervisor' }, { description: finding.description, dueDate: finding.dueDate }, (f) => f);
  // The opening takes sequence 1 before any handler exists: a rectification submitted the moment
  // the finding was filed (delivered with the start) used to take it instead, and the finding's
  // opening was never recorded. Runs started before this patch replay the old order.
  const opening = finding.sequence === 0 && patched(FINDING_OPENED_FIRST_PATCH) ? open() : undefined;

  setHandler(findingQuery, () => finding);

  setHandler(
    submitRectificationUpdate,
    (cmd) =>
      commit('rectificationSubmitted', cmd.actor, { round: finding.round, note: cmd.note, evidence: cmd.evidence ?? [] }, (f) => ({
        ...f,
        status: 'submitted',
        rounds: f.rounds.map((r) =>
          r.round === f.round ? { ...r, submittedAt: new Date(Date.now()).toISOString(), note: cmd.note.trim(), evidence: cmd.evidence ?? [] } : r,
        ),
      })),
    {
      validator: (cmd) => {
        storableOnly(cmd);
        if (cmd.actor.userId !== finding.assigneeId) reject('wrong_person', '只有本事项的承办人可以提交整改');
        if (finding.status !== 'open') reject('wrong_state', finding.status === 'closed' ? '该问题已销号' : '整改材料已提交，正在等待复查');
        if (!cmd.note?.trim()) reject('invalid_input', '请说明整改情况');
      },
    },
  );

  setHandler(
    verifyRectificationUpdate,
    (cmd) => {
      const verdict = { verdict: cmd.passed ? ('passed' as const) : ('failed' as const), comment: cmd.comment?.trim() || null, verifiedBy: cmd.actor.userId };
      return commit(
        'rectificationVerified',
        cmd.actor,
        { round: finding.round, passed: cmd.passed, comment: verdict.comment, nextDueDate: cmd.passed ? null : cmd.nextDueDate },
        (f) => {
          const rounds = f.rounds.map((r) => (r.round === f.round ? { ...r, ...verdict } : r));
          if (cmd.passed) return { ...f, status: 'closed', rounds };
          const next = f.round + 1;
          const dueDate = cmd.nextDueDate!;
          return {
            ...f,
            status: 'open',
            round: next,
            dueDate,
            rounds: [...rounds, { round: next, dueDate, submittedAt: null, note: null, evidence: [], verdict: null, comment: null, verifiedBy: null }],
            escalation: { ...f.escalation, level: null, against: null },
          };
        },
      );
    },
    {
      validator: (cmd) => {
        storableOnly(cmd);
        if (cmd.actor.role !== 'supervisor') reject('wrong_role', '复查只能由纪检监察人员进行');
        if (finding.status !== 'submitted') reject('wrong_state', finding.status === 'closed' ? '该问题已销号' : '承办人尚未提交整改材料');
        if (!cmd.passed) {
          if (!cmd.comment?.trim()) reject('invalid_input', '复查不通过时必须填写意见');
          if (!isIsoDate(cmd.nextDueDate)) reject('invalid_input', '复查不通过时必须给出新的整改期限（YYYY-MM-DD）');
          if (cmd.nextDueDate <= beijingDate(Date.now())) reject('invalid_input', '新的整改期限应晚于今天');
        }
      },
    },
  );

  const calendar = new WorkingDayCalendar(await loadCalendar(input.calendarYears));
  if (opening) await opening;
  else if (finding.sequence === 0) await open();

  const pending = (): PlannedStep[] => {
    if (finding.status !== 'open') return [];
    const due = finding.dueDate;
    return deadlineLadder(due, input.policy, calendar)
      .map((s) => ({ ...s, key: `assignee:${due}:${s.level}` }))
      .filter((s) => !finding.escalation.fired.includes(s.key));
  };

  const escalate = async (reached: PlannedStep[]) => {
    const top = reached[reached.length - 1];
    const recipients = ladderRecipients(top.level, { assigneeId: finding.assigneeId, headId: input.headId, leadDepartment: finding.leadDepartment }, 'assignee');
    await commit(
      'escalation',
      SYSTEM_ACTOR,
      { level: top.level, against: 'assignee', stepDate: top.date, provisional: top.provisional, recipients, round: finding.round, skipped: reached.slice(0, -1).map((s) => s.level) },
      (f) => ({ ...f, escalation: { level: top.level, against: 'assignee', fired: [...f.escalation.fired, ...reached.map((s) => s.key)] } }),
    );
  };

  const ladderClock = new LadderClock();
  while (finding.status !== 'closed') {
    const seen = version;
    await ladderTurn(pending(), escalate, () => version !== seen, ladderClock);
  }
  // The passing verification is still telling the measure; let it answer its caller first.
  await condition(allHandlersFinished);
  return finding;
}
