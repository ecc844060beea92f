// Where a command's time goes: the database part alone. recordMeasureEvent's transaction (event row,
// hash-chained audit row under its one lock, notifications, projection) timed straight from this
// process, with the same concurrency and event shapes as the lifecycles but no Temporal and no API.
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { MeasureEventRepository } from '@duban/db';
import { initialSnapshot, type MeasureEvent, type MeasureSnapshot, type MeasureState } from '@duban/domain';
import { pool, round, summarize, type LatencySummary } from './stats';

export interface RecordResult {
  measures: number;
  events: number;
  concurrency: number;
  eventsPerSecond: number;
  latency: LatencySummary;
}

const STEPS: Array<[string, MeasureState]> = [
  ['assign', 'assigned'],
  ['accept', 'in_progress'],
  ['reportProgress', 'in_progress'],
  ['submitForReview', 'under_review'],
  ['approve', 'completed'],
];

export async function recordEvents(dataSource: DataSource, year: number, measures: number, concurrency: number): Promise<RecordResult> {
  const events = new MeasureEventRepository(dataSource);
  const samples: number[] = [];
  const ids = Array.from({ length: measures }, (_, i) => `${year}-9.${i + 1}`);
  const t0 = performance.now();
  // Each measure's events in order, as its workflow sends them; measures side by side.
  await pool(ids, concurrency, async (measureId) => {
    let snapshot: MeasureSnapshot = initialSnapshot(measureId);
    const workflowId = `measure-${measureId}`;
    for (const [sequence, [type, state]] of STEPS.map((step, i) => [i + 1, step] as const)) {
      snapshot = { ...snapshot, state, sequence, assigneeId: 'air.staff1', leadDepartment: 'air', headId: 'air.head', dueDate: `${year}-12-31` };
      const event: MeasureEvent = {
        eventId: `${workflowId}#${sequence}`,
        measureId,
        workflowId,
        sequence,
        type,
        actor: { userId: type === 'assign' || type === 'approve' ? 'air.head' : 'air.staff1', role: type === 'assign' || type === 'approve' ? 'department_head' : 'staff' },
        stateAfter: state,
        payload: type === 'assign' ? { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: `${year}-12-31` } : { note: '按计划推进' },
        occurredAt: new Date().toISOString(),
        snapshot,
      };
      const started = performance.now();
      await events.record(event);
      samples.push(performance.now() - started);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return { measures, events: samples.length, concurrency, eventsPerSecond: round(samples.length / seconds, 1), latency: summarize(samples) };
}
