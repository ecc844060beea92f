// 站内通知 on the real Temporal dev server and PostgreSQL: written with the event that causes them
// (once, even when the write is retried), resolved from ladder keys to people, and each person
// reads and marks only their own.
import { beijingDate, initialSnapshot, measureWorkflowId, WorkingDayCalendar, type FindingEvent, type MeasureEvent } from '@duban/domain';
import { MeasureEventRepository } from '@duban/db';
import { bundledCalendarData } from '../activities/calendar-data';
import { hostileFilterProblems } from './helpers/hostile-filters';
import { addPlanMeasure, daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(60_000);

const calendar = new WorkingDayCalendar(bundledCalendarData());
const today = beijingDate(Date.now());
// This year's measures: their workflows hold this year's holiday data, as the API's calendar does.
const YEAR = Number(today.slice(0, 4));
const SUPERVISORS = ['discipline.head', 'supervisor1', 'supervisor2'];
const LEADERSHIP = ['leader1', 'leader2'];

let system: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('notifications');
  for (const user of ['admin', 'marine.head', 'marine.staff1', 'marine.staff2', 'supervisor1', 'leader1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

interface NotificationItem {
  id: string;
  eventId: string;
  measureId: string;
  findingId: string | null;
  kind: string;
  level: string | null;
  title: string;
  readAt: string | null;
}

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

async function newMeasure(): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, 'marine', YEAR);
  expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
  return id;
}

/** The plan title addPlanMeasure gives a test measure. */
const titleOf = (measureId: string) => `测试事项 ${measureId.slice(5)}`;

/** Polls until `probe` returns something (escalations and findings are written a moment later). */
async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stored(measureId: string): Promise<Array<{ recipient: string; kind: string; level: string | null; title: string; event_id: string }>> {
  // In the order of the events, and by recipient within one event.
  return system.dataSource.query(
    `SELECT recipient, kind, level, title, event_id FROM notifications n
      WHERE measure_id = $1 ORDER BY (SELECT min(id) FROM notifications o WHERE o.event_id = n.event_id), recipient`,
    [measureId],
  );
}

async function inbox(user: string, query = 'pageSize=100'): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
  const response = await system.call('GET', `/notifications?${query}`, { token: tokens[user] });
  expect(response.status).toBe(200);
  return response.body as unknown as { items: NotificationItem[]; total: number; unread: number };
}

describe('notifications', () => {
  it('tells the assignee of an assignment, and everyone on the ladder of an escalation it reached at once', async () => {
    const id = await newMeasure();
    const due = calendar.addWorkingDays(today, -12).value;
    const overdue = calendar.workingDaysBetween(due, today).value;
    // Work already under way, recorded by a leader (补录): a past due date, the ladder catches up at once.
    const backdate = { assignedOn: calendar.addWorkingDays(due, -20).value, backdateReason: '年初已交办，补录' };
    expect(await post(`/measures/${id}/assign`, 'leader1', { assigneeId: 'marine.staff1', leadDepartment: 'marine', dueDate: due, ...backdate })).toMatchObject({ status: 200 });

    const escalation = await until(async () => {
      const rows = (await stored(id)).filter((r) => r.kind === 'escalation');
      return rows.length > 0 ? rows : undefined;
    }, 'the escalation notifications');
    // Every leader and supervisor is told: the seeded ones, and any other suite's own leader (the database is shared).
    const groups: Array<{ username: string }> = await system.dataSource.query(
      `SELECT username FROM users WHERE role IN ('leader', 'supervisor') AND active AND username NOT IN ('discipline.head') AND username <> ALL($1::text[])`,
      [[...SUPERVISORS, ...LEADERSHIP]],
    );
    const others = new Set(groups.map((g) => g.username));
    const received = escalation.map((r) => r.recipient).filter((r) => !others.has(r));
    expect(received.sort()).toEqual(['marine.head', 'marine.staff1', ...SUPERVISORS, ...LEADERSHIP].sort());
    expect(new Set(escalation.map((r) => r.event_id)).size).toBe(1);
    for (const row of escalation) {
      expect(row).toMatchObject({ level: 'accountability', title: `【问责】${id} ${titleOf(id)} 已逾期 ${overdue} 个工作日` });
    }
    const all = await stored(id);
    expect(all.filter((r) => r.kind === 'assigned')).toEqual([
      expect.objectContaining({ recipient: 'marine.staff1', title: `【交办】${id} ${titleOf(id)} 已交办给您，截止日期 ${due}` }),
    ]);

    // Each sees it in their own inbox, unread, newest first.
    const leader = await inbox('leader1', 'unread=true&pageSize=100');
    expect(leader.items).toContainEqual(expect.objectContaining({ measureId: id, kind: 'escalation', level: 'accountability', readAt: null }));
    expect(leader.unread).toBeGreaterThanOrEqual(1);
    const ids = leader.items.map((n) => BigInt(n.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    // … and nobody else's.
    const staff2 = await inbox('marine.staff2');
    expect(staff2.items.filter((n) => n.measureId === id)).toEqual([]);
  });

  it('tells each counterpart of each command through a whole lifecycle with an inspection', async () => {
    const id = await newMeasure();
    const due = daysFromNow(40);
    const assignment = { assigneeId: 'marine.staff1', leadDepartment: 'marine', dueDate: due };
    expect((await post(`/measures/${id}/assign`, 'marine.head', assignment)).status).toBe(200);
    expect((await post(`/measures/${id}/accept`, 'marine.staff1')).status).toBe(200);
    expect((await post(`/measures/${id}/progress`, 'marine.staff1', { percent: 30 })).status).toBe(200);
    expect((await post(`/measures/${id}/submit`, 'marine.staff1')).status).toBe(200);
    expect((await post(`/measures/${id}/return`, 'marine.head', { comment: '缺少监测数据' })).status).toBe(200);
    expect((await post(`/measures/${id}/extension-requests`, 'marine.staff1', { newDueDate: daysFromNow(50), reason: '等待监测结果' })).status).toBe(200);
    expect((await post(`/measures/${id}/extension-requests/1/decision`, 'marine.head', { approve: true })).status).toBe(200);
    const inspection = await post(`/measures/${id}/inspections`, 'supervisor1', { findings: [{ description: '台账不完整', dueDate: daysFromNow(20) }] });
    expect(inspection.status).toBe(200);
    const findingId = `${id}-f1`;
    // The rectification workflow starts a moment after the inspection is recorded.
    await until(async () => {
      const r = await post(`/findings/${findingId}/rectification`, 'marine.staff1', { note: '已补齐台账' });
      return r.status === 404 ? undefined : r;
    }, 'the rectification workflow').then((r) => expect(r.status).toBe(200));
    expect((await post(`/findings/${findingId}/verification`, 'supervisor1', { passed: true })).status).toBe(200);
    expect((await post(`/measures/${id}/submit`, 'marine.staff1')).status).toBe(200);
    expect((await post(`/measures/${id}/approve`, 'marine.head')).status).toBe(200);

    const rows = await stored(id);
    expect(rows.map((r) => [r.kind, r.recipient])).toEqual([
      ['assigned', 'marine.staff1'],
      ['submitted', 'marine.head'],
      ['returned', 'marine.staff1'],
      ['extensionRequested', 'marine.head'],
      ['extensionDecided', 'marine.staff1'],
      ['inspection', 'marine.head'],
      ['inspection', 'marine.staff1'],
      ['rectificationSubmitted', 'supervisor1'],
      ['rectificationVerified', 'marine.staff1'],
      ['submitted', 'marine.head'],
      ['approved', 'marine.staff1'],
    ]);
    expect(rows.find((r) => r.kind === 'returned')?.title).toBe(`【退回】${id} ${titleOf(id)} 被退回整改：缺少监测数据`);
    expect(rows.find((r) => r.kind === 'rectificationVerified')?.title).toBe(`【复查】${id} ${titleOf(id)}（检查问题 1） 复查通过，已销号`);
    const [finding] = await system.dataSource.query(`SELECT finding_id FROM notifications WHERE measure_id = $1 AND kind = 'rectificationSubmitted'`, [id]);
    expect(finding).toEqual({ finding_id: findingId });
  });

  it('writes a retried event’s notifications once, resolving heads, supervisors and leadership', async () => {
    const code = uniqueMeasureCode();
    const measureId = `${YEAR}-${code}`;
    const workflowId = measureWorkflowId(YEAR, code);
    const due = calendar.addWorkingDays(today, -10).value;
    const event: MeasureEvent = {
      eventId: `${workflowId}#1`,
      measureId,
      workflowId,
      sequence: 1,
      type: 'escalation',
      actor: { userId: 'system', role: 'system' },
      stateAfter: 'in_progress',
      payload: { level: 'accountability', against: 'assignee', stepDate: today, recipients: ['user:marine.staff2', 'head:marine', 'group:supervisors', 'group:leadership'] },
      occurredAt: new Date().toISOString(),
      snapshot: { ...initialSnapshot(measureId), state: 'in_progress', sequence: 1, assigneeId: 'marine.staff2', leadDepartment: 'marine', dueDate: due },
    };
    const repository = new MeasureEventRepository(system.dataSource);
    expect(await repository.record(event, { calendar })).toBe('recorded');
    expect(await repository.record(event, { calendar })).toBe('already_recorded');
    const rows = await stored(measureId);
    const recipients = rows.map((r) => r.recipient);
    expect(recipients).toEqual(expect.arrayContaining(['marine.staff2', 'marine.head', ...SUPERVISORS, ...LEADERSHIP]));
    expect(new Set(recipients).size).toBe(recipients.length);
    // Heads of other departments and staff not named are not told.
    expect(recipients).not.toContain('marine.staff1');
    expect(recipients).not.toContain('air.head');
    expect(rows[0].title).toBe(`【问责】${measureId} 已逾期 ${calendar.workingDaysBetween(due, today).value} 个工作日`);

    // A finding's event the same way, via its own write path.
    const findingId = `${measureId}-f1`;
    const findingEvent: FindingEvent = {
      eventId: `finding-${findingId}#2`,
      findingId,
      measureId,
      workflowId: `finding-${findingId}`,
      sequence: 2,
      type: 'rectificationSubmitted',
      actor: { userId: 'marine.staff2', role: 'staff' },
      stateAfter: 'submitted',
      payload: { round: 1, note: '已整改' },
      occurredAt: new Date().toISOString(),
      snapshot: {
        findingId,
        measureId,
        n: 1,
        description: '未按要求公示',
        inspectorId: 'supervisor2',
        assigneeId: 'marine.staff2',
        leadDepartment: 'marine',
        status: 'submitted',
        round: 1,
        dueDate: daysFromNow(10),
        rounds: [],
        sequence: 2,
        escalation: { level: null, against: null, fired: [] },
      },
    };
    expect(await repository.recordFinding(findingEvent)).toBe('recorded');
    expect(await repository.recordFinding(findingEvent)).toBe('already_recorded');
    const told = (await stored(measureId)).filter((r) => r.kind === 'rectificationSubmitted');
    expect(told.map((r) => r.recipient)).toEqual(['supervisor2']);
  });

  it('lets each person mark only their own notifications read', async () => {
    const id = await newMeasure();
    expect((await post(`/measures/${id}/assign`, 'marine.head', { assigneeId: 'marine.staff2', leadDepartment: 'marine', dueDate: daysFromNow(30) })).status).toBe(200);
    const mine = (await inbox('marine.staff2', 'unread=true&pageSize=100')).items.find((n) => n.measureId === id && n.kind === 'assigned');
    expect(mine).toBeDefined();

    // Someone else's notification is answered like a missing one.
    expect(await post(`/notifications/${mine!.id}/read`, 'marine.staff1')).toMatchObject({ status: 404, body: { code: 'NOTIFICATION_NOT_FOUND' } });
    expect(await post('/notifications/999999999999/read', 'marine.staff2')).toMatchObject({ status: 404, body: { code: 'NOTIFICATION_NOT_FOUND' } });
    expect(await post('/notifications/abc/read', 'marine.staff2')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const read = await post(`/notifications/${mine!.id}/read`, 'marine.staff2');
    expect(read).toMatchObject({ status: 200, body: { id: mine!.id, measureId: id } });
    expect(read.body.readAt).toEqual(expect.any(String));
    // Reading again keeps the first read time.
    expect((await post(`/notifications/${mine!.id}/read`, 'marine.staff2')).body.readAt).toBe(read.body.readAt);
    expect((await inbox('marine.staff2', 'unread=true&pageSize=100')).items.map((n) => n.id)).not.toContain(mine!.id);
    expect((await inbox('marine.staff2')).items).toContainEqual(expect.objectContaining({ id: mine!.id, readAt: read.body.readAt }));

    // Read-all marks the caller's own, and nobody else's.
    const other = await newMeasure();
    expect((await post(`/measures/${other}/assign`, 'marine.head', { assigneeId: 'marine.staff2', leadDepartment: 'marine', dueDate: daysFromNow(30) })).status).toBe(200);
    const readAll = await post('/notifications/read-all', 'marine.staff2');
    expect(readAll.status).toBe(200);
    expect(readAll.body.marked).toBeGreaterThanOrEqual(1);
    const [{ unread }] = await system.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications WHERE recipient = 'marine.staff2' AND measure_id = ANY($1) AND read_at IS NULL`,
      [[id, other]],
    );
    expect(unread).toBe(0);
    // The head who assigned was told nothing (nobody is told what they did themselves).
    const [{ head }] = await system.dataSource.query(
      `SELECT count(*)::int AS head FROM notifications WHERE recipient = 'marine.head' AND measure_id = ANY($1)`,
      [[id, other]],
    );
    expect(head).toBe(0);
  });

  it('refuses bad queries with 400 and strangers with 401', async () => {
    expect(await system.call('GET', '/notifications')).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
    for (const query of ['unread=maybe', 'pageSize=1000', 'page=0', 'page=x']) {
      expect(await system.call('GET', `/notifications?${query}`, { token: tokens['leader1'] })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    const page = await inbox('leader1', 'page=2&pageSize=1');
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items.length).toBeLessThanOrEqual(1);
  });

  it('refuses SQL injection, NUL, broken and oversized values in every filter with 400', async () => {
    const query = (q: string) => system.call('GET', `/notifications?${q}`, { token: tokens['leader1'] });
    const problems: string[] = [];
    for (const param of ['unread', 'page', 'pageSize']) problems.push(...(await hostileFilterProblems(query, param)));
    expect(problems).toEqual([]);
    expect(await system.call('POST', `/notifications/${encodeURIComponent("1' OR '1'='1")}/read`, { token: tokens['leader1'] })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect(await system.call('POST', '/notifications/99999999999999999999/read', { token: tokens['leader1'] })).toMatchObject({ status: 400 });
  });
});
