// Compares every measure workflow's live state — and each of its findings' rectification workflows —
// with the PostgreSQL projection, and repairs the projection from the workflow's own history when
// they differ (`npm run reconcile`).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { MeasureEventRepository, PlanRepository, type RecordContext } from '@duban/db';
import { findingWorkflowId, isClosedState, type FindingEvent, type FindingSummary, type MeasureEvent } from '@duban/domain';
import { measureHandle, startMeasureWorkflow } from '@duban/temporal';
import { findingQuery, snapshotQuery } from '@duban/workflows';

export interface ReconcileReport {
  checked: number;
  inSync: number;
  /** Measures whose projection lagged the workflow; the missing events were written again. */
  repaired: Array<{ measureId: string; projectedSequence: number; liveSequence: number; eventsRestored: number }>;
  /** Imported measures that had no workflow; started now. */
  started: string[];
  /** Completed or cancelled measures whose workflow the server no longer keeps: left closed. */
  closedPastRetention: number;
  /** Differences that could not be repaired (should be empty). */
  unresolved: Array<{ measureId: string; findingId?: string; reason: string }>;
  /** The rectification workflows of the measures' findings, checked the same way. */
  findings: {
    checked: number;
    inSync: number;
    repaired: Array<{ findingId: string; projectedSequence: number; liveSequence: number; eventsRestored: number }>;
    /** Closed findings whose workflow the server no longer keeps (past retention): not comparable. */
    pastRetention: number;
  };
}

export async function reconcile(
  client: Client,
  dataSource: DataSource,
  taskQueue: string,
  options: {
    concurrency?: number;
    /** Limit to these measures (default: all). */
    measureIds?: string[];
    /** For the messages of restored events (their links: DUBAN_PUBLIC_URL). */
    recordContext?: RecordContext;
  } = {},
): Promise<ReconcileReport> {
  const events = new MeasureEventRepository(dataSource);
  const plans = new PlanRepository(dataSource);
  const all: Array<{ year: number; code: string }> = await dataSource.query(
    `SELECT year, code FROM measures
     UNION SELECT split_part(measure_id, '-', 1)::int AS year, substr(measure_id, 6) AS code FROM measure_states`,
  );
  const wanted = options.measureIds ? new Set(options.measureIds) : undefined;
  const measures = wanted ? all.filter((m) => wanted.has(`${m.year}-${m.code}`)) : all;
  const report: ReconcileReport = { checked: 0, inSync: 0, repaired: [], started: [], closedPastRetention: 0, unresolved: [], findings: { checked: 0, inSync: 0, repaired: [], pastRetention: 0 } };
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
        // A closed measure's workflow is deleted after the namespace's retention: the projection is
        // then the record, and it is never started again (that would begin a second run at sequence 1).
        const projected = await events.findState(measureId);
        if (projected && isClosedState(projected.state)) {
          report.closedPastRetention++;
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
      for (const finding of live.findings) await checkFinding(measureId, finding);
      const projected = await events.findState(measureId);
      const projectedSequence = projected?.lastSequence ?? 0;
      const eventCount = (await events.listForMeasure(measureId)).filter((e) => e.workflowId === handle.workflowId).length;
      if (projectedSequence === live.sequence && eventCount === live.sequence) {
        report.inSync++;
        continue;
      }
      // Write every event the workflow handed to its activity; already-recorded ones are skipped.
      let restored = 0;
      for (const event of await recordedEventsFromHistory<MeasureEvent>(client, handle.workflowId, 'recordMeasureEvent')) {
        if ((await events.record(event, options.recordContext)) === 'recorded') restored++;
      }
      const after = await events.findState(measureId);
      if ((after?.lastSequence ?? 0) === live.sequence) {
        report.repaired.push({ measureId, projectedSequence, liveSequence: live.sequence, eventsRestored: restored });
      } else {
        report.unresolved.push({ measureId, reason: `projection at ${after?.lastSequence ?? 0}, workflow at ${live.sequence}` });
      }
    }
  };

  async function checkFinding(measureId: string, summary: FindingSummary): Promise<void> {
    const workflowId = findingWorkflowId(summary.findingId);
    report.findings.checked++;
    let liveSequence: number;
    try {
      liveSequence = (await client.workflow.getHandle(workflowId).query(findingQuery)).sequence;
    } catch (error) {
      // A closed finding's workflow is deleted after the namespace's retention: the projection is
      // then the record, and there is nothing left to compare it with.
      if (error instanceof WorkflowNotFoundError && (await projectedFinding(summary.findingId)).status === 'closed') {
        report.findings.pastRetention++;
        return;
      }
      report.unresolved.push({ measureId, findingId: summary.findingId, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    const projectedSequence = (await projectedFinding(summary.findingId)).sequence;
    const [{ n: eventCount }]: Array<{ n: number }> = await dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE workflow_id = $1', [workflowId]);
    if (projectedSequence === liveSequence && eventCount === liveSequence) {
      report.findings.inSync++;
      return;
    }
    let restored = 0;
    for (const event of await recordedEventsFromHistory<FindingEvent>(client, workflowId, 'recordFindingEvent')) {
      if ((await events.recordFinding(event, options.recordContext)) === 'recorded') restored++;
    }
    const after = (await projectedFinding(summary.findingId)).sequence;
    if (after === liveSequence) report.findings.repaired.push({ findingId: summary.findingId, projectedSequence, liveSequence, eventsRestored: restored });
    else report.unresolved.push({ measureId, findingId: summary.findingId, reason: `projection at ${after}, workflow at ${liveSequence}` });
  }

  async function projectedFinding(findingId: string): Promise<{ status?: string; sequence: number }> {
    const [row]: Array<{ status: string; last_sequence: number }> = await dataSource.query('SELECT status, last_sequence FROM findings WHERE finding_id = $1', [findingId]);
    return { status: row?.status, sequence: row?.last_sequence ?? 0 };
  }

  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, work));
  return report;
}

/**
 * The events a workflow asked its recording activity to write, across all its runs: from the input
 * of each scheduled activity (runs from before events moved into the Update's task), and from the
 * result of each local activity, which returns the event it wrote (a local activity's marker keeps
 * its result, not its input).
 */
async function recordedEventsFromHistory<E extends { sequence: number; eventId: string }>(
  client: Client,
  workflowId: string,
  activity: 'recordMeasureEvent' | 'recordFindingEvent',
): Promise<E[]> {
  const found = new Map<string, E>();
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId.replace(/'/g, "''")}'` })) {
    const history = await client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === activity) {
        const [payload] = scheduled.input?.payloads ?? [];
        if (payload) keep(defaultPayloadConverter.fromPayload<E>(payload));
        continue;
      }
      const marker = event.markerRecordedEventAttributes;
      if (marker?.markerName !== LOCAL_ACTIVITY_MARKER) continue;
      const [data] = marker.details?.data?.payloads ?? [];
      const [result] = marker.details?.result?.payloads ?? [];
      if (!data || !result) continue;
      const meta = defaultPayloadConverter.fromPayload<{ activity_type?: string }>(data);
      if (meta.activity_type === activity) keep(defaultPayloadConverter.fromPayload<E>(result));
    }
  }
  return [...found.values()].sort((a, b) => a.sequence - b.sequence);

  function keep(event: E): void {
    if (!found.has(event.eventId)) found.set(event.eventId, event);
  }
}

/** The marker name Temporal's core SDK gives a local activity's result in history. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
