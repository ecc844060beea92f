// 红黄绿灯: one rule for the API, the dashboard and every export (DESIGN.md "Status lights").
import type { EscalationPolicy } from './escalation';
import { MEASURE_STATE_LABELS, type MeasureState } from './lifecycle';

export const STATUS_LIGHTS = ['red', 'yellow', 'green', 'grey', 'done'] as const;
export type StatusLight = (typeof STATUS_LIGHTS)[number];

export const STATUS_LIGHT_LABELS: Record<StatusLight, string> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  grey: '未交办',
  // One word for done, the official one: the light of a finished measure reads as its state (已办结).
  done: MEASURE_STATE_LABELS.completed,
};

/** Percentage points reported progress may trail the share of working days elapsed (序时进度). */
export const BEHIND_SCHEDULE_TOLERANCE = 15;

export interface LightCalendar {
  addWorkingDays(start: string, n: number): { value: string };
  workingDaysBetween(from: string, to: string): { value: number };
}

export interface LightInput {
  state: MeasureState;
  dueDate: string | null;
  assignedOn: string | null;
  progressPercent: number | null;
  /** Due dates of the measure's findings that are not closed. */
  openFindingDueDates: string[];
  /** The assignment's milestones (节点); one past its date and not reported complete turns the light yellow. */
  milestones?: ReadonlyArray<{ dueDate: string; completedOn?: string | null }>;
}

export interface LightVerdict {
  light: StatusLight;
  /** Plain reasons, e.g. ['逾期 3 个工作日']. */
  reasons: string[];
  workingDaysOverdue: number;
}

export function statusLight(m: LightInput, today: string, calendar: LightCalendar, policy: Pick<EscalationPolicy, 'warningDaysBefore'>): LightVerdict {
  if (m.state === 'completed') return { light: 'done', reasons: [], workingDaysOverdue: 0 };
  if (m.state === 'imported' || m.state === 'cancelled' || m.state === 'carried_over' || !m.dueDate) return { light: 'grey', reasons: [], workingDaysOverdue: 0 };

  const reasons: string[] = [];
  const overdue = today > m.dueDate ? calendar.workingDaysBetween(m.dueDate, today).value : 0;
  if (today > m.dueDate) reasons.push(overdue > 0 ? `逾期 ${overdue} 个工作日` : '已过截止日期');
  const lateFindings = m.openFindingDueDates.filter((d) => today > d).length;
  if (lateFindings > 0) reasons.push(`${lateFindings} 个检查问题逾期未整改`);
  if (reasons.length > 0) return { light: 'red', reasons, workingDaysOverdue: overdue };

  const slipped = (m.milestones ?? []).filter((ms) => !ms.completedOn && today > ms.dueDate).length;
  if (slipped > 0) reasons.push(`${slipped} 个节点逾期未完成`);
  const warningFrom = calendar.addWorkingDays(m.dueDate, -policy.warningDaysBefore).value;
  if (today >= warningFrom) reasons.push(`距截止不足 ${policy.warningDaysBefore} 个工作日`);
  if (m.assignedOn && m.assignedOn < m.dueDate) {
    const total = calendar.workingDaysBetween(m.assignedOn, m.dueDate).value;
    const elapsed = Math.max(0, calendar.workingDaysBetween(m.assignedOn, today).value);
    const expected = total > 0 ? Math.min(100, (elapsed / total) * 100) : 100;
    const reported = m.progressPercent ?? 0;
    if (reported < expected - BEHIND_SCHEDULE_TOLERANCE) reasons.push(`进度 ${Math.round(reported)}% 落后序时进度 ${Math.round(expected)}%`);
  }
  return { light: reasons.length > 0 ? 'yellow' : 'green', reasons, workingDaysOverdue: 0 };
}
