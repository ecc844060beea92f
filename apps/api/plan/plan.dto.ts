import { z } from 'zod';
import type { MeasureState, PlanImportReport, StatusLight, SuggestionBasis } from '@duban/domain';

export const yearParam = z.coerce.number({ error: '年份应为数字' }).int().min(2000, '年份超出范围').max(2100, '年份超出范围');

/** The most measures one bulk change names by id (a chapter or a section may hold more). */
export const SUGGESTION_SELECTION_LIMIT = 200;

const planCode = z.string().trim().min(1, '编号不能为空').max(32, '编号过长').regex(/^\d+(\.\d+)*$/, '编号应为数字，例如 2 或 2.1');

/**
 * 设定建议牵头处室 in bulk: the measures by id, or every measure of a chapter or a section (one of
 * the three), and the department their head will 交办 them from.
 */
export const suggestedDepartmentsBody = z
  .object({
    department: z.string().trim().min(1, '请选择牵头处室').max(64),
    measureIds: z
      .array(z.string().max(64).regex(/^\d{4}-\d+(\.\d+)*$/, '事项编号格式应为 年份-编号，例如 2022-2.1.1'))
      .min(1, '请至少选择一项事项')
      .max(SUGGESTION_SELECTION_LIMIT, `一次最多选择 ${SUGGESTION_SELECTION_LIMIT} 项事项`)
      .optional(),
    chapterCode: planCode.optional(),
    sectionCode: planCode.optional(),
  })
  .refine((b) => [b.measureIds, b.chapterCode, b.sectionCode].filter((x) => x !== undefined).length === 1, {
    message: '请按事项（measureIds）、章（chapterCode）或节（sectionCode）三者之一选择事项',
  });
export type SuggestedDepartmentsBody = z.infer<typeof suggestedDepartmentsBody>;

export interface SuggestedDepartmentsResultDto {
  year: number;
  department: string;
  departmentName: string;
  /** Measures whose suggested department is now `department` (their running workflows were told). */
  updated: string[];
  /** Selected measures that already had it. */
  unchanged: string[];
}

export interface PlanImportResultDto extends PlanImportReport {
  /** The format the document was read as (by its content); `manual` for a plan built or amended by hand in the preview. */
  format: 'txt' | 'html' | 'docx' | 'xlsx' | 'pdf' | 'manual';
  /** Measures whose workflow now runs (already running ones are left alone). */
  workflows: number;
  /**
   * How each measure's suggested lead department was found (the plan's own lead, named in the text, by topic, by chapter,
   * the general office, none); a measure already stored keeps the suggestion it has, if any.
   */
  suggestions: Record<SuggestionBasis, number>;
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

/**
 * Upload limit for a plan document: 50 MB, as real .docx/PDF plans carry images (the same number
 * as PLAN_DOCUMENT_MAX_BYTES of @duban/plan-reader, which a DTO may not import; a test checks).
 */
export const PLAN_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
