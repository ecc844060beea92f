import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import type { AdminAuditRepository, PlanRepository } from '@duban/db';
import { decodePlanBytes, parsePlan, PlanParseError } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { PlanImportResultDto } from './plan.dto';

export type PlanImportResult = PlanImportResultDto;

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
  let plan;
  try {
    plan = parsePlan(typeof document === 'string' ? document : decodePlanBytes(document));
  } catch (error) {
    if (error instanceof PlanParseError) throw new DomainError(ErrorCode.PlanUnreadable, error.message, { reason: error.code });
    throw error;
  }
  const sha256 = createHash('sha256').update(document).digest('hex');
  const bytes = typeof document === 'string' ? Buffer.byteLength(document) : document.length;
  const report = await plans.importPlan(plan, {
    onImported: (manager, imported) =>
      audit.repository.record({ actorId: audit.actorId, actorRole: audit.actorRole, action: 'plan.import', target: `plan:${plan.year}`, after: { sha256, bytes, report: imported } }, manager),
  });
  const workflows = await startMeasureWorkflows(temporal.client, temporal.taskQueue, await plans.measuresToStart(plan.year));
  return { ...report, workflows };
}
