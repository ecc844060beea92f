// Sign-in, sessions, throttling, password changes and security headers against the real API and
// PostgreSQL. Besides the suite's system, two more API apps (A and B) share the same database, as
// two API processes behind a load balancer would: they trust a proxy on loopback (TRUST_PROXY) and
// allow 20 failed sign-ins per address, and every call to them names a client address of its own
// test in X-Forwarded-For, so no other suite (all of them sign in from 127.0.0.1) is affected.
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '@duban/db';
import { loadConfig } from '@duban/runtime';
import { createApiApp } from '../apps/api/create-app';
import { SessionService } from '../apps/api/auth/session.service';
import { ApiConfig } from '../apps/api/infra/api-config';
import { DEMO_PASSWORD } from '../seeds/seed';
import { testServices } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(20_000);

let system: TestSystem;
const apps: Array<{ app: INestApplication; baseUrl: string }> = [];
const RUN = randomUUID().slice(0, 6);
const PASSWORD = 'Start-Password-2024';
let passwordHash: string;
let userCount = 0;
let addressCount = 0;

beforeAll(async () => {
  system = await startTestSystem('auth', { inProcessWorker: false });
  const services = testServices();
  const config = loadConfig({ ...process.env, TRUST_PROXY: 'loopback', DUBAN_SIGNIN_ADDRESS_FAILURES: '20', TEMPORAL_ADDRESS: services.temporalAddress, DATABASE_URL: services.databaseUrl });
  for (let i = 0; i < 2; i++) {
    const app = await createApiApp(new ApiConfig({ ...config, temporalAddress: services.temporalAddress, databaseUrl: services.databaseUrl }));
    await app.listen(0, '127.0.0.1');
    apps.push({ app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
  }
  passwordHash = await hashPassword(PASSWORD);
}, 60_000);

afterAll(async () => {
  for (const { app } of apps) await app.close();
  await system?.dataSource.query(`DELETE FROM users WHERE username LIKE $1`, [`auth-${RUN}-%`]).catch(() => undefined);
  await system?.stop();
});

const secret = () => new TextEncoder().encode(process.env.DUBAN_JWT_SECRET);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A user of this suite only (department 'publicity', which no other suite lists exactly). */
async function newUser(options: { mustChangePassword?: boolean } = {}): Promise<string> {
  const username = `auth-${RUN}-${++userCount}`;
  await system.dataSource.query(
    `INSERT INTO users (username, display_name, role, department_code, password_hash, must_change_password) VALUES ($1, '测试用户', 'staff', 'publicity', $2, $3)`,
    [username, passwordHash, options.mustChangePassword ?? false],
  );
  return username;
}

/** A client address of its own (documentation range), as a proxy on loopback would name it. */
const newAddress = () => `198.51.100.${++addressCount}`;

interface Client {
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<ApiResponse>;
  login(username: string, password?: string): Promise<ApiResponse>;
}

/** Calls to app A (0) or B (1) from `address`. */
function client(index: 0 | 1, address: string): Client {
  const call: Client['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { 'x-forwarded-for': address };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${apps[index].baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
  };
  return { call, login: (username, password = PASSWORD) => call('POST', '/auth/login', { body: { username, password } }) };
}

async function signIn(c: Client, username: string, password = PASSWORD): Promise<string> {
  const response = await c.login(username, password);
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

/** Polls until `check` holds (revocation must reach every process within the 5 s cache window). */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(200);
  }
}

async function counter(key: string): Promise<{ failures: number; waitSeconds: number; gapSeconds: number } | undefined> {
  const rows: Array<{ failures: number; wait: number; gap: number }> = await system.dataSource.query(
    `SELECT failures, extract(epoch FROM next_allowed_at - now())::float AS wait, extract(epoch FROM next_allowed_at - last_attempt_at)::float AS gap
       FROM sign_in_throttle WHERE key = $1`,
    [key],
  );
  return rows[0] && { failures: rows[0].failures, waitSeconds: rows[0].wait, gapSeconds: rows[0].gap };
}

async function waitUntilAllowed(key: string): Promise<void> {
  const row = await counter(key);
  if (row && row.waitSeconds > 0) await sleep(row.waitSeconds * 1000 + 100);
}

describe('signing in', () => {
  it('signs in a demo user: a short-lived token naming a session, the user, and who they are', async () => {
    const response = await system.call('POST', '/auth/login', { body: { username: 'water.staff1', password: DEMO_PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({ username: 'water.staff1', displayName: expect.any(String), role: 'staff', departmentCode: 'water', mustChangePassword: false });
    const minutes = (Date.parse(response.body.expiresAt as string) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(25);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(response.body.idleMinutes).toBe(30);
    const claims = JSON.parse(Buffer.from((response.body.accessToken as string).split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: 'water.staff1', sid: expect.stringMatching(/^[0-9a-f-]{36}$/), ver: expect.any(Number) });
    const rows: unknown[] = await system.dataSource.query('SELECT 1 FROM auth_sessions WHERE id = $1 AND revoked_at IS NULL', [claims.sid]);
    expect(rows).toHaveLength(1);
    const me = await system.call('GET', '/auth/me', { token: response.body.accessToken as string });
    expect(me).toMatchObject({ status: 200, body: { username: 'water.staff1', mustChangePassword: false } });
  });

  it('refuses a wrong password and an unknown user alike, and malformed bodies with 400', async () => {
    const username = await newUser();
    const c = client(0, newAddress());
    const wrong = await c.login(username, 'nope');
    const unknown = await c.login(`nobody-${RUN}`, 'nope');
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(await c.call('POST', '/auth/login', { body: { username: '' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await system.call('POST', '/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });

  it('lets 30 parallel wrong passwords through two API processes check at most 5, then makes the account wait', async () => {
    const username = await newUser();
    const address = newAddress();
    const [a, b] = [client(0, address), client(1, address)];
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).login(username, `guess-${i}`)));
    const seconds = (Date.now() - started) / 1000;
    const statuses = responses.map((r) => r.status);
    // 401 = the password was checked; 429 = refused before any check. Five checks, then a 1 s wait;
    // on a loaded machine the thirty requests may still be arriving when a wait (1 s, then 2 s …) is
    // over, and each wait over lets exactly one more be checked — never more.
    const waitsOver = seconds < 1 ? 0 : Math.floor(Math.log2(seconds)) + 1;
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(5 + waitsOver);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    expect(responses.find((r) => r.status === 429)?.body).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'account', retryAfterSeconds: expect.any(Number) } });
    expect((await counter(`user:${username}`))?.failures).toBe(checked);
    // Even the right password waits; once the wait is over it signs in and clears the counter. (On a
    // loaded machine the 1 s wait may be over before the next request is sent: then it must sign in.)
    const [{ until }]: Array<{ until: Date }> = await system.dataSource.query('SELECT next_allowed_at AS until FROM sign_in_throttle WHERE key = $1', [`user:${username}`]);
    const early = await a.login(username);
    // The server checked the wait somewhere between sending and answering (a loaded machine may take
    // a while to get the request to PostgreSQL): a sign-in let through can only be answered after it.
    const answeredAt = Date.now();
    if (early.status === 429) {
      expect(early.body).toMatchObject({ code: 'LOGIN_THROTTLED' });
      await waitUntilAllowed(`user:${username}`);
      expect((await b.login(username)).status).toBe(200);
    } else {
      expect([early.status, answeredAt >= until.getTime() - 50]).toEqual([200, true]);
    }
    expect(await counter(`user:${username}`)).toBeUndefined();
  });

  it('doubles the wait after each further failure (1 s, 2 s, 4 s …)', async () => {
    const username = await newUser();
    const c = client(0, newAddress());
    for (let i = 0; i < 4; i++) expect((await c.login(username, 'wrong')).status).toBe(401);
    expect((await counter(`user:${username}`))!.gapSeconds).toBeCloseTo(0, 2); // no wait yet (microseconds apart: two clock readings)
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      await waitUntilAllowed(`user:${username}`);
      expect((await c.login(username, 'wrong')).status).toBe(401);
      gaps.push(Math.round((await counter(`user:${username}`))!.gapSeconds));
    }
    expect(gaps).toEqual([1, 2, 4]);
    const refused = await c.login(username);
    expect(refused).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED', details: { scope: 'account' } } });
    expect((refused.body.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(2);
    expect(refused.body.message).toMatch(/^登录失败次数过多，请 \d 秒后再试$/);
  });

  it('limits failures per client address as TRUST_PROXY names it', async () => {
    const address = newAddress();
    const here = client(1, address);
    // 24 parallel failures on different accounts from one address: at most the 20 allowed are checked.
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => here.login(`spray-${RUN}-${i}`, 'x')));
    expect(responses.filter((r) => r.status !== 401 && r.status !== 429).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(20);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'address' } });
    // Accounts from other addresses are not held back by that address.
    expect((await client(0, newAddress()).login(await newUser())).status).toBe(200);
    // Without TRUST_PROXY (the suite's own app) X-Forwarded-For is not believed: the socket address counts.
    const claimed = newAddress();
    await system.call('POST', '/auth/login', { body: { username: `nobody-${RUN}`, password: 'x' }, headers: { 'x-forwarded-for': claimed } });
    expect(await counter(`ip:${claimed}`)).toBeUndefined();
    expect(await counter(`ip:${address}`)).toMatchObject({ failures: 20 });
  });

  it('refuses a deactivated user, and their tokens within seconds', async () => {
    const username = await newUser();
    const [a, b] = [client(0, newAddress()), client(1, newAddress())];
    const token = await signIn(a, username);
    expect((await b.call('GET', '/plans', { token })).status).toBe(200);
    await system.dataSource.query('UPDATE users SET active = false WHERE username = $1', [username]);
    expect(await a.login(username)).toMatchObject({ status: 403, body: { code: 'ACCOUNT_DISABLED', message: '账号已停用，请联系管理员' } });
    await within(6_000, async () => (await b.call('GET', '/plans', { token })).status === 401);
    expect((await a.call('GET', '/plans', { token })).body).toMatchObject({ code: 'NOT_AUTHENTICATED', message: '账号已停用，请联系管理员' });
  });
});

describe('sessions', () => {
  it('signs out on the server: the token stops at once where it signed out, within seconds elsewhere', async () => {
    const username = await newUser();
    const [a, b] = [client(0, newAddress()), client(1, newAddress())];
    const token = await signIn(a, username);
    expect((await b.call('GET', '/plans', { token })).status).toBe(200); // B now caches the session
    expect(await a.call('POST', '/auth/logout', { token })).toMatchObject({ status: 200, body: { signedOut: true } });
    expect(await a.call('GET', '/plans', { token })).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED', message: '已退出登录或登录已被撤销，请重新登录' } });
    expect(await within(6_000, async () => (await b.call('GET', '/plans', { token })).status === 401)).toBeLessThan(6_000);
    expect((await a.call('POST', '/auth/refresh', { token })).status).toBe(401);
  });

  it('refreshes the access token of a live session; both stop at sign-out', async () => {
    const username = await newUser();
    const a = client(0, newAddress());
    const first = await a.login(username);
    await sleep(1100); // a later whole second, so the new token differs
    const refreshed = await a.call('POST', '/auth/refresh', { token: first.body.accessToken as string });
    expect(refreshed).toMatchObject({ status: 200, body: { user: { username }, idleMinutes: 30 } });
    expect(Date.parse(refreshed.body.expiresAt as string)).toBeGreaterThan(Date.parse(first.body.expiresAt as string));
    const sid = (token: unknown) => (JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString()) as { sid: string }).sid;
    expect(sid(refreshed.body.accessToken)).toBe(sid(first.body.accessToken));
    expect((await a.call('GET', '/auth/me', { token: refreshed.body.accessToken as string })).status).toBe(200);
    await a.call('POST', '/auth/logout', { token: refreshed.body.accessToken as string });
    for (const token of [first.body.accessToken, refreshed.body.accessToken] as string[]) expect((await a.call('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('ends a session after the idle timeout', async () => {
    const username = await newUser();
    const token = await signIn(client(0, newAddress()), username);
    await system.dataSource.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE username = $1`, [username]);
    // App B has not seen this session, so it asks PostgreSQL.
    expect(await client(1, newAddress()).call('GET', '/plans', { token })).toMatchObject({ status: 401, body: { message: '长时间未操作，登录已失效，请重新登录' } });
  });

  it('stops every token of a user within seconds when token_version is bumped, and at once through revokeUser', async () => {
    const username = await newUser();
    const [a, b] = [client(0, newAddress()), client(1, newAddress())];
    const token = await signIn(a, username);
    for (const c of [a, b]) expect((await c.call('GET', '/plans', { token })).status).toBe(200);
    await system.dataSource.query('UPDATE users SET token_version = token_version + 1 WHERE username = $1', [username]);
    for (const c of [a, b]) expect(await within(6_000, async () => (await c.call('GET', '/plans', { token })).status === 401)).toBeLessThan(6_000);
    expect((await a.call('GET', '/plans', { token })).body.message).toContain('请重新登录');
    // A new sign-in carries the new version and works; revokeUser ends it on the process that calls it at once.
    const next = await signIn(a, username);
    expect((await a.call('GET', '/plans', { token: next })).status).toBe(200);
    expect(await apps[0].app.get(SessionService).revokeUser(username)).toBe(true);
    expect((await a.call('GET', '/plans', { token: next })).status).toBe(401);
  });

  it('refuses tokens that are missing, forged, unsigned, expired or name no session', async () => {
    expect(await system.call('GET', '/plans')).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
    const claims = { role: 'admin', dept: 'office', name: 'x', sid: randomUUID(), ver: 0 };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuer('duban')
      .setAudience('duban-api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-different-secret-that-is-long-enough-123'));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'admin', ...claims, iss: 'duban', aud: 'duban-api', exp: 9999999999 })}.`;
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuer('duban')
      .setAudience('duban-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret());
    // Signed with the right secret but naming no session (e.g. made from a leaked secret, or an old token format).
    const sessionless = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').setIssuer('duban').setAudience('duban-api').setExpirationTime('10m').sign(secret());
    const oldFormat = await new SignJWT({ role: 'admin', dept: 'office', name: 'x' }).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').setIssuer('duban').setAudience('duban-api').setExpirationTime('10m').sign(secret());
    for (const token of [forged, unsigned, expired, sessionless, oldFormat, 'garbage']) {
      expect(await system.call('GET', '/plans', { token })).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
    }
    expect((await system.call('GET', '/plans', { token: expired })).body.message).toContain('过期');
  });

  it('enforces the roles a route declares', async () => {
    const staff = await system.login('water.staff2');
    const response = await system.call('POST', '/plans/import', { token: staff, body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(response).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(response.body.message).toContain('系统管理员');
  });
});

describe('changing passwords', () => {
  it('lets a user who must change their password do only that, then everything', async () => {
    const username = await newUser({ mustChangePassword: true });
    const [a, b] = [client(0, newAddress()), client(1, newAddress())];
    const elsewhere = await signIn(b, username); // another browser, signed out by the change
    const login = await a.login(username);
    expect(login).toMatchObject({ status: 200, body: { user: { username, mustChangePassword: true } } });
    const token = login.body.accessToken as string;
    for (const c of [a, b]) {
      expect(await c.call('GET', '/plans', { token })).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('修改') } });
    }
    expect(await a.call('GET', '/auth/me', { token })).toMatchObject({ status: 200, body: { username, mustChangePassword: true } });
    expect((await a.call('POST', '/auth/refresh', { token })).status).toBe(200);

    const change = (currentPassword: string, newPassword: string) => a.call('POST', '/auth/password', { token, body: { currentPassword, newPassword } });
    expect(await change(PASSWORD, 'short1A')).toMatchObject({ status: 422, body: { code: 'PASSWORD_REJECTED', message: '密码至少需要 10 位（现在 7 位）', details: { rule: 'length' } } });
    expect(await change(PASSWORD, 'alllowercase123')).toMatchObject({ status: 422, body: { code: 'PASSWORD_REJECTED', details: { rule: 'classes' } } });
    expect(await change(PASSWORD, `X-${username}-9`)).toMatchObject({ status: 422, body: { code: 'PASSWORD_REJECTED', message: '密码不能包含用户名' } });
    expect(await change(PASSWORD, PASSWORD)).toMatchObject({ status: 422, body: { code: 'PASSWORD_REJECTED', details: { rule: 'reused' } } });
    expect(await change('Not-The-Password-1', 'Brand-New-Pass-1')).toMatchObject({ status: 422, body: { code: 'CURRENT_PASSWORD_WRONG', message: '当前密码不正确' } });

    expect(await change(PASSWORD, 'Brand-New-Pass-1')).toMatchObject({ status: 200, body: { user: { username, mustChangePassword: false }, otherSessionsSignedOut: 1 } });
    // This session goes on at once on both processes (B had cached the must-change state).
    for (const c of [a, b]) expect((await c.call('GET', '/plans', { token })).status).toBe(200);
    expect(await a.call('GET', '/auth/me', { token })).toMatchObject({ status: 200, body: { mustChangePassword: false } });
    expect((await a.call('GET', '/plans', { token: elsewhere })).status).toBe(401);
    expect((await a.login(username)).status).toBe(401);
    expect((await a.login(username, 'Brand-New-Pass-1')).status).toBe(200);
  });

  it('refuses the current password and the five before it, and accepts an older one', async () => {
    const username = await newUser();
    const a = client(0, newAddress());
    const token = await signIn(a, username);
    const passwords = [PASSWORD, ...Array.from({ length: 6 }, (_, i) => `Rotation-${i + 1}-pass`)];
    for (let i = 1; i < passwords.length; i++) {
      const changed = await a.call('POST', '/auth/password', { token, body: { currentPassword: passwords[i - 1], newPassword: passwords[i] } });
      expect(changed.status).toBe(200);
    }
    const current = passwords[6];
    for (const reused of passwords.slice(1)) {
      expect(await a.call('POST', '/auth/password', { token, body: { currentPassword: current, newPassword: reused } })).toMatchObject({
        status: 422,
        body: { code: 'PASSWORD_REJECTED', message: '新密码不能与当前密码或最近 5 次用过的密码相同' },
      });
    }
    expect((await a.call('POST', '/auth/password', { token, body: { currentPassword: current, newPassword: PASSWORD } })).status).toBe(200);
  }, 30_000);

  it('counts wrong current passwords like sign-ins', async () => {
    const username = await newUser();
    const a = client(0, newAddress());
    const token = await signIn(a, username);
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => a.call('POST', '/auth/password', { token, body: { currentPassword: 'wrong', newPassword: 'Brand-New-Pass-1' } })))).map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    // Sign-in itself is not held back by it.
    expect((await a.login(username)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a content security policy without inline scripts, and the other helmet headers, on every answer', async () => {
    for (const path of ['/', '/docs', '/health', '/auth/me']) {
      const response = await fetch(`${system.baseUrl}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('serves /docs with scripts from files only, so the policy lets swagger-ui run', async () => {
    const html = await (await fetch(`${system.baseUrl}/docs`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect((await fetch(`${system.baseUrl}/docs/swagger-ui-init.js`)).status).toBe(200);
  });
});
