// The yardstick for the benchmarks (the issue's "bare Update whose handler persists, through a local
// activity in one transaction, the rows duban writes for that command"): the measure workflow's five
// lifecycle Updates with the same arguments, but no validator, no rules and no ladder — each handler
// moves the snapshot as the measure workflow would, builds the same MeasureEvent and persists it with
// MeasureEventRepository.record (event, audit row, notifications, projection upsert in one
// transaction) through a LOCAL activity, then returns. No HTTP, no auth, no calendar activity.
import { allHandlersFinished, condition, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { beijingDate, initialSnapshot, recordedMeasureEvent, type Actor, type MeasureSnapshot } from '@duban/domain';
import { acceptUpdate, approveUpdate, assignUpdate, reportProgressUpdate, submitForReviewUpdate } from '../workflows/measure/definitions';
import type { createYardstickActivities } from './yardstick.activities';

// The measure workflow's activity options (workflows/measure/measure.workflow.ts), as a local activity.
const { recordYardstickEvent } = proxyLocalActivities<ReturnType<typeof createYardstickActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface YardstickInput {
  /** The measure id the rows are written under (a plan year of its own, so nothing collides). */
  measureId: string;
}

export async function yardstickWorkflow(input: YardstickInput): Promise<MeasureSnapshot> {
  let snapshot: MeasureSnapshot = initialSnapshot(input.measureId);
  const today = () => beijingDate(Date.now());

  /** The state changes at once (as in the measure workflow); the event is persisted before the Update returns. */
  async function apply(type: string, actor: Actor, payload: Record<string, unknown>, change: (s: MeasureSnapshot) => MeasureSnapshot): Promise<MeasureSnapshot> {
    const after = (snapshot = { ...change(snapshot), sequence: snapshot.sequence + 1 });
    await recordYardstickEvent(recordedMeasureEvent(workflowInfo().workflowId, { type, actor, payload }, new Date(Date.now()).toISOString(), after));
    return after;
  }

  setHandler(assignUpdate, (cmd) =>
    apply(
      'assign',
      cmd.actor,
      { assigneeId: cmd.assigneeId, leadDepartment: cmd.leadDepartment, coDepartments: cmd.coDepartments ?? [], dueDate: cmd.dueDate, milestones: cmd.milestones ?? [] },
      (s) => ({
        ...s,
        state: 'assigned',
        assigneeId: cmd.assigneeId,
        leadDepartment: cmd.leadDepartment,
        coDepartments: cmd.coDepartments ?? [],
        dueDate: cmd.dueDate,
        milestones: cmd.milestones ?? [],
        headId: cmd.actor.userId,
        assignedOn: today(),
      }),
    ),
  );
  setHandler(acceptUpdate, (cmd) => apply('accept', cmd.actor, {}, (s) => ({ ...s, state: 'in_progress' })));
  setHandler(reportProgressUpdate, (cmd) => {
    const report = { percent: cmd.percent ?? null, quantityDone: cmd.quantityDone ?? null, note: cmd.note?.trim() || null, evidence: cmd.evidence ?? [] };
    return apply('reportProgress', cmd.actor, report, (s) => ({
      ...s,
      progress: {
        percent: report.percent ?? s.progress.percent,
        quantityDone: report.quantityDone ?? s.progress.quantityDone,
        note: report.note ?? s.progress.note,
        evidence: [...s.progress.evidence, ...report.evidence],
        reportedAt: new Date(Date.now()).toISOString(),
      },
    }));
  });
  setHandler(submitForReviewUpdate, (cmd) =>
    apply('submitForReview', cmd.actor, { note: cmd.note ?? null, evidence: cmd.evidence ?? [] }, (s) => ({
      ...s,
      state: 'under_review',
      submittedOn: today(),
      progress: { ...s.progress, evidence: [...s.progress.evidence, ...(cmd.evidence ?? [])] },
    })),
  );
  setHandler(approveUpdate, (cmd) =>
    apply('approve', cmd.actor, { comment: cmd.comment ?? null }, (s) => ({ ...s, state: 'completed', completedOn: today(), submittedOn: null })),
  );

  // Closes once approved, as a measure workflow does.
  await condition(() => snapshot.state === 'completed');
  await condition(allHandlersFinished);
  return snapshot;
}
