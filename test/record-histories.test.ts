// Records the histories test/workflow-replay.test.ts replays: one measure and one finding driven
// through every kind of step (commands, ladder timers, an inspection). Not part of `npm test`:
//   DUBAN_HISTORY_LABEL=v<next> npm run record:histories
// after any change to workflow code, with the label of the new behaviour; commit the files (the
// recording also notes a hash of workflows/, which the replay suite compares with today's code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
const encode = (h: temporal.api.history.v1.IHistory) => Buffer.from(temporal.api.history.v1.History.encode(h).finish());
import { findingWorkflowId, WorkingDayCalendar, type Actor } from '@duban/domain';
import { acceptUpdate, approveUpdate, assignUpdate, fileInspectionUpdate, reportProgressUpdate, submitForReviewUpdate, submitRectificationUpdate, verifyRectificationUpdate } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';
import { workflowSourceHash } from './helpers/workflow-source';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const label = process.env.DUBAN_HISTORY_LABEL;
if (!label || !/^v\d+$/.test(label)) throw new Error('set DUBAN_HISTORY_LABEL=v<N> to record histories');
jest.setTimeout(120_000);

it('records', async () => {
  const harness = await TimeSkippingHarness.start('recorder');
  try {
    const handle = await harness.newMeasure(2026, { value: 600, unit: '个', text: '农村生活污水治理村庄' });
    const due = calendar.addWorkingDays(await harness.today(), 8).value;
    await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: staff.userId, leadDepartment: 'water', dueDate: due, assignee: waterStaff(staff.userId) }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, quantityDone: 100, note: '进行中' }] });
    await harness.skipTo(calendar.addWorkingDays(due, -5).value);
    await harness.waitForEscalations(handle.workflowId, 1);
    await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff, quantityDone: 300, note: '过半' }] });
    await harness.skipTo(due);
    await harness.waitForEscalations(handle.workflowId, 2);
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
    const dir = path.join(__dirname, 'fixtures', 'histories');
    fs.writeFileSync(path.join(dir, `measure-${label}.binpb`), encode(await handle.fetchHistory()));
    fs.writeFileSync(path.join(dir, `finding-${label}.binpb`), encode(await finding.fetchHistory()));
    fs.writeFileSync(path.join(dir, 'workflows.sha256'), `${workflowSourceHash()}\n`);
  } finally {
    await harness.stop();
  }
});
