// 统一身份认证 in a real browser against a real OpenID provider (oidc-provider in a child process):
// the sign-in page offers the 统一身份认证登录 button; it leads to the provider's sign-in form, back
// to duban's home page as that person; signing out ends the provider's session too and comes back
// to duban's sign-in page. A provider's refusal (unknown person) is shown on the sign-in page in Chinese.
import { freePort, startTestOp, type TestOp } from '../helpers/oidc-op';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { openHarness, type Harness } from './browser-harness';

jest.setTimeout(120_000);

let system: TestSystem;
let harness: Harness;
let op: TestOp;
let publicUrl: string;

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  op = await startTestOp([publicUrl]);
  system = await startTestSystem('browser-sso', {
    inProcessWorker: false,
    port,
    env: { DUBAN_PUBLIC_URL: publicUrl, DUBAN_OIDC_ISSUER: op.issuer, DUBAN_OIDC_CLIENT_ID: 'duban', DUBAN_OIDC_CLIENT_SECRET: 'duban-test-secret' },
  });
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
  await op?.stop();
});

it('signs in through 统一身份认证 and signs out at the provider too', async () => {
  const context = await harness.browser.newContext({ baseURL: publicUrl, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    const [{ displayName }] = await system.dataSource.query(`SELECT display_name AS "displayName" FROM users WHERE username = 'water.staff1'`);
    await page.goto('/');
    await page.getByRole('link', { name: '统一身份认证登录' }).waitFor();
    await page.getByLabel('用户名').waitFor(); // password sign-in stays on (DUBAN_PASSWORD_LOGIN=on)
    await harness.shot(page, 'sso-login-page');
    await page.getByRole('link', { name: '统一身份认证登录' }).click();

    // The provider's own pages (oidc-provider's development sign-in and consent forms).
    await page.waitForURL((url) => url.href.startsWith(op.issuer));
    await page.locator('input[name="login"]').fill('water.staff1');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // This browser's session (other suites sign water.staff1 in too): the sid of the exchanged token.
    const exchanged = page.waitForResponse((r) => r.url().endsWith('/auth/oidc/exchange') && r.status() === 200);
    await page.getByRole('button', { name: 'Continue' }).click();
    const { accessToken } = (await (await exchanged).json()) as { accessToken: string };
    const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as { sid: string };

    await page.getByTestId('current-user').waitFor().catch(async (error: unknown) => {
      await harness.shot(page, 'sso-not-signed-in');
      throw new Error(`not signed in at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)} (${String(error)})`);
    });
    expect(page.url().startsWith(`${publicUrl}/#/`)).toBe(true);
    expect(page.url()).not.toContain('/sso/'); // the one-time handoff is gone from the address bar
    expect(await page.getByTestId('current-user').textContent()).toContain(displayName);
    await harness.shot(page, 'sso-signed-in');

    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${op.issuer}/session/end`));
    await page.getByRole('button', { name: /Yes, sign me out/ }).click();
    await page.getByRole('link', { name: '统一身份认证登录' }).waitFor();
    expect(page.url().startsWith(publicUrl)).toBe(true);
    const [ended] = await system.dataSource.query(`SELECT auth_method, revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE id = $1`, [sid]);
    expect(ended).toEqual({ auth_method: 'oidc', revoked: true });

    // The provider's session is over too: signing in again asks for the login once more.
    await page.getByRole('link', { name: '统一身份认证登录' }).click();
    await page.locator('input[name="login"]').waitFor();
  } finally {
    await context.close();
  }
});

it('shows why a sign-in was refused, in Chinese, on the sign-in page', async () => {
  const context = await harness.browser.newContext({ baseURL: publicUrl, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto('/');
    await page.getByRole('link', { name: '统一身份认证登录' }).click();
    await page.locator('input[name="login"]').fill('not.a.duban.user');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('您的统一身份认证账号尚未开通本系统，请联系管理员').waitFor();
    expect(page.url()).toBe(`${publicUrl}/#/login?sso_error=SSO_USER_UNKNOWN`);
    await harness.shot(page, 'sso-refused');
  } finally {
    await context.close();
  }
});
