// Re-planning when an admin loads a year's official holidays, on its own time-skipping server:
// the test jumps years ahead, which must not move the clock under the other workflow suites.
import { addCalendarDays, weekday, WorkingDayCalendar, type Actor, type AssignInput } from '@duban/domain';
import { CalendarRepository } from '@duban/db';
import { assignUpdate, calendarChangedSignal, cancelUpdate, snapshotQuery } from '@duban/workflows';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const assignment = (dueDate: string): AssignInput => ({ actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate, assignee: waterStaff('water.staff1') });
jest.setTimeout(30_000);

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await TimeSkippingHarness.start('replan', { isolatedDatabase: true });
}, 60_000);

afterAll(() => harness?.stop());

describe('calendar re-planning (time-skipping server, real PostgreSQL)', () => {
  it('marks dates in a year without holiday data provisional, and re-plans when that year is loaded', async () => {
    // The year after the current one has no bundled data (chinese-days ends with 2026); this suite
    // has a database of its own, so the official list it loads touches no other suite.
    const year = Number((await harness.today()).slice(0, 4)) + 1;
    const handle = await harness.newMeasure(year - 1);
    let due = `${year}-01-20`;
    while (weekday(due) !== 1) due = addCalendarDays(due, 1); // a Monday
    const assigned = await handle.executeUpdate(assignUpdate, { args: [assignment(due)] });
    expect(assigned).toMatchObject({ dueDate: due, dueProvisional: true });
    const weekdaysOnlyWarning = new WorkingDayCalendar({ years: {} }).addWorkingDays(due, -5).value;

    // The official list makes the whole week of the provisional warning day a holiday.
    const holidays = Array.from({ length: 7 }, (_, i) => addCalendarDays(weekdaysOnlyWarning, i - 2)).filter((d) => d.startsWith(String(year)) && d < due);
    await new CalendarRepository(harness.dataSource).saveOfficial(year, holidays, [], 'admin');
    await handle.signal(calendarChangedSignal);
    const official = new WorkingDayCalendar({ years: { [String(year)]: { holidays, workdays: [], source: 'official' } } });
    const warningDay = official.addWorkingDays(due, -5).value;
    expect(warningDay).not.toBe(weekdaysOnlyWarning);
    for (let i = 0; i < 50 && (await handle.query(snapshotQuery)).dueProvisional; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await handle.query(snapshotQuery)).toMatchObject({ dueProvisional: false });
    // The re-plan is on the record, and the projection no longer says provisional.
    const replans = (await harness.events(handle.workflowId)).filter((e) => e.type === 'calendarReplanned');
    expect(replans.map((e) => e.payload)).toEqual([{ dueProvisional: false }]);
    const [projection] = await harness.dataSource.query('SELECT due_provisional FROM measure_states WHERE workflow_id = $1', [handle.workflowId]);
    expect(projection.due_provisional).toBe(false);

    await harness.skipTo(weekdaysOnlyWarning < warningDay ? weekdaysOnlyWarning : warningDay);
    await harness.skipTo(warningDay);
    const [warning] = await harness.waitForEscalations(handle.workflowId, 1);
    expect(warning.payload).toMatchObject({ level: 'warning', stepDate: warningDay, provisional: false });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: admin, reason: '测试结束' }] });
  });

});
