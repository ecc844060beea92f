// 委托代理 in Chromium: marine.head names marine.staff1 deputy on the 委托代理 page; the deputy turns
// on 「以 林海波（海洋生态环境处负责人）名义办理」 in the header, sees the banner and the head's tasks,
// approves a measure, and the timeline says 「郑雨桐（代 林海波）」; the head revokes it and the
// switch is gone. (marine is this suite's: test/delegation.test.ts uses water, air and soil.)
import type { Page } from 'playwright-core';
import { addCalendarDays, beijingDate } from '@duban/domain';
import { addPlanMeasure, daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('delegation-browser');
  harness = await openHarness(system.baseUrl);
  for (const who of ['admin', 'marine.head', 'marine.staff2']) tokens[who] = await system.login(who);
}, 120_000);

afterAll(async () => {
  await system?.dataSource.query(`UPDATE delegations SET revoked_at = now(), revoked_by = 'admin' WHERE revoked_at IS NULL AND principal_id = 'marine.head'`).catch(() => undefined);
  await harness?.close();
  await system?.stop();
});

async function api(method: string, path: string, who: string, body?: unknown) {
  const r = await system.call(method, path, { token: tokens[who], body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Picks an option of the page's Ant Design select labelled `label`, with the keyboard. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.focus();
  await input.press('ArrowDown');
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.filter({ hasText: option }).first().waitFor();
  for (let step = 0; step <= (await options.count()); step++) {
    const active = await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').first().getAttribute('title');
    if (active?.includes(option)) {
      await input.press('Enter');
      return;
    }
    await input.press('ArrowDown');
  }
  throw new Error(`the select「${label}」has no option ${option}`);
}

describe('委托代理 in the web UI', () => {
  it('a head names a deputy, the deputy acts for the head on the record, the head revokes it', async () => {
    const today = beijingDate(Date.now());
    const end = addCalendarDays(today, 3);

    // A marine measure waiting for the head's review.
    const id = await addPlanMeasure(system.dataSource, 'marine');
    await api('POST', `/measures/${id}/start`, 'admin');
    await api('POST', `/measures/${id}/assign`, 'marine.head', { assigneeId: 'marine.staff2', leadDepartment: 'marine', dueDate: daysFromNow(40) });
    await api('POST', `/measures/${id}/accept`, 'marine.staff2');
    await api('POST', `/measures/${id}/submit`, 'marine.staff2', { note: '已完成' });

    const head = await harness.signIn('marine.head');
    await head.getByRole('menuitem', { name: '委托代理' }).click();
    await head.getByTestId('delegation-form').waitFor();
    await choose(head, '代理人', '郑雨桐');
    const from = head.getByPlaceholder('开始日期');
    const to = head.getByPlaceholder('结束日期');
    await from.click();
    await from.fill(today);
    await to.click();
    await to.fill(end);
    // Leaving the picker takes the typed dates (Enter would submit the form at once).
    await head.getByLabel('委托事由').click();
    await head.getByLabel('委托事由').fill('外出培训');
    expect([await from.inputValue(), await to.inputValue()]).toEqual([today, end]);
    await head.getByTestId('delegation-submit').click();
    const row = head.getByTestId('delegation-table').getByRole('row').filter({ hasText: '郑雨桐' });
    await row.getByText('生效中').waitFor();
    await row.getByText(`${today} ~ ${end}`).waitFor();
    await row.getByText('外出培训').waitFor();
    await harness.shot(head, 'delegation-01-head-named-deputy');

    const deputy = await harness.signIn('marine.staff1');
    const switchLabel = '以 林海波（海洋生态环境处负责人）名义办理';
    await deputy.getByText(switchLabel).waitFor();
    await deputy.getByTestId('acting-switch-marine.head').click();
    await deputy.getByTestId('acting-banner').getByText('您正在以 林海波（海洋生态环境处负责人）的名义办理').waitFor();
    // The head's tasks: the review of the measure.
    const task = deputy.getByTestId('head-tasks').locator(`[data-task="review:${id}"]`);
    await task.waitFor();
    await harness.shot(deputy, 'delegation-02-deputy-acting');
    await task.getByRole('link', { name: id }).click();
    const header = deputy.getByTestId('measure-header');
    await header.getByRole('button', { name: '审核通过' }).click();
    await confirmDialog(deputy, '通过');
    await header.getByText('已办结').waitFor();
    const approveActor = deputy.getByTestId('timeline').locator('[data-event-type="approve"]').getByTestId('event-actor');
    await approveActor.getByText('郑雨桐（代 林海波） · 处室负责人').waitFor();
    await harness.shot(deputy, 'delegation-03-approved-on-behalf');
    const events = (await api('GET', `/measures/${id}`, 'admin')).events as Array<{ type: string; actorId: string; onBehalfOf?: string }>;
    expect(events.find((e) => e.type === 'approve')).toMatchObject({ actorId: 'marine.staff1', onBehalfOf: 'marine.head' });

    // Switching back: the deputy is themselves again.
    await deputy.getByTestId('acting-banner').getByRole('button', { name: '切换回本人' }).click();
    await deputy.getByTestId('acting-banner').waitFor({ state: 'detached' });

    // The head revokes it early; the deputy's switch is gone.
    await head.reload();
    await row.getByRole('button', { name: '撤销' }).click();
    await head.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await row.getByText('已撤销').waitFor();
    const listed = deputy.waitForResponse((r) => new URL(r.url()).pathname === '/delegations' && r.status() === 200);
    await deputy.reload();
    const after = (await (await listed).json()) as Array<{ principalId: string; status: string }>;
    expect(after.filter((d) => d.principalId === 'marine.head').map((d) => d.status)).toEqual(['revoked']);
    await deputy.getByTestId('current-user').waitFor();
    expect(await deputy.getByText(switchLabel).count()).toBe(0);
  });
});
