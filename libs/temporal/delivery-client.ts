// Typed helpers for the delivery workflows: kick a channel's lane (starting it when it is not
// running), and make sure the one daily-digest timer runs.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  DELIVERY_LANE_WORKFLOW_TYPE,
  DIGEST_WORKFLOW_ID,
  DIGEST_WORKFLOW_TYPE,
  deliveryLaneWorkflowId,
  kickSignal,
  type DeliveryLaneInput,
  type DigestWorkflowInput,
} from '@duban/workflows';
import type { deliveryLaneWorkflow, digestWorkflow } from '../../workflows/delivery';

/** Wakes the lane `delivery-<lane>` (signal `kick`), starting it if it does not run. */
export async function kickDeliveryLane(client: Client, taskQueue: string, lane: string): Promise<void> {
  await client.workflow.signalWithStart<typeof deliveryLaneWorkflow, []>(DELIVERY_LANE_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: deliveryLaneWorkflowId(lane),
    args: [{ lane } satisfies DeliveryLaneInput],
    signal: kickSignal,
    signalArgs: [],
  });
}

/** Wakes several lanes (each once); the API calls it after a channel save, an enable or a 重发. */
export async function kickDeliveryLanes(client: Client, taskQueue: string, lanes: readonly string[]): Promise<void> {
  await Promise.all([...new Set(lanes)].map((lane) => kickDeliveryLane(client, taskQueue, lane)));
}

/** Starts `duban-digest` unless it runs already (`running`: nothing done). */
export async function ensureDigestWorkflow(client: Client, taskQueue: string, input: DigestWorkflowInput = {}): Promise<'started' | 'running'> {
  try {
    await client.workflow.start<typeof digestWorkflow>(DIGEST_WORKFLOW_TYPE, { taskQueue, workflowId: DIGEST_WORKFLOW_ID, args: [input] });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw error;
  }
}
