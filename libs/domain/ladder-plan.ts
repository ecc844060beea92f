// The one ladder plan: which escalation steps a measure or a finding has ahead of it now, under which
// keys (the keys of fired steps are kept in the state, so a step fires once). Used by the measure and
// rectification workflows (their timers), and by the read side (the ladder on the detail page).
import { deadlineLadder, ESCALATION_LEVELS, milestoneLadder, reviewLadder, stepInstant, type EscalationLevel, type EscalationPolicy, type LadderStep, type WorkingDays } from './escalation';
import type { FindingStatus } from './finding';
import { WORKING_STATES, type MeasureState } from './lifecycle';
import type { Milestone } from './measure-snapshot';

export type PlannedStep = LadderStep & { key: string };

/** States in which deadline work is in hand, so the deadline ladder runs. */
const DEADLINE_LADDER_STATES: ReadonlySet<MeasureState> = new Set(WORKING_STATES);

/** What the plan looks at: a measure (state, due date, submission) or a finding (status, due date). */
export type LadderSubject =
  | { state: MeasureState; dueDate: string | null; submittedOn: string | null; milestones?: readonly Milestone[] }
  | { status: FindingStatus; dueDate: string };

/** What the plan includes besides the deadline and review ladders. */
export interface LadderOptions {
  /** Milestones' own steps (节点); off for runs from before they had any (patch milestone-ladder). */
  milestones?: boolean;
}

/** `<against>:<date the ladder counts from>:<level>`, e.g. `assignee:2026-06-30:urging`. */
export function ladderStepKey(against: LadderStep['against'], on: string, level: EscalationLevel): string {
  return `${against}:${on}:${level}`;
}

/** `milestone<n>:<its date>:<level>`, e.g. `milestone2:2026-03-31:warning`. */
export function milestoneStepKey(n: number, on: string, level: EscalationLevel): string {
  return `milestone${n}:${on}:${level}`;
}

const KEY = /^(assignee|reviewer|milestone(\d+)):(\d{4}-\d{2}-\d{2}):([a-z]+)$/;

export interface ParsedStepKey {
  against: LadderStep['against'];
  on: string;
  level: EscalationLevel;
  /** The ladder the step belongs to: `assignee`, `reviewer` or `milestone<n>`. */
  source: string;
  milestone?: number;
}

export function parseLadderStepKey(key: string): ParsedStepKey | undefined {
  const m = KEY.exec(key);
  const level = ESCALATION_LEVELS.find((l) => l === m?.[4]);
  if (!m || !level) return undefined;
  if (m[2] !== undefined) return { against: 'assignee', on: m[3], level, source: m[1], milestone: Number(m[2]) };
  return { against: m[1] as LadderStep['against'], on: m[3], level, source: m[1] };
}

/** The ladder a step belongs to (its key without the level), e.g. `assignee:2026-06-30`. */
export function stepSource(step: PlannedStep): string {
  return step.key.slice(0, step.key.lastIndexOf(':'));
}

/** Reached steps by ladder, each group lowest level first (one escalation event per ladder). */
export function groupBySource(reached: PlannedStep[]): PlannedStep[][] {
  const groups = new Map<string, PlannedStep[]>();
  for (const step of reached) groups.set(stepSource(step), [...(groups.get(stepSource(step)) ?? []), step]);
  return [...groups.values()];
}

/** The ladders that can still run for a measure (their fired keys must be kept). */
export function currentLadderSources(state: { dueDate: string | null; submittedOn: string | null; milestones?: readonly Milestone[] }): string[] {
  return [
    ...(state.dueDate ? [`assignee:${state.dueDate}`] : []),
    ...(state.submittedOn ? [`reviewer:${state.submittedOn}`] : []),
    ...(state.milestones ?? []).flatMap((m, i) => (m.completedOn ? [] : [`milestone${i + 1}:${m.dueDate}`])),
  ];
}

function keyed(against: LadderStep['against'], on: string, steps: LadderStep[]): PlannedStep[] {
  return steps.map((s) => ({ ...s, key: ladderStepKey(against, on, s.level) }));
}

/** The ladder that runs now: the deadline's while work is in hand, the review SLA's while under review. */
export function plannedLadder(subject: LadderSubject, policy: EscalationPolicy, calendar: WorkingDays, options: LadderOptions = {}): PlannedStep[] {
  if ('status' in subject) return subject.status === 'open' ? keyed('assignee', subject.dueDate, deadlineLadder(subject.dueDate, policy, calendar)) : [];
  if (DEADLINE_LADDER_STATES.has(subject.state) && subject.dueDate) {
    const deadline = keyed('assignee', subject.dueDate, deadlineLadder(subject.dueDate, policy, calendar));
    if (!options.milestones) return deadline;
    const milestones = (subject.milestones ?? []).flatMap((m, i) =>
      m.completedOn ? [] : milestoneLadder(m, i + 1, policy, calendar).map((s) => ({ ...s, key: milestoneStepKey(i + 1, m.dueDate, s.level) })),
    );
    return [...deadline, ...milestones];
  }
  if (subject.state === 'under_review' && subject.submittedOn) {
    return keyed('reviewer', subject.submittedOn, reviewLadder(subject.submittedOn, policy, calendar));
  }
  return [];
}

/** The planned steps not fired yet. */
export function pendingLadder(
  subject: LadderSubject & { escalation: { fired: readonly string[] } },
  policy: EscalationPolicy,
  calendar: WorkingDays,
  options: LadderOptions = {},
): PlannedStep[] {
  return plannedLadder(subject, policy, calendar, options).filter((s) => !subject.escalation.fired.includes(s.key));
}

/**
 * Whether two plans are the same steps on the same dates (a command that leaves the plan as it was
 * gives a waiting ladder nothing new to look at).
 */
export function samePlan(a: readonly PlannedStep[], b: readonly PlannedStep[]): boolean {
  return a.length === b.length && a.every((s, i) => s.key === b[i].key && s.date === b[i].date && s.provisional === b[i].provisional);
}

/** Fired steps as recorded by key, with the dates their ladder gives on `calendar` (unknown keys skipped). */
export function firedLadder(fired: readonly string[], policy: EscalationPolicy, calendar: WorkingDays): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const key of fired) {
    const parsed = parseLadderStepKey(key);
    if (!parsed) continue;
    const ladder =
      parsed.milestone !== undefined
        ? milestoneLadder({ title: '', dueDate: parsed.on }, parsed.milestone, policy, calendar)
        : parsed.against === 'assignee'
          ? deadlineLadder(parsed.on, policy, calendar)
          : reviewLadder(parsed.on, policy, calendar);
    const step = ladder.find((s) => s.level === parsed.level);
    if (step) steps.push({ ...step, key });
  }
  return steps;
}

/** The steps that have come due at `now` (epoch ms; they fall due at 09:00 Beijing time), lowest level first. */
export function reachedSteps(pending: PlannedStep[], now: number): PlannedStep[] {
  return pending
    .filter((s) => stepInstant(s.date) <= now)
    .sort((a, b) => ESCALATION_LEVELS.indexOf(a.level) - ESCALATION_LEVELS.indexOf(b.level));
}

/**
 * Fired keys kept within `limit`: the oldest are dropped first, but never a key of a ladder that can
 * still run (`current`: the due date's and the review's), or that step would fire again.
 */
export function keptFiredKeys(fired: readonly string[], current: ReadonlyArray<string | null>, limit: number): string[] {
  if (fired.length <= limit) return [...fired];
  const live = new Set(current.filter((c): c is string => c !== null));
  const isLive = (key: string) => {
    const parsed = parseLadderStepKey(key);
    return parsed !== undefined && live.has(`${parsed.source}:${parsed.on}`);
  };
  let excess = fired.length - limit;
  return fired.filter((key) => {
    if (excess > 0 && !isLive(key)) {
      excess--;
      return false;
    }
    return true;
  });
}
