import type { PlanImportReport, PlanRepository } from '@duban/db';
import { decodePlanBytes, parsePlan, PlanParseError } from '@duban/plan-parser';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** Document → parsed plan → stored plan: the one import path for the API and the CLI. */
export async function importPlanDocument(plans: PlanRepository, document: Buffer | string): Promise<PlanImportReport> {
  let plan;
  try {
    plan = parsePlan(typeof document === 'string' ? document : decodePlanBytes(document));
  } catch (error) {
    if (error instanceof PlanParseError) throw new DomainError(ErrorCode.PlanUnreadable, error.message, { reason: error.code });
    throw error;
  }
  return plans.importPlan(plan);
}
