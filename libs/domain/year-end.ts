// Year end (年终结转): which measures a carry-over moves into next year's plan, where a successor goes
// when that plan has no measure of the same title (a chapter 「上年结转事项」 appended to it, next
// codes), and the input rules of the request. Pure: the API reads the plans and runs the commands.
import { UNFINISHED_STATES, type MeasureState } from './lifecycle';

/** The chapter appended to next year's plan for measures it does not have yet. */
export const CARRY_OVER_CHAPTER_TITLE = '上年结转事项';

/** Reasons, like every command's, are at most this long. */
export const CARRY_OVER_REASON_MAX = 2000;

/** At most this many measures named in one request (a plan has tens to hundreds). */
export const CARRY_OVER_MAX_MEASURES = 2000;

/** The title of a plan created only to receive carried-over measures (no document imported yet). */
export function carriedPlanTitle(toYear: number): string {
  return `${toYear}年工作要点（结转）`;
}

/** Not finished, so a carry-over moves it on (待交办 or in hand). */
export function isCarryable(state: string): boolean {
  return (UNFINISHED_STATES as readonly string[]).includes(state);
}

export interface CarryOverRequest {
  fromYear: number;
  toYear: unknown;
  reason: unknown;
  measureIds?: unknown;
}

/** The plain reason a carry-over request is unusable, or undefined. */
export function carryOverRequestProblem(request: CarryOverRequest): string | undefined {
  const { fromYear, toYear, reason, measureIds } = request;
  if (typeof toYear !== 'number' || !Number.isInteger(toYear)) return '结转年度应为整数年份';
  if (toYear <= fromYear) return `结转年度应晚于 ${fromYear} 年`;
  if (toYear > 2100) return '结转年度超出范围';
  if (typeof reason !== 'string' || !reason.trim()) return '年终结转必须说明理由';
  if (reason.length > CARRY_OVER_REASON_MAX) return `结转理由不能超过 ${CARRY_OVER_REASON_MAX} 个字`;
  if (measureIds !== undefined) {
    if (!Array.isArray(measureIds) || measureIds.length === 0) return '请至少选择一个事项，或不指定事项以结转全部未完成事项';
    if (measureIds.length > CARRY_OVER_MAX_MEASURES) return `一次最多结转 ${CARRY_OVER_MAX_MEASURES} 个事项`;
    const prefix = `${fromYear}-`;
    const wrong = measureIds.find((id) => typeof id !== 'string' || !id.startsWith(prefix));
    if (wrong !== undefined) return `事项 ${String(wrong)} 不属于 ${fromYear} 年工作要点`;
  }
  return undefined;
}

/** A code's first number (`3.2.1` → 3), or 0 when it has none. */
function head(code: string): number {
  const n = Number(code.split('.')[0]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * The 「上年结转事项」 chapter's number: 90, clear of the chapter numbers a plan document gives (一 to
 * at most a few dozen), so importing or re-importing the year's document later never takes its codes
 * over; or, in a plan already past 89, the next number after every code in use (`taken`: targets,
 * chapters, sections and measures).
 */
export const CARRY_OVER_CHAPTER_FLOOR = 90;

export function carryOverChapterCode(taken: readonly string[]): string {
  return String(Math.max(CARRY_OVER_CHAPTER_FLOOR, taken.reduce((max, code) => Math.max(max, head(code)), 0) + 1));
}

/** A measure of next year's plan that could continue an old one. */
export interface SuccessorCandidate {
  id: string;
  title: string;
  /** The measure (of the old plan) that already continues here, if any. */
  predecessorId: string | null;
}

/**
 * The measure of next year's plan that continues `measure`: the one it already points to, else one
 * with the same title (trimmed) that no other measure continues into. Undefined: append a new one.
 */
export function successorFor(
  measure: { id: string; title: string; successorId?: string | null },
  candidates: readonly SuccessorCandidate[],
): SuccessorCandidate | undefined {
  if (measure.successorId) {
    const linked = candidates.find((c) => c.id === measure.successorId);
    if (linked) return linked;
  }
  const title = measure.title.trim();
  return candidates.find((c) => c.title.trim() === title && (c.predecessorId === null || c.predecessorId === measure.id));
}

/** One measure's outcome in a carry-over. */
export type CarryOverOutcome =
  | { measureId: string; outcome: 'carried'; successorId: string; linked: boolean }
  | { measureId: string; outcome: 'skipped'; reason: string; successorId: string | null }
  | { measureId: string; outcome: 'failed'; reason: string; code: string };

/** Why a measure in `state` is not carried (undefined: it is). */
export function notCarriedReason(state: MeasureState | string, labels: Record<string, string>): string | undefined {
  if (state === 'carried_over') return '已结转';
  if (isCarryable(state)) return undefined;
  return `事项当前状态为「${labels[state] ?? state}」，无需结转`;
}

/** One line of the 完成情况 report (a chapter, a department, the whole plan). */
export interface CompletionFigures {
  total: number;
  completed: number;
  carriedOver: number;
  cancelled: number;
  /** Still open when the report was taken (not carried, e.g. a partial carry-over). */
  unfinished: number;
  /** 办结率: completed ÷ (total − cancelled), percent with one decimal; 0 when nothing was expected. */
  completionRate: number;
}

/** The figures of a group of measures, from their states. */
export function completionFigures(states: readonly string[]): CompletionFigures {
  const count = (s: string) => states.filter((x) => x === s).length;
  const completed = count('completed');
  const cancelled = count('cancelled');
  const carriedOver = count('carried_over');
  const expected = states.length - cancelled;
  return {
    total: states.length,
    completed,
    carriedOver,
    cancelled,
    unfinished: states.filter(isCarryable).length,
    completionRate: expected > 0 ? Math.round((completed / expected) * 1000) / 10 : 0,
  };
}
