import { allHandlersFinished, ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  decideDirective,
  directiveHasLadder,
  directiveEscalationEvent,
  eventId,
  evolveDirective,
  isFinalDirective,
  issuedEvent,
  pendingDirectiveLadder,
  WorkingDayCalendar,
  type DecidedEvent,
  type DirectiveCommand,
  type DirectiveEvent,
  type DirectiveSnapshot,
  type PlannedStep,
} from '@duban/domain';
import { COMMAND_REJECTED } from '../measure/definitions';
import { EventWriter, persistence } from '../persistence';
import { LadderClock, ladderTurn } from '../ladder';
import {
  acknowledgeDirectiveUpdate,
  closeDirectiveUpdate,
  directiveIssuedUpdate,
  directivePolicyChangedSignal,
  directiveQuery,
  respondDirectiveUpdate,
  type DirectiveActionInput,
  type DirectiveWorkflowInput,
} from './definitions';

/**
 * One 批示 / 催办 / 督办单 / 问责结果 about a measure: records its issue, takes 签收 and 答复 until it is
 * answered (or closed), and climbs the ladder while an answer is overdue. It never touches the
 * measure's own workflow, so it works whatever state the measure is in.
 */
export async function directiveWorkflow(input: DirectiveWorkflowInput): Promise<DirectiveSnapshot> {
  let directive = input.directive;
  let version = 0;
  let policy = input.policy;
  const writer = new EventWriter();

  function decide(command: DirectiveCommand, cmd: DirectiveActionInput, stage: 'validate' | 'apply'): DecidedEvent {
    const decision = decideDirective(directive, { command, input: cmd }, stage);
    if (!decision.ok) throw ApplicationFailure.nonRetryable(decision.message, COMMAND_REJECTED[decision.reason]);
    return decision.event;
  }

  async function commit(event: DecidedEvent): Promise<DirectiveSnapshot> {
    const occurredAt = new Date(Date.now()).toISOString();
    directive = evolveDirective(directive, { ...event, occurredAt });
    version++;
    const after = directive;
    const { workflowId } = workflowInfo();
    const recorded: DirectiveEvent = {
      eventId: eventId(workflowId, after.sequence),
      directiveId: after.directiveId,
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
    const written = await writer.write(() => persistence().recordDirectiveEvent(recorded));
    // The notice number is given in the issue's own transaction; the workflow keeps it from then on.
    if (written.snapshot.noticeNumber && !directive.noticeNumber) directive = { ...directive, noticeNumber: written.snapshot.noticeNumber };
    return directive;
  }

  // The issue takes sequence 1 before any handler runs.
  const issuing = directive.sequence === 0 ? commit(issuedEvent(directive)) : Promise.resolve(directive);

  setHandler(directiveQuery, () => directive);
  setHandler(directivePolicyChangedSignal, (changed) => {
    policy = changed;
    version++;
  });
  setHandler(directiveIssuedUpdate, async () => {
    await issuing;
    return directive;
  });
  for (const [update, command] of [
    [acknowledgeDirectiveUpdate, 'acknowledge'],
    [respondDirectiveUpdate, 'respond'],
    [closeDirectiveUpdate, 'close'],
  ] as const) {
    setHandler(
      update,
      async (cmd) => {
        await issuing;
        return commit(decide(command, cmd, 'apply'));
      },
      { validator: (cmd) => void decide(command, cmd, 'validate') },
    );
  }

  const calendar = directiveHasLadder(directive) ? new WorkingDayCalendar(await persistence().loadCalendar(input.calendarYears)) : null;
  await issuing;

  const escalate = async (reached: PlannedStep[]) => {
    await commit(directiveEscalationEvent(reached, directive));
  };
  const ladderClock = new LadderClock();
  while (!isFinalDirective(directive)) {
    const seen = version;
    await ladderTurn(calendar ? pendingDirectiveLadder(directive, policy, calendar) : [], escalate, () => version !== seen, ladderClock);
  }
  await condition(allHandlersFinished);
  return directive;
}
