// The forced password change in a real browser: a user with an initial password signs in, sees
// only the change-password page (a refused weak password says why in Chinese), sets a good one,
// reaches their home page, and can sign in with it after signing out through the user menu. The
// page runs under the API's content security policy, so it also shows the UI needs no inline script.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '@duban/db';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { openHarness, type Harness } from './browser-harness';

jest.setTimeout(120_000);

let system: TestSystem;
let harness: Harness;
const username = `pw-${randomUUID().slice(0, 6)}`;
const INITIAL = 'Initial-Pass-2024';
const CHOSEN = 'Chosen-Pass-2025!';

beforeAll(async () => {
  system = await startTestSystem('browser-password', { inProcessWorker: false });
  await system.dataSource.query(
    `INSERT INTO users (username, display_name, role, department_code, password_hash, must_change_password) VALUES ($1, '改密测试', 'staff', 'publicity', $2, true)`,
    [username, await hashPassword(INITIAL)],
  );
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.dataSource.query('DELETE FROM users WHERE username = $1', [username]).catch(() => undefined);
  await system?.stop();
});

it('makes a user with an initial password change it before anything else', async () => {
  const context = await harness.browser.newContext({ baseURL: system.baseUrl, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  try {
    await page.goto('/');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(INITIAL);
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByText('请先修改密码').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0); // no menu, no pages yet
    await page.goto('/#/measures');
    await page.getByText('请先修改密码').waitFor();

    await page.getByLabel('当前密码').fill('Wrong-Pass-2024');
    await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
    await page.getByLabel('再次输入新密码').fill(CHOSEN);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('password-error').getByText('当前密码不正确').waitFor();

    await page.getByLabel('当前密码').fill(INITIAL);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByText('密码至少需要 10 位（现在 5 位）').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
    await page.getByRole('button', { name: '修改密码' }).click();

    await page.getByTestId('current-user').waitFor();
    await harness.shot(page, 'password-changed-home');
    const row: Array<{ must: boolean }> = await system.dataSource.query('SELECT must_change_password AS must FROM users WHERE username = $1', [username]);
    expect(row[0].must).toBe(false);

    // The user menu: 修改密码 opens the page; 退出登录 ends the session on the server.
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByLabel('当前密码').waitFor();
    // What the sign-out request got, each try (said when the check below fails).
    const logoutAnswers: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/auth/logout')) logoutAnswers.push(String(r.status()));
    });
    page.on('requestfailed', (r) => {
      if (r.url().endsWith('/auth/logout')) logoutAnswers.push(`failed: ${r.failure()?.errorText ?? '?'}`);
    });
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    const live: Array<{ id: string; created_at: Date }> = await system.dataSource.query(
      'SELECT id, created_at FROM auth_sessions WHERE username = $1 AND revoked_at IS NULL',
      [username],
    );
    expect({ live, logoutAnswers }).toMatchObject({ live: [] });
    expect(logoutAnswers).toContain('200');

    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(CHOSEN);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    expect(cspViolations).toEqual([]);
  } finally {
    await context.close();
  }
});
