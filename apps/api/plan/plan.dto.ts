import { z } from 'zod';
import type { PlanImportResult } from './plan-import';

export const yearParam = z.coerce.number({ error: '年份应为数字' }).int().min(2000, '年份超出范围').max(2100, '年份超出范围');

export type PlanImportResultDto = PlanImportResult;

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
}

export interface PlanTreeDto {
  year: number;
  title: string;
  targets: Array<{ code: string; text: string; quantities: QuantityDto[] }>;
  chapters: Array<{ code: string; title: string; sections: Array<{ code: string; title: string; measures: PlanMeasureDto[] }> }>;
}

/** Upload limit for a plan document (a 工作要点 is tens of kilobytes). */
export const PLAN_UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
