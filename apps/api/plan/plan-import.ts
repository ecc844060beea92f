import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import type { AdminAuditRepository, PlanRepository } from '@duban/db';
import { parsePlan, PlanParseError, type Plan } from '@duban/plan-parser';
import { PLAN_DOCUMENT_MAX_BYTES, PlanReadError, readPlanDocument, type PlanFormat, type PlanReadErrorCode } from '@duban/plan-reader';
import { leadsFromPlanText, suggestDepartments, suggestionCounts, type DepartmentCandidate, type DepartmentSuggestion, type ParsedLeads } from '@duban/domain';
import { startMeasureWorkflows } from '@duban/temporal';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { PlanImportResultDto } from './plan.dto';

export type PlanImportResult = PlanImportResultDto;

export const PLAN_TOO_LARGE_MESSAGE = `工作要点文件过大：上限为 ${PLAN_DOCUMENT_MAX_BYTES / 1024 / 1024} MB，请压缩图片或删去附图后再导入`;

/** A file that is no readable document: an unknown or legacy format (415), a damaged file (400), no text to read (422). */
const READ_ERROR_CODES: Record<PlanReadErrorCode, ErrorCode> = {
  unsupported_format: ErrorCode.PlanFormatUnsupported,
  legacy_office: ErrorCode.PlanFormatUnsupported,
  damaged: ErrorCode.PlanDocumentDamaged,
  encrypted: ErrorCode.PlanUnreadable,
  no_text_layer: ErrorCode.PlanNoTextLayer,
};

/**
 * Document → parsed plan → stored plan (with who imported which document, in the admin audit
 * stream, in the same transaction) → one running workflow per measure: the one import path for
 * the API and the CLI. Nothing is written for an unreadable document.
 */
export async function importPlanDocument(
  plans: PlanRepository,
  temporal: { client: Client; taskQueue: string },
  document: Buffer | string,
  audit: { repository: AdminAuditRepository; actorId: string; actorRole: string },
): Promise<PlanImportResult> {
  const { plan, format, bytes, sha256 } = await readPlan(document);
  // Every measure gets a suggested lead department (建议牵头处室), matched to the organization's
  // departments by topic: the head of that department sees it under 待交办 and may 交办 it.
  // A lead the plan itself names (（大气处牵头，执法支队配合）, 牵头单位：…), matched by name and
  // abbreviation (department-names.ts), takes precedence (basis `plan`); its co-departments are kept.
  let suggestions: Record<string, DepartmentSuggestion> = {};
  let named: Record<string, ParsedLeads> = {};
  const report = await plans.importPlan(plan, {
    suggestLeads: (departments) => {
      ({ suggestions, named } = suggestLeadsFor(plan, departments));
      return Object.fromEntries(Object.entries(suggestions).map(([code, s]) => [code, s.department]));
    },
    suggestCoDepartments: () => Object.fromEntries(Object.entries(named).map(([code, parsed]) => [code, parsed.co])),
    onImported: (manager, imported) =>
      audit.repository.record({ actorId: audit.actorId, actorRole: audit.actorRole, action: 'plan.import', target: `plan:${plan.year}`, after: { sha256, bytes, format, report: imported } }, manager),
  });
  const workflows = await startMeasureWorkflows(temporal.client, temporal.taskQueue, await plans.measuresToStart(plan.year));
  return { ...report, format, workflows, suggestions: suggestionCounts(suggestions) };
}

/**
 * A document read and parsed (the size limit first), or the typed error saying why not: the one
 * reading step of /plans/import and /plans/preview. Nothing is written.
 */
export async function readPlan(document: Buffer | string): Promise<{ plan: Plan; format: PlanFormat; bytes: number; sha256: string }> {
  const bytes = typeof document === 'string' ? Buffer.byteLength(document) : document.length;
  if (bytes > PLAN_DOCUMENT_MAX_BYTES) throw new DomainError(ErrorCode.PayloadTooLarge, PLAN_TOO_LARGE_MESSAGE);
  let plan: Plan;
  let format: PlanFormat = 'txt';
  try {
    // .txt/.html/.docx/.xlsx/PDF, told apart by content, never by the file's name.
    let text: string;
    if (typeof document === 'string') text = document;
    else ({ text, format } = await readPlanDocument(document));
    plan = parsePlan(text);
  } catch (error) {
    if (error instanceof PlanReadError) throw new DomainError(READ_ERROR_CODES[error.code], error.message, { reason: error.code });
    if (error instanceof PlanParseError) throw new DomainError(ErrorCode.PlanUnreadable, error.message, { reason: error.code });
    throw error;
  }
  return { plan, format, bytes, sha256: createHash('sha256').update(document).digest('hex') };
}

/** Each measure's suggested lead (the plan's own lead first, then by topic) and the leads the plan names. */
export function suggestLeadsFor(
  plan: Plan,
  departments: DepartmentCandidate[],
): { suggestions: Record<string, DepartmentSuggestion>; named: Record<string, ParsedLeads> } {
  const suggestions = suggestDepartments(plan.chapters, departments);
  const named = leadsFromPlanText(plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures)), departments);
  for (const [code, parsed] of Object.entries(named)) if (parsed.lead) suggestions[code] = { department: parsed.lead, basis: 'plan' };
  return { suggestions, named };
}
