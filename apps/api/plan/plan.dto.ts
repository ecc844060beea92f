import { z } from 'zod';
import type { MeasureState, PlanImportReport, StatusLight } from '@duban/domain';

export const yearParam = z.coerce.number({ error: '年份应为数字' }).int().min(2000, '年份超出范围').max(2100, '年份超出范围');

export interface PlanImportResultDto extends PlanImportReport {
  /** Measures whose workflow now runs (already running ones are left alone). */
  workflows: number;
}

export interface QuantityDto {
  value: number;
  unit: string;
  text: string;
}

export interface PlanSummaryDto {
  year: number;
  title: string;
  measures: number;
  importedAt: string;
}

export interface PlanMeasureDto {
  id: string;
  code: string;
  title: string;
  body: string;
  state: string;
  suggestedDepartmentCode: string | null;
  assigneeId: string | null;
  dueDate: string | null;
  quantities: QuantityDto[];
  leadDepartment: string | null;
  escalationLevel: string | null;
  light: StatusLight;
  lightReasons: string[];
  workingDaysOverdue: number;
}

/** Counts over a group of measures (a chapter, a section, a department, the whole plan). */
export interface RollupDto {
  total: number;
  lights: Record<StatusLight, number>;
  states: Record<MeasureState, number>;
  completed: number;
  /** Completed ÷ (total − cancelled), in percent with one decimal; 0 when there is nothing to complete. */
  completionRate: number;
}

/** A department's measures: those it leads, or — not assigned yet — those suggested to it. */
export interface DepartmentRollupDto extends RollupDto {
  /** null for measures neither assigned nor suggested to a department. */
  code: string | null;
  name: string;
}

export interface PlanSectionDto extends RollupDto {
  code: string;
  title: string;
  measures: PlanMeasureDto[];
}

export interface PlanChapterDto extends RollupDto {
  code: string;
  title: string;
  sections: PlanSectionDto[];
}

export interface PlanTreeDto {
  year: number;
  title: string;
  targets: Array<{ code: string; text: string; quantities: QuantityDto[] }>;
  chapters: PlanChapterDto[];
  summary: RollupDto;
  departments: DepartmentRollupDto[];
}

/** Upload limit for a plan document (a 工作要点 is tens of kilobytes). */
export const PLAN_UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
