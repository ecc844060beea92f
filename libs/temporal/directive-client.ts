// Starting a directive's workflow (批示, 催办, 督办单, 问责结果): the API issues one by hand, and the
// measure workflow's ladder has the worker issue its own 督办单 from a local activity.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { directiveWorkflowId } from '@duban/domain';
import { DIRECTIVE_WORKFLOW_TYPE, type DirectiveWorkflowInput } from '@duban/workflows';
import type { directiveWorkflow } from '../../workflows/directive/directive.workflow';

/**
 * Starts the directive's workflow under its one id (never a second run of it, even after it closed):
 * `started`, or `exists` when a workflow of that id was started before.
 */
export async function startDirectiveWorkflow(client: Client, taskQueue: string, input: DirectiveWorkflowInput): Promise<'started' | 'exists'> {
  try {
    await client.workflow.start<typeof directiveWorkflow>(DIRECTIVE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: directiveWorkflowId(input.directive.directiveId),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'exists';
    throw error;
  }
}
