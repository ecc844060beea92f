// Records the histories test/workflow-replay.test.ts replays: one measure and one finding driven
// through every kind of step (commands, ladder timers, an inspection). Not part of `npm test`:
//   DUBAN_HISTORY_LABEL=v<next> npm run record:histories
// after any change to workflow code, with the label of the new behaviour; commit the files (the
// recording also notes a hash of workflows/, which the replay suite compares with today's code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
const encode = (h: temporal.api.history.v1.IHistory) => Buffer.from(temporal.api.history.v1.History.encode(h).finish());
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { DEFAULT_ESCALATION_POLICY, directiveWorkflowId, findingWorkflowId, openedDirective, WorkingDayCalendar, type Actor } from '@duban/domain';
import {
  acceptUpdate,
  acknowledgeDirectiveUpdate,
  approveUpdate,
  assignUpdate,
  closeDirectiveUpdate,
  completeMilestoneUpdate,
  deliveryLaneWorkflowId,
  DIGEST_WORKFLOW_ID,
  DIGEST_WORKFLOW_TYPE,
  decideTransferUpdate,
  declineUpdate,
  DIRECTIVE_WORKFLOW_TYPE,
  directiveIssuedUpdate,
  directiveQuery,
  fileInspectionUpdate,
  policyChangedSignal,
  reportProgressUpdate,
  requestTransferUpdate,
  respondDirectiveUpdate,
  submitForReviewUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type DirectiveWorkflowInput,
} from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { kickDeliveryLane } from '@duban/temporal';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';
import { workflowSourceHash } from './helpers/workflow-source';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const leader: Actor = { userId: 'leader1', role: 'leader', department: 'leadership' };
const airHead: Actor = { userId: 'air.head', role: 'department_head', department: 'air' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const label = process.env.DUBAN_HISTORY_LABEL;
if (!label || !/^v\d+$/.test(label)) throw new Error('set DUBAN_HISTORY_LABEL=v<N> to record histories');
jest.setTimeout(120_000);

it('records', async () => {
  const harness = await TimeSkippingHarness.start('recorder');
  try {
    const handle = await harness.newMeasure(2026, { value: 600, unit: '个', text: '农村生活污水治理村庄' });
    const due = calendar.addWorkingDays(await harness.today(), 8).value;
    // v7: 退回交办 first, then the assignment again with a milestone (its own ladder), a policy change.
    await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate: due, assignee: waterStaff(staff.userId) }] });
    await handle.executeUpdate(declineUpdate, { args: [{ actor: staff, reason: '交办有误' }] });
    const milestone = calendar.addWorkingDays(await harness.today(), 6).value;
    await handle.executeUpdate(assignUpdate, {
      args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate: due, milestones: [{ title: '完成方案', dueDate: milestone }], assignee: waterStaff(staff.userId) }],
    });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    await handle.signal(policyChangedSignal, { ...DEFAULT_ESCALATION_POLICY, supervisionDaysOverdue: 2 });
    await harness.skipTo(calendar.addWorkingDays(milestone, -5).value);
    await harness.waitForEscalations(handle.workflowId, 1);
    await handle.executeUpdate(completeMilestoneUpdate, { args: [{ actor: staff, n: 1, note: '方案已印发' }] });
    await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, quantityDone: 100, note: '进行中' }] });
    await harness.skipTo(calendar.addWorkingDays(due, -5).value);
    await harness.waitForEscalations(handle.workflowId, 2);
    await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, quantityDone: 300, note: '过半' }] });
    await harness.skipTo(due);
    await harness.waitForEscalations(handle.workflowId, 3);
    const findingDue = calendar.addWorkingDays(await harness.today(), 8).value;
    const inspected = await handle.executeUpdate(fileInspectionUpdate, { args: [{ actor: supervisor, findings: [{ description: '台账不全', dueDate: findingDue }] }] });
    const finding = harness.env.client.workflow.getHandle(findingWorkflowId(inspected.findings[0].findingId));
    await harness.skipTo(calendar.addWorkingDays(findingDue, -5).value);
    await harness.waitForEscalations(finding.workflowId, 1);
    await finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: staff, note: '已补齐' }] });
    await finding.executeUpdate(verifyRectificationUpdate, { args: [{ actor: supervisor, passed: true, comment: '到位' }] });
    await finding.result();
    await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(approveUpdate, { args: [{ actor: head }] });
    await handle.result();

    // A second measure handed to another department (移交), accepted there.
    const moved = await harness.newMeasure(2026);
    await moved.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate: calendar.addWorkingDays(await harness.today(), 20).value, assignee: waterStaff(staff.userId) }] });
    await moved.executeUpdate(requestTransferUpdate, { args: [{ actor: head, toDepartment: 'air', reason: '属大气处职责' }] });
    await moved.executeUpdate(decideTransferUpdate, { args: [{ actor: airHead, n: 1, accept: true }] });

    // A 批示 that climbs its ladder until answered, then closed by the leader.
    const instructionDue = calendar.addWorkingDays(await harness.today(), 6).value;
    const directive = openedDirective({ measureId: handle.workflowId.replace(/^measure-/, ''), kind: 'instruction', n: 1, text: '请加快进度', actor: leader, departmentCode: 'water', assigneeId: staff.userId, dueDate: instructionDue });
    const year = Number((await harness.today()).slice(0, 4));
    const input: DirectiveWorkflowInput = { directive, calendarYears: { fromYear: year - 1, toYear: year + 3 }, policy: DEFAULT_ESCALATION_POLICY };
    const instruction = await harness.env.client.workflow.start(DIRECTIVE_WORKFLOW_TYPE, {
      taskQueue: harness.taskQueue,
      workflowId: directiveWorkflowId(directive.directiveId),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    await instruction.query(directiveQuery);
    await instruction.executeUpdate(directiveIssuedUpdate, { args: [] });
    await harness.skipTo(calendar.addWorkingDays(instructionDue, -5).value);
    for (let i = 0; i < 100 && (await harness.events(instruction.workflowId)).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    await instruction.executeUpdate(acknowledgeDirectiveUpdate, { args: [{ actor: head }] });
    await instruction.executeUpdate(respondDirectiveUpdate, { args: [{ actor: head, text: '已部署' }] });
    await instruction.executeUpdate(closeDirectiveUpdate, { args: [{ actor: leader, comment: '同意' }] });
    await instruction.result();

    // v8: a measure that reaches 督办 issues the ladder's own 督办单 as a directive workflow.
    const late = await harness.newMeasure(2026);
    const lateDue = calendar.addWorkingDays(await harness.today(), 2).value;
    await late.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate: lateDue, assignee: waterStaff(staff.userId) }] });
    await harness.skipTo(calendar.addWorkingDays(lateDue, DEFAULT_ESCALATION_POLICY.supervisionDaysOverdue).value);
    await harness.waitForEscalations(late.workflowId, 3);
    for (let i = 0; i < 100; i++) {
      const rows: unknown[] = await harness.dataSource.query(`SELECT 1 FROM directives WHERE measure_id = $1 AND kind = 'notice'`, [late.workflowId.replace(/^measure-/, '')]);
      if (rows.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // v9: a delivery lane (a channel with nothing to send: it looks, then waits, waking every few hours)
    // and the daily digest timer (a working day's 08:30 passes: it runs the digest and continues as new).
    await kickDeliveryLane(harness.env.client, harness.taskQueue, 'history-lane');
    const digest = await harness.env.client.workflow.start(DIGEST_WORKFLOW_TYPE, { taskQueue: harness.taskQueue, workflowId: DIGEST_WORKFLOW_ID, args: [{}] });
    await harness.skipTo(calendar.addWorkingDays(await harness.today(), 2).value);
    const lane = harness.env.client.workflow.getHandle(deliveryLaneWorkflowId('history-lane'));
    const firstDigest = harness.env.client.workflow.getHandle(DIGEST_WORKFLOW_ID, digest.firstExecutionRunId);

    const dir = path.join(__dirname, 'fixtures', 'histories');
    fs.writeFileSync(path.join(dir, `lane-${label}.binpb`), encode(await lane.fetchHistory()));
    fs.writeFileSync(path.join(dir, `digest-${label}.binpb`), encode(await firstDigest.fetchHistory()));
    fs.writeFileSync(path.join(dir, `ladder-notice-${label}.binpb`), encode(await late.fetchHistory()));
    fs.writeFileSync(path.join(dir, `measure-${label}.binpb`), encode(await handle.fetchHistory()));
    fs.writeFileSync(path.join(dir, `finding-${label}.binpb`), encode(await finding.fetchHistory()));
    fs.writeFileSync(path.join(dir, `transfer-${label}.binpb`), encode(await moved.fetchHistory()));
    fs.writeFileSync(path.join(dir, `directive-${label}.binpb`), encode(await instruction.fetchHistory()));
    fs.writeFileSync(path.join(dir, 'workflows.sha256'), `${workflowSourceHash()}\n`);
  } finally {
    await harness.stop();
  }
});
