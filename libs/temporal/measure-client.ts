import { WorkflowIdConflictPolicy, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { measureWorkflowId } from '@duban/domain';
import { calendarChangedSignal, MEASURE_WORKFLOW_TYPE, type MeasureWorkflowInput } from '@duban/workflows';
import type { measureWorkflow } from '../../workflows/measure/measure.workflow';

export type MeasureHandle = WorkflowHandle<typeof measureWorkflow>;

export interface MeasureToStart {
  year: number;
  code: string;
  quantityTarget?: MeasureWorkflowInput['quantityTarget'];
}

/** Starts a measure's workflow; starting one that already runs returns the running one. */
export async function startMeasureWorkflow(client: Client, taskQueue: string, measure: MeasureToStart): Promise<MeasureHandle> {
  const input: MeasureWorkflowInput = { year: measure.year, code: measure.code, quantityTarget: measure.quantityTarget ?? null };
  return client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: measureWorkflowId(measure.year, measure.code),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}

export function measureHandle(client: Client, measure: { year: number; code: string }): MeasureHandle {
  return client.workflow.getHandle<typeof measureWorkflow>(measureWorkflowId(measure.year, measure.code));
}

/**
 * Starts the workflows of many measures, a few at a time. Idempotent: measures whose workflow
 * already runs are left as they are, so importing a plan again starts nothing new.
 */
export async function startMeasureWorkflows(client: Client, taskQueue: string, measures: MeasureToStart[], concurrency = 16): Promise<number> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, measures.length) }, async () => {
    while (next < measures.length) {
      const measure = measures[next++];
      await startMeasureWorkflow(client, taskQueue, measure);
    }
  });
  await Promise.all(workers);
  return measures.length;
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
