import type { Client } from '@temporalio/client';
import type { PlanImportReport, PlanRepository } from '@duban/db';
import { decodePlanBytes, parsePlan, PlanParseError } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { DomainError, ErrorCode } from '../errors/domain-error';

export interface PlanImportResult extends PlanImportReport {
  /** Measures whose workflow now runs (already running ones are left alone). */
  workflows: number;
}

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
