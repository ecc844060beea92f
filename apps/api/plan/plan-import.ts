import type { Client } from '@temporalio/client';
import type { PlanRepository } from '@duban/db';
import { decodePlanBytes, parsePlan, PlanParseError } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { PlanImportResultDto } from './plan.dto';

export type PlanImportResult = PlanImportResultDto;

/**
 * Document → parsed plan → stored plan → one running workflow per measure: the one import path
 * for the API and the CLI. Nothing is written for an unreadable document.
 */
export async function importPlanDocument(
  plans: PlanRepository,
  temporal: { client: Client; taskQueue: string },
  document: Buffer | string,
): Promise<PlanImportResult> {
  let plan;
  try {
    plan = parsePlan(typeof document === 'string' ? document : decodePlanBytes(document));
  } catch (error) {
    if (error instanceof PlanParseError) throw new DomainError(ErrorCode.PlanUnreadable, error.message, { reason: error.code });
    throw error;
  }
  const report = await plans.importPlan(plan);
  const workflows = await startMeasureWorkflows(temporal.client, temporal.taskQueue, await plans.measuresToStart(plan.year));
  return { ...report, workflows };
}
