// The supervisors' views (纪检监察) on the real Temporal dev server and PostgreSQL: overdue work with
// its urgings, the escalation log, 督办单 / 问责 notices, the departments' scorecard, and the audit
// chain's verification — which finds an edited, a deleted and a moved row. Other suites write
// concurrently, so every assertion is about the rows this suite made.
import { beijingDate, WorkingDayCalendar, type FindingEvent } from '@duban/domain';
import { AdminAuditRepository, AuditRepository, chainHash, MeasureEventRepository } from '@duban/db';
import { bundledCalendarData } from '../activities/calendar-data';
import { hostileFilterProblems } from './helpers/hostile-filters';
import { addPlanMeasure, daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

const calendar = new WorkingDayCalendar(bundledCalendarData());
const today = beijingDate(Date.now());
// This year's measures: their workflows hold this year's holiday data, as the API's calendar does.
const YEAR = Number(today.slice(0, 4));
/** The scorecard's year: no other suite plans measures for it. */
const SCORECARD_YEAR = 2036;
const workingDaysAgo = (n: number) => calendar.addWorkingDays(today, -n).value;
/** Working days overdue today of a due date n working days back (n − 1 on a day off: today is not counted). */
const overdueBy = (n: number) => calendar.workingDaysBetween(workingDaysAgo(n), today).value;

let system: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('audit');
  for (const user of ['admin', 'leader1', 'supervisor1', 'water.head', 'water.staff1', 'nuclear.head', 'nuclear.staff1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });
const get = (path: string, user = 'supervisor1') => system.call('GET', path, { token: tokens[user] });

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startMeasure(year = YEAR): Promise<string> {
  const id = `${year}-${uniqueMeasureCode()}`;
  expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
  return id;
}

/** Assigns with the given due date and waits until the ladder reached `level` (if any). */
async function assign(id: string, dept: 'water' | 'nuclear', dueDate: string, level?: string): Promise<void> {
  // A measure outside any plan has no department yet: a bureau leader (局领导) gives it one.
  // Work already overdue is recorded as it happened (补录): assigned 30 days before it fell due.
  const backdate = dueDate < today ? { assignedOn: new Date(Date.parse(`${dueDate}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10), backdateReason: '年初已书面交办，补录' } : {};
  expect(await post(`/measures/${id}/assign`, 'leader1', { assigneeId: `${dept}.staff1`, leadDepartment: dept, dueDate, ...backdate })).toMatchObject({ status: 200 });
  if (!level) return;
  await until(async () => {
    const [row] = await system.dataSource.query('SELECT escalation_level FROM measure_states WHERE measure_id = $1', [id]);
    return row?.escalation_level === level ? row : undefined;
  }, `${id} to reach ${level}`);
}

/** An open finding of a measure, overdue, with one supervision escalation: written as its workflow would. */
async function overdueFinding(measureId: string, dueDate: string): Promise<string> {
  const findingId = `${measureId}-f1`;
  const workflowId = `finding-${findingId}`;
  const snapshot: FindingEvent['snapshot'] = {
    findingId,
    measureId,
    n: 1,
    description: '污染源台账未更新',
    inspectorId: 'supervisor1',
    assigneeId: 'water.staff1',
    leadDepartment: 'water',
    status: 'open',
    round: 1,
    dueDate,
    rounds: [{ round: 1, dueDate, submittedAt: null, note: null, evidence: [], verdict: null, comment: null, verifiedBy: null }],
    sequence: 1,
    escalation: { level: null, against: null, fired: [] },
  };
  const base = { findingId, measureId, workflowId, stateAfter: 'open' as const, occurredAt: new Date().toISOString() };
  const repository = new MeasureEventRepository(system.dataSource);
  await repository.recordFinding({
    ...base,
    eventId: `${workflowId}#1`,
    sequence: 1,
    type: 'findingOpened',
    actor: { userId: 'supervisor1', role: 'supervisor' },
    payload: { description: snapshot.description, dueDate },
    snapshot,
  });
  await repository.recordFinding(
    {
      ...base,
      eventId: `${workflowId}#2`,
      sequence: 2,
      type: 'escalation',
      actor: { userId: 'system', role: 'system' },
      payload: { level: 'supervision', against: 'assignee', stepDate: calendar.addWorkingDays(dueDate, 3).value, recipients: ['user:water.staff1', 'head:water', 'group:supervisors'], round: 1, skipped: [] },
      snapshot: { ...snapshot, sequence: 2, escalation: { level: 'supervision', against: 'assignee', fired: [`assignee:${dueDate}:supervision`] } },
    },
    { calendar },
  );
  return findingId;
}

interface OverdueItem {
  kind: string;
  measureId: string;
  findingId: string | null;
  dueDate: string;
  workingDaysOverdue: number;
  escalationLevel: string | null;
  department: { code: string; name: string | null } | null;
  person: { username: string; displayName: string | null } | null;
  urgings: Array<{ level: string; date: string }>;
}

/** Walks every page of a paginated list (other suites add rows, so the one sought may be on any page). */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const response = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=100`);
    expect(response.status).toBe(200);
    const batch = response.body.items as T[];
    items.push(...batch);
    if (batch.length < 100 || page >= 200) return items;
  }
}

const allOverdue = () => allPages<OverdueItem>('/audit/overdue');

// Shared by the tests below: one measure at 问责, one at 督办, one overdue finding.
let accountable: string;
let supervised: string;
let findingId: string;

describe('supervisor views', () => {
  beforeAll(async () => {
    accountable = await startMeasure();
    supervised = await startMeasure();
    await Promise.all([
      assign(accountable, 'water', workingDaysAgo(12), 'accountability'),
      assign(supervised, 'water', workingDaysAgo(4), 'supervision'),
    ]);
    findingId = await overdueFinding(supervised, workingDaysAgo(6));
  }, 60_000);

  it('lists overdue measures and findings, longest overdue first, with who, where and every urging', async () => {
    const items = await allOverdue();
    const days = items.map((i) => i.workingDaysOverdue);
    expect([...days].sort((a, b) => b - a)).toEqual(days);

    expect(items.find((i) => i.kind === 'measure' && i.measureId === accountable)).toMatchObject({
      dueDate: workingDaysAgo(12),
      workingDaysOverdue: overdueBy(12),
      escalationLevel: 'accountability',
      department: { code: 'water', name: '水生态环境处' },
      person: { username: 'water.staff1', displayName: '杨思琪' },
      urgings: [{ level: 'accountability', date: today }],
    });
    expect(items.find((i) => i.kind === 'measure' && i.measureId === supervised)).toMatchObject({
      workingDaysOverdue: overdueBy(4),
      escalationLevel: 'supervision',
      urgings: [{ level: 'supervision', date: today }],
    });
    // The finding's own urgings, not its measure's.
    expect(items.find((i) => i.kind === 'finding' && i.findingId === findingId)).toMatchObject({
      measureId: supervised,
      workingDaysOverdue: overdueBy(6),
      escalationLevel: 'supervision',
      person: { username: 'water.staff1' },
      urgings: [{ level: 'supervision', date: today }],
    });
    // A measure due in the future is not overdue.
    const later = await startMeasure();
    await assign(later, 'water', daysFromNow(30));
    expect((await allOverdue()).some((i) => i.measureId === later)).toBe(false);
  });

  it('keeps the escalation log, newest first, filtered by level and date', async () => {
    // Bounded by today: suites on the time-skipping server record escalations dated in the future.
    const items = await allPages<{ measureId: string; level: string; date: string; recipients: string[]; notified: string[]; occurredAt: string }>(
      `/audit/escalations?level=accountability&from=${today}&to=${today}`,
    );
    expect(items.every((i) => i.level === 'accountability' && i.date === today)).toBe(true);
    const times = items.map((i) => i.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const mine = items.find((i) => i.measureId === accountable);
    expect(mine).toMatchObject({ label: '问责', against: 'assignee', recipients: ['user:water.staff1', 'head:water', 'group:supervisors', 'group:leadership'] });
    expect(mine!.notified).toEqual(expect.arrayContaining(['water.staff1', 'water.head', 'supervisor1', 'leader1', 'leader2']));

    const all = await allPages<{ measureId: string; findingId: string | null; level: string }>(`/audit/escalations?from=${today}&to=${today}`);
    expect(all).toContainEqual(expect.objectContaining({ measureId: supervised, findingId: null, level: 'supervision' }));
    expect(all).toContainEqual(expect.objectContaining({ measureId: supervised, findingId, level: 'supervision' }));
    // Nothing falls before the day of the events.
    const yesterday = calendar.addWorkingDays(today, -1).value;
    const old = await allPages<{ measureId: string }>(`/audit/escalations?to=${yesterday}`);
    expect(old.some((i) => i.measureId === accountable)).toBe(false);

    for (const query of ['level=panic', 'from=2026-02-30', `from=${today}&to=${yesterday}`, 'page=0']) {
      expect(await get(`/audit/escalations?${query}`)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('issues 督办单 and 问责 records as numbered documents', async () => {
    const record = (await allPages<Record<string, unknown>>('/audit/notices?kind=accountability')).find((n) => n.measureId === accountable);
    expect(record).toMatchObject({
      kind: 'accountability',
      documentTitle: '问责记录',
      responsibleUnit: { code: 'water', name: '水生态环境处' },
      responsiblePerson: { username: 'water.staff1', displayName: '杨思琪' },
      overdueWorkingDays: overdueBy(12),
      issuedOn: today,
    });
    expect(record!.number).toMatch(new RegExp(`^问〔${today.slice(0, 4)}〕第[1-9]\\d*号$`));

    const supervision = await allPages<{ number: string; measureId: string; findingId: string | null; overdueWorkingDays: number }>('/audit/notices?kind=supervision');
    const notices = supervision.filter((n) => n.measureId === supervised);
    expect(notices).toHaveLength(2);
    const forMeasure = notices.find((n) => n.findingId === null)!;
    const forFinding = notices.find((n) => n.findingId === findingId)!;
    expect(forMeasure).toMatchObject({ overdueWorkingDays: overdueBy(4), number: expect.stringMatching(/^督〔\d{4}〕第\d+号$/) });
    expect(forFinding.overdueWorkingDays).toBe(overdueBy(6));
    // Numbered in order of record: the finding's notice was recorded after the measure's.
    const n = (notice: { number: string }) => Number(/第(\d+)号/.exec(notice.number)![1]);
    expect(n(forFinding)).toBeGreaterThan(n(forMeasure));
    // Every number of the year appears once.
    const numbers = supervision.map((s) => s.number);
    expect(new Set(numbers).size).toBe(numbers.length);

    expect(await get('/audit/notices')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await get('/audit/notices?kind=warning')).toMatchObject({ status: 400 });
  });

  it('refuses everyone but supervisors and admins, and has no way to change an event', async () => {
    for (const path of ['/audit/overdue', '/audit/escalations', '/audit/scorecard', '/audit/notices?kind=supervision', '/audit/verify']) {
      expect(await get(path, 'water.staff1')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
      expect(await get(path, 'water.head')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
      expect(await system.call('GET', path)).toMatchObject({ status: 401 });
      expect((await get(path, 'admin')).status).toBe(200);
    }
    for (const method of ['POST', 'DELETE', 'PUT', 'PATCH']) {
      expect((await system.call(method, '/audit/escalations', { token: tokens['admin'] })).status).toBe(404);
      expect((await system.call(method, '/audit/verify', { token: tokens['admin'] })).status).toBe(404);
    }
  });

  it('refuses SQL injection, NUL, broken and oversized values in every filter with 400', async () => {
    const problems: string[] = [];
    const filters: Array<[path: string, params: string[], base?: string]> = [
      ['/audit/overdue', ['page', 'pageSize']],
      ['/audit/escalations', ['level', 'from', 'to', 'page', 'pageSize']],
      ['/audit/scorecard', ['year']],
      ['/audit/notices', ['kind']],
      ['/audit/notices', ['page', 'pageSize'], 'kind=supervision'],
    ];
    for (const [path, params, base] of filters) {
      for (const param of params) problems.push(...(await hostileFilterProblems((q) => get(`${path}?${q}`), param, { base })).map((p) => `${path} ${p}`));
    }
    expect(problems).toEqual([]);
    const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events`);
    expect(n).toBeGreaterThan(0);
    expect(await get('/audit/verify')).toMatchObject({ status: 200 });
  }, 60_000);
});

describe('scorecard', () => {
  it('scores each lead department on the year’s measures', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => startMeasure(SCORECARD_YEAR)));
    const [onTime, late, overdue, inspected, cancelled] = ids;
    // On time: due in a month, done today.
    await assign(onTime, 'nuclear', daysFromNow(30));
    // Late, and returned once: due a week ago.
    await assign(late, 'nuclear', workingDaysAgo(5));
    // Open, 3 working days overdue.
    await assign(overdue, 'nuclear', workingDaysAgo(3));
    // Open and on schedule, with an open finding.
    await assign(inspected, 'nuclear', daysFromNow(30));
    // Cancelled: not counted.
    await assign(cancelled, 'nuclear', daysFromNow(30));
    for (const id of [onTime, late]) {
      expect((await post(`/measures/${id}/accept`, 'nuclear.staff1')).status).toBe(200);
      expect((await post(`/measures/${id}/submit`, 'nuclear.staff1')).status).toBe(200);
    }
    expect((await post(`/measures/${late}/return`, 'nuclear.head', { comment: '证明材料不全' })).status).toBe(200);
    expect((await post(`/measures/${late}/submit`, 'nuclear.staff1')).status).toBe(200);
    for (const id of [onTime, late]) expect((await post(`/measures/${id}/approve`, 'nuclear.head')).status).toBe(200);
    expect((await post(`/measures/${inspected}/inspections`, 'supervisor1', { findings: [{ description: '辐射监测记录缺失', dueDate: daysFromNow(10) }] })).status).toBe(200);
    expect((await post(`/measures/${cancelled}/cancel`, 'admin', { reason: '并入其他事项' })).status).toBe(200);
    await until(async () => {
      const [row] = await system.dataSource.query('SELECT 1 AS found FROM findings WHERE finding_id = $1', [`${inspected}-f1`]);
      return row;
    }, 'the finding to be recorded');

    const response = await get(`/audit/scorecard?year=${SCORECARD_YEAR}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ year: SCORECARD_YEAR, today });
    const nuclear = (response.body.departments as Array<{ department: { code: string } }>).find((d) => d.department.code === 'nuclear');
    expect(nuclear).toEqual({
      department: { code: 'nuclear', name: '核与辐射安全处' },
      assigned: 4,
      completed: 2,
      completedOnTime: 1,
      due: 3,
      onTimeRate: 0.3333,
      overdue: 1,
      averageWorkingDaysOverdue: overdueBy(3),
      reworked: 1,
      reworkRate: 0.25,
      openFindings: 1,
      accountabilityOutcomes: 0,
      outcomesByKind: [],
    });

    expect((await get('/audit/scorecard?year=1999')).status).toBe(400);
    expect((await get('/audit/scorecard?year=abc')).status).toBe(400);
    expect((await get('/audit/scorecard')).body).toMatchObject({ year: YEAR });
  });
});

describe('audit chain verification', () => {
  let id: string;
  /** The first audit row of this measure, and the row recorded right after it. */
  let tampered: string;
  let successor: string;

  beforeAll(async () => {
    id = await startMeasure();
    await assign(id, 'water', workingDaysAgo(4), 'supervision');
    // The first audit row of the measure's stream (assignment and escalation are recorded
    // concurrently, in either order); its second is later, so the first always has a successor.
    const [row] = await system.dataSource.query(`SELECT min(id)::text AS id FROM audit_log WHERE stream = $1`, [id]);
    tampered = row.id;
    const [next] = await system.dataSource.query(`SELECT min(id)::text AS id FROM audit_log WHERE stream = $1 AND id > $2`, [id, tampered]);
    successor = next.id;
  }, 30_000);

  it('reports intact chains, one per measure, walked in batches', async () => {
    const response = await get('/audit/verify');
    expect(response.status).toBe(200);
    expect({ ok: response.body.ok, reason: response.body.reason }).toEqual({ ok: true, reason: undefined });
    expect(response.body).toMatchObject({ ok: true, lastId: expect.any(String), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/), brokenCount: 0, anchors: { ok: true } });
    expect(BigInt(response.body.lastId as string) >= BigInt(tampered)).toBe(true);
    expect(response.body.streams as number).toBeGreaterThanOrEqual(1);
    // Rows newer than the latest anchor are counted, not faulted.
    expect(response.body.unanchored).toBe((response.body.anchors as { unanchored: number }).unanchored);
    // This measure's stream: numbered 1, 2 … from the genesis hash.
    const stream: Array<{ stream_seq: number; prev_hash: string }> = await system.dataSource.query(`SELECT stream_seq, prev_hash FROM audit_log WHERE stream = $1 ORDER BY id`, [id]);
    expect(stream.map((r) => r.stream_seq)).toEqual(stream.map((_, i) => i + 1));
    expect(stream[0].prev_hash).toBe('0'.repeat(64));
    // Batch edges change nothing: a walk 7 rows at a time agrees.
    const small = await new AuditRepository(system.dataSource).verifyChain({ batchSize: 7 });
    expect(small.ok).toBe(true);
    expect(small.rows).toBeGreaterThanOrEqual(response.body.rows as number);
  });

  /**
   * Tampers inside a transaction that is always rolled back, with the append-only trigger off for
   * that transaction only (session_replication_role, as the superuser), and verifies in the same
   * transaction: nothing outside ever sees the tampered table, and appends by other suites go on.
   */
  async function verifyAfter(tamper: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>) {
    const runner = system.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await tamper((sql, params) => runner.query(sql, params));
      return await new AuditRepository(system.dataSource).verifyChain({ manager: runner.manager, batchSize: 500 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('finds an edited row', async () => {
    const report = await verifyAfter((query) =>
      query(`UPDATE audit_log SET content = jsonb_set(content, '{payload,dueDate}', '"2099-12-31"') WHERE id = $1`, [tampered]).then(() => undefined),
    );
    expect(report).toMatchObject({ ok: false, firstBrokenId: tampered, firstBrokenStream: id, brokenCount: 1, reason: expect.stringContaining('被修改') });
    expect(report.reason).toContain(`事项 ${id} 的审计流的第 ${tampered} 条记录`);
    // An edit that also recomputes the row's own hash breaks the next row's link instead.
    const rehashed = await verifyAfter(async (query) => {
      const [row] = (await query(`SELECT prev_hash, content FROM audit_log WHERE id = $1`, [tampered])) as Array<{ prev_hash: string; content: { payload: Record<string, unknown> } }>;
      const content = { ...row.content, payload: { ...row.content.payload, dueDate: '2099-12-31' } };
      await query(`UPDATE audit_log SET content = $2, hash = $3 WHERE id = $1`, [tampered, JSON.stringify(content), chainHash(row.prev_hash, content)]);
    });
    expect(rehashed).toMatchObject({ ok: false, firstBrokenId: successor, firstBrokenStream: id });
  });

  it('finds a deleted row at the row after it', async () => {
    const report = await verifyAfter(async (query) => {
      await query(`DELETE FROM audit_log WHERE id = $1`, [tampered]);
    });
    expect(report).toMatchObject({ ok: false, firstBrokenId: successor, firstBrokenStream: id, reason: expect.stringContaining('被删除') });
  });

  it('finds two rows that changed places', async () => {
    const report = await verifyAfter(async (query) => {
      await query(`UPDATE audit_log SET id = -id WHERE id IN ($1, $2)`, [tampered, successor]);
      await query(`UPDATE audit_log SET id = $1 WHERE id = -$2::bigint`, [successor, tampered]);
      await query(`UPDATE audit_log SET id = $1 WHERE id = -$2::bigint`, [tampered, successor]);
    });
    expect(report).toMatchObject({ ok: false, firstBrokenId: tampered, firstBrokenStream: id, reason: expect.stringContaining('调换了顺序') });
    expect(report.reason).toContain('顺序被调换');
  });

  it('is intact again once the tampering is rolled back', async () => {
    expect((await get('/audit/verify', 'admin')).body).toMatchObject({ ok: true });
  });
});

describe('the append-only record (issue 11 item 7)', () => {
  /** Runs one statement in a transaction that is always rolled back: if it were ever let through, nothing is lost. */
  async function attempt(sql: string, params: unknown[] = []): Promise<unknown> {
    const runner = system.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await runner.query(sql, params);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  async function eventOf(id: string): Promise<string> {
    return until(async () => {
      const [row] = await system.dataSource.query(`SELECT event_id FROM measure_events WHERE measure_id = $1 ORDER BY sequence LIMIT 1`, [id]);
      return row?.event_id as string | undefined;
    }, `an event of ${id}`);
  }

  it('refuses UPDATE and DELETE of measure events, and TRUNCATE of every table of the record', async () => {
    const id = await startMeasure();
    await assign(id, 'water', daysFromNow(30));
    const eventId = await eventOf(id);
    await expect(attempt(`UPDATE measure_events SET payload = '{}' WHERE event_id = $1`, [eventId])).rejects.toThrow(/measure_events is append-only/);
    await expect(attempt(`DELETE FROM measure_events WHERE event_id = $1`, [eventId])).rejects.toThrow(/measure_events is append-only/);
    // Plain TRUNCATE already stops at the notifications' foreign key; CASCADE reaches the trigger.
    await expect(attempt(`TRUNCATE measure_events`)).rejects.toThrow();
    await expect(attempt(`TRUNCATE measure_events CASCADE`)).rejects.toThrow(/measure_events is append-only/);
    await expect(attempt(`TRUNCATE audit_log`)).rejects.toThrow(/audit_log is append-only/);
    await expect(attempt(`TRUNCATE evidence_files`)).rejects.toThrow(/evidence_files is append-only/);
    await expect(attempt(`TRUNCATE admin_audit_log`)).rejects.toThrow(/admin_audit_log is append-only/);
    expect((await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE event_id = $1`, [eventId]))[0].n).toBe(1);
  });

  it('checks every event against its audit row and reports the missing ones by event id', async () => {
    const verified = await get('/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, chain: { ok: true }, events: { ok: true, missingAuditCount: 0, orphanedAuditCount: 0 }, admin: { ok: true } });
    const events = verified.body.events as { eventRows: number; auditRows: number };
    expect(events.eventRows).toBe(events.auditRows);

    // An event written around the repository (no audit row), seen only inside a rolled-back transaction.
    const runner = system.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const ghost = `measure-${YEAR}-ghost#1-${Date.now()}`;
      await runner.query(
        `INSERT INTO measure_events (event_id, measure_id, workflow_id, sequence, type, actor_id, actor_role, state_after, payload, occurred_at)
         VALUES ($1, $2, $3, 1, 'assign', 'water.head', 'department_head', 'assigned', '{}', now())`,
        [ghost, `${YEAR}-ghost`, `measure-${YEAR}-ghost-${Date.now()}`],
      );
      const missing = await new AuditRepository(system.dataSource).eventCoverage(runner.manager);
      expect(missing).toMatchObject({ ok: false, missingAuditCount: 1, missingAudit: [ghost], orphanedAuditCount: 0 });
      expect(missing.eventRows).toBe(missing.auditRows + 1);
      expect(missing.reason).toContain(`1 条办理记录没有对应的审计记录（${ghost}）`);
      expect(missing.reason).toContain('数目不符');

      // And the other way: an audit row removed (trigger off for this transaction only) leaves its event orphaned.
      await runner.query(`SET LOCAL session_replication_role = replica`);
      const [last] = await runner.query(`SELECT event_id FROM audit_log WHERE event_id <> $1 ORDER BY id DESC LIMIT 1`, [ghost]);
      await runner.query(`DELETE FROM audit_log WHERE event_id = $1`, [last.event_id]);
      const both = await new AuditRepository(system.dataSource).eventCoverage(runner.manager);
      expect(both).toMatchObject({ ok: false, missingAuditCount: 2, missingAudit: expect.arrayContaining([ghost, last.event_id]) });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('anchors every stream on demand and exports the latest anchor as the head', async () => {
    // A measure of its own that records nothing more for weeks: its head stays put.
    const id = await startMeasure();
    await assign(id, 'water', daysFromNow(30));
    await eventOf(id);
    expect((await system.call('POST', '/audit/anchor', { token: tokens['water.staff1'] })).status).toBe(403);
    expect((await get('/audit/head', 'water.staff1')).status).toBe(403);
    const written = await post('/audit/anchor', 'supervisor1');
    expect(written).toMatchObject({ status: 200, body: { refused: false, anchor: { id: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    const anchorId = BigInt((written.body.anchor as { id: string }).id);

    const head = await get('/audit/head');
    expect(head.status).toBe(200);
    // Other suites append concurrently (and nothing stops another anchor): the head is this anchor or a later one.
    expect(BigInt(head.body.id as string) >= anchorId).toBe(true);
    const heads = head.body.heads as { streams: Record<string, { id: string; seq: number; hash: string }>; admin: { id: string; hash: string } | null };
    expect(head.body.streamCount).toBe(Object.keys(heads.streams).length);
    // The exported head checks itself: its hash is over its time and heads, chained to the one before.
    expect(chainHash(head.body.prevHash as string, { createdAt: head.body.createdAt, heads })).toBe(head.body.hash);
    const [last] = await system.dataSource.query(`SELECT a.id::text AS id, a.stream_seq AS seq, a.hash FROM audit_log a WHERE a.stream = $1 ORDER BY a.id DESC LIMIT 1`, [id]);
    expect(heads.streams[id]).toEqual(last);
    expect(head.body).toMatchObject({ admin: { count: expect.any(Number) } });

    // The record verifies against it.
    const verified = await get('/audit/verify', 'admin');
    expect(verified.body).toMatchObject({ ok: true, anchors: { ok: true, latest: { id: expect.any(String) } } });
    expect(BigInt((verified.body.anchors as { latest: { id: string } }).latest.id) >= anchorId).toBe(true);
    expect(BigInt(verified.body.lastId as string) >= BigInt(last.id)).toBe(true);
  });

  it('keeps admin acts (calendar loads, plan imports, exports) in a chained stream of their own, verified apart', async () => {
    const repository = new AdminAuditRepository(system.dataSource);
    const before = await get('/audit/head', 'admin');
    const tag = `test:${Date.now()}`;
    await repository.record({ actorId: 'admin', actorRole: 'admin', action: 'user.update', target: tag, before: { role: 'staff', at: new Date(0) }, after: { role: 'department_head' } });
    // Inside a caller's transaction: rolled back, the entry is gone with the change.
    await system.dataSource.transaction(async (manager) => {
      await repository.record({ actorId: 'admin', actorRole: 'admin', action: 'user.update', target: `${tag}:rolled-back` }, manager);
      throw new Error('rollback');
    }).catch(() => undefined);
    // A report export is recorded with who exported what.
    await addPlanMeasure(system.dataSource, 'water', 2026); // the test plan exists
    const ledger = await system.call('GET', `/reports/ledger?year=2026&format=csv`, { token: tokens.supervisor1 });
    expect(ledger.status).toBe(200);

    const page = await get('/audit/admin?page=1&pageSize=50');
    expect(page.status).toBe(200);
    const items = page.body.items as Array<{ id: string; action: string; target: string; actorId: string; before: unknown; after: unknown; prevHash: string; hash: string }>;
    const mine = items.find((i) => i.target === tag);
    expect(mine).toMatchObject({ action: 'user.update', actorId: 'admin', before: { role: 'staff', at: '1970-01-01T00:00:00.000Z' }, after: { role: 'department_head' } });
    expect(items.some((i) => i.target === `${tag}:rolled-back`)).toBe(false);
    expect(items.find((i) => i.action === 'report.export' && i.actorId === 'supervisor1')).toMatchObject({ target: 'report:ledger', after: { query: { year: 2026, format: 'csv' }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // Chained: every entry links to the one before it.
    for (let i = 0; i + 1 < items.length; i++) expect(items[i].prevHash).toBe(items[i + 1].hash);
    expect((await get('/audit/admin', 'water.head')).status).toBe(403);

    const verified = await get('/audit/verify');
    expect(verified.body).toMatchObject({ admin: { ok: true } });
    expect((verified.body.admin as { rows: number }).rows).toBeGreaterThan((before.body.admin as { count: number }).count);

    await expect(system.dataSource.query(`UPDATE admin_audit_log SET action = 'x' WHERE id = $1`, [mine!.id])).rejects.toThrow(/admin_audit_log is append-only/);
    await expect(system.dataSource.query(`DELETE FROM admin_audit_log WHERE id = $1`, [mine!.id])).rejects.toThrow(/admin_audit_log is append-only/);
    // An edited entry is found, and reported in the admin stream, not the measure chain.
    const runner = system.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(`UPDATE admin_audit_log SET after = '{"role": "admin"}' WHERE id = $1`, [mine!.id]);
      const report = await repository.verify({ manager: runner.manager, batchSize: 3 });
      expect(report).toMatchObject({ ok: false, firstBrokenId: mine!.id, reason: expect.stringContaining('管理操作记录') });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
