// An overdue rectification climbs the ladder, on a time-skipping server of its own (the suites that
// share one interfere through its single clock when they skip weeks ahead).
import { findingWorkflowId, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import { assignUpdate, cancelUpdate, fileInspectionUpdate, findingQuery, submitRectificationUpdate } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate, assignee: waterStaff('water.staff1') });
jest.setTimeout(180_000);

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await TimeSkippingHarness.start('rectification');
}, 60_000);

afterAll(() => harness?.stop());

const newMeasure = () => harness.newMeasure(2026);
const today = () => harness.today();
const skipTo = (date: string) => harness.skipTo(date);

describe('rectification ladder (time-skipping server, real PostgreSQL)', () => {
  it('escalates an overdue rectification up the same ladder', async () => {
    const handle = await newMeasure();
    await handle.executeUpdate(assignUpdate, { args: [assignment(calendar.addWorkingDays(await today(), 60).value)] });
    const due = calendar.addWorkingDays(await today(), 6).value;
    const inspected = await handle.executeUpdate(fileInspectionUpdate, { args: [{ actor: supervisor, findings: [{ description: '未按期公开信息', dueDate: due }] }] });
    const finding = harness.env.client.workflow.getHandle(findingWorkflowId(inspected.findings[0].findingId));
    const supervisionDay = calendar.addWorkingDays(due, 3).value;
    await skipTo(supervisionDay);
    let levels: string[] = [];
    for (let i = 0; i < 600 && !levels.includes('supervision'); i++) {
      const rows: Array<{ payload: { level: string } }> = await harness.dataSource.query(
        `SELECT payload FROM measure_events WHERE workflow_id = $1 AND type = 'escalation' ORDER BY sequence`,
        [finding.workflowId],
      );
      levels = rows.map((r) => r.payload.level);
      if (!levels.includes('supervision')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(levels).toEqual(['warning', 'urging', 'supervision']);
    expect(await finding.query(findingQuery)).toMatchObject({ status: 'open', escalation: { level: 'supervision' } });
    // A measure cancelled while its finding is open: the finding carries on and keeps its record.
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '并入其他事项' }] });
    const rectified = await finding.executeUpdate(submitRectificationUpdate, { args: [{ actor: { userId: 'water.staff1', role: 'staff', department: 'water' }, note: '已补充公开' }] });
    expect(rectified).toMatchObject({ status: 'submitted' });
  });
});
