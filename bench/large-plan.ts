// Starting every workflow of a large plan (as `plan:import` does) and what the worker process holds
// in memory with all of them open.
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { PlanRepository } from '@duban/db';
import { measureWorkflowId } from '@duban/domain';
import { parsePlan, type Plan } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { memoryOf, startWorkerProcess, type Memory, type Services } from './processes';
import { serviceMemory, type ServiceMemory } from './service-memory';
import { waitUntilIdle } from './settle';
import { round } from './stats';
import { syntheticPlanText } from './synthetic-plan';

/** startMeasureWorkflows' default: starts in flight at once. */
const START_CONCURRENCY = 16;

export interface LargePlanResult {
  measures: number;
  documentBytes: number;
  parseMs: number;
  importMs: number;
  /**
   * Why importing the whole plan in one PlanRepository.importPlan failed, if it did; the plan was
   * then imported in steps of at most IMPORT_STEP new measures (importMs is their sum).
   */
  importError?: string;
  importSteps: number;
  /** startMeasureWorkflows over all measures (the client's start calls). */
  startMs: number;
  startConcurrency: number;
  startsPerSecond: number;
  /** From the first start until every workflow had finished its first task and its calendar load. */
  settledMs: number;
  worker: {
    /** A fresh worker process polling its own task queue, before any start. */
    idle?: Memory;
    /** The same process once all the workflows are open and idle. */
    withOpenWorkflows?: Memory;
    /** The SDK's default sticky cache size for this Node heap: workflows kept in memory, the rest evicted. */
    maxCachedWorkflows: number;
  };
  /** The Temporal dev server and PostgreSQL, before the starts and with every workflow open. */
  services: { before: ServiceMemory; withOpenWorkflows: ServiceMemory };
}

export async function largePlan(dataSource: DataSource, client: Client, services: Services, year: number, count: number, logDir: string): Promise<LargePlanResult> {
  const text = syntheticPlanText(year, count);
  let t0 = performance.now();
  const plan = parsePlan(text);
  const parseMs = performance.now() - t0;

  const plans = new PlanRepository(dataSource);
  const { importMs, importError, importSteps } = await importLargePlan(plans, plan);
  if (importError) console.log(`  importPlan of all ${count} measures at once failed (${importError}); imported in ${importSteps} steps`);
  const toStart = await plans.measuresToStart(year);
  if (toStart.length !== count) throw new Error(`the ${year} plan has ${toStart.length} measures to start, expected ${count}`);

  const taskQueue = 'bench-large-plan';
  const worker = await startWorkerProcess(services, taskQueue, logDir, 'worker-large-plan');
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = memoryOf(worker.pid);
    const servicesBefore = serviceMemory(services);
    t0 = performance.now();
    await startMeasureWorkflows(client, taskQueue, toStart, START_CONCURRENCY);
    const startMs = performance.now() - t0;
    await waitUntilIdle(client, taskQueue, toStart.map((m) => measureWorkflowId(m.year, m.code)), 60 * 60_000);
    const settledMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const withOpenWorkflows = memoryOf(worker.pid);
    const servicesAfter = serviceMemory(services);
    return {
      measures: count,
      documentBytes: Buffer.byteLength(text),
      parseMs: Math.round(parseMs),
      importMs: Math.round(importMs),
      ...(importError ? { importError } : {}),
      importSteps,
      startMs: Math.round(startMs),
      startConcurrency: START_CONCURRENCY,
      startsPerSecond: round(count / (startMs / 1000), 1),
      settledMs: Math.round(settledMs),
      worker: { idle, withOpenWorkflows, maxCachedWorkflows: defaultMaxCachedWorkflows() },
      services: { before: servicesBefore, withOpenWorkflows: servicesAfter },
    };
  } finally {
    await worker.stop(30_000);
  }
}

/** New measures per importPlan when the plan has to be imported in steps. */
const IMPORT_STEP = 5_000;

/**
 * One importPlan of the whole plan, as `plan:import` does. Should that fail (one INSERT of 10,000
 * measures × 8 columns passes PostgreSQL's 65,535 bind-parameter limit), the import is repeated
 * with growing prefixes of the plan, each adding at most IMPORT_STEP measures, so the rest of the
 * benchmark can still run; the failure is reported with the figures.
 */
export async function importLargePlan(
  plans: PlanRepository,
  plan: Plan,
  options: Parameters<PlanRepository['importPlan']>[1] = {},
): Promise<{ importMs: number; importError?: string; importSteps: number }> {
  let t0 = performance.now();
  try {
    await plans.importPlan(plan, options);
    return { importMs: performance.now() - t0, importSteps: 1 };
  } catch (error) {
    const importError = error instanceof Error ? error.message : String(error);
    const total = plan.chapters.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.measures.length, 0), 0);
    t0 = performance.now();
    let steps = 0;
    for (let upTo = Math.min(IMPORT_STEP, total); ; upTo = Math.min(upTo + IMPORT_STEP, total)) {
      await plans.importPlan(planPrefix(plan, upTo), options);
      steps++;
      if (upTo === total) break;
    }
    return { importMs: performance.now() - t0, importError, importSteps: steps };
  }
}

/** The plan cut after its first `measures` measures (document order). */
function planPrefix(plan: Plan, measures: number): Plan {
  let left = measures;
  const chapters = plan.chapters
    .map((c) => ({
      ...c,
      sections: c.sections
        .map((s) => {
          const kept = s.measures.slice(0, Math.max(0, left));
          left -= kept.length;
          return { ...s, measures: kept };
        })
        .filter((s) => s.measures.length > 0),
    }))
    .filter((c) => c.sections.length > 0);
  return { ...plan, chapters };
}

/** @temporalio/worker's default maxCachedWorkflows (reuseV8Context) for this Node's heap limit. */
export function defaultMaxCachedWorkflows(): number {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}
