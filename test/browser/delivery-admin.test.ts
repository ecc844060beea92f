// In Chromium: an admin adds a 钉钉群机器人 with its webhook and 加签 secret under 系统管理 → 消息渠道;
// the list and the edit form show only "已设置 ••••xxxx" (the secret never reaches the page again),
// and 发送测试 reaches a signature-verifying receiver; an SMS gateway keeps its success value as text
// and is tested to a 手机号码. A 承办人 sets their own 通知方式. At 390 px (a phone) the two admin tabs
// and the notifications page fit the screen, in Chinese and English. A database of its own.
import { Client } from '@temporalio/client';
import { createDataSource, migrate, OutboxRepository } from '@duban/db';
import { deliveryLaneWorkflowId } from '@duban/workflows';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedFirstRun } from '../../seeds/seed';
import { startRobotReceivers, type RobotReceivers } from '../helpers/robot-receivers';
import { testServices } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { createIsolatedDatabase } from '../helpers/time-skipping';
import { chooseOption, confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const DING_TOKEN = 'brows3rT0ken0123456789abcdef0123456789abcdef0123456789abcdefQ1w2';
const DING_SECRET = 'SECbrowser00112233445566778899aabbccddeeff00112233445566778899Z9x8';

let system: TestSystem;
let harness: Harness;
let robots: RobotReceivers;

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'browser_delivery');
  const setup = createDataSource(databaseUrl);
  await setup.initialize();
  await migrate(setup);
  await seedFirstRun(setup);
  await setup.destroy();
  system = await startTestSystem('browser-delivery', { inProcessWorker: false, services: { temporalAddress: testServices().temporalAddress, databaseUrl } });
  robots = await startRobotReceivers({ wecomKey: 'browser-wecom-key-0000', dingtalk: { accessToken: DING_TOKEN, secret: DING_SECRET, keyword: '督办' }, feishu: { token: 'browser-feishu-token' } });
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await system?.dataSource.query('UPDATE notification_channels SET enabled = false').catch(() => undefined);
  // The lane 重发 woke (an id of this suite's own, its own task queue, no worker).
  await system?.app.get(Client).workflow.getHandle(deliveryLaneWorkflowId('brw-ding')).terminate('browser delivery suite done').catch(() => undefined);
  await harness?.close();
  await robots?.stop();
  await system?.stop();
});

async function openAdminTab(page: Page, tab: string): Promise<void> {
  await page.goto('/#/admin');
  await page.getByRole('tab', { name: tab, exact: true }).dispatchEvent('click');
  await page.locator('[role="tab"][aria-selected="true"]', { hasText: tab }).waitFor();
}

it('adds a robot with secrets, shows them masked only, and sends a test that the receiver verifies', async () => {
  const admin = await harness.signIn('admin');
  await openAdminTab(admin, '消息渠道');
  await admin.getByTestId('channel-add').click();
  await chooseOption(admin, '类型', '钉钉群机器人');
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('名称').fill('水生态环境处钉钉群');
  await dialog.getByLabel('渠道编号').fill('brw-ding');
  await chooseOption(admin, '处室', '水生态环境处');
  await dialog.getByLabel('关键词').fill('督办');
  await dialog.getByTestId('secret-webhook-input').fill(robots.dingtalk.webhook);
  await dialog.getByTestId('secret-signSecret-input').fill(DING_SECRET);
  await confirmDialog(admin, '保存');

  const row = admin.locator('[data-channel="brw-ding"]');
  await row.waitFor();
  await row.getByText(`已设置 ••••${DING_SECRET.slice(-4)}`).waitFor();
  await row.getByText(`已设置 ••••${DING_TOKEN.slice(-4)}`).waitFor();
  expect(await row.getAttribute('data-enabled')).toBe('false'); // new channels start disabled
  expect(await admin.content()).not.toContain(DING_SECRET);
  expect(await admin.content()).not.toContain(DING_TOKEN);

  // Editing shows the stored secret masked; 更换 opens an empty input (the old value is never filled in).
  await row.getByTestId('channel-edit').click();
  const edit = admin.getByRole('dialog');
  await edit.getByTestId('secret-signSecret').getByText(`已设置 ••••${DING_SECRET.slice(-4)}`).waitFor();
  await edit.getByTestId('secret-signSecret-replace').click();
  expect(await edit.getByTestId('secret-signSecret-input').inputValue()).toBe('');
  expect(await admin.content()).not.toContain(DING_SECRET);
  await edit.getByRole('button', { name: '取消' }).click();
  await edit.waitFor({ state: 'hidden' });

  await row.getByTestId('channel-test').click();
  await admin.getByTestId('channel-test-send').click();
  const result = admin.getByTestId('channel-test-result');
  await result.getByText('测试消息已发送').waitFor();
  expect(await result.getAttribute('data-outcome')).toBe('sent');
  expect(robots.dingtalk.accepted).toHaveLength(1);
  await admin.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await harness.shot(admin, 'delivery-channels');

  // A message the robot's vendor refused, and the lane paused over wrong settings: 投递记录 shows both; 重发 puts it back in line.
  const outbox = new OutboxRepository(system.dataSource);
  await outbox.insertMessages(
    [{ messageKey: 'evt-browser-1|brw-ding|department:water', lane: 'brw-ding', channelKind: 'dingtalk', origin: 'event', eventId: null, measureId: '2022-0101', recipient: null, address: null, urgent: true, subject: '【督办】事项 1.1 已进入督办', bodyText: '事项 1.1', bodyMarkdown: '**事项 1.1**', link: null, notBefore: new Date() }],
    new Date(),
  );
  const [failed] = await system.dataSource.query(`SELECT id::text AS id FROM outbox_messages WHERE message_key = 'evt-browser-1|brw-ding|department:water'`);
  // As the lane leaves a row the vendor refused for good (claimed, then failed).
  await system.dataSource.query(`UPDATE outbox_messages SET status = 'sending' WHERE id = $1`, [failed.id]);
  await outbox.markFailed(failed.id, 'permanent', '钉钉答复 40035：缺少参数');
  await outbox.setHealth('brw-ding', { pausedReason: '钉钉答复 310000：关键词不匹配' });
  await openAdminTab(admin, '投递记录');
  const lane = admin.locator('[data-testid="delivery-summary"] [data-lane="brw-ding"]');
  await lane.getByText('暂停原因：钉钉答复 310000：关键词不匹配').waitFor();
  await admin.locator('[data-testid="deliveries"] [data-status="sent"]').first().waitFor();
  const failedRow = admin.locator(`[data-testid="deliveries"] [data-delivery="${failed.id}"]`);
  await failedRow.getByText('钉钉答复 40035：缺少参数').waitFor();
  await harness.shot(admin, 'delivery-log');
  await failedRow.getByTestId('delivery-retry').click();
  await admin.getByText('已重新排队发送').first().waitFor();
  await admin.locator(`[data-testid="deliveries"] [data-delivery="${failed.id}"][data-status="pending"]`).waitFor();
  expect(await failedRow.getByTestId('delivery-retry').count()).toBe(0);
});

it('adds an SMS gateway whose success value "000000" stays text, and tests it to a 手机号码', async () => {
  const admin = await harness.signIn('admin');
  await openAdminTab(admin, '消息渠道');
  await admin.getByTestId('channel-add').click();
  await chooseOption(admin, '类型', '短信');
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('名称').fill('短信网关');
  await dialog.getByLabel('渠道编号').fill('brw-sms');
  await dialog.getByLabel('短信网关地址').fill(robots.sms.url);
  await dialog.getByLabel('请求体模板').fill('{"phone":"{{mobile}}","content":"{{text}}","key":"{{secret}}"}');
  await dialog.getByLabel('成功判断字段').fill('code');
  await dialog.getByLabel('成功时的值').fill('000000');
  await dialog.getByTestId('secret-secret-input').fill('browser-sms-secret-0000aaaa');
  await confirmDialog(admin, '保存');
  const row = admin.locator('[data-channel="brw-sms"]');
  await row.getByText('已设置 ••••aaaa').waitFor();
  const [stored] = await system.dataSource.query(`SELECT config FROM notification_channels WHERE id = 'brw-sms'`);
  expect(stored.config.success).toEqual({ jsonPath: 'code', equals: '000000' });

  robots.sms.answer = { status: 200, body: { code: '000000' } };
  await row.getByTestId('channel-test').click();
  const test = admin.getByRole('dialog');
  await test.getByLabel('手机号码', { exact: true }).fill('13800138000');
  await admin.getByTestId('channel-test-send').click();
  const result = admin.getByTestId('channel-test-result');
  await result.getByText('测试消息已发送').waitFor();
  expect(await result.getAttribute('data-outcome')).toBe('sent');
  expect(robots.sms.requests.at(-1)?.body).toMatchObject({ phone: '13800138000', key: 'browser-sms-secret-0000aaaa' });
  robots.sms.reset();
  await test.getByRole('button', { name: '取消' }).click();
  await test.waitFor({ state: 'hidden' });

  // 投递记录 says so when the channel list (its filter) cannot be loaded.
  await admin.route('**/notification-channels', (route) =>
    route.request().method() === 'GET' ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'UNAVAILABLE', message: '服务暂不可用' }) }) : route.fallback(),
  );
  await openAdminTab(admin, '投递记录');
  await admin.getByTestId('channels-error').getByText('渠道列表加载失败', { exact: false }).waitFor();
  await admin.unroute('**/notification-channels');
});

it('lets a 承办人 choose their own 通知方式', async () => {
  const staff = await harness.signIn('water.staff1');
  await staff.goto('/#/notifications');
  const card = staff.getByTestId('notification-preferences');
  await card.getByText('每日汇总', { exact: true }).click();
  await staff.getByText('通知方式已保存').first().waitFor();
  await card.getByText('督办、问责等紧急消息仍会即时发送', { exact: false }).waitFor();
  await card.getByTestId('sms-enabled').click();
  await staff.waitForFunction(() => document.querySelector('[data-testid="sms-enabled"]')?.getAttribute('aria-checked') === 'false');
  for (let i = 0; i < 50; i++) {
    const [row] = await system.dataSource.query(`SELECT email_mode, sms_enabled FROM notification_preferences WHERE username = 'water.staff1'`);
    if (row?.sms_enabled === false) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await system.dataSource.query(`SELECT email_mode, sms_enabled FROM notification_preferences WHERE username = 'water.staff1'`)).toEqual([{ email_mode: 'digest', sms_enabled: false }]);
});

it('fits a 390 px phone: 消息渠道, 投递记录 and 通知方式', async () => {
  const context = await harness.browser.newContext({ baseURL: system.baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('phone-header').waitFor();
  const width = async () => {
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 20_000 });
    await page.waitForTimeout(250);
    return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  };
  await openAdminTab(page, '消息渠道');
  await page.locator('[data-channel="brw-ding"]').waitFor();
  expect(await width()).toEqual({ scroll: 390, inner: 390 });
  await harness.shot(page, 'delivery-channels-phone');
  await openAdminTab(page, '投递记录');
  await page.getByTestId('deliveries').waitFor();
  expect(await width()).toEqual({ scroll: 390, inner: 390 });
  await page.goto('/#/notifications');
  await page.getByTestId('notification-preferences').waitFor();
  expect(await width()).toEqual({ scroll: 390, inner: 390 });
  await harness.shot(page, 'delivery-preferences-phone');
  // In English too: the three e-mail choices wrap inside the card rather than run off the screen.
  await page.evaluate(() => localStorage.setItem('duban.language', 'en'));
  await page.reload();
  const choices = page.getByTestId('email-mode');
  await choices.getByText('No e-mail', { exact: true }).waitFor();
  expect(await width()).toEqual({ scroll: 390, inner: 390 });
  const box = await choices.evaluate((group) => {
    const card = group.closest('.ant-card-body')!.getBoundingClientRect();
    return { right: Math.max(...[...group.children].map((c) => c.getBoundingClientRect().right)), cardRight: card.right };
  });
  expect(box.right).toBeLessThanOrEqual(box.cardRight);
  await harness.shot(page, 'delivery-preferences-phone-en');
  await context.close();
});
