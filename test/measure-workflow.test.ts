// The measure workflow on Temporal's time-skipping test server (Java, provisioned by the project),
// with its real activities writing to the real PostgreSQL. Deadlines weeks away run in seconds.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { addCalendarDays, beijingDate, stepInstant, weekday, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import { CalendarRepository, createDataSource } from '@duban/db';
import { installWorkerLogging, startMeasureWorkflow, type MeasureHandle } from '@duban/temporal';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  calendarChangedSignal,
  cancelUpdate,
  COMMAND_REJECTED,
  decideExtensionUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  snapshotQuery,
  submitForReviewUpdate,
} from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { createDubanWorker } from '../apps/worker/worker';
import { testServices, uniqueMeasureCode, uniqueTaskQueue } from './helpers/services';

const services = testServices();
const taskQueue = uniqueTaskQueue('workflow');
const head: Actor = { userId: 'water.head', role: 'department_head' };
const staff: Actor = { userId: 'water.staff1', role: 'staff' };
const admin: Actor = { userId: 'admin', role: 'admin' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const HOUR = 3_600_000;
jest.setTimeout(30_000);

let env: TestWorkflowEnvironment;
let dataSource: DataSource;
let worker: Worker;
let workerRun: Promise<void>;

beforeAll(async () => {
  installWorkerLogging();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: services.testServerPath } },
  });
  dataSource = createDataSource(services.databaseUrl);
  await dataSource.initialize();
  worker = await createDubanWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, dataSource });
  workerRun = worker.run();
}, 60_000);

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await dataSource?.destroy();
  await env?.teardown();
});

async function rejectionOf(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
    throw error;
  }
  throw new Error('the update was accepted but should have been rejected');
}

async function newMeasure(quantityTarget?: { value: number; unit: string; text: string }): Promise<MeasureHandle> {
  const handle = await startMeasureWorkflow(env.client, taskQueue, { year: 2026, code: uniqueMeasureCode(), quantityTarget });
  // The time-skipping server loses an update rejected in the very first workflow task ("update not
  // found"); a query first lets that task complete. The dev server has no such quirk.
  await handle.query(snapshotQuery);
  return handle;
}

const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate });

async function today(): Promise<string> {
  return beijingDate(await env.currentTimeMs());
}

/** Skips test-server time to an hour after a ladder step's day begins. */
async function skipTo(date: string): Promise<void> {
  const wait = stepInstant(date) + HOUR - (await env.currentTimeMs());
  if (wait > 0) await env.sleep(wait);
}

interface EventRow {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
}

async function events(handle: MeasureHandle): Promise<EventRow[]> {
  return dataSource.query('SELECT sequence, type, payload FROM measure_events WHERE workflow_id = $1 ORDER BY sequence', [handle.workflowId]);
}

async function escalations(handle: MeasureHandle): Promise<EventRow[]> {
  return (await events(handle)).filter((e) => e.type === 'escalation');
}

/** The ladder fires from the workflow's own loop after an update returns; wait for it to land. */
async function waitForEscalations(handle: MeasureHandle, count: number): Promise<EventRow[]> {
  for (let i = 0; i < 100; i++) {
    const found = await escalations(handle);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return escalations(handle);
}

describe('measure workflow (time-skipping server, real PostgreSQL)', () => {
  it('runs assign → accept → report → submit → return → resubmit → approve, every event once and in order', async () => {
    const handle = await newMeasure({ value: 600, unit: '个', text: '农村生活污水治理村庄' });
    expect(handle.workflowId).toMatch(/^measure-2026-/);
    const due = calendar.addWorkingDays(await today(), 30).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const progress = await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, quantityDone: 312, note: '已完成312个村庄', evidence: ['验收报告.pdf'] }] });
    expect(progress.progress).toMatchObject({ quantityDone: 312, percent: 52, evidence: ['验收报告.pdf'] });
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    expect(await rejectionOf(handle.executeUpdate(returnForReworkUpdate, { args: [{ actor: head, comment: '  ' }] }))).toBe(COMMAND_REJECTED.invalid_input);
    const returned = await handle.executeUpdate(returnForReworkUpdate, { args: [{ actor: head, comment: '请补充验收材料' }] });
    expect(returned).toMatchObject({ state: 'returned', reworkCount: 1 });
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff, evidence: ['补充材料.pdf'] }] });
    const done = await handle.executeUpdate(approveUpdate, { args: [{ actor: head }] });
    expect(done).toMatchObject({ state: 'completed', completedOn: await today() });
    expect(await handle.result()).toMatchObject({ state: 'completed' });

    const rows = await events(handle);
    expect(rows.map((r) => [r.sequence, r.type])).toEqual([
      [1, 'assign'],
      [2, 'accept'],
      [3, 'reportProgress'],
      [4, 'submitForReview'],
      [5, 'returnForRework'],
      [6, 'submitForReview'],
      [7, 'approve'],
    ]);
    const [projection] = await dataSource.query('SELECT state, last_sequence FROM measure_states WHERE workflow_id = $1', [handle.workflowId]);
    expect(projection).toEqual({ state: 'completed', last_sequence: 7 });
  });

  it('lets exactly one of two racing approvals through; the other is told why', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 20).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    const results = await Promise.allSettled([
      handle.executeUpdate(approveUpdate, { args: [{ actor: head }] }),
      handle.executeUpdate(approveUpdate, { args: [{ actor: { userId: 'water.head2', role: 'department_head' } }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((rejected?.reason as WorkflowUpdateFailedError).cause).toMatchObject({ type: COMMAND_REJECTED.wrong_state });
    expect((await events(handle)).filter((e) => e.type === 'approve')).toHaveLength(1);
  });

  it('climbs the ladder on the right working days, tells the right people, and stops at completion', async () => {
    const handle = await newMeasure();
    const due = calendar.addWorkingDays(await today(), 8).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });

    const warningDay = calendar.addWorkingDays(due, -5).value;
    await skipTo(warningDay);
    const [warning] = await waitForEscalations(handle, 1);
    expect(warning.payload).toMatchObject({ level: 'warning', stepDate: warningDay, recipients: ['user:water.staff1'], against: 'assignee' });

    await skipTo(due);
    const urging = (await waitForEscalations(handle, 2))[1];
    expect(urging.payload).toMatchObject({ level: 'urging', stepDate: due, recipients: ['user:water.staff1', 'head:water'] });

    const supervisionDay = calendar.addWorkingDays(due, 3).value;
    await skipTo(supervisionDay);
    const supervision = (await waitForEscalations(handle, 3))[2];
    expect(supervision.payload).toMatchObject({ level: 'supervision', stepDate: supervisionDay });
    expect(supervision.payload.recipients).toEqual(['user:water.staff1', 'head:water', 'group:supervisors']);
    expect(await handle.query(snapshotQuery)).toMatchObject({ escalation: { level: 'supervision', against: 'assignee' } });

    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(approveUpdate, { args: [{ actor: head }] });
    await skipTo(calendar.addWorkingDays(due, 12).value);
    expect((await escalations(handle)).map((e) => e.payload.level)).toEqual(['warning', 'urging', 'supervision']);
    expect(await handle.result()).toMatchObject({ state: 'completed' });
  });

  it('re-plans pending steps when an extension is approved', async () => {
    const handle = await newMeasure();
    const due = calendar.addWorkingDays(await today(), 8).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const newDue = calendar.addWorkingDays(due, 15).value;
    expect(await rejectionOf(handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: staff, newDueDate: due, reason: '...' }] }))).toBe(
      COMMAND_REJECTED.invalid_input,
    );
    await handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: staff, newDueDate: newDue, reason: '汛期施工受限' }] });
    const decided = await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: head, n: 1, approve: true }] });
    expect(decided).toMatchObject({ dueDate: newDue, extensions: [{ n: 1, status: 'approved', decidedBy: 'water.head' }] });

    // The old due date passes without a word; the new warning comes on its own day.
    await skipTo(calendar.addWorkingDays(due, 3).value);
    expect(await escalations(handle)).toEqual([]);
    const newWarning = calendar.addWorkingDays(newDue, -5).value;
    await skipTo(newWarning);
    const [warning] = await waitForEscalations(handle, 1);
    expect(warning.payload).toMatchObject({ level: 'warning', stepDate: newWarning });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });
  });

  it('escalates at once to the level reached when assigned with a due date already past', async () => {
    const handle = await newMeasure();
    const due = calendar.addWorkingDays(await today(), -12).value;
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    const [step] = await waitForEscalations(handle, 1);
    expect(step.payload).toMatchObject({ level: 'accountability', skipped: ['warning', 'urging', 'supervision'] });
    expect(step.payload.recipients).toEqual(['user:water.staff1', 'head:water', 'group:supervisors', 'group:leadership']);
    await env.sleep(HOUR);
    expect(await escalations(handle)).toHaveLength(1);
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });
  });

  it('escalates a review left waiting past its SLA against the reviewer', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 40).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const submitted = await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    const slaDay = calendar.addWorkingDays(submitted.submittedOn!, 5).value;
    await skipTo(slaDay);
    const [step] = await waitForEscalations(handle, 1);
    expect(step.payload).toMatchObject({ level: 'urging', against: 'reviewer', stepDate: slaDay, recipients: ['user:water.head', 'group:leadership'] });
    await handle.executeUpdate(approveUpdate, { args: [{ actor: head }] });
  });

  it('marks dates in a year without holiday data provisional, and re-plans when that year is loaded', async () => {
    // 2040 has no bundled data (chinese-days ends with 2026); nothing else in the suites touches it.
    const handle = await startMeasureWorkflow(env.client, taskQueue, { year: 2039, code: uniqueMeasureCode() });
    await handle.query(snapshotQuery);
    let due = '2040-03-12';
    while (weekday(due) !== 1) due = addCalendarDays(due, 1); // a Monday
    const assigned = await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    expect(assigned).toMatchObject({ dueDate: due, dueProvisional: true });
    const weekdaysOnlyWarning = new WorkingDayCalendar({ years: {} }).addWorkingDays(due, -5).value;

    // The official list makes the whole week of the provisional warning day a holiday.
    const holidays = Array.from({ length: 7 }, (_, i) => addCalendarDays(weekdaysOnlyWarning, i - 2)).filter((d) => d.startsWith('2040') && d < due);
    await new CalendarRepository(dataSource).saveOfficial(2040, holidays, [], 'admin');
    await handle.signal(calendarChangedSignal);
    const official = new WorkingDayCalendar({ years: { '2040': { holidays, workdays: [], source: 'official' } } });
    const warningDay = official.addWorkingDays(due, -5).value;
    expect(warningDay).not.toBe(weekdaysOnlyWarning);
    for (let i = 0; i < 50 && (await handle.query(snapshotQuery)).dueProvisional; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await handle.query(snapshotQuery)).toMatchObject({ dueProvisional: false });
    // The re-plan is on the record, and the projection no longer says provisional.
    const replans = (await events(handle)).filter((e) => e.type === 'calendarReplanned');
    expect(replans.map((e) => e.payload)).toEqual([{ dueProvisional: false }]);
    const [projection] = await dataSource.query('SELECT due_provisional FROM measure_states WHERE workflow_id = $1', [handle.workflowId]);
    expect(projection.due_provisional).toBe(false);

    await skipTo(weekdaysOnlyWarning < warningDay ? weekdaysOnlyWarning : warningDay);
    await skipTo(warningDay);
    const [warning] = await waitForEscalations(handle, 1);
    expect(warning.payload).toMatchObject({ level: 'warning', stepDate: warningDay, provisional: false });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });
  });
});
