// 统一身份认证: single sign-on by OpenID Connect against a REAL OpenID provider (oidc-provider in a
// child process, test/helpers/oidc-op-process.mjs), driven through its sign-in form like a browser, and the
// real API and PostgreSQL. Four API apps with different settings share the database:
// A matches preferred_username to users.username and creates nobody (password sign-in on);
// B matches employee_no to users.external_id and creates new people in 水生态环境处 (password: admins only);
// C turns password sign-in off; D names a provider that is not there yet (discovery retried, not cached).
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from '@duban/runtime';
import { freePort, signInAtOp, startTestOp, type TestOp } from './helpers/oidc-op';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(60_000);

const RUN = randomUUID().replace(/-/g, '').slice(0, 6);
const op: { main?: TestOp; late?: TestOp } = {};
const systems: Record<'a' | 'b' | 'c' | 'd', TestSystem> = {} as never;
const urls: Record<'a' | 'b' | 'c' | 'd', string> = {} as never;
let latePort: number;

const NEWBIE = `li.si.${RUN}`;
const EXTERNAL = `ext.${RUN}`;
const INACTIVE = `gone.${RUN}`;
const FRESH = `fresh.${RUN}`;

beforeAll(async () => {
  const ports = { a: await freePort(), b: await freePort(), c: await freePort(), d: await freePort() };
  for (const key of ['a', 'b', 'c', 'd'] as const) urls[key] = `http://127.0.0.1:${ports[key]}`;
  op.main = await startTestOp([urls.a, urls.b, urls.c], {
    [`zhang-${RUN}`]: { name: '张三', preferred_username: `someone.else.${RUN}`, employee_no: `E77${RUN}` },
    [`newbie-${RUN}`]: { name: '李四', preferred_username: NEWBIE, employee_no: `E88${RUN}` },
  });
  latePort = await freePort();
  const common = { DUBAN_OIDC_CLIENT_ID: 'duban', DUBAN_OIDC_CLIENT_SECRET: 'duban-test-secret' };
  const start = (key: 'a' | 'b' | 'c' | 'd', issuer: string, env: Record<string, string>) =>
    startTestSystem(`oidc-${key}`, { inProcessWorker: false, port: ports[key], env: { ...common, DUBAN_OIDC_ISSUER: issuer, DUBAN_PUBLIC_URL: urls[key], ...env } });
  systems.a = await start('a', op.main.issuer, {});
  systems.b = await start('b', op.main.issuer, {
    DUBAN_OIDC_MATCH: 'external_id',
    DUBAN_OIDC_USER_CLAIM: 'employee_no',
    DUBAN_OIDC_CREATE_USERS: 'true',
    DUBAN_OIDC_DEFAULT_DEPARTMENT: 'water',
    DUBAN_PASSWORD_LOGIN: 'admins',
  });
  systems.c = await start('c', op.main.issuer, { DUBAN_PASSWORD_LOGIN: 'off', DUBAN_OIDC_LABEL: '省厅统一身份认证' });
  systems.d = await start('d', `http://127.0.0.1:${latePort}`, {});
  const db = systems.a.dataSource;
  await db.query(`INSERT INTO users (username, display_name, role, department_code, password_hash, external_id) VALUES ($1, '外部标识', 'staff', 'air', '!sso', $2)`, [EXTERNAL, `E77${RUN}`]);
  await db.query(`INSERT INTO users (username, display_name, role, department_code, password_hash, active) VALUES ($1, '已停用', 'staff', 'air', '!sso', false)`, [INACTIVE]);
  await db.query(`INSERT INTO users (username, display_name, role, department_code, password_hash, must_change_password) VALUES ($1, '初始密码', 'staff', 'air', '!sso', true)`, [FRESH]);
}, 90_000);

afterAll(async () => {
  for (const system of Object.values(systems)) await system?.stop();
  await op.main?.stop();
  await op.late?.stop();
});

/** Start → provider form → callback; returns where duban's callback sent the browser. */
async function signIn(key: 'a' | 'b' | 'c', login: string, returnTo?: string): Promise<{ location: string; callbackUrl: string }> {
  const callbackUrl = await signInAtOp(`${urls[key]}/auth/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, login);
  expect(callbackUrl.startsWith(`${urls[key]}/auth/oidc/callback?`)).toBe(true);
  const response = await fetch(callbackUrl, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return { location: response.headers.get('location')!, callbackUrl };
}

const handoffOf = (key: 'a' | 'b' | 'c', location: string) => {
  const match = new RegExp(`^${urls[key].replace(/[.]/g, '\\.')}/#/sso/([A-Za-z0-9_-]+)$`).exec(location);
  if (!match) throw new Error(`not a handoff: ${location}`);
  return match[1];
};

describe('GET /auth/oidc', () => {
  it('tells the sign-in page whether single sign-on is on, its label and the password switch', async () => {
    expect((await systems.a.call('GET', '/auth/oidc')).body).toEqual({ enabled: true, label: '统一身份认证登录', passwordLogin: 'on' });
    expect((await systems.b.call('GET', '/auth/oidc')).body).toEqual({ enabled: true, label: '统一身份认证登录', passwordLogin: 'admins' });
    expect((await systems.c.call('GET', '/auth/oidc')).body).toEqual({ enabled: true, label: '省厅统一身份认证', passwordLogin: 'off' });
  });
});

describe('code flow with PKCE', () => {
  it('sends the browser to the provider with S256 PKCE, state and nonce, and signs in the matching user', async () => {
    const start = await fetch(`${urls.a}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(op.main!.issuer);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${urls.a}/auth/oidc/callback`);
    const [row] = await systems.a.dataSource.query(`SELECT code_verifier, nonce FROM oidc_sign_ins WHERE state = $1`, [authorize.searchParams.get('state')]);
    expect(row.nonce).toBe(authorize.searchParams.get('nonce'));
    expect(row.code_verifier).not.toContain(authorize.searchParams.get('code_challenge'));

    const { location } = await signIn('a', 'water.staff1', '/measures/2022-1-1');
    const exchanged = await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('a', location) } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ user: { username: 'water.staff1', role: 'staff', departmentCode: 'water' }, returnTo: '/measures/2022-1-1', idleMinutes: 30 });
    const token = exchanged.body.accessToken as string;
    const me = await systems.a.call('GET', '/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('water.staff1');
    const tasks = await systems.a.call('GET', '/me/tasks', { token });
    expect(tasks.status).toBe(200);
    const [session] = await systems.a.dataSource.query(
      `SELECT s.auth_method, s.oidc_id_token IS NOT NULL AS "hasIdToken" FROM auth_sessions s WHERE s.username = 'water.staff1' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(session).toEqual({ auth_method: 'oidc', hasIdToken: true });
  });

  it('takes a state once: the same provider answer again, or an expired one, is refused', async () => {
    const { location, callbackUrl } = await signIn('a', 'water.staff2');
    handoffOf('a', location);
    const replay = await fetch(callbackUrl, { redirect: 'manual' });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe(`${urls.a}/#/login?sso_error=SSO_STATE_INVALID`);

    const stale = await signInAtOp(`${urls.a}/auth/oidc/start`, 'water.staff2');
    const state = new URL(stale).searchParams.get('state');
    await systems.a.dataSource.query(`UPDATE oidc_sign_ins SET created_at = now() - interval '11 minutes' WHERE state = $1`, [state]);
    const late = await fetch(stale, { redirect: 'manual' });
    expect(late.headers.get('location')).toBe(`${urls.a}/#/login?sso_error=SSO_STATE_INVALID`);

    const forged = await fetch(`${urls.a}/auth/oidc/callback?code=x&state=made-up`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe(`${urls.a}/#/login?sso_error=SSO_STATE_INVALID`);
  });

  it('exchanges a handoff once and only within 60 seconds', async () => {
    const first = handoffOf('a', (await signIn('a', 'air.staff1')).location);
    expect((await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: first } })).status).toBe(200);
    const again = await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: first } });
    expect([again.status, again.body.code]).toEqual([400, 'SSO_HANDOFF_INVALID']);

    const second = handoffOf('a', (await signIn('a', 'air.staff1')).location);
    await systems.a.dataSource.query(`UPDATE oidc_sign_ins SET used_at = now() - interval '61 seconds' WHERE handoff IS NOT NULL AND used_at > now() - interval '10 seconds'`);
    const late = await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: second } });
    expect([late.status, late.body.code]).toEqual([400, 'SSO_HANDOFF_INVALID']);
    const malformed = await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: 'short' } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a person duban does not know when creating users is off, and creates nobody', async () => {
    const { location } = await signIn('a', `nobody-${RUN}`);
    expect(location).toBe(`${urls.a}/#/login?sso_error=SSO_USER_UNKNOWN`);
    const rows = await systems.a.dataSource.query(`SELECT 1 FROM users WHERE username = $1`, [`nobody-${RUN}`]);
    expect(rows).toHaveLength(0);
  });

  it('does not hold a person with an initial password to changing it after single sign-on', async () => {
    const { location } = await signIn('a', FRESH);
    const exchanged = await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('a', location) } });
    expect(exchanged.body.user).toMatchObject({ username: FRESH, mustChangePassword: false });
    expect((await systems.a.call('GET', '/me/tasks', { token: exchanged.body.accessToken as string })).status).toBe(200);
  });

  it('refuses a deactivated person', async () => {
    const { location } = await signIn('a', INACTIVE);
    expect(location).toBe(`${urls.a}/#/login?sso_error=ACCOUNT_DISABLED`);
  });
});

describe('matching by 统一身份标识 and creating people (app B)', () => {
  it('matches the provider’s employee_no to users.external_id, whatever the username', async () => {
    const { location } = await signIn('b', `zhang-${RUN}`);
    const exchanged = await systems.b.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('b', location) } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.user).toMatchObject({ username: EXTERNAL, departmentCode: 'air' });
  });

  it('creates an unknown person as active staff of the default department, audited, without a usable password', async () => {
    const { location } = await signIn('b', `newbie-${RUN}`);
    const exchanged = await systems.b.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('b', location) } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.user).toEqual({ username: NEWBIE, displayName: '李四', role: 'staff', departmentCode: 'water', mustChangePassword: false });
    const [user] = await systems.b.dataSource.query(`SELECT role, department_code, active, external_id, password_hash FROM users WHERE username = $1`, [NEWBIE]);
    expect(user).toEqual({ role: 'staff', department_code: 'water', active: true, external_id: `E88${RUN}`, password_hash: '!sso' });
    const audit = await systems.b.dataSource.query(`SELECT actor_role, action, after FROM admin_audit_log WHERE target = $1`, [`user:${NEWBIE}`]);
    expect(audit).toEqual([{ actor_role: 'system', action: 'user.create', after: expect.objectContaining({ source: 'sso', role: 'staff', departmentCode: 'water', externalId: `E88${RUN}` }) }]);
    // Signing in again finds the same person (no second row, no second audit entry).
    const again = await signIn('b', `newbie-${RUN}`);
    expect((await systems.b.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('b', again.location) } })).body.user).toMatchObject({ username: NEWBIE });
    expect(await systems.b.dataSource.query(`SELECT 1 FROM admin_audit_log WHERE target = $1`, [`user:${NEWBIE}`])).toHaveLength(1);
  });
});

describe('统一身份标识 in people administration', () => {
  it('lets the admin set, refuse a taken one, and clear a person’s 统一身份标识 (audited); others may not', async () => {
    const admin = await systems.a.login('admin');
    const set = await systems.a.call('PATCH', `/admin/users/${INACTIVE}`, { token: admin, body: { externalId: `G${RUN}` } });
    expect(set.status).toBe(200);
    expect((set.body.user as Record<string, unknown>).externalId).toBe(`G${RUN}`);
    const taken = await systems.a.call('PATCH', `/admin/users/${INACTIVE}`, { token: admin, body: { externalId: `E77${RUN}` } });
    expect([taken.status, taken.body.code]).toEqual([409, 'EXTERNAL_ID_TAKEN']);
    const spaced = await systems.a.call('PATCH', `/admin/users/${INACTIVE}`, { token: admin, body: { externalId: 'a b' } });
    expect([spaced.status, spaced.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cleared = await systems.a.call('PATCH', `/admin/users/${INACTIVE}`, { token: admin, body: { externalId: '' } });
    expect((cleared.body.user as Record<string, unknown>).externalId).toBeNull();
    const audit = await systems.a.dataSource.query(`SELECT before, after FROM admin_audit_log WHERE target = $1 AND action = 'user.update' ORDER BY id`, [`user:${INACTIVE}`]);
    expect(audit.map((row: { after: { externalId?: string } }) => row.after.externalId ?? null)).toEqual([`G${RUN}`, null]);
    const staff = await systems.a.login('water.head');
    const refused = await systems.a.call('PATCH', `/admin/users/${INACTIVE}`, { token: staff, body: { externalId: `H${RUN}` } });
    expect([refused.status, refused.body.code]).toEqual([403, 'NOT_ALLOWED']);
  });
});

describe('the password switch (DUBAN_PASSWORD_LOGIN)', () => {
  it('admins: only admins may still sign in with a password', async () => {
    const staff = await systems.b.call('POST', '/auth/login', { body: { username: 'water.staff1', password: 'duban-demo-2022' } });
    expect([staff.status, staff.body.code]).toEqual([403, 'PASSWORD_LOGIN_DISABLED']);
    expect(staff.body.message).toMatch(/统一身份认证/);
    const admin = await systems.b.call('POST', '/auth/login', { body: { username: 'admin', password: 'duban-demo-2022' } });
    expect(admin.status).toBe(200);
  });

  it('off: nobody signs in with a password, not even an admin; on: everyone does', async () => {
    const admin = await systems.c.call('POST', '/auth/login', { body: { username: 'admin', password: 'duban-demo-2022' } });
    expect([admin.status, admin.body.code]).toEqual([403, 'PASSWORD_LOGIN_DISABLED']);
    expect((await systems.a.call('POST', '/auth/login', { body: { username: 'water.staff1', password: 'duban-demo-2022' } })).status).toBe(200);
  });
});

describe('sign-out', () => {
  it('ends an OIDC session (its token is refused) and answers the provider’s sign-out address', async () => {
    const { location } = await signIn('a', 'soil.staff1');
    const token = (await systems.a.call('POST', '/auth/oidc/exchange', { body: { handoff: handoffOf('a', location) } })).body.accessToken as string;
    const out = await systems.a.call('POST', '/auth/logout', { token });
    expect(out.status).toBe(200);
    expect(out.body.signedOut).toBe(true);
    const end = new URL(out.body.endSessionUrl as string);
    expect(`${end.origin}${end.pathname}`).toBe(`${op.main!.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${urls.a}/`);
    expect(end.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect((await systems.a.call('GET', '/auth/me', { token })).status).toBe(401);
    const [session] = await systems.a.dataSource.query(`SELECT oidc_id_token, revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE username = 'soil.staff1' ORDER BY created_at DESC LIMIT 1`);
    expect(session).toEqual({ oidc_id_token: null, revoked: true });
    // The provider accepts the hint and the return address (its sign-out confirmation page).
    const confirm = await fetch(end, { redirect: 'manual' });
    expect(confirm.status).toBe(200);
  });

  it('answers no provider address for a password session', async () => {
    const token = await systems.a.login('soil.staff1');
    const out = await systems.a.call('POST', '/auth/logout', { token });
    expect(out.body).toEqual({ signedOut: true });
  });
});

describe('an unreachable provider', () => {
  it('answers 502 SSO_PROVIDER_FAILED and tries discovery again next time (a failure is not kept)', async () => {
    const down = await systems.d.call('GET', '/auth/oidc/start');
    expect([down.status, down.body.code]).toEqual([502, 'SSO_PROVIDER_FAILED']);
    op.late = await startTestOp([urls.d], {}, latePort);
    const up = await fetch(`${urls.d}/auth/oidc/start`, { redirect: 'manual' });
    expect(up.status).toBe(302);
    expect(up.headers.get('location')!.startsWith(`${op.late.issuer}/auth?`)).toBe(true);
  });
});

describe('settings', () => {
  const base = { DUBAN_OIDC_ISSUER: 'https://id.example.gov.cn', DUBAN_OIDC_CLIENT_ID: 'duban' };
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('derives the public URL and refuses bad or half-made single sign-on settings with a plain message', () => {
    expect(loadConfig({ PORT: '3100' }).publicUrl).toBe('http://127.0.0.1:3100');
    expect(loadConfig({ ...base }).oidc).toEqual({
      issuer: 'https://id.example.gov.cn',
      clientId: 'duban',
      clientSecret: undefined,
      scopes: 'openid profile',
      userClaim: 'preferred_username',
      match: 'username',
      createUsers: false,
      defaultDepartment: undefined,
      label: '统一身份认证登录',
    });
    expect(problem({ DUBAN_PUBLIC_URL: 'https://duban.example.gov.cn/' })).toMatch(/DUBAN_PUBLIC_URL must not end with a slash/);
    expect(problem({ DUBAN_PUBLIC_URL: 'duban.example.gov.cn' })).toMatch(/DUBAN_PUBLIC_URL must be an absolute http\(s\) URL/);
    expect(problem({ DUBAN_OIDC_ISSUER: 'id.example.gov.cn', DUBAN_OIDC_CLIENT_ID: 'duban' })).toMatch(/DUBAN_OIDC_ISSUER must be the absolute/);
    expect(problem({ DUBAN_OIDC_ISSUER: 'https://id.example.gov.cn' })).toMatch(/DUBAN_OIDC_CLIENT_ID must be set/);
    expect(problem({ ...base, DUBAN_OIDC_CREATE_USERS: 'true' })).toMatch(/DUBAN_OIDC_DEFAULT_DEPARTMENT must name the department/);
    expect(problem({ ...base, DUBAN_OIDC_MATCH: 'email' })).toMatch(/DUBAN_OIDC_MATCH must be username or external_id/);
    expect(problem({ ...base, DUBAN_OIDC_SCOPES: 'profile email' })).toMatch(/DUBAN_OIDC_SCOPES must include 'openid'/);
    expect(problem({ DUBAN_PASSWORD_LOGIN: 'off' })).toMatch(/DUBAN_PASSWORD_LOGIN can only be off or admins when single sign-on is configured/);
    expect(problem({ ...base, DUBAN_PASSWORD_LOGIN: 'sometimes' })).toMatch(/DUBAN_PASSWORD_LOGIN must be on, off or admins/);
    expect(problem({ DUBAN_OIDC_CLIENT_ID: 'duban' })).toMatch(/set without DUBAN_OIDC_ISSUER/);
  });
});
