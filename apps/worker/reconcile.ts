// Compares every measure workflow's live state with the PostgreSQL projection and repairs the
// projection from the workflow's own history when they differ (`npm run reconcile`).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { MeasureEventRepository, PlanRepository } from '@duban/db';
import type { MeasureEvent } from '@duban/domain';
import { measureHandle, startMeasureWorkflow } from '@duban/temporal';
import { snapshotQuery } from '@duban/workflows';

export interface ReconcileReport {
  checked: number;
  inSync: number;
  /** Measures whose projection lagged the workflow; the missing events were written again. */
  repaired: Array<{ measureId: string; projectedSequence: number; liveSequence: number; eventsRestored: number }>;
  /** Imported measures that had no workflow; started now. */
  started: string[];
  /** Differences that could not be repaired (should be empty). */
  unresolved: Array<{ measureId: string; reason: string }>;
}

export async function reconcile(
  client: Client,
  dataSource: DataSource,
  taskQueue: string,
  options: { concurrency?: number; /** Limit to these measures (default: all). */ measureIds?: string[] } = {},
): Promise<ReconcileReport> {
  const events = new MeasureEventRepository(dataSource);
  const plans = new PlanRepository(dataSource);
  const all: Array<{ year: number; code: string }> = await dataSource.query(
    `SELECT year, code FROM measures
     UNION SELECT split_part(measure_id, '-', 1)::int AS year, substr(measure_id, 6) AS code FROM measure_states`,
  );
  const wanted = options.measureIds ? new Set(options.measureIds) : undefined;
  const measures = wanted ? all.filter((m) => wanted.has(`${m.year}-${m.code}`)) : all;
  const report: ReconcileReport = { checked: 0, inSync: 0, repaired: [], started: [], unresolved: [] };
  let next = 0;
  const work = async () => {
    while (next < measures.length) {
      const measure = measures[next++];
      const measureId = `${measure.year}-${measure.code}`;
      report.checked++;
      const handle = measureHandle(client, measure);
      let live;
      try {
        live = await handle.query(snapshotQuery);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) {
          report.unresolved.push({ measureId, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        const toStart = (await plans.measuresToStart(measure.year)).find((m) => m.code === measure.code);
        if (toStart) {
          await startMeasureWorkflow(client, taskQueue, toStart);
          report.started.push(measureId);
        } else {
          report.unresolved.push({ measureId, reason: 'projection without a workflow' });
        }
        continue;
      }
      const projected = await events.findState(measureId);
      const projectedSequence = projected?.lastSequence ?? 0;
      const eventCount = (await events.listForMeasure(measureId)).filter((e) => e.workflowId === handle.workflowId).length;
      if (projectedSequence === live.sequence && eventCount === live.sequence) {
        report.inSync++;
        continue;
      }
      // Write every event the workflow handed to its activity; already-recorded ones are skipped.
      let restored = 0;
      for (const event of await recordedEventsFromHistory(client, handle.workflowId)) {
        if ((await events.record(event)) === 'recorded') restored++;
      }
      const after = await events.findState(measureId);
      if ((after?.lastSequence ?? 0) === live.sequence) {
        report.repaired.push({ measureId, projectedSequence, liveSequence: live.sequence, eventsRestored: restored });
      } else {
        report.unresolved.push({ measureId, reason: `projection at ${after?.lastSequence ?? 0}, workflow at ${live.sequence}` });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, work));
  return report;
}

/** The events a measure workflow asked `recordMeasureEvent` to write, across all its runs. */
async function recordedEventsFromHistory(client: Client, workflowId: string): Promise<MeasureEvent[]> {
  const found: MeasureEvent[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId.replace(/'/g, "''")}'` })) {
    const history = await client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'recordMeasureEvent') continue;
      const [payload] = scheduled.input?.payloads ?? [];
      if (payload) found.push(defaultPayloadConverter.fromPayload<MeasureEvent>(payload));
    }
  }
  return found.sort((a, b) => a.sequence - b.sequence);
}
