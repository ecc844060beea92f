// Sign-in and route protection against the real API and the seeded sample organization.
import { SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem('auth');
}, 60_000);

afterAll(() => system?.stop());

const secret = () => new TextEncoder().encode(process.env.DUBAN_JWT_SECRET);

describe('authentication', () => {
  it('signs in a demo user and returns a short-lived token and the user', async () => {
    const response = await system.call('POST', '/auth/login', { body: { username: 'water.staff1', password: 'duban-demo-2022' } });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: 'water.staff1', role: 'staff', departmentCode: 'water' });
    const minutes = (Date.parse(response.body.expiresAt as string) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(25);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('refuses a wrong password and an unknown user alike, and malformed bodies with 400', async () => {
    const wrong = await system.call('POST', '/auth/login', { body: { username: 'soil.head', password: 'nope' } });
    const unknown = await system.call('POST', '/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(await system.call('POST', '/auth/login', { body: { username: '' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await system.call('POST', '/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });

  it('throttles repeated failed logins for a username', async () => {
    const attempt = () => system.call('POST', '/auth/login', { body: { username: 'marine.staff2', password: 'guess' } });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const throttled = await attempt();
    expect(throttled).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED' } });
    // Even the right password waits out the window.
    expect((await system.call('POST', '/auth/login', { body: { username: 'marine.staff2', password: 'duban-demo-2022' } })).status).toBe(429);
  });

  it('refuses tokens that are missing, forged, unsigned or expired', async () => {
    expect(await system.call('GET', '/plans')).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
    const forged = await new SignJWT({ role: 'admin', dept: 'office', name: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuer('duban')
      .setAudience('duban-api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-different-secret-that-is-long-enough-123'));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'admin', role: 'admin', dept: 'office', iss: 'duban', aud: 'duban-api', exp: 9999999999 })}.`;
    const expired = await new SignJWT({ role: 'admin', dept: 'office', name: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuer('duban')
      .setAudience('duban-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret());
    for (const token of [forged, unsigned, expired, 'garbage']) {
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
