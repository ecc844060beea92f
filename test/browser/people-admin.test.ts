// People administered in the web UI, in Chromium: the admin creates a department and a head for
// it (系统管理 · 处室管理 / 人员管理); the new head signs in with the one-time password, must set a
// new one first, and then opens only their department's work in detail; the admin deactivates
// them and their open session stops working. This suite owns the 2048 plan.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { PlanRepository } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { chooseOption, confirmDialog, openHarness, type Harness } from './browser-harness';

const RUN = randomUUID().slice(0, 6);
const DEPT = `b${RUN}-eco`;
const DEPT_NAME = `生态修复处${RUN}`;
const USER = `b${RUN}.head`;
const YEAR = 2048;
const PLAN = `某市生态环境局${YEAR}年工作要点

一、主要目标指标

(一)环境空气方面。优良天数比例完成省下达的任务目标。

二、深入打好污染防治攻坚战

(一)推进生态保护修复。

1.开展山体生态修复试点。完成两处废弃矿山修复。

2.推进入海河流综合整治。完成整治方案。
`;

let system: TestSystem;
let harness: Harness;

beforeAll(async () => {
  system = await startTestSystem('people-browser');
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

/** Signs in with a password of the test's own (not the demo one), in a browser context of its own. */
async function signInWith(username: string, password: string): Promise<Page> {
  const context = await harness.browser.newContext({ baseURL: system.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

describe('people administration in the web UI', () => {
  it('creates a department and a head who must change the password, sees only their work, and is cut off when deactivated', async () => {
    const admin = await harness.signIn('admin');
    await admin.getByRole('tab', { name: '处室管理' }).click();
    await admin.getByRole('button', { name: '新增处室' }).click();
    const create = admin.getByRole('dialog');
    await create.getByLabel('处室代码').fill(DEPT);
    await create.getByLabel('处室名称').fill(DEPT_NAME);
    await confirmDialog(admin, '新增');
    await admin.locator(`[data-code="${DEPT}"]`).getByText(DEPT_NAME).waitFor();

    // Its work: the 2048 plan, 2.1.1 suggested to the new department, 2.1.2 to another one.
    await new PlanRepository(system.dataSource).importPlan(parsePlan(PLAN), { suggestedLeads: { '2.1.1': DEPT, '2.1.2': 'water' } });
    const imported = await system.call('POST', '/plans/import', { token: await system.login('admin'), body: PLAN, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(imported).toMatchObject({ status: 200, body: { year: YEAR } });

    await admin.getByRole('tab', { name: '人员管理' }).click();
    await admin.getByRole('button', { name: '新增人员' }).click();
    const person = admin.getByRole('dialog');
    await person.getByLabel('用户名').fill(USER);
    await person.getByLabel('姓名').fill('林青');
    await chooseOption(admin, '角色', '处室负责人');
    await chooseOption(admin, '所在处室', DEPT_NAME);
    await person.getByRole('button', { name: '新增', exact: true }).click();
    const oneTime = (await admin.getByTestId('one-time-password').innerText()).trim();
    expect(oneTime).toMatch(/^[A-Za-z0-9]{16}$/);
    await harness.shot(admin, 'people-01-one-time-password');
    await admin.keyboard.press('Escape');
    await admin.getByTestId('admin-outcome').waitFor({ state: 'hidden' });
    const row = admin.locator(`[data-username="${USER}"]`);
    await row.getByText('待改密码').waitFor();

    // First sign-in: the password must be changed before anything else.
    const head = await signInWith(USER, oneTime);
    await head.getByText('请先修改密码').waitFor();
    await head.getByLabel('当前密码').fill(oneTime);
    await head.getByLabel('新密码', { exact: true }).fill(`Lin-${RUN}-Qing-2048`);
    await head.getByLabel('再次输入新密码').fill(`Lin-${RUN}-Qing-2048`);
    await head.getByRole('button', { name: '修改密码' }).click();
    await head.getByTestId('current-user').waitFor();

    // Their department's measure opens in detail; another department's does not.
    await head.goto(`/#/measures/${YEAR}-2.1.1`);
    await head.getByTestId('measure-header').getByText('开展山体生态修复试点').waitFor();
    await head.goto(`/#/measures/${YEAR}-2.1.2`);
    await head.reload(); // a hash change alone keeps the page of the measure before
    await head.getByTestId('remote-refused').getByText('无权查看该事项的办理情况').waitFor();
    expect(await head.getByTestId('measure-header').count()).toBe(0);
    // A refusal is no failure to try again.
    expect(await head.getByRole('button', { name: '重试' }).count()).toBe(0);
    await harness.shot(head, 'people-02-head-sees-own-work');

    // Deactivated: their open session stops working within seconds.
    await row.getByRole('button', { name: '停用' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await admin.getByTestId('admin-outcome').getByText('其登录已立即失效').waitFor();
    await harness.shot(admin, 'people-03-deactivated');
    await admin.keyboard.press('Escape');

    const deadline = Date.now() + 15_000;
    for (;;) {
      await head.goto(`/#/measures/${YEAR}-2.1.1`);
      await head.reload();
      const signedOut = await head.getByRole('button', { name: '登录', exact: true }).waitFor({ timeout: 2_000 }).then(() => true, () => false);
      if (signedOut) break;
      if (Date.now() > deadline) throw new Error('the deactivated head still has a working session');
    }
    // And cannot sign in again.
    await head.getByLabel('用户名').fill(USER);
    await head.getByLabel('密码').fill(`Lin-${RUN}-Qing-2048`);
    await head.getByRole('button', { name: '登录' }).click();
    await head.getByText('账号已停用').waitFor();
  }, 120_000);
});
