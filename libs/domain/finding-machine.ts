// A finding's state machine (检查—整改—复查 rounds), in the same shape as the measure's: `decideFinding`
// turns a command into the event to record or a refusal, `evolveFinding` folds a recorded event in.
// The rectification workflow is their wiring; the reports' as-of replay folds stored events with it.
import { commandSizeProblem, INPUT_MESSAGES, isIsoDate, textLimitProblem } from './command-inputs';
import { ESCALATION_LEVELS, type EscalationLevel } from './escalation';
import type { FindingSnapshot, FindingSummary, RectificationInput, VerificationInput } from './finding';
import { keptFiredKeys, ladderStepKey } from './ladder-plan';
import type { DecidedEvent, Decision, MeasureEventFacts } from './measure-machine';
import { STATE_LIMITS } from './command-inputs';
import { unstorableText, unstorableTextMessage } from './storable-text';

export type FindingCommandInput =
  | { command: 'submitRectification'; input: RectificationInput }
  | { command: 'verifyRectification'; input: VerificationInput };

/**
 * The rules of a rectification command on the finding as it stands. `today` is the Beijing date.
 * 'validate' (the Update's validator) runs every rule; 'apply' (the handler, right after its own
 * validation) only builds the event, as the handlers of histories recorded before these rules did.
 */
export function decideFinding(finding: FindingSnapshot, cmd: FindingCommandInput, today: string, stage: 'validate' | 'apply' = 'validate'): Decision {
  if (stage === 'apply') return { ok: true, event: findingEventOf(finding, cmd) };
  const refuse = (reason: Exclude<Decision, { ok: true }>['reason'], message: string): Decision => ({ ok: false, reason, message });
  const unstorable = unstorableText(cmd.input);
  if (unstorable !== undefined) return refuse('invalid_input', unstorableTextMessage(unstorable));
  const tooLarge = commandSizeProblem(cmd.input) ?? textLimitProblem(cmd.input);
  if (tooLarge) return refuse('invalid_input', tooLarge);
  const { actor } = cmd.input;
  if (cmd.command === 'submitRectification') {
    const input = cmd.input;
    if (actor.userId !== finding.assigneeId) return refuse('wrong_person', '只有本事项的承办人可以提交整改');
    if (finding.status !== 'open') return refuse('wrong_state', finding.status === 'closed' ? '该问题已销号' : '整改材料已提交，正在等待复查');
    if (!input.note?.trim()) return refuse('invalid_input', INPUT_MESSAGES.rectificationNote);
    return { ok: true, event: findingEventOf(finding, cmd) };
  }
  const input = cmd.input;
  if (actor.role !== 'supervisor') return refuse('wrong_role', '复查只能由纪检监察人员进行');
  if (finding.status !== 'submitted') return refuse('wrong_state', finding.status === 'closed' ? '该问题已销号' : '承办人尚未提交整改材料');
  if (!input.passed) {
    if (!input.comment?.trim()) return refuse('invalid_input', '复查不通过时必须填写意见');
    if (!isIsoDate(input.nextDueDate)) return refuse('invalid_input', '复查不通过时必须给出新的整改期限（YYYY-MM-DD）');
    if (input.nextDueDate <= today) return refuse('invalid_input', '新的整改期限应晚于今天');
    if (finding.round >= STATE_LIMITS.findingRounds) return refuse('invalid_input', `整改已达 ${STATE_LIMITS.findingRounds} 轮，请另行立项督办`);
  }
  return { ok: true, event: findingEventOf(finding, cmd) };
}

/** The event an accepted rectification command records. */
function findingEventOf(finding: FindingSnapshot, cmd: FindingCommandInput): DecidedEvent {
  const { actor } = cmd.input;
  if (cmd.command === 'submitRectification') {
    return { type: 'rectificationSubmitted', actor, payload: { round: finding.round, note: cmd.input.note, evidence: cmd.input.evidence ?? [] } };
  }
  const input = cmd.input;
  return {
    type: 'rectificationVerified',
    actor,
    payload: { round: finding.round, passed: input.passed, comment: input.comment?.trim() || null, nextDueDate: input.passed ? null : input.nextDueDate },
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The state after a recorded event of the finding. */
export function evolveFinding(finding: FindingSnapshot, event: MeasureEventFacts): FindingSnapshot {
  const p = event.payload;
  const next: FindingSnapshot = { ...finding, sequence: finding.sequence + 1 };
  switch (event.type) {
    case 'findingOpened':
      return next;
    case 'rectificationSubmitted': {
      const evidence = Array.isArray(p.evidence) ? p.evidence.filter((e): e is string => typeof e === 'string') : [];
      return {
        ...next,
        status: 'submitted',
        rounds: finding.rounds.map((r) =>
          r.round === finding.round ? { ...r, submittedAt: event.occurredAt, note: (str(p.note) ?? '').trim(), evidence } : r,
        ),
      };
    }
    case 'rectificationVerified': {
      const passed = p.passed === true;
      const verdict = { verdict: passed ? ('passed' as const) : ('failed' as const), comment: str(p.comment), verifiedBy: event.actor.userId };
      const rounds = finding.rounds.map((r) => (r.round === finding.round ? { ...r, ...verdict } : r));
      if (passed) return { ...next, status: 'closed', rounds };
      const round = finding.round + 1;
      const dueDate = str(p.nextDueDate) ?? finding.dueDate;
      return {
        ...next,
        status: 'open',
        round,
        dueDate,
        rounds: [...rounds, { round, dueDate, submittedAt: null, note: null, evidence: [], verdict: null, comment: null, verifiedBy: null }],
        escalation: { ...finding.escalation, level: null, against: null },
      };
    }
    case 'escalation': {
      const top = ESCALATION_LEVELS.find((l) => l === p.level) ?? null;
      const skipped = Array.isArray(p.skipped) ? p.skipped.filter((l): l is EscalationLevel => ESCALATION_LEVELS.includes(l as EscalationLevel)) : [];
      const keys = top ? [...skipped, top].map((l) => ladderStepKey('assignee', finding.dueDate, l)) : [];
      const fired = keptFiredKeys([...finding.escalation.fired, ...keys], [`assignee:${finding.dueDate}`], STATE_LIMITS.firedSteps);
      return { ...next, escalation: { level: top, against: 'assignee', fired } };
    }
    default:
      return next;
  }
}

/** A new finding as its rectification workflow starts (round 1, nothing recorded yet). */
export function openedFinding(
  summary: Pick<FindingSummary, 'findingId' | 'n' | 'description' | 'dueDate'>,
  on: { measureId: string; inspectorId: string; assigneeId: string; leadDepartment: string | null },
): FindingSnapshot {
  return {
    findingId: summary.findingId,
    measureId: on.measureId,
    n: summary.n,
    description: summary.description,
    inspectorId: on.inspectorId,
    assigneeId: on.assigneeId,
    leadDepartment: on.leadDepartment,
    status: 'open',
    round: 1,
    dueDate: summary.dueDate,
    rounds: [{ round: 1, dueDate: summary.dueDate, submittedAt: null, note: null, evidence: [], verdict: null, comment: null, verifiedBy: null }],
    sequence: 0,
    escalation: { level: null, against: null, fired: [] },
  };
}

/** What the measure keeps of a finding (enough to block completion and to list). */
export function findingSummary(f: FindingSnapshot): FindingSummary {
  return { n: f.n, findingId: f.findingId, description: f.description, status: f.status, round: f.round, dueDate: f.dueDate, sequence: f.sequence };
}
