import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { measureWorkflowId } from '@duban/domain';
import { MEASURE_WORKFLOW_TYPE, type MeasureWorkflowInput } from '@duban/workflows';
import type { measureWorkflow } from '../../workflows/measure/measure.workflow';

export type MeasureHandle = WorkflowHandle<typeof measureWorkflow>;

/** Starts a measure's workflow; starting one that already runs returns the running one. */
export async function startMeasureWorkflow(client: Client, taskQueue: string, measure: { year: number; code: string }): Promise<MeasureHandle> {
  const input: MeasureWorkflowInput = { year: measure.year, code: measure.code };
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
