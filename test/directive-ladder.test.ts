// An unanswered 批示 or 督办单 climbs the ladder on its due date's working days; answering it stops
// the ladder. On a time-skipping server of its own, with the real activities and PostgreSQL.
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { DEFAULT_ESCALATION_POLICY, directiveWorkflowId, openedDirective, WorkingDayCalendar, type Actor, type DirectiveKind } from '@duban/domain';
import { acknowledgeDirectiveUpdate, DIRECTIVE_WORKFLOW_TYPE, directiveIssuedUpdate, directiveQuery, respondDirectiveUpdate, type DirectiveWorkflowInput } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { TimeSkippingHarness } from './helpers/time-skipping';
import { uniqueMeasureCode } from './helpers/services';

const leader: Actor = { userId: 'leader1', role: 'leader', department: 'leadership' };
const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const calendar = new WorkingDayCalendar(bundledCalendarData());
jest.setTimeout(180_000);

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await TimeSkippingHarness.start('directive-ladder');
}, 60_000);

afterAll(() => harness?.stop());

/** Starts a directive's workflow as the API does, and waits until its issue is recorded. */
async function issue(kind: DirectiveKind, actor: Actor, dueDate: string) {
  const measureId = `2026-${uniqueMeasureCode()}`;
  const directive = openedDirective({ measureId, kind, n: 1, text: '请按期办理并报告', actor, departmentCode: 'water', assigneeId: 'water.staff1', dueDate });
  const year = Number((await harness.today()).slice(0, 4));
  const input: DirectiveWorkflowInput = { directive, calendarYears: { fromYear: year - 1, toYear: year + 3 }, policy: DEFAULT_ESCALATION_POLICY };
  const handle = await harness.env.client.workflow.start(DIRECTIVE_WORKFLOW_TYPE, {
    taskQueue: harness.taskQueue,
    workflowId: directiveWorkflowId(directive.directiveId),
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  await handle.query(directiveQuery);
  await handle.executeUpdate(directiveIssuedUpdate, { args: [] });
  return handle;
}

async function ladder(workflowId: string, count: number): Promise<string[]> {
  let rows: Array<{ payload: { level: string; stepDate: string } }> = [];
  for (let i = 0; i < 300; i++) {
    rows = await harness.dataSource.query(`SELECT payload FROM measure_events WHERE workflow_id = $1 AND type = 'directiveEscalation' ORDER BY sequence`, [workflowId]);
    if (rows.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return rows.map((r) => `${r.payload.level}@${r.payload.stepDate}`);
}

describe('directive ladder (time-skipping server, real PostgreSQL)', () => {
  it('an unanswered instruction climbs 预警 → 催办 → 督办 → 问责 on working days; the answer comes after', async () => {
    const due = calendar.addWorkingDays(await harness.today(), 8).value;
    const handle = await issue('instruction', leader, due);
    const day = (n: number) => calendar.addWorkingDays(due, n).value;
    await harness.skipTo(day(-5));
    expect(await ladder(handle.workflowId, 1)).toEqual([`warning@${day(-5)}`]);
    await harness.skipTo(due);
    expect(await ladder(handle.workflowId, 2)).toEqual([`warning@${day(-5)}`, `urging@${due}`]);
    await harness.skipTo(day(3));
    expect((await ladder(handle.workflowId, 3))[2]).toBe(`supervision@${day(3)}`);
    await harness.skipTo(day(10));
    expect(await ladder(handle.workflowId, 4)).toEqual([`warning@${day(-5)}`, `urging@${due}`, `supervision@${day(3)}`, `accountability@${day(10)}`]);
    expect(await handle.query(directiveQuery)).toMatchObject({ status: 'issued', escalation: { level: 'accountability' } });
    // The recipients: the answering department's head, and the leader who wrote it (from 催办 on).
    const [row] = await harness.dataSource.query(
      `SELECT payload FROM measure_events WHERE workflow_id = $1 AND type = 'directiveEscalation' AND payload->>'level' = 'accountability'`,
      [handle.workflowId],
    );
    expect(row.payload.recipients).toEqual(['head:water', 'user:leader1', 'group:supervisors', 'group:leadership']);
    await handle.executeUpdate(acknowledgeDirectiveUpdate, { args: [{ actor: head }] });
    const answered = await handle.executeUpdate(respondDirectiveUpdate, { args: [{ actor: head, text: '已部署落实' }] });
    expect(answered).toMatchObject({ status: 'answered', responses: [{ by: 'water.head', text: '已部署落实' }] });
    const [projected] = await harness.dataSource.query('SELECT status, escalation_level FROM directives WHERE workflow_id = $1', [handle.workflowId]);
    expect(projected).toEqual({ status: 'answered', escalation_level: 'accountability' });
  });

  it('a 督办单 answered before its due date stops climbing, and its workflow ends', async () => {
    const due = calendar.addWorkingDays(await harness.today(), 7).value;
    const handle = await issue('notice', supervisor, due);
    const warningDay = calendar.addWorkingDays(due, -5).value;
    await harness.skipTo(warningDay);
    expect(await ladder(handle.workflowId, 1)).toEqual([`warning@${warningDay}`]);
    await handle.executeUpdate(acknowledgeDirectiveUpdate, { args: [{ actor: head }] });
    await handle.executeUpdate(respondDirectiveUpdate, { args: [{ actor: head, text: '已整改完毕' }] });
    expect(await handle.result()).toMatchObject({ status: 'answered', noticeNumber: expect.stringMatching(/^督〔\d{4}〕第\d+号$/) });
    // The workflow has ended: weeks later nothing more has fired.
    await harness.skipTo(calendar.addWorkingDays(due, 11).value);
    expect((await harness.env.client.workflow.getHandle(handle.workflowId).describe()).status.name).toBe('COMPLETED');
    expect(await ladder(handle.workflowId, 1)).toEqual([`warning@${warningDay}`]);
  });
});
