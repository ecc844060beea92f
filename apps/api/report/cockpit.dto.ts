import { z } from 'zod';
import type { CockpitTotals } from '@duban/domain';

const year = z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围');

export const COCKPIT_SCOPES = ['mine', 'all'] as const;
export type CockpitScope = (typeof COCKPIT_SCOPES)[number];

/** GET /reports/cockpit: `scope` defaults to the leader's 分管 departments (mine) when they have any. */
export const cockpitQuery = z.strictObject({
  year,
  scope: z.enum(COCKPIT_SCOPES, { error: 'scope 应为 mine（分管处室）或 all（全局）' }).optional(),
});
export type CockpitQuery = z.infer<typeof cockpitQuery>;

export const indicatorCodeParam = z.string().trim().min(1, '指标编号不能为空').max(32, '指标编号不能超过 32 个字符');
export const indicatorYearParam = year;

/** PUT /plans/:year/indicators/:code/measures: the whole list of measures serving the indicator. */
export const indicatorMeasuresBody = z.strictObject({
  measureIds: z
    .array(z.string().trim().min(1).max(64), { error: 'measureIds 应为事项编号的列表' })
    .max(200, '一个指标最多关联 200 项措施')
    .refine((ids) => new Set(ids).size === ids.length, '事项编号不能重复'),
});
export type IndicatorMeasuresBody = z.infer<typeof indicatorMeasuresBody>;

export interface DepartmentNameDto {
  code: string;
  name: string;
}

export interface CockpitOverdueItemDto {
  id: string;
  code: string;
  title: string;
  department: string | null;
  departmentName: string | null;
  assigneeName: string | null;
  dueDate: string;
  workingDaysOverdue: number;
  escalationLevel: string | null;
}

export interface CockpitRankDto {
  department: string;
  name: string;
  rank: number;
  score: number;
  totals: CockpitTotals;
}

export interface CockpitIndicatorMeasureDto {
  id: string;
  code: string;
  title: string;
  state: string;
  stateLabel: string;
  progressPercent: number | null;
  department: string | null;
}

export interface CockpitIndicatorDto {
  code: string;
  text: string;
  quantities: Array<{ value: number; unit: string; text: string }>;
  /** Average progress of the linked measures (completed = 100); null without linked measures. */
  progress: number | null;
  measures: CockpitIndicatorMeasureDto[];
}

export interface CockpitDto {
  year: number;
  title: string;
  /** The day the figures are for (Beijing). */
  asOf: string;
  /** The scope applied: the leader's 分管 departments, or the whole plan. */
  scope: CockpitScope;
  /** The departments of the scope (empty for the whole plan). */
  departments: DepartmentNameDto[];
  /** The signed-in leader's own 分管 departments (for the 分管/全局 switch; empty for others). */
  myDepartments: DepartmentNameDto[];
  totals: CockpitTotals;
  /** Most working days overdue first, at most 10. */
  topOverdue: CockpitOverdueItemDto[];
  ranking: CockpitRankDto[];
  /** How the ranking's score is computed, in words. */
  scoreRule: string;
  /** The ranking's score per department at each month end of the plan year (as of today for the current month). */
  trend: { months: string[]; departments: Array<{ department: string; name: string; scores: Array<number | null> }> };
  indicators: CockpitIndicatorDto[];
}

export interface IndicatorMeasuresDto {
  year: number;
  code: string;
  measureIds: string[];
}
