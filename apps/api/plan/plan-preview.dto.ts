// POST /plans/preview answers a parsed plan as editable JSON (nothing stored); POST
// /plans/import-reviewed takes it back as the admin corrected it and imports it.
import { z } from 'zod';
import type { OutlineDiff, SuggestionBasis } from '@duban/domain';
import { yearParam } from './plan.dto';

/** Sizes a reviewed plan may have (a real plan has some hundred measures; the text columns are unbounded). */
export const REVIEWED_PLAN_LIMITS = { measures: 2_000, chapters: 100, sectionsPerChapter: 200, targets: 500, title: 500, body: 20_000, subItems: 50 } as const;

const code = z.string().trim().min(1, '编号不能为空').max(32, '编号过长').regex(/^\d+(\.\d+)*$/, '编号应为数字，例如 2 或 2.1.3');
const title = z.string().trim().max(REVIEWED_PLAN_LIMITS.title, `标题不能超过 ${REVIEWED_PLAN_LIMITS.title} 字`);
const departmentCode = z.string().trim().min(1).max(64);

export const reviewedMeasure = z.object({
  code,
  title,
  body: z.string().trim().max(REVIEWED_PLAN_LIMITS.body, `正文不能超过 ${REVIEWED_PLAN_LIMITS.body} 字`).default(''),
  /** 建议牵头处室 as the admin set it (null: none). */
  suggestedDepartment: departmentCode.nullable().default(null),
  coDepartments: z.array(departmentCode).max(30).optional(),
  leadText: z.string().trim().max(200).optional(),
  coText: z.string().trim().max(500).optional(),
  subItems: z.array(z.string().trim().max(2_000)).max(REVIEWED_PLAN_LIMITS.subItems, `分项不能超过 ${REVIEWED_PLAN_LIMITS.subItems} 条`).optional(),
});

export const reviewedPlanBody = z.object({
  year: yearParam,
  title: z.string().trim().min(1, '工作要点标题不能为空').max(REVIEWED_PLAN_LIMITS.title),
  /** The format the document was read as, or `manual` for a plan built or amended by hand (kept in the audit entry). */
  format: z.enum(['txt', 'html', 'docx', 'xlsx', 'pdf', 'manual']).optional(),
  targets: z
    .array(z.object({ code, text: z.string().trim().min(1, '指标内容不能为空').max(2_000) }))
    .max(REVIEWED_PLAN_LIMITS.targets)
    .default([]),
  chapters: z
    .array(
      z.object({
        code,
        title,
        sections: z.array(z.object({ code, title, measures: z.array(reviewedMeasure) })).max(REVIEWED_PLAN_LIMITS.sectionsPerChapter),
      }),
    )
    .min(1, '工作要点至少应有一章')
    .max(REVIEWED_PLAN_LIMITS.chapters),
});
export type ReviewedPlanBody = z.infer<typeof reviewedPlanBody>;
export type ReviewedMeasure = z.infer<typeof reviewedMeasure>;

/** A measure as the preview shows it: what the import would store, with the suggestion it would get. */
export interface PreviewMeasureDto {
  code: string;
  title: string;
  body: string;
  suggestedDepartment: string | null;
  /** How the suggestion was found (the plan's own lead, a name in the text, by topic, …; `stored`: kept from the plan already imported). */
  suggestionBasis: SuggestionBasis | 'stored';
  coDepartments?: string[];
  leadText?: string;
  coText?: string;
  /** Lead names the plan writes that match no department (shown, never dropped). */
  unmatchedLeads?: string[];
  subItems?: string[];
  deadlineText?: string;
}

export interface PreviewWarningDto {
  code?: string;
  /** The code of the measure, section or chapter concerned. */
  at?: string;
  message: string;
}

/** Measures added, changed and missing against the plan already stored (libs/domain `outlineDiff`). */
export type PlanDiffDto = OutlineDiff;

export interface PlanPreviewDto {
  year: number;
  title: string;
  /** How the plan was read: a document's format, or `manual` (the stored plan opened to be amended, or one built by hand). */
  format: 'txt' | 'html' | 'docx' | 'xlsx' | 'pdf' | 'manual';
  chapters: Array<{ code: string; title: string; sections: Array<{ code: string; title: string; measures: PreviewMeasureDto[] }> }>;
  targets: Array<{ code: string; text: string }>;
  warnings: PreviewWarningDto[];
  /** Present when this year's plan is already imported. */
  diff?: PlanDiffDto;
  /** The measures already stored for the year (code, title, body as stored), so the diff can be recomputed as the outline is edited. */
  stored?: Array<{ code: string; title: string; body: string }>;
}

/** One thing wrong with a reviewed plan (400 VALIDATION_FAILED details.problems). */
export interface ReviewProblemDto {
  /** The code of the measure, section or chapter, or `plan`. */
  at: string;
  field: string;
  message: string;
}
