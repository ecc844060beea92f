import { z } from 'zod';
import { CARRY_OVER_MAX_MEASURES, CARRY_OVER_REASON_MAX, type CompletionFigures } from '@duban/domain';
import type { MeasureEventDto } from '../measure/measure.dto';

/** POST /plans/:year/carry-over. The year and the list are checked by the domain (carryOverRequestProblem). */
export const carryOverBody = z.object({
  toYear: z.number({ error: '结转年度应为整数年份' }).int('结转年度应为整数年份'),
  measureIds: z.array(z.string().max(64)).max(CARRY_OVER_MAX_MEASURES, `一次最多结转 ${CARRY_OVER_MAX_MEASURES} 个事项`).optional(),
  reason: z.string({ error: '年终结转必须说明理由' }).max(CARRY_OVER_REASON_MAX, `结转理由不能超过 ${CARRY_OVER_REASON_MAX} 个字`),
});
export type CarryOverBody = z.infer<typeof carryOverBody>;

export interface CarriedMeasureDto {
  measureId: string;
  title: string;
  successorId: string;
  /** true: continued in a measure the new plan already had (same title); false: appended to it. */
  linked: boolean;
}

export interface SkippedMeasureDto {
  measureId: string;
  title: string;
  reason: string;
  successorId: string | null;
}

export interface FailedMeasureDto {
  measureId: string;
  title: string | null;
  code: string;
  reason: string;
}

export interface CarryOverResultDto {
  year: number;
  toYear: number;
  /** The new year's plan did not exist and was created (empty, titled 「<year>年工作要点（结转）」). */
  createdPlan: boolean;
  carried: CarriedMeasureDto[];
  skipped: SkippedMeasureDto[];
  failed: FailedMeasureDto[];
  /** When the frozen 完成情况 report was taken by this request (null: nothing new was carried). */
  reportTakenAt: string | null;
}

export interface CompletionLineDto extends CompletionFigures {
  code: string | null;
  name: string;
}

export interface CompletionMeasureDto {
  id: string;
  code: string;
  title: string;
  chapterCode: string;
  department: string | null;
  departmentName: string;
  state: string;
  stateLabel: string;
  successorId: string | null;
}

/** The 完成情况 report as it was when taken at a carry-over: never recomputed. */
export interface CompletionReportDto {
  year: number;
  title: string;
  takenAt: string;
  takenBy: string;
  toYear: number;
  reason: string;
  summary: CompletionFigures;
  chapters: CompletionLineDto[];
  departments: CompletionLineDto[];
  measures: CompletionMeasureDto[];
}

export interface CompletionReportViewDto {
  year: number;
  /** The newest report; null until the plan's first carry-over. */
  report: CompletionReportDto | null;
  /** When every report of the plan was taken, newest first. */
  takenAts: string[];
}

export interface CarryOverLinkDto {
  id: string;
  title: string;
  state: string;
  stateLabel: string;
  /** The linked measure's newest events (its history, readable from here). */
  events: MeasureEventDto[];
  eventTotal: number;
}

export interface CarryOverLinksDto {
  measureId: string;
  /** 结转自: the measure of an earlier plan this one continues. */
  predecessor: CarryOverLinkDto | null;
  /** 已结转至: the measure of a later plan that continues this one. */
  successor: CarryOverLinkDto | null;
}
