// The cockpit's figures (领导驾驶舱): rates, counts, the department ranking (处室排名) and its score.
// Pure: the API gives it the measures as they stand (today from the projection, a month end from the
// recorded events), and the list filters of 全部事项 apply the same definitions in SQL
// (MeasureRepository: `completion`, `overdue`, `accountability`), so every number clicks through to
// exactly the measures it counts.
import { isActiveState } from './lifecycle';

/** What the cockpit needs of one measure at one moment. */
export interface CockpitMeasure {
  id: string;
  code: string;
  title: string;
  /** The owning department: the lead department, or the suggested one while unassigned. */
  department: string | null;
  state: string;
  dueDate: string | null;
  completedOn: string | null;
  escalationLevel: string | null;
  /** Accountability outcomes recorded on the measure (约谈, 通报批评, 诫勉, 问责处理). */
  outcomes: number;
}

export interface CockpitTotals {
  /** Every measure except the cancelled (已撤销) ones: the denominator of 办结率. */
  total: number;
  completed: number;
  /** Completed on or before their due date (a completion without a due date is on time). */
  onTime: number;
  late: number;
  /** Still in hand and past their due date. */
  overdue: number;
  /** Measures under accountability: the ladder reached 问责, or an outcome is recorded. */
  accountability: number;
  /** Of those, how many the ladder took to 问责. */
  accountabilityLadder: number;
  /** Accountability outcomes recorded (a measure may have several). */
  outcomes: number;
  /** 办结率: completed / total; null without measures. */
  completionRate: number | null;
  /** 按期率: completed on time / completed; null before anything is completed. */
  onTimeRate: number | null;
}

/** A counted measure is every measure but a cancelled one. */
export function countsInCockpit(m: Pick<CockpitMeasure, 'state'>): boolean {
  return m.state !== 'cancelled';
}

/** Completed after its due date (the due date in force at completion, extensions included). */
export function completedLate(m: Pick<CockpitMeasure, 'state' | 'dueDate' | 'completedOn'>): boolean {
  return m.state === 'completed' && m.dueDate !== null && m.completedOn !== null && m.completedOn > m.dueDate;
}

export function completedOnTime(m: Pick<CockpitMeasure, 'state' | 'dueDate' | 'completedOn'>): boolean {
  return m.state === 'completed' && !completedLate(m);
}

/** Overdue on `date`: still being worked on and past its due date (the red-light condition). */
export function overdueOn(m: Pick<CockpitMeasure, 'state' | 'dueDate'>, date: string): boolean {
  return isActiveState(m.state) && m.dueDate !== null && date > m.dueDate;
}

export function underAccountability(m: Pick<CockpitMeasure, 'escalationLevel' | 'outcomes'>): boolean {
  return m.escalationLevel === 'accountability' || m.outcomes > 0;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function cockpitTotals(measures: CockpitMeasure[], date: string): CockpitTotals {
  const counted = measures.filter(countsInCockpit);
  const completed = counted.filter((m) => m.state === 'completed');
  const onTime = completed.filter(completedOnTime).length;
  return {
    total: counted.length,
    completed: completed.length,
    onTime,
    late: completed.length - onTime,
    overdue: counted.filter((m) => overdueOn(m, date)).length,
    accountability: counted.filter(underAccountability).length,
    accountabilityLadder: counted.filter((m) => m.escalationLevel === 'accountability').length,
    outcomes: counted.reduce((n, m) => n + m.outcomes, 0),
    completionRate: ratio(completed.length, counted.length),
    onTimeRate: ratio(onTime, completed.length),
  };
}

/** Points taken off the score per measure under accountability. */
export const ACCOUNTABILITY_PENALTY = 5;

/**
 * The ranking's score (综合得分, 0–100), from a department's own measures (not cancelled):
 * 50 × 办结率 + 30 × 按期办结占比 (completed on time / all) + 20 × (1 − 逾期占比 (overdue / all)),
 * minus 5 per measure under accountability, never below 0; one decimal. A department without
 * measures has no score.
 */
export function departmentScore(t: CockpitTotals): number | null {
  if (t.total === 0) return null;
  const raw = 50 * (t.completed / t.total) + 30 * (t.onTime / t.total) + 20 * (1 - t.overdue / t.total) - ACCOUNTABILITY_PENALTY * t.accountability;
  return Math.round(Math.max(0, raw) * 10) / 10;
}

/** The rule in words, shown beside the ranking. */
export const DEPARTMENT_SCORE_RULE =
  '综合得分 = 办结率×50 + 按期办结占比×30 + (1 − 逾期占比)×20 − 问责事项数×5（最低 0 分，满分 100 分）；占比的分母为该处室牵头的事项数（不含已撤销），未交办事项计入其建议牵头处室';

export interface DepartmentRank {
  department: string;
  rank: number;
  score: number;
  totals: CockpitTotals;
}

/**
 * 处室排名: every department that owns a counted measure, best score first (ties: higher 办结率,
 * then fewer overdue, then by code); equal scores share a rank. Measures without a department
 * (no lead, no suggestion) are left out of the ranking.
 */
export function rankDepartments(measures: CockpitMeasure[], date: string): DepartmentRank[] {
  const byDepartment = new Map<string, CockpitMeasure[]>();
  for (const m of measures) {
    if (m.department === null || !countsInCockpit(m)) continue;
    const list = byDepartment.get(m.department);
    if (list) list.push(m);
    else byDepartment.set(m.department, [m]);
  }
  const rows = [...byDepartment].map(([department, list]) => {
    const totals = cockpitTotals(list, date);
    return { department, totals, score: departmentScore(totals) ?? 0 };
  });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      (b.totals.completionRate ?? 0) - (a.totals.completionRate ?? 0) ||
      a.totals.overdue - b.totals.overdue ||
      (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
  );
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.score !== rows[i - 1].score) rank = i + 1;
    return { ...row, rank };
  });
}

export interface OverdueItem {
  id: string;
  code: string;
  dueDate: string;
  workingDaysOverdue: number;
}

/** The most overdue first (working days), then the earliest due date, then by code; at most `limit`. */
export function topOverdue<T extends OverdueItem>(items: T[], limit = 10): T[] {
  return [...items]
    .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

/** Last day of each month of `year` that has begun by `today` (today itself for the current month). */
export function trendMonthEnds(year: number, today: string): Array<{ month: string; asOf: string }> {
  const points: Array<{ month: string; asOf: string }> = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (`${month}-01` > today) break;
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const end = `${month}-${String(last).padStart(2, '0')}`;
    points.push({ month, asOf: end < today ? end : today });
  }
  return points;
}

/** The share of a target indicator's linked measures done: completed count as 100, others their reported percent. */
export function indicatorProgress(measures: Array<{ state: string; progressPercent: number | null }>): number | null {
  const counted = measures.filter(countsInCockpit);
  if (counted.length === 0) return null;
  const sum = counted.reduce((n, m) => n + (m.state === 'completed' ? 100 : Math.min(100, Math.max(0, m.progressPercent ?? 0))), 0);
  return Math.round((sum / counted.length) * 10) / 10;
}
