// Waiting until freshly started workflows are idle: their first workflow task done, no activity
// (the measure workflow's calendar load) and no workflow task outstanding.
import type { Client } from '@temporalio/client';
import { pool } from './stats';

/** temporal.api.enums.v1.TaskQueueType (@temporalio/proto is not a direct dependency). */
const TASK_QUEUE_TYPE_WORKFLOW = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;

/** Approximate backlog of a task queue's workflow + activity tasks; undefined if the server does not report it. */
export async function taskQueueBacklog(client: Client, taskQueue: string): Promise<number | undefined> {
  let total = 0;
  for (const taskQueueType of [TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY]) {
    const response = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType,
      reportStats: true,
    });
    if (!response.stats) return undefined;
    total += Number(response.stats.approximateBacklogCount ?? 0);
  }
  return total;
}

async function isIdle(client: Client, workflowId: string): Promise<boolean> {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  const info = raw.workflowExecutionInfo;
  // A closed workflow has nothing left to do.
  if (info?.closeTime) return true;
  return Number(info?.historyLength ?? 0) > 2 && !raw.pendingWorkflowTask && (raw.pendingActivities?.length ?? 0) === 0;
}

/**
 * Resolves once every workflow in `workflowIds` is idle. First waits (cheaply) for the task queue's
 * backlog to drain, then describes the workflows in start order, a batch at a time; a pass stops at
 * the first batch with a busy workflow (the worker's frontier: later ones are busier still) and is
 * retried shortly, so the waiting adds little load to what it waits for.
 */
export async function waitUntilIdle(client: Client, taskQueue: string, workflowIds: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  for (;;) {
    const backlog = await taskQueueBacklog(client, taskQueue).catch(() => undefined);
    if (!backlog) break;
    if (Date.now() > deadline) throw new Error(`task queue ${taskQueue} still has ${backlog} tasks after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
  const batch = 64;
  let pending = workflowIds;
  while (pending.length > 0) {
    let checked = 0;
    const busy: string[] = [];
    while (checked < pending.length && busy.length === 0) {
      const slice = pending.slice(checked, checked + batch);
      await pool(slice, 16, async (id) => {
        if (!(await isIdle(client, id))) busy.push(id);
      });
      checked += slice.length;
    }
    pending = [...busy, ...pending.slice(checked)];
    if (pending.length === 0) break;
    if (Date.now() > deadline) throw new Error(`${pending.length} workflows (e.g. ${pending[0]}) still busy after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}
