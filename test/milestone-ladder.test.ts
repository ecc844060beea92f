// Milestones (节点) climb their own 预警/催办 steps, and a plan's new escalation policy re-plans the
// steps not fired yet — on a time-skipping server of its own, with the real activities and PostgreSQL.
import { DEFAULT_ESCALATION_POLICY, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import { acceptUpdate, assignUpdate, completeMilestoneUpdate, policyChangedSignal, snapshotQuery } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
jest.setTimeout(180_000);

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await TimeSkippingHarness.start('milestones');
}, 60_000);

afterAll(() => harness?.stop());

const keys = (rows: Array<{ payload: Record<string, unknown> }>) => rows.map((r) => `${r.payload.milestone ?? 'deadline'}:${r.payload.level}`);

describe('milestone ladder and plan policy (time-skipping server, real PostgreSQL)', () => {
  it("fires a slipped milestone's 预警 and 催办 once, not a completed one's, and leaves the deadline's ladder alone", async () => {
    const handle = await harness.newMeasure(2026);
    const today = await harness.today();
    const first = calendar.addWorkingDays(today, 8).value;
    const second = calendar.addWorkingDays(today, 12).value;
    const due = calendar.addWorkingDays(today, 40).value;
    const assignment: AssignInput = {
      actor: head,
      assigneeId: 'water.staff1',
      leadDepartment: 'water',
      dueDate: due,
      milestones: [
        { title: '制定方案', dueDate: first },
        { title: '完成调研', dueDate: second },
      ],
      assignee: waterStaff('water.staff1'),
    };
    await handle.executeUpdate(assignUpdate, { args: [assignment] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: staff }] });
    // The second milestone is reported done before its warning: it never escalates.
    await handle.executeUpdate(completeMilestoneUpdate, { args: [{ actor: staff, n: 2, note: '调研报告已完成' }] });

    // Through the first milestone's day: its 预警 (5 working days before), then its 催办 on the day.
    await harness.skipTo(first);
    const atFirst = await harness.waitForEscalations(handle.workflowId, 2);
    expect(keys(atFirst)).toEqual(['1:warning', '1:urging']);
    expect(atFirst[1].payload).toMatchObject({ milestone: 1, milestoneTitle: '制定方案', stepDate: first, recipients: ['user:water.staff1', 'head:water'] });
    const notices: Array<{ title: string }> = await harness.dataSource.query(
      `SELECT title FROM notifications WHERE measure_id = $1 AND kind = 'escalation' ORDER BY id`,
      [(await handle.query(snapshotQuery)).measureId],
    );
    expect(notices.map((n) => n.title).some((t) => t.includes('节点「制定方案」今日到期，尚未报告完成'))).toBe(true);

    await harness.skipTo(calendar.addWorkingDays(second, 1).value);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const later = await harness.escalations(handle.workflowId);
    expect(keys(later)).toEqual(['1:warning', '1:urging']);
    const snapshot = await handle.query(snapshotQuery);
    expect(snapshot.escalation.level).toBeNull();
    expect(snapshot.milestones[1].completedOn).toBeTruthy();
  });

  it('re-plans the steps not fired yet when the plan policy changes (a fired step stays fired)', async () => {
    const handle = await harness.newMeasure(2026);
    const today = await harness.today();
    const due = calendar.addWorkingDays(today, 20).value;
    await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: due, assignee: waterStaff('water.staff1') }] });
    // Default 预警 is 5 working days before; the plan now wants 10: it comes due at once, on the day the policy says.
    await harness.skipTo(calendar.addWorkingDays(due, -8).value);
    expect(await harness.escalations(handle.workflowId)).toEqual([]);
    await handle.signal(policyChangedSignal, { ...DEFAULT_ESCALATION_POLICY, warningDaysBefore: 10, supervisionDaysOverdue: 1 });
    const warned = await harness.waitForEscalations(handle.workflowId, 1);
    expect(keys(warned)).toEqual(['deadline:warning']);
    // 督办 now 1 working day after the due date instead of 3.
    await harness.skipTo(calendar.addWorkingDays(due, 1).value);
    const supervised = await harness.waitForEscalations(handle.workflowId, 3);
    expect(keys(supervised)).toEqual(['deadline:warning', 'deadline:urging', 'deadline:supervision']);
    expect(supervised[2].payload.stepDate).toBe(calendar.addWorkingDays(due, 1).value);
  });
});
