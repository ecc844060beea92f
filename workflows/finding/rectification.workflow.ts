import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  setHandler,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import {
  beijingDate,
  decideFinding,
  escalationEvent,
  eventId,
  evolveFinding,
  findingSummary,
  ladderRecipients,
  pendingLadder,
  WorkingDayCalendar,
  type DecidedEvent,
  type FindingCommandInput,
  type FindingEvent,
  type FindingSnapshot,
  type PlannedStep,
} from '@duban/domain';
import { COMMAND_REJECTED } from '../measure/definitions';
import { EventWriter, persistence } from '../persistence';
import { LadderClock, ladderTurn } from '../ladder';
import { FINDING_OPENED_FIRST_PATCH, hasPatch } from '../patches';
import {
  findingChangedSignal,
  findingPolicyChangedSignal,
  findingQuery,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type RectificationWorkflowInput,
} from './definitions';

/** 整改 → 复查 rounds of one finding until a re-inspection passes; an overdue round climbs the ladder. */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<FindingSnapshot> {
  let finding = input.finding;
  let version = 0;
  let policy = input.policy;
  const writer = new EventWriter();

  /** The domain's rules for the command now; a refusal fails the Update with its typed reason. */
  function decide(cmd: FindingCommandInput, stage: 'validate' | 'apply'): DecidedEvent {
    const decision = decideFinding(finding, cmd, beijingDate(Date.now()), stage);
    if (!decision.ok) throw ApplicationFailure.nonRetryable(decision.message, COMMAND_REJECTED[decision.reason]);
    return decision.event;
  }

  /** Folds the event in, persists it, then tells the measure, before the caller hears back. */
  async function commit(event: DecidedEvent): Promise<FindingSnapshot> {
    const occurredAt = new Date(Date.now()).toISOString();
    finding = evolveFinding(finding, { ...event, occurredAt });
    version++;
    const after = finding;
    const { workflowId } = workflowInfo();
    const recorded: FindingEvent = {
      eventId: eventId(workflowId, after.sequence),
      findingId: after.findingId,
      measureId: after.measureId,
      workflowId,
      sequence: after.sequence,
      type: event.type,
      actor: event.actor,
      stateAfter: after.status,
      payload: event.payload,
      occurredAt,
      snapshot: after,
    };
    await writer.write(() => persistence().recordFindingEvent(recorded));
    await tellMeasure(after);
    return after;
  }

  /**
   * The measure may have been cancelled while this finding was open; then there is nobody to tell,
   * and the finding's own record (already persisted) is what counts.
   */
  async function tellMeasure(after: FindingSnapshot): Promise<void> {
    try {
      await getExternalWorkflowHandle(input.measureWorkflowId).signal(findingChangedSignal, findingSummary(after));
    } catch (error) {
      // The server answers a signal to a closed or missing workflow with a failure, not a bug here.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }

  const open = () => commit({ type: 'findingOpened', actor: { userId: finding.inspectorId, role: 'supervisor' }, payload: { description: finding.description, dueDate: finding.dueDate } });
  // The opening takes sequence 1 before any handler exists: a rectification submitted the moment
  // the finding was filed (delivered with the start) used to take it instead, and the finding's
  // opening was never recorded. Runs started before this patch replay the old order.
  const opening = finding.sequence === 0 && hasPatch(FINDING_OPENED_FIRST_PATCH) ? open() : undefined;

  setHandler(findingQuery, () => finding);
  setHandler(findingPolicyChangedSignal, (changed) => {
    policy = changed;
    version++;
  });

  setHandler(submitRectificationUpdate, (cmd) => commit(decide({ command: 'submitRectification', input: cmd }, 'apply')), {
    validator: (cmd) => {
      decide({ command: 'submitRectification', input: cmd }, 'validate');
    },
  });

  setHandler(verifyRectificationUpdate, (cmd) => commit(decide({ command: 'verifyRectification', input: cmd }, 'apply')), {
    validator: (cmd) => {
      decide({ command: 'verifyRectification', input: cmd }, 'validate');
    },
  });

  const calendar = new WorkingDayCalendar(await persistence().loadCalendar(input.calendarYears));
  if (opening) await opening;
  else if (finding.sequence === 0) await open();

  const escalate = async (reached: PlannedStep[]) => {
    const top = reached[reached.length - 1];
    const recipients = ladderRecipients(top.level, { assigneeId: finding.assigneeId, headId: input.headId, leadDepartment: finding.leadDepartment }, 'assignee');
    const event = escalationEvent(reached, recipients);
    await commit({ ...event, payload: { ...event.payload, round: finding.round } });
  };

  const ladderClock = new LadderClock();
  while (finding.status !== 'closed') {
    const seen = version;
    await ladderTurn(pendingLadder(finding, policy, calendar), escalate, () => version !== seen, ladderClock);
  }
  // The passing verification is still telling the measure; let it answer its caller first.
  await condition(allHandlersFinished);
  return finding;
}
