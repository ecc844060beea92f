// The monthly supervision bulletin (督办通报): lights, the month's completions, new overdue items and
// escalations, a table per lead department, and the list of overdue measures.
import {
  ESCALATION_LABELS,
  departmentTotals,
  ESCALATION_LEVELS,
  STATUS_LIGHT_LABELS,
  STATUS_LIGHTS,
  type BulletinSummaryDepartment,
  type EscalationLevel,
  type EscalationPolicy,
  type LightCalendar,
  type StatusLight,
} from '@duban/domain';
import { isOverdue, lightOn, type MeasureStatus } from './as-of';
import { departmentName, dueLabel, personName, type Names } from './ledger';
import type { ReportRow, ReportTable } from './table';

export interface BulletinMeasure {
  code: string;
  title: string;
  suggestedDepartmentCode: string | null;
  /** As of the bulletin's date. */
  now: MeasureStatus;
  /** As of the last day of the previous month. */
  previous: MeasureStatus;
}

export interface BulletinInput {
  planTitle: string;
  /** YYYY-MM */
  month: string;
  /** The day the figures are taken on: the month's last day, or today in the current month. */
  asOf: string;
  asOfIsToday: boolean;
  previousMonthEnd: string;
  measures: BulletinMeasure[];
  /** Levels of the escalation events recorded in the month up to the end of `asOf` (measures and their findings). */
  escalationsInMonth: EscalationLevel[];
  calendar: LightCalendar;
  policy: Pick<EscalationPolicy, 'warningDaysBefore'>;
  names: Names;
}

/** A department's row; `onTimeRate`: completed by their due date, of those due by the bulletin date or completed (null when none are). */
export type DepartmentFigures = BulletinSummaryDepartment;

export interface OverdueMeasure {
  code: string;
  title: string;
  department: string;
  assignee: string;
  dueDate: string;
  workingDaysOverdue: number;
  level: string;
}

export interface BulletinFigures {
  title: string;
  asOf: string;
  asOfIsToday: boolean;
  total: number;
  lights: Record<StatusLight, number>;
  completedThisMonth: number;
  newlyOverdue: number;
  escalations: Record<EscalationLevel, number>;
  departments: DepartmentFigures[];
  /** The same rate over the whole plan. */
  onTimeRate: number | null;
  overdue: OverdueMeasure[];
}

export function bulletinTitle(planTitle: string, month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${planTitle}督办通报（${y}年${m}月）`;
}

export function computeBulletin(input: BulletinInput): BulletinFigures {
  const { asOf, names } = input;
  const monthStart = `${input.month}-01`;
  const lights = Object.fromEntries(STATUS_LIGHTS.map((l) => [l, 0])) as Record<StatusLight, number>;
  const escalations = Object.fromEntries(ESCALATION_LEVELS.map((l) => [l, 0])) as Record<EscalationLevel, number>;
  for (const level of input.escalationsInMonth) escalations[level] += 1;

  const byDepartment = new Map<string, DepartmentFigures & { due: number; onTime: number }>();
  const overdue: OverdueMeasure[] = [];
  let completedThisMonth = 0;
  let newlyOverdue = 0;
  let due = 0;
  let onTime = 0;

  for (const m of input.measures) {
    const s = m.now;
    const verdict = lightOn(s, asOf, input.calendar, input.policy);
    lights[verdict.light] += 1;
    const completed = s.state === 'completed';
    if (completed && s.completedOn && s.completedOn >= monthStart && s.completedOn <= asOf) completedThisMonth += 1;
    const late = isOverdue(s, asOf);
    if (late && !isOverdue(m.previous, input.previousMonthEnd)) newlyOverdue += 1;

    // Assigned measures count for their lead department; the others for the suggested one.
    const code = s.leadDepartment ?? m.suggestedDepartmentCode;
    const department = code ? departmentName(names, code) : '（未确定）';
    const row = byDepartment.get(department) ?? { department, measures: 0, completed: 0, onTimeRate: null, overdue: 0, supervision: 0, accountability: 0, due: 0, onTime: 0 };
    row.measures += 1;
    if (completed) row.completed += 1;
    const isDue = completed || (s.state !== 'cancelled' && s.dueDate !== null && s.dueDate <= asOf);
    const wasOnTime = completed && s.completedOn !== null && s.dueDate !== null && s.completedOn <= s.dueDate;
    if (isDue) row.due += 1;
    if (wasOnTime) row.onTime += 1;
    due += Number(isDue);
    onTime += Number(wasOnTime);
    if (late) row.overdue += 1;
    if (s.escalationLevel === 'supervision') row.supervision += 1;
    if (s.escalationLevel === 'accountability') row.accountability += 1;
    byDepartment.set(department, row);

    if (late) {
      overdue.push({
        code: m.code,
        title: m.title,
        department,
        assignee: personName(names, s.assigneeId),
        dueDate: dueLabel(s),
        workingDaysOverdue: verdict.workingDaysOverdue,
        level: s.escalationLevel ? ESCALATION_LABELS[s.escalationLevel] : '',
      });
    }
  }

  const departments = [...byDepartment.values()]
    .sort((a, b) => b.measures - a.measures || a.department.localeCompare(b.department, 'zh-CN'))
    .map(({ due: rowDue, onTime: rowOnTime, ...row }) => ({ ...row, onTimeRate: rowDue > 0 ? rowOnTime / rowDue : null }));
  // Longest overdue first; the document order (stable sort) among equals.
  overdue.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue);

  return {
    title: bulletinTitle(input.planTitle, input.month),
    asOf,
    asOfIsToday: input.asOfIsToday,
    total: input.measures.length,
    lights,
    completedThisMonth,
    newlyOverdue,
    escalations,
    departments,
    onTimeRate: due > 0 ? onTime / due : null,
    overdue,
  };
}

const LIGHT_ROWS: Array<{ light: StatusLight; label: string }> = [
  { light: 'red', label: '红灯（逾期，或检查问题逾期未整改）' },
  { light: 'yellow', label: '黄灯（临近截止，或落后序时进度）' },
  { light: 'green', label: '绿灯（正常推进）' },
  { light: 'grey', label: '灰灯（未交办或已撤销）' },
  { light: 'done', label: STATUS_LIGHT_LABELS.done },
];

export const SUMMARY_SHEET = '概况';
export const DEPARTMENT_SHEET = '处室统计';
export const OVERDUE_SHEET = '逾期事项';

const percent = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

export function bulletinTables(f: BulletinFigures): ReportTable[] {
  const asOfNote = f.asOfIsToday ? `统计截至 ${f.asOf}（本月尚未结束，按今天计算）` : `统计截至 ${f.asOf}（月末）`;
  const summaryRows: ReportRow[] = [
    { cells: ['事项总数', f.total], bold: true },
    ...LIGHT_ROWS.map(({ light, label }) => ({ cells: [label, f.lights[light]], lights: { 0: light } })),
    { cells: ['本月办结', f.completedThisMonth] },
    { cells: ['本月新增逾期', f.newlyOverdue] },
    ...ESCALATION_LEVELS.map((level) => ({ cells: [`本月${ESCALATION_LABELS[level]}（次）`, f.escalations[level]] })),
  ];
  const totals = departmentTotals(f.departments);
  return [
    {
      sheet: SUMMARY_SHEET,
      title: f.title,
      notes: [asOfNote, '红黄绿灯按统计日判定；督办次数含检查问题整改的督办。'],
      columns: [
        { header: '项目', width: 40 },
        { header: '数量', width: 10 },
      ],
      rows: summaryRows,
    },
    {
      sheet: DEPARTMENT_SHEET,
      title: `${f.title} · 处室统计`,
      notes: [
        asOfNote,
        '已交办的事项按牵头处室统计，未交办的按建议牵头处室统计。',
        '按期完成率 = 按期办结事项 ÷ 应完成事项（截止日期已到或已办结）；督办、问责为事项当前所处等级。',
      ],
      columns: [
        { header: '牵头处室', width: 26 },
        { header: '事项数', width: 9 },
        { header: STATUS_LIGHT_LABELS.done, width: 9 },
        { header: '按期完成率', width: 12 },
        { header: '逾期', width: 8 },
        { header: '督办', width: 8 },
        { header: '问责', width: 8 },
      ],
      rows: [
        ...f.departments.map((d) => ({ cells: [d.department, d.measures, d.completed, percent(d.onTimeRate), d.overdue, d.supervision, d.accountability] })),
        { cells: ['合计', totals.measures, totals.completed, percent(f.onTimeRate), totals.overdue, totals.supervision, totals.accountability], bold: true },
      ],
    },
    {
      sheet: OVERDUE_SHEET,
      title: `${f.title} · 逾期事项`,
      notes: [asOfNote, '按逾期工作日从多到少排列。'],
      columns: [
        { header: '编号', width: 9 },
        { header: '事项', width: 36 },
        { header: '牵头处室', width: 22 },
        { header: '承办人', width: 10 },
        { header: '截止日期', width: 18 },
        { header: '逾期工作日', width: 11 },
        { header: '当前等级', width: 10 },
      ],
      rows: f.overdue.map((o) => ({ cells: [o.code, o.title, o.department, o.assignee, o.dueDate, o.workingDaysOverdue, o.level] })),
    },
  ];
}
