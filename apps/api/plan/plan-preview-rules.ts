// The preview's rules, pure (no I/O): a parsed plan as the editable preview, the diff against the
// plan already stored, what is wrong with a plan as an admin corrected it, and that plan as the
// import stores it.
import { extractQuantities, type Plan } from '@duban/plan-parser';
import { outlineDiff, type DepartmentCandidate, type DepartmentSuggestion, type ParsedLeads } from '@duban/domain';
import { REVIEWED_PLAN_LIMITS, type PlanPreviewDto, type PreviewMeasureDto, type ReviewedPlanBody, type ReviewProblemDto } from './plan-preview.dto';

export interface StoredMeasure {
  code: string;
  title: string;
  body: string;
  suggestedDepartmentCode: string | null;
}

/**
 * The parsed plan as the preview answers it: every measure with the suggestion the import would
 * give it (a measure already stored keeps its stored suggestion, as the import does), the parser's
 * warnings plus one per lead name no department matches, and — a year already imported — the diff.
 */
export function previewOf(
  plan: Plan,
  format: PlanPreviewDto['format'],
  leads: { suggestions: Record<string, DepartmentSuggestion>; named: Record<string, ParsedLeads> },
  stored: StoredMeasure[] | undefined,
): PlanPreviewDto {
  const kept = new Map((stored ?? []).map((m) => [m.code, m]));
  const warnings: PlanPreviewDto['warnings'] = (plan.warnings ?? []).map((w) => ({ code: w.code, at: w.at, message: w.message }));
  const chapters = plan.chapters.map((c) => ({
    code: c.code,
    title: c.title,
    sections: c.sections.map((s) => ({
      code: s.code,
      title: s.title,
      measures: s.measures.map((m): PreviewMeasureDto => {
        const suggestion = leads.suggestions[m.code];
        const named = leads.named[m.code];
        const before = kept.get(m.code)?.suggestedDepartmentCode;
        const measure: PreviewMeasureDto = {
          code: m.code,
          title: m.title,
          body: m.body,
          suggestedDepartment: before ?? suggestion?.department ?? null,
          suggestionBasis: before ? 'stored' : (suggestion?.basis ?? 'none'),
        };
        if (named?.co.length) measure.coDepartments = named.co;
        if (m.leadText) measure.leadText = m.leadText;
        if (m.coText) measure.coText = m.coText;
        if (named?.unmatched.length) {
          measure.unmatchedLeads = named.unmatched;
          warnings.push({ code: 'unmatched_department', at: m.code, message: `措施 ${m.code} 写明的「${named.unmatched.join('、')}」未匹配到本单位处室，请选择牵头处室` });
        }
        if (m.subItems?.length) measure.subItems = m.subItems;
        if (m.deadlineText) measure.deadlineText = m.deadlineText;
        return measure;
      }),
    })),
  }));
  return {
    year: plan.year,
    title: plan.title,
    format,
    chapters,
    targets: plan.targets.map((t) => ({ code: t.code, text: t.text })),
    warnings,
    ...(stored ? storedPart(chapters.flatMap((c) => c.sections.flatMap((s) => s.measures)), stored) : {}),
  };
}

/** The diff against the stored plan, and the stored measures the web recomputes it from while the outline is edited. */
function storedPart(measures: PreviewMeasureDto[], stored: readonly StoredMeasure[]): Pick<PlanPreviewDto, 'diff' | 'stored'> {
  return { diff: outlineDiff(measures, stored), stored: stored.map((m) => ({ code: m.code, title: m.title, body: m.body })) };
}

/**
 * The plan already stored for a year, as an editable preview (修改已导入的工作要点): measures with
 * their stored text and suggestion, nothing to warn about, an empty diff. Confirmed like any preview.
 */
export function outlineOfStored(tree: {
  plan: { year: number; title: string };
  targets: ReadonlyArray<{ code: string; text: string }>;
  chapters: ReadonlyArray<{ code: string; title: string }>;
  sections: ReadonlyArray<{ code: string; chapterCode: string; title: string }>;
  measures: ReadonlyArray<StoredMeasure & { sectionCode: string }>;
}): PlanPreviewDto {
  const chapters = tree.chapters.map((c) => ({
    code: c.code,
    title: c.title,
    sections: tree.sections
      .filter((s) => s.chapterCode === c.code)
      .map((s) => ({
        code: s.code,
        title: s.title,
        measures: tree.measures
          .filter((m) => m.sectionCode === s.code)
          .map(
            (m): PreviewMeasureDto => ({
              code: m.code,
              title: m.title,
              body: m.body,
              suggestedDepartment: m.suggestedDepartmentCode,
              suggestionBasis: m.suggestedDepartmentCode ? 'stored' : 'none',
            }),
          ),
      })),
  }));
  return {
    year: tree.plan.year,
    title: tree.plan.title,
    format: 'manual',
    chapters,
    targets: tree.targets.map((t) => ({ code: t.code, text: t.text })),
    warnings: [],
    ...storedPart(chapters.flatMap((c) => c.sections.flatMap((s) => s.measures)), tree.measures),
  };
}

/**
 * Everything wrong with a reviewed plan, per chapter, section and measure (empty: it may be
 * imported): codes unique at each level, titles not empty, at least one measure and not more than
 * the limit, every department named an active business department of the organization, and the
 * suggestion of a measure already stored left as it is (the import keeps it).
 */
export function reviewProblems(plan: ReviewedPlanBody, departments: readonly DepartmentCandidate[], stored: readonly StoredMeasure[] = []): ReviewProblemDto[] {
  const problems: ReviewProblemDto[] = [];
  const kept = new Map(stored.map((m) => [m.code, m.suggestedDepartmentCode]));
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const duplicates = (kind: string, codes: string[]) => {
    const seen = new Set<string>();
    for (const c of codes) {
      if (seen.has(c)) problems.push({ at: c, field: 'code', message: `${kind}编号 ${c} 重复` });
      seen.add(c);
    }
  };
  const sections = plan.chapters.flatMap((c) => c.sections);
  const measures = sections.flatMap((s) => s.measures);
  duplicates('章', plan.chapters.map((c) => c.code));
  duplicates('节', sections.map((s) => s.code));
  duplicates('措施', measures.map((m) => m.code));
  duplicates('指标', plan.targets.map((t) => t.code));
  for (const c of plan.chapters) if (!c.title) problems.push({ at: c.code, field: 'title', message: `第 ${c.code} 章没有标题` });
  if (measures.length === 0) problems.push({ at: 'plan', field: 'chapters', message: '工作要点中没有任何措施' });
  if (measures.length > REVIEWED_PLAN_LIMITS.measures) {
    problems.push({ at: 'plan', field: 'chapters', message: `措施共 ${measures.length} 项，一次最多导入 ${REVIEWED_PLAN_LIMITS.measures} 项` });
  }
  const department = (at: string, field: string, value: string) => {
    const d = byCode.get(value);
    if (!d) problems.push({ at, field, message: `措施 ${at} 的处室 ${value} 不存在` });
    else if (d.active === false) problems.push({ at, field, message: `措施 ${at} 的处室「${d.name}」已停用` });
    else if (d.kind !== undefined && d.kind !== 'business') problems.push({ at, field, message: `措施 ${at} 的「${d.name}」不是业务处室，不能牵头或配合办理事项` });
  };
  for (const m of measures) {
    if (!m.title) problems.push({ at: m.code, field: 'title', message: `措施 ${m.code} 没有标题` });
    if (m.suggestedDepartment) department(m.code, 'suggestedDepartment', m.suggestedDepartment);
    // A re-import keeps a stored suggestion (the head may already act on it): changing it is its own audited step.
    const before = kept.get(m.code);
    if (before && before !== m.suggestedDepartment) {
      problems.push({ at: m.code, field: 'suggestedDepartment', message: `措施 ${m.code} 已导入，建议牵头处室请在「全部事项」中用「设定建议牵头处室」修改` });
    }
    for (const co of m.coDepartments ?? []) department(m.code, 'coDepartments', co);
  }
  return problems;
}

/** A reviewed plan as the import stores it: the quantities read again from the (maybe corrected) text. */
export function planOfReviewed(body: ReviewedPlanBody): Plan {
  return {
    year: body.year,
    title: body.title,
    targets: body.targets.map((t) => ({ code: t.code, text: t.text, quantities: extractQuantities(t.text) })),
    chapters: body.chapters.map((c) => ({
      code: c.code,
      title: c.title,
      sections: c.sections.map((s) => ({
        code: s.code,
        title: s.title,
        measures: s.measures.map((m) => {
          const text = [m.body ? `${m.title}。${m.body}` : m.title, ...(m.subItems ?? [])].join('\n');
          return {
            code: m.code,
            title: m.title,
            body: m.body,
            quantities: extractQuantities(text),
            ...(m.subItems?.length ? { subItems: m.subItems } : {}),
            ...(m.leadText ? { leadText: m.leadText } : {}),
            ...(m.coText ? { coText: m.coText } : {}),
          };
        }),
      })),
    })),
  };
}
