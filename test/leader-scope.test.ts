// 局领导 (role leader) sees every measure, finding, notice and report; a head still sees only their
// department's work. And 分管领导: the departments each leader oversees, set by the admin (audited),
// read by the leader for their default views. Real Temporal dev server and PostgreSQL.
import { daysFromNow, addPlanMeasure } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';
import { sampleLeaderDepartments } from '../seeds/seed';

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};
/** Every role of the sample organization, and a second head for "another department". */
const PEOPLE = ['admin', 'leader1', 'leader2', 'air.head', 'soil.head', 'air.staff1', 'supervisor1'] as const;
type Person = (typeof PEOPLE)[number];
/** A plan year no other suite uses. */
const YEAR = 2042;
let measureId: string;
let findingId: string;

beforeAll(async () => {
  system = await startTestSystem('leader-scope');
  for (const user of PEOPLE) tokens[user] = await system.login(user);
  // An air measure recorded as already under way (补录) and long overdue: the ladder fires at once up
  // to 问责, which tells the bureau leadership; a supervisor files a finding on it.
  measureId = await addPlanMeasure(system.dataSource, 'air', YEAR);
  await ok(call('POST', `/measures/${measureId}/start`, 'admin'));
  await ok(
    call('POST', `/measures/${measureId}/assign`, 'leader1', {
      assigneeId: 'air.staff1',
      leadDepartment: 'air',
      dueDate: daysFromNow(-40),
      assignedOn: daysFromNow(-80),
      backdateReason: '年初已书面交办，补录',
    }),
  );
  const inspected = await ok(call('POST', `/measures/${measureId}/inspections`, 'supervisor1', { findings: [{ description: '台账不全', dueDate: daysFromNow(20) }] }));
  findingId = (inspected.body.findings as Array<{ findingId: string }>)[0].findingId;
  await waitFor(async () => {
    const rows: unknown[] = await system.dataSource.query(`SELECT 1 FROM measure_states WHERE measure_id = $1 AND escalation_level = 'accountability'`, [measureId]);
    const findings: unknown[] = await system.dataSource.query('SELECT 1 FROM findings WHERE finding_id = $1', [findingId]);
    return rows.length > 0 && findings.length > 0;
  });
}, 120_000);

afterAll(async () => {
  // leader2's 分管 list back to none, whatever a failed test left.
  if (system) await system.dataSource.query(`DELETE FROM leader_departments WHERE leader_id = 'leader2'`);
  await system?.stop();
});

function call(method: string, path: string, who: Person, body?: unknown): Promise<ApiResponse> {
  return system.call(method, path, { token: tokens[who], body });
}

async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status < 200 || r.status > 299) throw new Error(`expected success, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const outcome = (r: ApiResponse) => (r.status >= 200 && r.status < 300 ? `${r.status}` : `${r.status} ${String(r.body.code)}`);

describe('局领导 sees everything', () => {
  it('lists every measure of a plan, as many as the admin sees', async () => {
    const asAdmin = await ok(call('GET', '/measures?year=2022&pageSize=100', 'admin'));
    const asLeader = await ok(call('GET', '/measures?year=2022&pageSize=100', 'leader1'));
    expect(asLeader.body.total).toBe(asAdmin.body.total);
    expect(asLeader.body.total as number).toBeGreaterThanOrEqual(57);
    const ids = (r: ApiResponse) => (r.body.items as Array<{ id: string }>).map((m) => m.id).sort();
    expect(ids(asLeader)).toEqual(ids(asAdmin));
    const own = await ok(call('GET', `/measures?year=${YEAR}`, 'leader1'));
    expect((own.body.items as Array<{ id: string }>).map((m) => m.id)).toContain(measureId);
  });

  it('opens any measure, its timeline and its finding; a head of another department still cannot', async () => {
    for (const path of [`/measures/${measureId}`, `/measures/${measureId}/events`, `/findings/${findingId}`, '/measures/2022-2.1.1', '/measures/2022-6.3.2']) {
      expect(outcome(await call('GET', path, 'leader1'))).toBe('200');
    }
    expect(outcome(await call('GET', `/measures/${measureId}`, 'soil.head'))).toBe('403 MEASURE_NOT_VISIBLE');
    expect(outcome(await call('GET', `/findings/${findingId}`, 'soil.head'))).toBe('404 FINDING_NOT_FOUND');
    expect(outcome(await call('GET', `/measures/${measureId}`, 'air.head'))).toBe('200');
  });

  it('is told of the 问责 and the notification opens the measure', async () => {
    let notification: { measureId: string; level: string | null } | undefined;
    await waitFor(async () => {
      const page = await ok(call('GET', '/notifications?pageSize=100', 'leader1'));
      notification = (page.body.items as Array<{ measureId: string; level: string | null }>).find((n) => n.measureId === measureId && n.level === 'accountability');
      return notification !== undefined;
    });
    expect(outcome(await call('GET', `/measures/${notification!.measureId}`, 'leader1'))).toBe('200');
  });

  it('reads the supervision views and every report; a head is refused the supervision views', async () => {
    const views = ['/audit/overdue', '/audit/escalations', '/audit/scorecard?year=2022', `/audit/scorecard?year=${YEAR}`, '/audit/notices?kind=accountability', '/audit/notices?kind=supervision'];
    for (const path of views) {
      expect(`${path} ${outcome(await call('GET', path, 'leader1'))}`).toBe(`${path} 200`);
      expect(`${path} ${outcome(await call('GET', path, 'air.head'))}`).toBe(`${path} 403 NOT_ALLOWED`);
    }
    const scorecard = await ok(call('GET', `/audit/scorecard?year=${YEAR}`, 'leader1'));
    expect(JSON.stringify(scorecard.body)).toContain('air');
    const notices = await ok(call('GET', '/audit/notices?kind=accountability&pageSize=100', 'leader1'));
    expect((notices.body.items as Array<{ measureId: string }>).some((n) => n.measureId === measureId)).toBe(true);
    for (const path of ['/reports/bulletin?month=2022-06&format=csv', `/reports/ledger?year=${YEAR}&format=csv`]) {
      expect(`${path} ${outcome(await call('GET', path, 'leader1'))}`).toBe(`${path} 200`);
    }
    expect(outcome(await call('GET', `/reports/cockpit?year=${YEAR}`, 'leader1'))).toBe('200');
  });
});

describe('分管领导: the departments a leader oversees', () => {
  it('seeds leader1 with air and water, and every signed-in user reads their own list', async () => {
    expect(sampleLeaderDepartments().leader1).toEqual(['air', 'water']);
    const mine = await ok(call('GET', '/leaders/me/departments', 'leader1'));
    expect(mine.body).toEqual({ username: 'leader1', displayName: '周明远', departments: [{ code: 'air', name: '大气环境处' }, { code: 'water', name: '水生态环境处' }] });
    for (const who of PEOPLE.filter((p) => p !== 'leader1' && p !== 'leader2')) {
      const own = await call('GET', '/leaders/me/departments', who);
      expect([who, own.status, own.body.departments]).toEqual([who, 200, []]);
    }
    expect(outcome(await system.call('GET', '/leaders/me/departments'))).toBe('401 NOT_AUTHENTICATED');
  });

  it('only the admin reads and sets a leader\'s list: every role, the exact answer', async () => {
    const table: Record<string, string[]> = {};
    for (const who of PEOPLE) {
      table[who] = [
        outcome(await call('GET', '/leaders/leader2/departments', who)),
        // An unusable body: the admin's 400 proves the guard passed, and nothing changes.
        outcome(await call('PUT', '/leaders/leader2/departments', who, { departments: 'air' })),
      ];
    }
    const denied = ['403 NOT_ALLOWED', '403 NOT_ALLOWED'];
    expect(table).toEqual({
      admin: ['200', '400 VALIDATION_FAILED'],
      leader1: denied,
      leader2: denied,
      'air.head': denied,
      'soil.head': denied,
      'air.staff1': denied,
      supervisor1: denied,
    });
    expect(outcome(await system.call('PUT', '/leaders/leader2/departments', { body: { departments: [] } }))).toBe('401 NOT_AUTHENTICATED');
  });

  it('sets the whole list, audited with before and after; the leader then reads it as their own', async () => {
    const set = await ok(call('PUT', '/leaders/leader2/departments', 'admin', { departments: ['soil', 'marine'] }));
    expect(set.body).toEqual({ username: 'leader2', displayName: '沈嘉禾', departments: [{ code: 'marine', name: '海洋生态环境处' }, { code: 'soil', name: '土壤生态环境处' }] });
    expect((await ok(call('GET', '/leaders/leader2/departments', 'admin'))).body).toEqual(set.body);
    expect((await ok(call('GET', '/leaders/me/departments', 'leader2'))).body).toEqual(set.body);

    const audit = await ok(call('GET', '/audit/admin?pageSize=100', 'admin'));
    const entry = (audit.body.items as Array<{ action: string; target: string; before: unknown; after: unknown; actorId: string }>).find(
      (e) => e.action === 'leader.departments' && e.target === 'user:leader2',
    );
    expect(entry).toMatchObject({ actorId: 'admin', before: { departments: [] }, after: { departments: ['marine', 'soil'] } });

    // The same list again changes nothing and records nothing more; an empty list clears it.
    await ok(call('PUT', '/leaders/leader2/departments', 'admin', { departments: ['marine', 'soil'] }));
    const again = await ok(call('GET', '/audit/admin?pageSize=100', 'admin'));
    expect((again.body.items as Array<{ action: string; target: string }>).filter((e) => e.action === 'leader.departments' && e.target === 'user:leader2')).toHaveLength(1);
    expect((await ok(call('PUT', '/leaders/leader2/departments', 'admin', { departments: [] }))).body.departments).toEqual([]);
  });

  it('refuses a person who is not a leader, unknown or non-business departments and duplicates, writing nothing', async () => {
    await ok(call('PUT', '/leaders/leader2/departments', 'admin', { departments: ['air'] }));
    const cases: Array<[string, unknown, string]> = [
      ['/leaders/nobody.here/departments', { departments: ['air'] }, '404 USER_NOT_FOUND'],
      ['/leaders/air.head/departments', { departments: ['air'] }, '400 VALIDATION_FAILED'],
      ['/leaders/leader2/departments', { departments: ['air', 'nowhere'] }, '400 VALIDATION_FAILED'],
      ['/leaders/leader2/departments', { departments: ['discipline'] }, '400 VALIDATION_FAILED'],
      ['/leaders/leader2/departments', { departments: ['air', 'air'] }, '400 VALIDATION_FAILED'],
      ['/leaders/leader2/departments', { departments: ['Air!'] }, '400 VALIDATION_FAILED'],
      ['/leaders/leader2/departments', { departments: ['air'], extra: true }, '400 VALIDATION_FAILED'],
      ['/leaders/Bad Name/departments', { departments: ['air'] }, '400 VALIDATION_FAILED'],
    ];
    for (const [path, body, expected] of cases) {
      const r = await call('PUT', path, 'admin', body);
      expect(`${path} ${JSON.stringify(body)} → ${outcome(r)}`).toBe(`${path} ${JSON.stringify(body)} → ${expected}`);
      expect(typeof r.body.message === 'string' && /[\u4e00-\u9fff]/.test(r.body.message)).toBe(true);
    }
    expect(outcome(await call('GET', '/leaders/air.head/departments', 'admin'))).toBe('400 VALIDATION_FAILED');
    expect((await ok(call('GET', '/leaders/leader2/departments', 'admin'))).body.departments).toEqual([{ code: 'air', name: '大气环境处' }]);
    await ok(call('PUT', '/leaders/leader2/departments', 'admin', { departments: [] }));
  });
});
