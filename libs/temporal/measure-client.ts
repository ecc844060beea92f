import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { measureWorkflowId, type EscalationPolicy, type MeasureSnapshot, type ReopenInput } from '@duban/domain';
import {
  calendarChangedSignal,
  directivePolicyChangedSignal,
  findingPolicyChangedSignal,
  MEASURE_WORKFLOW_TYPE,
  policyChangedSignal,
  suggestedDepartmentSignal,
  type MeasureWorkflowInput,
} from '@duban/workflows';
import type { measureWorkflow } from '../../workflows/measure/measure.workflow';

export type MeasureHandle = WorkflowHandle<typeof measureWorkflow>;

export interface MeasureToStart {
  year: number;
  code: string;
  quantityTarget?: MeasureWorkflowInput['quantityTarget'];
  /** The department the plan suggests; a running workflow is told when it changes. */
  suggestedDepartment?: string | null;
  /** The plan's own escalation policy (督办规则); absent: the default. A running workflow is told by signalPolicyChanged. */
  policy?: EscalationPolicy;
  /** Year-end carry-over: the measure of last year's plan this one continues (a new workflow only). */
  predecessorId?: string | null;
}

/** The measure's workflow has closed (办结 or 撤销): it is never started again by accident. */
export class MeasureClosedError extends Error {
  constructor(readonly workflowId: string) {
    super(`measure workflow ${workflowId} is closed`);
    this.name = 'MeasureClosedError';
  }
}

/**
 * Starts a measure's workflow, or tells the running one the plan's suggested department. A closed
 * run (completed or cancelled) is never followed by a second one from sequence 1: the start is
 * refused (`MeasureClosedError`); only `reopenMeasureWorkflow` continues a closed measure.
 */
export async function startMeasureWorkflow(client: Client, taskQueue: string, measure: MeasureToStart): Promise<MeasureHandle> {
  const input: MeasureWorkflowInput = {
    year: measure.year,
    code: measure.code,
    quantityTarget: measure.quantityTarget ?? null,
    suggestedDepartment: measure.suggestedDepartment ?? null,
    ...(measure.policy ? { policy: measure.policy } : {}),
    ...(measure.predecessorId ? { predecessorId: measure.predecessorId } : {}),
  };
  const workflowId = measureWorkflowId(measure.year, measure.code);
  try {
    return await client.workflow.signalWithStart<typeof measureWorkflow, [string | null]>(MEASURE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId,
      args: [input],
      signal: suggestedDepartmentSignal,
      signalArgs: [input.suggestedDepartment ?? null],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new MeasureClosedError(workflowId);
    throw error;
  }
}

/**
 * Starts a new run of a closed measure on purpose (重新打开), carrying its last state so the
 * sequence and history continue; the run records the reopening before anything else.
 */
export async function reopenMeasureWorkflow(
  client: Client,
  taskQueue: string,
  measure: MeasureToStart,
  snapshot: MeasureSnapshot,
  reopen: ReopenInput,
): Promise<MeasureHandle> {
  const input: MeasureWorkflowInput = {
    year: measure.year,
    code: measure.code,
    quantityTarget: measure.quantityTarget ?? null,
    suggestedDepartment: measure.suggestedDepartment ?? null,
    ...(measure.policy ? { policy: measure.policy } : {}),
    snapshot,
    reopen,
  };
  return client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: measureWorkflowId(measure.year, measure.code),
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
  });
}

export function measureHandle(client: Client, measure: { year: number; code: string }): MeasureHandle {
  return client.workflow.getHandle<typeof measureWorkflow>(measureWorkflowId(measure.year, measure.code));
}

/**
 * Starts the workflows of many measures, a few at a time. Idempotent: measures whose workflow
 * already runs are left as they are (told the suggested department), closed ones are skipped, so
 * importing a plan again starts nothing new. Returns how many run now.
 */
export async function startMeasureWorkflows(client: Client, taskQueue: string, measures: MeasureToStart[], concurrency = 16): Promise<number> {
  let next = 0;
  let running = 0;
  const workers = Array.from({ length: Math.min(concurrency, measures.length) }, async () => {
    while (next < measures.length) {
      const measure = measures[next++];
      try {
        await startMeasureWorkflow(client, taskQueue, measure);
        running++;
      } catch (error) {
        if (!(error instanceof MeasureClosedError)) throw error;
      }
    }
  });
  await Promise.all(workers);
  return running;
}

/**
 * Tells the running workflows of these measures the department the plan now suggests (after a
 * department merge); closed or never-started ones are left alone.
 */
export async function signalSuggestedDepartment(client: Client, measureIds: Array<{ year: number; code: string }>, department: string): Promise<void> {
  for (const measure of measureIds) {
    try {
      await measureHandle(client, measure).signal(suggestedDepartmentSignal, department);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}

/**
 * Tells every running measure workflow to reload holiday data and re-plan. Running ones are found
 * through the server's visibility list, so measures that never started cost nothing.
 */
export async function signalCalendarChanged(client: Client, concurrency = 16): Promise<number> {
  const running: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowType = '${MEASURE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` })) {
    running.push(execution.workflowId);
  }
  let next = 0;
  let signalled = 0;
  const workers = Array.from({ length: Math.min(concurrency, running.length) }, async () => {
    while (next < running.length) {
      const workflowId = running[next++];
      try {
        await client.workflow.getHandle(workflowId).signal(calendarChangedSignal);
        signalled++;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // finished in the meantime
      }
    }
  });
  await Promise.all(workers);
  return signalled;
}

/**
 * Tells the running workflows of a plan's measures and findings its new escalation policy: each
 * re-plans its ladder's steps not fired yet (fired ones stay fired). Workflows closed in the meantime
 * are skipped. Returns how many were told.
 */
export async function signalPolicyChanged(
  client: Client,
  targets: { measures: Array<{ year: number; code: string }>; findingWorkflowIds: string[]; directiveWorkflowIds?: string[] },
  policy: EscalationPolicy,
  concurrency = 16,
): Promise<{ measures: number; findings: number; directives: number }> {
  const jobs: Array<() => Promise<'measures' | 'findings' | 'directives'>> = [
    ...targets.measures.map((m) => async () => {
      await measureHandle(client, m).signal(policyChangedSignal, policy);
      return 'measures' as const;
    }),
    ...targets.findingWorkflowIds.map((id) => async () => {
      await client.workflow.getHandle(id).signal(findingPolicyChangedSignal, policy);
      return 'findings' as const;
    }),
    ...(targets.directiveWorkflowIds ?? []).map((id) => async () => {
      await client.workflow.getHandle(id).signal(directivePolicyChangedSignal, policy);
      return 'directives' as const;
    }),
  ];
  const told = { measures: 0, findings: 0, directives: 0 };
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        told[await job()]++;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // closed (or never started): nothing to re-plan
      }
    }
  });
  await Promise.all(workers);
  return told;
}
