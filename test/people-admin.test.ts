// People and departments administered in duban, over HTTP against the real API, PostgreSQL and
// Temporal: create / edit / deactivate / reactivate people, reset passwords, create / rename /
// merge / split departments, move people, CSV and XLSX imports with a dry run, every change an
// audited event; and the first start on an external database (one one-time admin, no demo data).
// This suite's departments and people carry a run id, so other suites never see them; it owns the
// 2047 plan.
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDataSource, migrate, PlanRepository, verifyPassword } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { INITIAL_ADMIN_PASSWORD_FILE, demoWanted, seedOnStart } from '../seeds/seed';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

const RUN = randomUUID().slice(0, 6);
const YEAR = 2047;
const PLAN = `某市生态环境局${YEAR}年工作要点

一、主要目标指标

(一)环境空气方面。优良天数比例完成省下达的任务目标。

二、深入打好污染防治攻坚战

(一)协同治理打好蓝天保卫战。

1.深化挥发性有机物治理攻坚。重点加强工业源排放深度治理。

2.强化港区大气污染管控。完成万吨级以上原油码头油气回收治理。

(二)巩固提升碧水保卫战。

1.推进入海河流综合整治。完成整治方案。
`;

jest.setTimeout(30_000);

let system: TestSystem;
let admin: string;
const dept = (name: string) => `p${RUN}-${name}`;
const user = (name: string) => `p${RUN}.${name}`;

const call = (method: string, route: string, token: string | undefined, body?: unknown) => system.call(method, route, { token, body });

async function ok(response: Promise<ApiResponse>, status = 200): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** Signs in with a password; an initial or reset one is changed first, as the UI makes one do. */
async function signIn(username: string, password: string, newPassword = `Neu-${RUN}-Passwort9`): Promise<string> {
  const r = await ok(call('POST', '/auth/login', undefined, { username, password }));
  const token = r.body.accessToken as string;
  if ((r.body.user as { mustChangePassword?: boolean }).mustChangePassword) {
    await ok(call('POST', '/auth/password', token, { currentPassword: password, newPassword }));
  }
  return token;
}

async function createPerson(name: string, role: string, departmentCode: string, extra: Record<string, unknown> = {}): Promise<{ username: string; password: string }> {
  const username = user(name);
  const r = await ok(call('POST', '/admin/users', admin, { username, displayName: `测试${name}`, role, departmentCode, ...extra }), 201);
  return { username, password: (extra.password as string | undefined) ?? (r.body.oneTimePassword as string) };
}

const auditRows = (target: string) =>
  system.dataSource.query(`SELECT action, actor_id AS "actorId", before, after FROM admin_audit_log WHERE target = $1 ORDER BY id`, [target]) as Promise<
    Array<{ action: string; actorId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>
  >;
const tokenVersion = async (username: string) =>
  ((await system.dataSource.query(`SELECT token_version AS v FROM users WHERE username = $1`, [username])) as Array<{ v: number }>)[0].v;
/**
 * What this suite's refusals could have written: its own people, departments and audit entries
 * (other suites share the database and write theirs meanwhile).
 */
const counts = async () =>
  ((await system.dataSource.query(
    `SELECT (SELECT count(*) FROM users WHERE username LIKE $1)::int AS users,
            (SELECT count(*) FROM departments WHERE code LIKE $1)::int AS departments,
            (SELECT count(*) FROM admin_audit_log
              WHERE target LIKE $2 OR target IN ('user:admin', 'user:nobody-here', 'user:water.staff1') OR action = 'people.import')::int AS audit`,
    [`p${RUN}%`, `%p${RUN}%`],
  )) as Array<{ users: number; departments: number; audit: number }>)[0];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  system = await startTestSystem('people-admin');
  admin = await system.login('admin');
  await ok(call('POST', '/admin/departments', admin, { code: dept('air'), name: `大气处${RUN}`, kind: 'business' }), 201);
  await ok(call('POST', '/admin/departments', admin, { code: dept('sea'), name: `海洋处${RUN}`, kind: 'business' }), 201);
}, 60_000);

afterAll(() => system?.stop());

describe('people', () => {
  it('creates a person with a one-time password that must be changed at first sign-in, audited', async () => {
    const r = await ok(call('POST', '/admin/users', admin, { username: user('li'), displayName: '李晓', role: 'staff', departmentCode: dept('air'), email: 'li@example.cn', mobile: '13800000001' }), 201);
    expect(r.body.user).toMatchObject({ username: user('li'), role: 'staff', roleLabel: '承办人', departmentCode: dept('air'), active: true, mustChangePassword: true, email: 'li@example.cn', mobile: '13800000001' });
    const password = r.body.oneTimePassword as string;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const login = await ok(call('POST', '/auth/login', undefined, { username: user('li'), password }));
    expect(login.body.user).toMatchObject({ mustChangePassword: true });
    expect(await call('GET', '/plans', login.body.accessToken as string)).toMatchObject({ status: 403 });
    const [audit] = await auditRows(`user:${user('li')}`);
    expect(audit).toMatchObject({ action: 'user.create', actorId: 'admin', before: null, after: { username: user('li'), role: 'staff', departmentCode: dept('air'), mustChangePassword: true } });
    expect(JSON.stringify(audit)).not.toContain('scrypt');
    // The admin list shows them; the public directory too, with the active flag.
    const list = await ok(call('GET', '/admin/users', admin));
    expect((list.body as unknown as Array<{ username: string }>).some((u) => u.username === user('li'))).toBe(true);
  });

  it('refuses bad input with plain Chinese reasons and stable codes, and writes nothing', async () => {
    const before = await counts();
    const create = (body: Record<string, unknown>) => call('POST', '/admin/users', admin, { username: user('bad'), displayName: '某人', role: 'staff', departmentCode: dept('air'), ...body });
    expect(await create({ username: 'Bad Name' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await create({ email: 'not-an-email' })).body.message).toContain('邮箱格式不正确');
    expect(await create({ username: user('li') })).toMatchObject({ status: 409, body: { code: 'USERNAME_TAKEN' } });
    expect(await create({ departmentCode: dept('nowhere') })).toMatchObject({ status: 404, body: { code: 'DEPARTMENT_NOT_FOUND' } });
    const mismatch = await create({ role: 'supervisor' });
    expect(mismatch).toMatchObject({ status: 400, body: { code: 'ROLE_DEPARTMENT_MISMATCH' } });
    expect(mismatch.body.message).toContain('纪检监察人员只能属于纪检监察');
    expect(await create({ password: 'short' })).toMatchObject({ status: 422, body: { code: 'PASSWORD_REJECTED' } });
    expect(await call('POST', '/admin/users/nobody-here/deactivate', admin)).toMatchObject({ status: 404, body: { code: 'USER_NOT_FOUND' } });
    expect(await call('POST', '/admin/users/admin/deactivate', admin)).toMatchObject({ status: 400, body: { code: 'ADMIN_LOCKOUT', message: '不能停用自己的账号' } });
    const staff = await system.login('water.staff1');
    expect(await call('GET', '/admin/users', staff)).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('POST', '/admin/departments', staff, { code: dept('x'), name: 'x' })).toMatchObject({ status: 403 });
    expect(await counts()).toEqual(before);
  });

  it('edits contact fields without revoking, and a role change revokes the tokens at once', async () => {
    const { username, password } = await createPerson('wang', 'staff', dept('air'));
    const token = await signIn(username, password);
    expect((await call('GET', '/plans', token)).status).toBe(200);
    const v0 = await tokenVersion(username);
    const edited = await ok(call('PATCH', `/admin/users/${username}`, admin, { displayName: '王新', email: 'wang@example.cn', mobile: '' }));
    expect(edited.body).toMatchObject({ tokensRevoked: false, user: { displayName: '王新', email: 'wang@example.cn', mobile: null } });
    expect(await tokenVersion(username)).toBe(v0);
    expect((await call('GET', '/plans', token)).status).toBe(200);

    const promoted = await ok(call('PATCH', `/admin/users/${username}`, admin, { role: 'department_head' }));
    expect(promoted.body).toMatchObject({ tokensRevoked: true, user: { role: 'department_head' }, openMeasures: [] });
    expect(await tokenVersion(username)).toBe(v0 + 1);
    await until(() => call('GET', '/plans', token), (r) => r.status === 401, 'the old token refused');
    const audit = await auditRows(`user:${username}`);
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.update', 'user.update']);
    expect(audit[1]).toMatchObject({ before: { displayName: `测试wang`, email: null }, after: { displayName: '王新', email: 'wang@example.cn' } });
    expect(audit[2]).toMatchObject({ before: { role: 'staff' }, after: { role: 'department_head', tokensRevoked: true } });
  });

  it('resets a password: generated or given, must be changed at next sign-in, old password and tokens gone', async () => {
    const { username, password } = await createPerson('zhao', 'staff', dept('air'));
    const token = await signIn(username, password, `Zhao-${RUN}-Neu-2047`);
    const reset = await ok(call('POST', `/admin/users/${username}/reset-password`, admin, {}));
    const oneTime = reset.body.oneTimePassword as string;
    expect(reset.body.user).toMatchObject({ mustChangePassword: true });
    const [row] = (await system.dataSource.query(`SELECT must_change_password AS m, password_history AS h FROM users WHERE username = $1`, [username])) as Array<{ m: boolean; h: string[] }>;
    expect(row.m).toBe(true);
    expect(row.h.length).toBeGreaterThanOrEqual(1);
    await until(() => call('GET', '/plans', token), (r) => r.status === 401, 'the old token refused');
    expect((await call('POST', '/auth/login', undefined, { username, password: `Zhao-${RUN}-Neu-2047` })).status).toBe(401);
    const login = await ok(call('POST', '/auth/login', undefined, { username, password: oneTime }));
    expect(login.body.user).toMatchObject({ mustChangePassword: true });

    const given = await ok(call('POST', `/admin/users/${username}/reset-password`, admin, { password: `Given-${RUN}-Pass1` }));
    expect(given.body).toMatchObject({ oneTimePassword: null, user: { mustChangePassword: true } });
    expect((await ok(call('POST', '/auth/login', undefined, { username, password: `Given-${RUN}-Pass1` }))).body.user).toMatchObject({ mustChangePassword: true });
    const audit = await auditRows(`user:${username}`);
    expect(audit.filter((a) => a.action === 'user.reset_password').map((a) => a.after)).toEqual([
      { mustChangePassword: true, generated: true, tokensRevoked: true },
      { mustChangePassword: true, generated: false, tokensRevoked: true },
    ]);
  });

  it('deactivates a person: tokens refused within seconds, sign-in refused, open measures listed; reactivates', async () => {
    const head = await createPerson('head', 'department_head', dept('sea'));
    const staff = await createPerson('sun', 'staff', dept('sea'));
    const headToken = await signIn(head.username, head.password);
    const staffToken = await signIn(staff.username, staff.password, `Sun-${RUN}-Neu-2047`);
    const measureId = `${YEAR}-2.1.1`;
    // A head assigns what is suggested for their department: stored with the suggestion first (as
    // the seed does), then imported through the API, which starts the workflows.
    await new PlanRepository(system.dataSource).importPlan(parsePlan(PLAN), { suggestedLeads: { '2.1.1': dept('sea') } });
    const imported = await system.call('POST', '/plans/import', { token: admin, body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(imported).toMatchObject({ status: 200, body: { year: YEAR, workflows: 3 } });
    await ok(call('POST', `/measures/${measureId}/assign`, headToken, { assigneeId: staff.username, leadDepartment: dept('sea'), dueDate: daysFromNow(60) }));
    await ok(call('POST', `/measures/${measureId}/accept`, staffToken));
    expect((await call('GET', `/measures/${measureId}`, staffToken)).status).toBe(200);

    const open = await ok(call('GET', `/admin/users/${staff.username}/open-measures`, admin));
    expect(open.body).toEqual([expect.objectContaining({ measureId, code: '2.1.1', state: 'in_progress', leadDepartment: dept('sea'), assigneeId: staff.username })]);

    const deactivated = await ok(call('POST', `/admin/users/${staff.username}/deactivate`, admin));
    expect(deactivated.body).toMatchObject({ tokensRevoked: true, user: { active: false }, openMeasures: [{ measureId, title: '深化挥发性有机物治理攻坚', state: 'in_progress' }] });
    await until(() => call('GET', `/measures/${measureId}`, staffToken), (r) => r.status === 401, 'the deactivated person refused', 6_000);
    expect((await call('POST', '/auth/login', undefined, { username: staff.username, password: `Sun-${RUN}-Neu-2047` })).status).toBe(403);
    const directory = await ok(call('GET', `/users?department=${dept('sea')}`, headToken));
    expect(directory.body).toEqual(expect.arrayContaining([expect.objectContaining({ username: staff.username, active: false })]));

    const reactivated = await ok(call('POST', `/admin/users/${staff.username}/activate`, admin));
    expect(reactivated.body).toMatchObject({ tokensRevoked: false, user: { active: true } });
    await ok(call('POST', '/auth/login', undefined, { username: staff.username, password: `Sun-${RUN}-Neu-2047` }));
    expect((await auditRows(`user:${staff.username}`)).map((a) => a.action)).toEqual(['user.create', 'user.deactivate', 'user.activate']);
    expect((await auditRows(`user:${staff.username}`))[1]).toMatchObject({ before: { active: true }, after: { active: false, tokensRevoked: true } });
  }, 60_000);
});

describe('departments', () => {
  it('renames, refuses a duplicate code, and moves a person (tokens revoked, open measures listed)', async () => {
    const renamed = await ok(call('PATCH', `/admin/departments/${dept('air')}`, admin, { name: `大气环境处${RUN}` }));
    expect(renamed.body).toMatchObject({ code: dept('air'), name: `大气环境处${RUN}`, active: true });
    expect(await auditRows(`department:${dept('air')}`)).toEqual([
      expect.objectContaining({ action: 'department.create' }),
      expect.objectContaining({ action: 'department.rename', before: expect.objectContaining({ name: `大气处${RUN}` }), after: expect.objectContaining({ name: `大气环境处${RUN}` }) }),
    ]);
    expect(await call('POST', '/admin/departments', admin, { code: dept('air'), name: '重复' })).toMatchObject({ status: 409, body: { code: 'DEPARTMENT_CODE_TAKEN' } });

    const { username } = await createPerson('mover', 'staff', dept('air'));
    const v0 = await tokenVersion(username);
    const moved = await ok(call('POST', `/admin/users/${username}/move`, admin, { departmentCode: dept('sea') }));
    expect(moved.body).toMatchObject({ tokensRevoked: true, user: { departmentCode: dept('sea') }, openMeasures: [] });
    expect(await tokenVersion(username)).toBe(v0 + 1);
    const [audit] = (await auditRows(`user:${username}`)).filter((a) => a.action === 'user.move');
    expect(audit).toMatchObject({ before: { departmentCode: dept('air') }, after: { departmentCode: dept('sea'), tokensRevoked: true } });
  });

  it('merges: every person and the suggested measures move into the target, the source becomes inactive', async () => {
    await ok(call('POST', '/admin/departments', admin, { code: dept('old'), name: `旧处${RUN}` }), 201);
    await ok(call('POST', '/admin/departments', admin, { code: dept('new'), name: `新处${RUN}` }), 201);
    const a = await createPerson('old1', 'staff', dept('old'));
    const b = await createPerson('old2', 'department_head', dept('old'));
    // The 2047 plan's 2.2.1 is suggested to the old department (made after the import).
    await until(() => system.dataSource.query(`SELECT 1 FROM measures WHERE id = $1`, [`${YEAR}-2.2.1`]), (rows: unknown[]) => rows.length === 1, 'the 2047 plan', 30_000);
    await system.dataSource.query(`UPDATE measures SET suggested_department_code = $1 WHERE id = $2`, [dept('old'), `${YEAR}-2.2.1`]);

    expect(await call('POST', `/admin/departments/${dept('old')}/merge`, admin, { into: dept('old') })).toMatchObject({ status: 400, body: { code: 'DEPARTMENT_MERGE_INVALID' } });
    expect(await call('POST', `/admin/departments/${dept('old')}/merge`, admin, { into: 'leadership' })).toMatchObject({ status: 400, body: { code: 'DEPARTMENT_MERGE_INVALID' } });
    // Open work the old department leads is handed over first: the merge is refused and names it.
    const leader = await system.login('leader1');
    const led = `${YEAR}-2.1.2`;
    await ok(call('POST', `/measures/${led}/assign`, leader, { assigneeId: a.username, leadDepartment: dept('old'), dueDate: daysFromNow(40) }));
    const refused = await call('POST', `/admin/departments/${dept('old')}/merge`, admin, { into: dept('new') });
    expect(refused).toMatchObject({ status: 400, body: { code: 'DEPARTMENT_MERGE_INVALID', details: { openMeasures: [led] } } });
    expect(String(refused.body.message)).toContain('请先由局领导改派');
    await ok(call('POST', `/measures/${led}/cancel`, admin, { reason: '并入新处' }));
    const merged = await ok(call('POST', `/admin/departments/${dept('old')}/merge`, admin, { into: dept('new') }));
    expect(merged.body).toMatchObject({
      source: { code: dept('old'), active: false, mergedInto: dept('new'), people: 0 },
      target: { code: dept('new'), active: true, people: 2 },
      movedPeople: [a.username, b.username].sort(),
      movedMeasures: [`${YEAR}-2.2.1`],
      openMeasures: [],
    });
    const [measure] = (await system.dataSource.query(`SELECT suggested_department_code AS s FROM measures WHERE id = $1`, [`${YEAR}-2.2.1`])) as Array<{ s: string }>;
    expect(measure.s).toBe(dept('new'));
    // Nobody is put into an inactive department.
    expect(await call('POST', '/admin/users', admin, { username: user('late'), displayName: '迟到', role: 'staff', departmentCode: dept('old') })).toMatchObject({ status: 400, body: { code: 'DEPARTMENT_INACTIVE' } });
    expect(await call('POST', `/admin/users/${a.username}/move`, admin, { departmentCode: dept('old') })).toMatchObject({ status: 400, body: { code: 'DEPARTMENT_INACTIVE' } });
    const departments = (await ok(call('GET', '/departments', admin))).body as unknown as Array<{ code: string; active: boolean }>;
    expect(departments.find((d) => d.code === dept('old'))).toMatchObject({ active: false });
    const audit = await auditRows(`department:${dept('old')}`);
    expect(audit.at(-1)).toMatchObject({ action: 'department.merge', after: { movedPeople: [a.username, b.username].sort(), movedMeasures: [`${YEAR}-2.2.1`] } });
    expect((await auditRows(`user:${a.username}`)).at(-1)).toMatchObject({ action: 'user.move', before: { departmentCode: dept('old') }, after: { departmentCode: dept('new') } });
    // The moved measure's running workflow was told: the new department's head may now 交办 it.
    const headToken = await signIn(b.username, b.password);
    expect(await call('POST', `/measures/${YEAR}-2.2.1/assign`, headToken, { assigneeId: a.username, leadDepartment: dept('new'), dueDate: daysFromNow(40) })).toMatchObject({
      status: 200,
      body: { leadDepartment: dept('new'), assigneeId: a.username },
    });
  });

  it('splits: a new department of the same kind with the chosen people; a stranger is refused and nothing written', async () => {
    await ok(call('POST', '/admin/departments', admin, { code: dept('big'), name: `大处${RUN}` }), 201);
    const a = await createPerson('big1', 'staff', dept('big'));
    const b = await createPerson('big2', 'staff', dept('big'));
    const c = await createPerson('big3', 'staff', dept('big'));
    const before = await counts();
    expect(await call('POST', `/admin/departments/${dept('big')}/split`, admin, { code: dept('half'), name: `半处${RUN}`, people: [a.username, 'water.staff1'] })).toMatchObject({
      status: 400,
      body: { code: 'DEPARTMENT_MERGE_INVALID' },
    });
    expect(await counts()).toEqual(before);
    const split = await ok(call('POST', `/admin/departments/${dept('big')}/split`, admin, { code: dept('half'), name: `半处${RUN}`, people: [a.username, b.username] }));
    expect(split.body).toMatchObject({
      source: { code: dept('big'), people: 1 },
      department: { code: dept('half'), kind: 'business', active: true, people: 2 },
      movedPeople: [a.username, b.username].sort(),
    });
    const rows = (await system.dataSource.query(`SELECT username, department_code AS d FROM users WHERE username = ANY($1) ORDER BY username`, [[a.username, b.username, c.username]])) as Array<{ d: string }>;
    expect(rows.map((r) => r.d)).toEqual([dept('half'), dept('half'), dept('big')]);
    expect((await auditRows(`department:${dept('big')}`)).at(-1)).toMatchObject({ action: 'department.split', after: { movedPeople: [a.username, b.username].sort() } });
  });
});

describe('import', () => {
  const upload = (file: Buffer, name: string, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    return fetch(`${system.baseUrl}/admin/people-import?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
    );
  };

  it('a CSV dry run lists every problem (row + plain reason) and writes nothing; the real run refuses too', async () => {
    const csv = [
      '用户名,姓名,角色,处室代码,邮箱,手机',
      `${user('c1')},陈一,承办人,${dept('air')},c1@example.cn,13900000001`,
      `Bad User,陈二,承办人,${dept('air')},,`,
      `${user('c3')},,承办人,${dept('air')},,`,
      `${user('c4')},陈四,处长助理,${dept('air')},,`,
      `${user('c5')},陈五,承办人,${dept('nowhere')},,`,
      `${user('c6')},陈六,纪检监察人员,${dept('air')},,`,
      `${user('c7')},陈七,承办人,${dept('air')},bad-mail,123`,
      `${user('c1')},陈一,承办人,${dept('air')},,`,
      `${user('c9')},陈九,承办人,${dept('old')},,`,
    ].join('\r\n');
    const before = await counts();
    const dry = await upload(Buffer.from(`\ufeff${csv}`), '人员.csv', true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false });
    const problems = dry.body.problems as Array<{ row: number; reason: string }>;
    expect(problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8, 8, 9, 10]);
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('用户名须以小写字母开头'),
      '姓名不能为空',
      expect.stringContaining('角色「处长助理」无法识别'),
      expect.stringContaining(`处室 ${dept('nowhere')} 不存在`),
      expect.stringContaining('纪检监察人员只能属于纪检监察'),
      '邮箱格式不正确',
      expect.stringContaining('手机号码格式不正确'),
      `用户名 ${user('c1')} 与第 2 行重复`,
      `处室 ${dept('old')} 已停用，不能再分配人员`,
    ]);
    expect(await counts()).toEqual(before);
    const real = await upload(Buffer.from(csv), '人员.csv', false);
    expect(real).toMatchObject({ status: 400, body: { code: 'PEOPLE_IMPORT_INVALID', details: { problems: expect.any(Array) } } });
    expect(real.body.message).toContain('未导入任何数据');
    expect(await counts()).toEqual(before);
    expect(await upload(Buffer.from('随便写的一段话\n没有表头'), 'x.csv', true)).toMatchObject({ status: 400, body: { code: 'PEOPLE_IMPORT_UNREADABLE' } });
  });

  it('an XLSX dry run lists every problem; a clean workbook imports departments and people in one go, audited', async () => {
    const workbook = (people: string[][], departments: string[][]) => {
      const book = new Workbook();
      book.addWorksheet('处室').addRows([['处室代码', '处室名称', '类型'], ...departments]);
      const sheet = book.addWorksheet('人员');
      sheet.addRows([['用户名', '姓名', '角色', '处室代码', '手机'], ...people]);
      return book.xlsx.writeBuffer().then((b) => Buffer.from(b as ArrayBuffer));
    };
    const before = await counts();
    const bad = await workbook(
      [[user('x1'), '徐一', 'staff', dept('xa'), '13700000001'], [user('x2'), '徐二', '局领导', dept('xa'), '']],
      [[dept('xa'), `新设处${RUN}`, '业务处室'], [dept('xa'), '重复', '业务处室'], ['9bad', '坏代码', '业务处室'], [dept('air'), '改类型', '纪检监察']],
    );
    const dry = await upload(bad, '导入.xlsx', true);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { sheet: '处室', row: 3, reason: `处室代码 ${dept('xa')} 与第 2 行重复` },
      { sheet: '处室', row: 4, reason: expect.stringContaining('处室代码须以小写字母开头') },
      { sheet: '处室', row: 5, reason: expect.stringContaining('导入不能改变处室类型') },
      { sheet: '人员', row: 3, reason: expect.stringContaining('局领导只能属于局领导') },
    ]);
    expect(await counts()).toEqual(before);

    const good = await workbook(
      [[user('x1'), '徐一', '承办人', dept('xa'), '13700000001'], [user('x2'), '徐二', '处室负责人', dept('xa'), ''], [user('li'), '李晓（改）', '承办人', dept('air'), '']],
      [[dept('xa'), `新设处${RUN}`, '业务处室']],
    );
    const preview = await upload(good, '导入.xlsx', true);
    expect(preview.body).toMatchObject({ dryRun: true, applied: false, problems: [], departments: { created: [dept('xa')] }, people: { created: [user('x1'), user('x2')], updated: [user('li')] } });
    expect(await counts()).toEqual(before);
    const real = await upload(good, '导入.xlsx', false);
    expect(real.body).toMatchObject({ dryRun: false, applied: true, problems: [], departments: { created: [dept('xa')] }, people: { created: [user('x1'), user('x2')], updated: [user('li')] } });
    const passwords = real.body.oneTimePasswords as Array<{ username: string; password: string }>;
    expect(passwords.map((p) => p.username)).toEqual([user('x1'), user('x2')]);
    const after = await counts();
    expect(after.users).toBe(before.users + 2);
    expect(after.departments).toBe(before.departments + 1);
    expect(after.audit).toBe(before.audit + 5); // 1 department, 2 people created, 1 updated, the import itself
    const login = await ok(call('POST', '/auth/login', undefined, { username: user('x1'), password: passwords[0].password }));
    expect(login.body.user).toMatchObject({ departmentCode: dept('xa'), mustChangePassword: true });
    expect((await auditRows(`user:${user('li')}`)).at(-1)).toMatchObject({ action: 'user.update', before: { displayName: '李晓' }, after: { displayName: '李晓（改）', source: 'import' } });
  });
});

describe('first start on an external database', () => {
  it('creates only one admin with a one-time password in a 0600 file, and no demo data; once', async () => {
    expect(demoWanted({})).toBe(true);
    expect(demoWanted({ DATABASE_URL: 'postgres://x' })).toBe(false);
    expect(demoWanted({ DATABASE_URL: 'postgres://x', DUBAN_DEMO: '1' })).toBe(true);

    const name = `duban_people_${RUN}`;
    await system.dataSource.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const fresh = createDataSource(url.toString(), { poolSize: 2 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-first-start-'));
    try {
      await fresh.initialize();
      await migrate(fresh);
      const logged: string[] = [];
      const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
      const first = await seedOnStart(fresh, { demo: false, dataDir: dir }).finally(() => spy.mockRestore());
      expect(first).toMatchObject({ kind: 'initial-admin', admin: { username: 'admin', passwordFile: path.join(dir, INITIAL_ADMIN_PASSWORD_FILE) } });
      const file = path.join(dir, INITIAL_ADMIN_PASSWORD_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = /one-time password: (\S+)/.exec(fs.readFileSync(file, 'utf8'))![1];
      expect(logged.join('\n')).not.toContain(password);

      const users = (await fresh.query(`SELECT username, role, must_change_password AS m, password_hash AS h, department_code AS d FROM users`)) as Array<{ username: string; role: string; m: boolean; h: string; d: string }>;
      expect(users.map(({ username, role, m, d }) => ({ username, role, m, d }))).toEqual([{ username: 'admin', role: 'admin', m: true, d: 'office' }]);
      expect(await verifyPassword(password, users[0].h)).toBe(true);
      expect(await verifyPassword('duban-demo-2022', users[0].h)).toBe(false);
      expect(await fresh.query(`SELECT code FROM departments`)).toEqual([{ code: 'office' }]);
      expect(await fresh.query(`SELECT year FROM plans`)).toEqual([]);
      expect(await fresh.query(`SELECT action, actor_id AS "actorId" FROM admin_audit_log`)).toEqual([{ action: 'user.create', actorId: 'system' }]);

      // A second start changes nothing and writes no new password.
      fs.rmSync(file);
      expect(await seedOnStart(fresh, { demo: false, dataDir: dir })).toEqual({ kind: 'initial-admin', admin: undefined });
      expect(fs.existsSync(file)).toBe(false);
      expect((await fresh.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(1);
    } finally {
      if (fresh.isInitialized) await fresh.destroy();
      await system.dataSource.query(`DROP DATABASE IF EXISTS ${name}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
