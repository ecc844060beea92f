// An unanswered 批示 or 督办单 climbs the ladder on its due date's working days; answering it stops
// the ladder. On a time-skipping server of its own, with the real activities and PostgreSQL.
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { DEFAULT_ESCALATION_POLICY, directiveWorkflowId, openedDirective, WorkingDayCalendar, type Actor, type DirectiveKind } from '@duban/domain';
import { acknowledgeDirectiveUpdate, assignUpdate, DIRECTIVE_WORKFLOW_TYPE, directiveIssuedUpdate, directiveQuery, respondDirectiveUpdate, snapshotQuery, type DirectiveWorkflowInput } from '@duban/workflows';
import { startDirectiveWorkflow } from '@duban/temporal';
import { bundledCalendarData } from '../activities/calendar-data';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';
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

describe('the ladder’s own 督办单 (time-skipping server, real PostgreSQL)', () => {
  it('is issued when a measure reaches 督办, with that escalation’s number, to be signed for and answered by the department', async () => {
    const handle = await harness.newMeasure(2026);
    const today = await harness.today();
    const due = calendar.addWorkingDays(today, 6).value;
    await handle.executeUpdate(assignUpdate, { args: [{ actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: due, assignee: waterStaff('water.staff1') }] });
    const supervisionDay = calendar.addWorkingDays(due, DEFAULT_ESCALATION_POLICY.supervisionDaysOverdue).value;
    await harness.skipTo(supervisionDay);
    const escalations = await harness.waitForEscalations(handle.workflowId, 3);
    const supervision = escalations.find((e) => e.payload.level === 'supervision');
    expect(supervision).toBeDefined();
    const measureId = (await handle.query(snapshotQuery)).measureId;
    let notice: { directive_id: string; workflow_id: string; notice_number: string | null; status: string; department_code: string; due_date: string } | undefined;
    for (let i = 0; i < 100 && !notice?.notice_number; i++) {
      [notice] = await harness.dataSource.query(
        `SELECT directive_id, workflow_id, notice_number, status, department_code, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM directives WHERE measure_id = $1 AND kind = 'notice'`,
        [measureId],
      );
      if (!notice?.notice_number) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(notice).toMatchObject({ status: 'issued', department_code: 'water', due_date: calendar.addWorkingDays(supervisionDay, 5).value });
    // One number for one 督办单: the escalation event's own, never a second one.
    const [numbered] = await harness.dataSource.query(
      `SELECT nn.year, nn.n FROM notice_numbers nn JOIN measure_events e ON e.event_id = nn.event_id WHERE e.workflow_id = $1 AND e.sequence = $2`,
      [handle.workflowId, supervision!.sequence],
    );
    expect(notice!.notice_number).toBe(`督〔${numbered.year}〕第${numbered.n}号`);
    const [{ count }] = await harness.dataSource.query(
      `SELECT count(*)::int AS count FROM notice_numbers nn JOIN measure_events e ON e.event_id = nn.event_id WHERE e.measure_id = $1 AND nn.level = 'supervision'`,
      [measureId],
    );
    expect(count).toBe(1);

    // Started by a local activity in the escalation's task (no child workflow, no second task for it);
    // started again, as a retried activity would, it is found and nothing new starts.
    const measureEvents = (await handle.fetchHistory()).events ?? [];
    expect(measureEvents.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toBe(false);
    expect(measureEvents.filter((e) => e.markerRecordedEventAttributes?.details?.data?.payloads?.some((p) => Buffer.from(p.data ?? []).toString().includes('startLadderNotice')))).toHaveLength(1);
    const directive = harness.env.client.workflow.getHandle(notice!.workflow_id);
    const again = { directive: await directive.query(directiveQuery), calendarYears: { fromYear: 2025, toYear: 2029 }, policy: DEFAULT_ESCALATION_POLICY };
    await expect(startDirectiveWorkflow(harness.env.client, harness.taskQueue, again)).resolves.toBe('exists');
    const [{ notices }] = await harness.dataSource.query(`SELECT count(*)::int AS notices FROM directives WHERE measure_id = $1 AND kind = 'notice'`, [measureId]);
    expect(notices).toBe(1);
    await directive.executeUpdate(acknowledgeDirectiveUpdate, { args: [{ actor: head }] });
    const answered = await directive.executeUpdate(respondDirectiveUpdate, { args: [{ actor: head, text: '已督促承办人，3 日内办结' }] });
    expect(answered).toMatchObject({ status: 'answered', issuedBy: 'system', sourceEventId: `${handle.workflowId}#${supervision!.sequence}` });
  });
});
