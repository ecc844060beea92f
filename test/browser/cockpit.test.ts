// 领导驾驶舱 in Chromium: leader1 (分管 air and water, from the seed) opens the cockpit of a plan
// year only this suite uses, clicks the overdue count and a department's bar of the ranking chart,
// and each time lands on 全部事项 listing exactly the measures counted.
import { daysFromNow, uniqueMeasureCode } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { RANKING_CHART } from '../../apps/web/src/lib/cockpitLinks';
import { openHarness, type Harness } from './browser-harness';
import type { Page } from 'playwright-core';

jest.setTimeout(180_000);

/** No other suite plans measures for 2024. */
const YEAR = 2024;
const KEYS = ['airOverdue', 'airDone', 'waterOverdue', 'waterOnTrack', 'soilOverdue'] as const;
type Key = (typeof KEYS)[number];
const M = {} as Record<Key, string>;

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: tokens[user], body });
  if (response.status !== 200 && response.status !== 201) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function plan(): Promise<void> {
  const q = (sql: string, params: unknown[]) => system.dataSource.query(sql, params);
  await q(`INSERT INTO plans (year, title) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [YEAR, `${YEAR}年驾驶舱浏览器测试工作要点`]);
  await q(`INSERT INTO plan_targets (year, code, text, position) VALUES ($1, '1', '细颗粒物（PM2.5）平均浓度下降到 30 微克/立方米以下', 0) ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, '9', '浏览器测试章', 9) ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, '9.1', '9', '浏览器测试节', 1) ON CONFLICT DO NOTHING`, [YEAR]);
  const departments: Record<Key, string> = { airOverdue: 'air', airDone: 'air', waterOverdue: 'water', waterOnTrack: 'water', soilOverdue: 'soil' };
  let position = 0;
  for (const key of KEYS) {
    const code = `9.1.${uniqueMeasureCode()}`;
    M[key] = `${YEAR}-${code}`;
    await q(`INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, '9.1', $4, $4, $5, $6)`, [
      M[key],
      YEAR,
      code,
      `浏览器驾驶舱事项（${key}）`,
      position++,
      departments[key],
    ]);
  }
}

async function drive(): Promise<void> {
  for (const key of KEYS) await api('POST', `/measures/${M[key]}/start`, 'admin');
  const backdated = (assignee: string, department: string, dueDaysAgo: number) => ({
    assigneeId: assignee,
    leadDepartment: department,
    assignedOn: daysFromNow(-dueDaysAgo - 30),
    dueDate: daysFromNow(-dueDaysAgo),
    backdateReason: '年初已书面交办，补录',
  });
  await api('POST', `/measures/${M.airOverdue}/assign`, 'leader1', backdated('air.staff1', 'air', 40));
  await api('POST', `/measures/${M.waterOverdue}/assign`, 'leader1', backdated('water.staff1', 'water', 8));
  await api('POST', `/measures/${M.soilOverdue}/assign`, 'leader1', backdated('soil.staff1', 'soil', 20));
  await api('POST', `/measures/${M.waterOnTrack}/assign`, 'water.head', { assigneeId: 'water.staff2', leadDepartment: 'water', dueDate: daysFromNow(30) });
  await api('POST', `/measures/${M.airDone}/assign`, 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(30) });
  await api('POST', `/measures/${M.airDone}/accept`, 'air.staff1');
  await api('POST', `/measures/${M.airDone}/submit`, 'air.staff1', { note: '已完成' });
  await api('POST', `/measures/${M.airDone}/approve`, 'air.head');
}

beforeAll(async () => {
  system = await startTestSystem('browser-cockpit');
  for (const user of ['admin', 'leader1', 'air.head', 'air.staff1', 'water.head']) tokens[user] = await system.login(user);
  await plan();
  await drive();
  harness = await openHarness(system.baseUrl);
}, 150_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

/** The ids the 全部事项 table shows (one page holds them all here). */
async function listedIds(page: Page): Promise<string[]> {
  const list = page.getByTestId('measure-list');
  await list.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
  await list.locator('[data-measure-row]').first().waitFor();
  await page.waitForTimeout(300);
  return (await list.locator('[data-measure-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure-row') ?? ''))).sort();
}

const ids = (...keys: Key[]) => keys.map((k) => M[k]).sort();

describe('the cockpit in the browser', () => {
  it('leader1 clicks the overdue count and a department bar and lands on exactly those measures', async () => {
    expect(((await api('GET', '/leaders/me/departments', 'leader1')).departments as Array<{ code: string }>).map((d) => d.code)).toEqual(['air', 'water']);
    const page = await harness.signIn('leader1');
    await page.goto(`/#/dashboard?year=${YEAR}`);
    const cockpit = page.getByTestId('cockpit');
    await cockpit.waitFor();
    // 分管 scope by default: soil's overdue measure is not counted.
    await page.getByText('分管：大气环境处、水生态环境处').waitFor();
    const overdue = page.getByTestId('cockpit-overdue');
    await expect(overdue.locator('.ant-statistic-content-value').innerText()).resolves.toBe('2');
    await expect(page.getByTestId('cockpit-total').locator('.ant-statistic-content-value').innerText()).resolves.toBe('4');
    await harness.shot(page, 'cockpit-leader1');

    await overdue.click();
    await page.waitForURL(/#\/measures\?/);
    expect(page.url()).toContain('overdue=true');
    expect(page.url()).toContain('lead=air,water');
    expect(await listedIds(page)).toEqual(ids('airOverdue', 'waterOverdue'));
    await page.getByTestId('measure-url-filters').getByText('已逾期').waitFor();
    await harness.shot(page, 'cockpit-overdue-list');

    // Back to the cockpit: the ranking puts air (45) first and water (10) second; click water's bar.
    await page.goBack();
    const chart = page.getByTestId('cockpit-ranking-chart');
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(1_500); // the bars' entry animation
    const box = (await chart.boundingBox())!;
    const plotWidth = box.width - RANKING_CHART.left - RANKING_CHART.right;
    await page.mouse.click(box.x + RANKING_CHART.left + plotWidth * 0.04, box.y + RANKING_CHART.top + RANKING_CHART.rowHeight * 1.5);
    await page.waitForURL(/#\/measures\?/);
    expect(page.url()).toContain('lead=water');
    expect(await listedIds(page)).toEqual(ids('waterOverdue', 'waterOnTrack'));

    // 全局 on the cockpit counts soil's overdue measure too.
    await page.goto(`/#/dashboard?year=${YEAR}`);
    await page.getByTestId('cockpit-scope').getByText('全局').click();
    await page.getByTestId('cockpit-overdue').locator('.ant-statistic-content-value', { hasText: /^3$/ }).waitFor();
    await page.getByTestId('cockpit-overdue').click();
    await page.waitForURL(/scope=all/);
    expect(await listedIds(page)).toEqual(ids('airOverdue', 'waterOverdue', 'soilOverdue'));
  });

  it('leader1 links a measure to a target indicator and sees its progress under it', async () => {
    const page = await harness.signIn('leader1');
    await page.goto(`/#/dashboard?year=${YEAR}`);
    const indicator = page.getByTestId('target-indicators').locator('[data-indicator="1"]');
    await indicator.getByText('尚未关联措施').waitFor();
    await indicator.getByRole('button', { name: '关联措施' }).click();
    const dialog = page.getByRole('dialog');
    const input = dialog.getByLabel('选择措施');
    await input.click();
    await input.fill(M.airDone.slice(5));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: M.airDone.slice(5) }).click();
    await input.press('Escape');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await indicator.getByRole('link', { name: M.airDone.slice(5) }).waitFor();
    await indicator.getByText('措施平均进度 100%').waitFor();
    expect(((await api('GET', `/reports/cockpit?year=${YEAR}`, 'leader1')).indicators as Array<{ measures: Array<{ id: string }> }>)[0].measures.map((m) => m.id)).toEqual([M.airDone]);
  });

  it('opens 全部事项 on the leader\'s 分管 departments, 全局 one click away', async () => {
    const page = await harness.signIn('leader1');
    await page.goto(`/#/measures?year=${YEAR}`);
    await page.getByTestId('measure-url-filters').getByText('分管：大气环境处、水生态环境处').waitFor();
    expect(await listedIds(page)).toEqual(ids('airOverdue', 'airDone', 'waterOverdue', 'waterOnTrack'));
    await page.getByTestId('measures-scope').getByText('全局').click();
    await page.waitForURL(/scope=all/);
    expect(await listedIds(page)).toEqual(ids(...KEYS));
  });

  it('lets the admin set a leader\'s 分管 departments in 系统管理', async () => {
    const leader = `bc.leader${process.pid % 10000}`;
    await api('POST', '/admin/users', 'admin', { username: leader, displayName: '浏览器测试领导', role: 'leader', departmentCode: 'leadership', password: 'Browser-Leader-2024!' });
    const page = await harness.signIn('admin');
    await page.goto('/#/admin');
    await page.getByRole('tab', { name: '分管领导' }).click();
    const card = page.getByTestId('leader-departments');
    await card.locator('[data-leader="leader1"]').getByText('大气环境处').waitFor();
    await card.locator('[data-leader="leader1"]').getByText('水生态环境处').waitFor();
    const row = card.locator(`[data-leader="${leader}"]`);
    const input = row.getByLabel('浏览器测试领导 分管处室');
    await input.click();
    await input.fill('土壤');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '土壤生态环境处' }).click();
    await input.press('Escape');
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存 浏览器测试领导 的分管处室').waitFor();
    expect((await api('GET', `/leaders/${leader}/departments`, 'admin')).departments).toEqual([{ code: 'soil', name: '土壤生态环境处' }]);
    await harness.shot(page, 'cockpit-admin-leader-departments');
  });
});
