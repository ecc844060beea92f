// 督办规则 per plan (issue 13 item 8), on the real Temporal dev server and PostgreSQL: a leader changes
// a plan's thresholds (a new version, audited), invalid ones and other roles are refused, running
// measures re-plan the steps they have not fired (fired ones stay fired), new ones start with it.
// Then, on a time-skipping server, the new thresholds fire at the new dates.
import { Client } from '@temporalio/client';
import { beijingDate, measureWorkflowId, WorkingDayCalendar, type Actor, type AssignInput, type EscalationPolicy } from '@duban/domain';
import { signalPolicyChanged } from '@duban/temporal';
import { assignUpdate } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';
import { TimeSkippingHarness, waterStaff } from './helpers/time-skipping';

jest.setTimeout(120_000);

/** Plan years of this suite's own: no other suite's measures run their policies. */
const YEAR = 2061;
const OTHER_YEAR = 2062;
const calendar = new WorkingDayCalendar(bundledCalendarData());
const STRICT: EscalationPolicy = { warningDaysBefore: 2, supervisionDaysOverdue: 5, accountabilityDaysOverdue: 12, reviewSlaDays: 4 };

let system: TestSystem;
const tokens: Record<string, string> = {};
const as = (user: string, method: string, path: string, body?: unknown) => system.call(method, path, { token: tokens[user], body });
const ok = async (response: Promise<ApiResponse>) => {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const versionCount = async (year: number): Promise<number> =>
  (await system.dataSource.query('SELECT count(*)::int AS n FROM plan_policies WHERE plan_year = $1', [year]))[0].n;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Ladder = Array<{ key: string; level: string; date: string; status: string; milestone?: number | null }>;
const ladderOf = async (id: string): Promise<Ladder> => ((await ok(as('water.head', 'GET', `/measures/${id}`))).ladder as Ladder).filter((s) => !s.milestone);

beforeAll(async () => {
  system = await startTestSystem('plan-policy');
  for (const user of ['admin', 'leader1', 'water.head', 'water.staff1', 'supervisor1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

describe('per-plan escalation policy (dev server, PostgreSQL)', () => {
  let running: string;
  let due: string;

  beforeAll(async () => {
    // A measure in hand under the default policy, due in 3 working days: its 预警 (5 before) has fired.
    running = await addPlanMeasure(system.dataSource, 'water', YEAR);
    await ok(as('admin', 'POST', `/measures/${running}/start`));
    due = calendar.addWorkingDays(beijingDate(Date.now()), 3).value;
    await ok(as('water.head', 'POST', `/measures/${running}/assign`, { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: due }));
    await until(
      () => system.dataSource.query(`SELECT 1 FROM measure_events WHERE measure_id = $1 AND type = 'escalation'`, [running]),
      (rows) => rows.length > 0,
      'the 预警 to fire',
    );
  });

  it('reads the default until a plan has its own, signed in; unknown plans are 404', async () => {
    const current = await ok(as('water.staff1', 'GET', `/plans/${YEAR}/policy`));
    expect(current).toMatchObject({ year: YEAR, version: 0, isDefault: true, policy: { warningDaysBefore: 5, supervisionDaysOverdue: 3, accountabilityDaysOverdue: 10, reviewSlaDays: 5 } });
    expect((await system.call('GET', `/plans/${YEAR}/policy`)).status).toBe(401);
    const unknown = await as('leader1', 'GET', '/plans/2069/policy');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
  });

  it('refuses other roles and invalid thresholds with a plain message, storing nothing', async () => {
    const body = { ...STRICT, reason: '试行' };
    for (const user of ['water.head', 'water.staff1', 'supervisor1']) {
      const refused = await as(user, 'PUT', `/plans/${YEAR}/policy`, body);
      expect([user, refused.status, refused.body.code]).toEqual([user, 403, 'NOT_ALLOWED']);
    }
    for (const user of ['water.head', 'water.staff1']) expect((await as(user, 'GET', `/plans/${YEAR}/policy/versions`)).status).toBe(403);

    const invalid: Array<[Record<string, unknown>, string, string]> = [
      [{ ...body, warningDaysBefore: 31 }, 'warningDaysBefore', '预警提前天数应在 0–30 个工作日之间'],
      [{ ...body, supervisionDaysOverdue: 0 }, 'supervisionDaysOverdue', '督办逾期天数应在 1–60 个工作日之间'],
      [{ ...body, accountabilityDaysOverdue: 5 }, 'accountabilityDaysOverdue', '问责逾期天数应多于督办逾期天数（5 个工作日）'],
      [{ ...body, accountabilityDaysOverdue: 121 }, 'accountabilityDaysOverdue', '问责逾期天数应在 2–120 个工作日之间'],
      [{ ...body, reviewSlaDays: 2.5 }, 'reviewSlaDays', '审核时限应为整数个工作日'],
      [{ ...body, reviewSlaDays: '4' }, 'reviewSlaDays', '审核时限应为整数个工作日'],
      [{ ...body, warningDaysBefore: undefined }, 'warningDaysBefore', '请填写预警提前天数'],
      [{ ...body, reason: '  ' }, 'reason', '修改督办规则必须说明理由'],
    ];
    for (const [bad, field, message] of invalid) {
      const refused = await as('leader1', 'PUT', `/plans/${YEAR}/policy`, bad);
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(refused.body.message).toContain(message);
      expect((refused.body.details as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toContain(field);
    }
    const noReason = await as('admin', 'PUT', `/plans/${YEAR}/policy`, STRICT);
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await versionCount(YEAR)).toBe(0);
  });

  it('stores a new version with its audit entry and re-plans the running measure’s future steps only', async () => {
    const before = await ladderOf(running);
    expect(before.map((s) => [s.level, s.status])).toEqual([
      ['warning', 'fired'],
      ['urging', 'pending'],
      ['supervision', 'pending'],
      ['accountability', 'pending'],
    ]);
    expect(before.find((s) => s.level === 'supervision')?.date).toBe(calendar.addWorkingDays(due, 3).value);

    const changed = await ok(as('leader1', 'PUT', `/plans/${YEAR}/policy`, { ...STRICT, reason: '年中从严督办' }));
    expect(changed).toMatchObject({ year: YEAR, version: 1, isDefault: false, policy: STRICT, reason: '年中从严督办', changedBy: 'leader1', created: true });
    expect((changed.replanned as { measures: number }).measures).toBeGreaterThanOrEqual(1);

    const after = await ladderOf(running);
    // The 预警 fired under the old rule stays fired (once); the steps ahead move to the new thresholds.
    expect(after.filter((s) => s.level === 'warning').map((s) => s.status)).toEqual(['fired']);
    expect(after.filter((s) => s.status === 'pending').map((s) => [s.level, s.date])).toEqual([
      ['urging', due],
      ['supervision', calendar.addWorkingDays(due, 5).value],
      ['accountability', calendar.addWorkingDays(due, 12).value],
    ]);
    // No step fired again on the re-plan.
    const escalations = await system.dataSource.query(`SELECT payload->>'level' AS level FROM measure_events WHERE measure_id = $1 AND type = 'escalation'`, [running]);
    expect(escalations.map((e: { level: string }) => e.level)).toEqual(['warning']);

    const [audit] = await system.dataSource.query(`SELECT actor_id, actor_role, before, after FROM admin_audit_log WHERE action = 'plan.policy' AND target = $1 ORDER BY id DESC LIMIT 1`, [`plan:${YEAR}`]);
    expect(audit).toMatchObject({
      actor_id: 'leader1',
      actor_role: 'leader',
      before: { version: 0, policy: { warningDaysBefore: 5, supervisionDaysOverdue: 3, accountabilityDaysOverdue: 10, reviewSlaDays: 5 } },
      after: { version: 1, policy: STRICT, reason: '年中从严督办' },
    });
    expect(await ok(as('water.staff1', 'GET', `/plans/${YEAR}/policy`))).toMatchObject({ version: 1, policy: STRICT, changedByName: expect.any(String) });
    // Another plan keeps the default.
    await addPlanMeasure(system.dataSource, 'water', OTHER_YEAR);
    expect(await ok(as('water.staff1', 'GET', `/plans/${OTHER_YEAR}/policy`))).toMatchObject({ version: 0, isDefault: true });
  });

  it('tells open findings too, lists versions newest first, and takes a repeated change as no change', async () => {
    const inspected = await ok(as('supervisor1', 'POST', `/measures/${running}/inspections`, { findings: [{ description: '台账不全', dueDate: daysFromNow(20) }] }));
    const findingId = (inspected.findings as Array<{ findingId: string }>)[0].findingId;
    await until(() => system.dataSource.query(`SELECT status FROM findings WHERE finding_id = $1`, [findingId]), (rows) => rows[0]?.status === 'open', 'the finding');

    const looser = { ...STRICT, supervisionDaysOverdue: 4 };
    const second = await ok(as('admin', 'PUT', `/plans/${YEAR}/policy`, { ...looser, reason: '督办放宽一天' }));
    expect(second).toMatchObject({ version: 2, created: true, replanned: { findings: 1 } });
    expect((second.replanned as { measures: number }).measures).toBeGreaterThanOrEqual(1);

    const again = await ok(as('admin', 'PUT', `/plans/${YEAR}/policy`, { ...looser, reason: '重复提交' }));
    expect(again).toMatchObject({ version: 2, created: false, reason: '督办放宽一天' });
    expect(await versionCount(YEAR)).toBe(2);

    const versions = await ok(as('supervisor1', 'GET', `/plans/${YEAR}/policy/versions`));
    expect((versions.versions as Array<{ version: number; changedBy: string; changes: string[] }>).map((v) => [v.version, v.changedBy, v.changes])).toEqual([
      [2, 'admin', ['督办逾期天数：5 → 4 个工作日']],
      [1, 'leader1', ['预警提前天数：5 → 2 个工作日', '督办逾期天数：3 → 5 个工作日', '问责逾期天数：10 → 12 个工作日', '审核时限：5 → 4 个工作日']],
    ]);
    // The record is append-only.
    await expect(system.dataSource.query(`UPDATE plan_policies SET reason = 'x' WHERE plan_year = $1`, [YEAR])).rejects.toThrow(/append-only/);
  });

  it('starts a new measure of the plan with the plan’s policy', async () => {
    const fresh = await addPlanMeasure(system.dataSource, 'water', YEAR);
    await ok(as('admin', 'POST', `/measures/${fresh}/start`));
    const [year, code] = [YEAR, fresh.slice(String(YEAR).length + 1)];
    const history = await system.app.get(Client).workflow.getHandle(measureWorkflowId(year, code)).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const input = JSON.parse(Buffer.from(started!.input!.payloads![0].data!).toString('utf8'));
    expect(input.policy).toEqual({ ...STRICT, supervisionDaysOverdue: 4 });

    const freshDue = calendar.addWorkingDays(beijingDate(Date.now()), 20).value;
    await ok(as('water.head', 'POST', `/measures/${fresh}/assign`, { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: freshDue }));
    expect((await ladderOf(fresh)).map((s) => [s.level, s.date])).toEqual([
      ['warning', calendar.addWorkingDays(freshDue, -2).value],
      ['urging', freshDue],
      ['supervision', calendar.addWorkingDays(freshDue, 4).value],
      ['accountability', calendar.addWorkingDays(freshDue, 12).value],
    ]);
    // The task list's review due date follows the plan's review SLA too (4 working days).
    await ok(as('water.staff1', 'POST', `/measures/${fresh}/accept`));
    await ok(as('water.staff1', 'POST', `/measures/${fresh}/submit`, { note: '已完成' }));
    const tasks = await ok(as('water.head', 'GET', '/me/tasks'));
    const review = (tasks.items as Array<{ kind: string; measureId: string; dueDate: string }>).find((t) => t.kind === 'review' && t.measureId === fresh);
    expect(review?.dueDate).toBe(calendar.addWorkingDays(beijingDate(Date.now()), 4).value);
  });
});

describe('a changed policy fires at the new dates (time-skipping server)', () => {
  let harness: TimeSkippingHarness;
  const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };

  beforeAll(async () => {
    harness = await TimeSkippingHarness.start('plan-policy-ladder');
  }, 60_000);

  afterAll(() => harness?.stop());

  it('re-plans a running ladder: fired steps stay fired, 督办 and 问责 come at the new thresholds', async () => {
    const handle = await harness.newMeasure(2026);
    const today = await harness.today();
    const dueDate = calendar.addWorkingDays(today, 8).value;
    const assignment: AssignInput = { actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate, assignee: waterStaff('water.staff1') };
    await handle.executeUpdate(assignUpdate, { args: [assignment] });
    await harness.skipTo(calendar.addWorkingDays(dueDate, -5).value);
    expect((await harness.waitForEscalations(handle.workflowId, 1)).map((e) => e.payload.level)).toEqual(['warning']);

    // 预警 10 days before (already past: fired, so not again), 督办 1 day after, 问责 2 days after.
    const code = handle.workflowId.replace(/^measure-2026-/, '');
    const told = await signalPolicyChanged(harness.env.client, { measures: [{ year: 2026, code }], findingWorkflowIds: [] }, {
      warningDaysBefore: 10,
      supervisionDaysOverdue: 1,
      accountabilityDaysOverdue: 2,
      reviewSlaDays: 5,
    });
    expect(told).toEqual({ measures: 1, findings: 0, directives: 0 });

    await harness.skipTo(dueDate);
    expect((await harness.waitForEscalations(handle.workflowId, 2)).map((e) => e.payload.level)).toEqual(['warning', 'urging']);
    await harness.skipTo(calendar.addWorkingDays(dueDate, 1).value);
    expect((await harness.waitForEscalations(handle.workflowId, 3)).map((e) => e.payload.level)).toEqual(['warning', 'urging', 'supervision']);
    await harness.skipTo(calendar.addWorkingDays(dueDate, 2).value);
    const levels = (await harness.waitForEscalations(handle.workflowId, 4)).map((e) => e.payload.level);
    expect(levels).toEqual(['warning', 'urging', 'supervision', 'accountability']);
    // Under the default, 督办 would only have come 3 working days after the due date.
    expect(calendar.addWorkingDays(dueDate, 2).value < calendar.addWorkingDays(dueDate, 3).value).toBe(true);
  });
});
