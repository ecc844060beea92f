// The measure workflow on Temporal's time-skipping test server (Java, provisioned by the project),
// with its real activities writing to the real PostgreSQL. Deadlines weeks away run in seconds.
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { findingWorkflowId, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import type { MeasureHandle } from '@duban/temporal';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  cancelUpdate,
  COMMAND_REJECTED,
  decideExtensionUpdate,
  fileInspectionUpdate,
  findingChangedSignal,
  findingQuery,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  snapshotQuery,
  submitForReviewUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
} from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { PATCH_SET_V13 } from '../workflows/patches';
import { refusalOf, rejectionOf, TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const leader: Actor = { userId: 'leader1', role: 'leader', department: 'leadership' };
const airHead: Actor = { userId: 'air.head', role: 'department_head', department: 'air' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const HOUR = 3_600_000;

/** The ids of the patch markers in a history, in order. */
function patchMarkers(history: temporal.api.history.v1.IHistoryEvent[]): string[] {
  return history
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => (JSON.parse(Buffer.from(m?.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString('utf8')) as { id: string }).id);
}
jest.setTimeout(30_000);

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await TimeSkippingHarness.start('workflow');
}, 60_000);

afterAll(() => harness?.stop());

const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate, assignee: waterStaff(staff.userId) });
const newMeasure = (quantityTarget?: { value: number; unit: string; text: string }) => harness.newMeasure(2026, quantityTarget);
const today = () => harness.today();
const skipTo = (date: string) => harness.skipTo(date);
const events = (handle: MeasureHandle) => harness.events(handle.workflowId);
const escalations = (handle: MeasureHandle) => harness.escalations(handle.workflowId);
const waitForEscalations = (handle: MeasureHandle, count: number) => harness.waitForEscalations(handle.workflowId, count);

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
    const [projection] = await harness.dataSource.query('SELECT state, last_sequence FROM measure_states WHERE workflow_id = $1', [handle.workflowId]);
    expect(projection).toEqual({ state: 'completed', last_sequence: 7 });
  });

  it('refuses, from any caller, text PostgreSQL cannot store — and stays usable', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 20).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    for (const note of ['空\u0000字符', '半个\ud800代理']) {
      const refused = handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, percent: 10, note }] });
      expect(await rejectionOf(refused)).toBe(COMMAND_REJECTED.invalid_input);
    }
    expect(await rejectionOf(handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff, evidence: ['a\u0000'] }] }))).toBe(COMMAND_REJECTED.invalid_input);
    const inspected = await handle.executeUpdate(fileInspectionUpdate, { args: [{ actor: supervisor, findings: [{ description: '台账不全', dueDate: calendar.addWorkingDays(await today(), 10).value }] }] });
    const finding = harness.env.client.workflow.getHandle(findingWorkflowId(inspected.findings[0].findingId));
    await finding.query(findingQuery);
    expect(await rejectionOf(finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: staff, note: '\u0000' }] }))).toBe(COMMAND_REJECTED.invalid_input);
    expect(await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, percent: 10, note: '正常文字' }] })).toMatchObject({ progress: { percent: 10 } });
    expect((await events(handle)).map((e) => e.type)).toEqual(['assign', 'accept', 'fileInspection', 'reportProgress']);
  });

  it('keeps the newest state of a finding when its signals arrive out of order', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 20).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const inspected = await handle.executeUpdate(fileInspectionUpdate, { args: [{ actor: supervisor, findings: [{ description: '台账不全', dueDate: calendar.addWorkingDays(await today(), 10).value }] }] });
    const finding = harness.env.client.workflow.getHandle(findingWorkflowId(inspected.findings[0].findingId));
    await finding.query(findingQuery);
    await finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: staff, note: '已补齐' }] });
    let known = (await handle.query(snapshotQuery)).findings[0];
    for (let i = 0; i < 100 && known.status !== 'submitted'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      known = (await handle.query(snapshotQuery)).findings[0];
    }
    expect(known).toMatchObject({ status: 'submitted', sequence: 2 });
    // The opening's signal, late: an older sequence changes nothing.
    await handle.signal(findingChangedSignal, { ...known, status: 'open', sequence: 1 });
    expect((await handle.query(snapshotQuery)).findings[0]).toMatchObject({ status: 'submitted', sequence: 2 });
  });

  it('ends cancelled, not stuck, when an operator cancels the run while a ladder timer waits', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 20).value)] });
    await handle.cancel();
    const outcome = await handle.result().then(
      () => 'completed',
      (error: unknown) => (error instanceof WorkflowFailedError && error.cause instanceof CancelledFailure ? 'cancelled' : String(error)),
    );
    expect(outcome).toBe('cancelled');
  });

  it('lets exactly one of two racing approvals through; the other is told why', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 20).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    const results = await Promise.allSettled([
      handle.executeUpdate(approveUpdate, { args: [{ actor: head }] }),
      handle.executeUpdate(approveUpdate, { args: [{ actor: { userId: 'water.head2', role: 'department_head', department: 'water' } }] }),
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

    // A new run takes every patch by the one marker of the patch set (each marker would also cost
    // the server a TemporalChangeVersion search-attribute write): none in its commands' or steps' tasks.
    const history = (await handle.fetchHistory()).events ?? [];
    expect(patchMarkers(history)).toEqual([PATCH_SET_V13]);
    expect(history.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toHaveLength(1);
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

  it('refuses a past due date, and accepts it from a leader recording work under way; the ladder catches up at once', async () => {
    const handle = await newMeasure();
    const due = calendar.addWorkingDays(await today(), -12).value;
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [assignment(due)] }))).toMatch(/截止日期不能早于今天/);
    const backdated = { ...assignment(due), assignedOn: calendar.addWorkingDays(due, -30).value, backdateReason: '年初已交办，补录' };
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [backdated] }))).toMatch(/只能由局领导或系统管理员/);
    const assigned = await handle.executeUpdate(assignUpdate, { args: [{ ...backdated, actor: leader }] });
    expect(assigned).toMatchObject({ assignedOn: backdated.assignedOn, dueDate: due });
    expect((await events(handle)).find((e) => e.type === 'assign')?.payload).toMatchObject({ assignedOn: backdated.assignedOn, backdateReason: '年初已交办，补录' });
    const [step] = await waitForEscalations(handle, 1);
    expect(step.payload).toMatchObject({ level: 'accountability', skipped: ['warning', 'urging', 'supervision'] });
    expect(step.payload.recipients).toEqual(['user:water.staff1', 'head:water', 'group:supervisors', 'group:leadership']);
    await harness.env.sleep(HOUR);
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

  it('runs 检查—整改—复查 over three rounds (fail, fail, pass), blocking completion until the finding is closed', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 40).value)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    const firstDue = calendar.addWorkingDays(await today(), 10).value;
    expect(await rejectionOf(handle.executeUpdate(fileInspectionUpdate, { args: [{ actor: head, findings: [{ description: 'x', dueDate: firstDue }] }] }))).toBe(
      COMMAND_REJECTED.wrong_role,
    );
    const inspected = await handle.executeUpdate(fileInspectionUpdate, {
      args: [{ actor: supervisor, findings: [{ description: '台账资料不完整，部分村庄未建立运维档案', dueDate: firstDue }] }],
    });
    const [summary] = inspected.findings;
    expect(summary).toMatchObject({ n: 1, status: 'open', round: 1, findingId: `${inspected.measureId}-f1` });
    const finding = harness.env.client.workflow.getHandle(findingWorkflowId(summary.findingId));

    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    expect(await rejectionOf(handle.executeUpdate(approveUpdate, { args: [{ actor: head }] }))).toBe(COMMAND_REJECTED.wrong_state);

    expect(await rejectionOf(finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: { userId: 'water.staff2', role: 'staff', department: 'water' }, note: '已整改' }] }))).toBe(
      COMMAND_REJECTED.wrong_person,
    );
    for (let round = 1; round <= 3; round++) {
      await finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: staff, note: `第${round}轮整改`, evidence: [`整改报告-${round}.pdf`] }] });
      expect(await rejectionOf(finding.executeUpdate(verifyRectificationUpdate, { args: [{ actor: head, passed: true }] }))).toBe(COMMAND_REJECTED.wrong_role);
      if (round < 3) {
        expect(await rejectionOf(finding.executeUpdate(verifyRectificationUpdate, { args: [{ actor: supervisor, passed: false, comment: '仍不完整' }] }))).toBe(
          COMMAND_REJECTED.invalid_input,
        );
        const next = calendar.addWorkingDays(await today(), 10).value;
        const failed = await finding.executeUpdate(verifyRectificationUpdate, { args: [{ actor: supervisor, passed: false, comment: '仍不完整', nextDueDate: next }] });
        expect(failed).toMatchObject({ status: 'open', round: round + 1, dueDate: next });
        expect(await rejectionOf(handle.executeUpdate(approveUpdate, { args: [{ actor: head }] }))).toBe(COMMAND_REJECTED.wrong_state);
      } else {
        const passed = await finding.executeUpdate(verifyRectificationUpdate, { args: [{ actor: supervisor, passed: true, comment: '整改到位' }] });
        expect(passed).toMatchObject({ status: 'closed', round: 3 });
      }
    }
    expect((await finding.query(findingQuery)).rounds.map((r) => r.verdict)).toEqual(['failed', 'failed', 'passed']);
    expect((await handle.query(snapshotQuery)).findings).toEqual([expect.objectContaining({ n: 1, status: 'closed', round: 3 })]);
    expect(await handle.executeUpdate(approveUpdate, { args: [{ actor: head }] })).toMatchObject({ state: 'completed' });

    const [row] = await harness.dataSource.query('SELECT status, round FROM findings WHERE finding_id = $1', [summary.findingId]);
    expect(row).toEqual({ status: 'closed', round: 3 });
    const findingEvents: Array<{ type: string }> = await harness.dataSource.query(
      'SELECT type FROM measure_events WHERE workflow_id = $1 ORDER BY sequence',
      [finding.workflowId],
    );
    expect(findingEvents.map((e) => e.type)).toEqual([
      'findingOpened',
      'rectificationSubmitted',
      'rectificationVerified',
      'rectificationSubmitted',
      'rectificationVerified',
      'rectificationSubmitted',
      'rectificationVerified',
    ]);
  });

  it('keeps a department head to their own department; the workflow decides whoever the caller is', async () => {
    const handle = await newMeasure();
    const due = calendar.addWorkingDays(await today(), 20).value;
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [{ ...assignment(due), actor: airHead }] }))).toMatch(/不属于您所在处室/);
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [{ ...assignment(due), assignee: { ...waterStaff('water.staff1'), department: 'air' } }] }))).toMatch(/不属于牵头处室/);
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [{ ...assignment(due), assignee: { ...waterStaff('water.staff1'), active: false } }] }))).toMatch(/已停用/);
    expect(await refusalOf(handle.executeUpdate(assignUpdate, { args: [{ ...assignment(due), assignee: undefined }] }))).toMatch(/不存在/);
    await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    const outsider = await handle.executeUpdate(approveUpdate, { args: [{ actor: airHead }] }).catch((e: unknown) => e);
    expect((outsider as WorkflowUpdateFailedError).cause).toMatchObject({ type: COMMAND_REJECTED.wrong_department });
    expect(await refusalOf(handle.executeUpdate(returnForReworkUpdate, { args: [{ actor: airHead, comment: '退回' }] }))).toMatch(/不属于您所在处室/);
    // A leader decides across departments.
    expect(await handle.executeUpdate(approveUpdate, { args: [{ actor: leader, comment: '同意' }] })).toMatchObject({ state: 'completed' });
    expect((await events(handle)).map((e) => e.type)).toEqual(['assign', 'accept', 'submitForReview', 'approve']);
  });
});
