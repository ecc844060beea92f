/// <reference lib="dom" />
// The phone layout in Chromium at 390×844 (a touch screen): staff, head, supervisor and leader each
// open every page of their menu through the ☰ drawer (and a measure's page, the inbox, every tab),
// and no page is wider than the screen (document.documentElement.scrollWidth ≤ innerWidth). The
// staff member signs a measure for (签收) and reports progress through its dialog, the head approves
// a submission (审核通过), everyone signs out from the drawer. Measures of the 2063 plan, which only
// this suite uses. Screenshots: /tmp/duban-shots/phone-<role>-<page>.png; figures (page widths and
// heights) in /tmp/duban-shots/phone-figures.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/seed';
import { daysFromNow, uniqueMeasureCode } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { chooseOption, confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const YEAR = 2063;
const VIEWPORT = { width: 390, height: 844 };
const SHOTS = process.env.DUBAN_PHONE_SHOTS ?? '/tmp/duban-shots';
const KEYS = ['toAccept', 'toReview', 'overdue', 'toAssign'] as const;
type Key = (typeof KEYS)[number];
const M = {} as Record<Key, string>;
/** The due date the head gives in the assignment dialog. */
const DUE = daysFromNow(45);

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};
/** Per role and page: the layout width, the screen width and the page height (px). */
/** Pages wider than the screen, collected so one run names them all; each test ends by expecting none. */
const problems: string[] = [];
const figures: Record<string, Record<string, { scrollWidth: number; innerWidth: number; height: number }>> = {};

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: tokens[user], body });
  if (response.status !== 200 && response.status !== 201) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function plan(): Promise<void> {
  const q = (sql: string, params: unknown[]) => system.dataSource.query(sql, params);
  await q(`INSERT INTO plans (year, title) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [YEAR, `${YEAR}年手机界面测试工作要点`]);
  await q(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, '9', '手机界面测试章', 9) ON CONFLICT DO NOTHING`, [YEAR]);
  await q(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, '9.1', '9', '手机界面测试节', 1) ON CONFLICT DO NOTHING`, [YEAR]);
  let position = 0;
  for (const key of KEYS) {
    const code = `9.1.${uniqueMeasureCode()}`;
    M[key] = `${YEAR}-${code}`;
    const title = `手机端事项（${key}）：推进重点行业挥发性有机物综合治理，完成年度减排任务`;
    await q(`INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, '9.1', $4, $4, $5, 'air')`, [
      M[key],
      YEAR,
      code,
      title,
      position++,
    ]);
  }
  for (const key of KEYS) await api('POST', `/measures/${M[key]}/start`, 'admin');
  await api('POST', `/measures/${M.toAccept}/assign`, 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(30) });
  await api('POST', `/measures/${M.toReview}/assign`, 'air.head', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: daysFromNow(30) });
  await api('POST', `/measures/${M.toReview}/accept`, 'air.staff1');
  await api('POST', `/measures/${M.toReview}/submit`, 'air.staff1', { note: '已完成全部治理任务' });
  await api('POST', `/measures/${M.overdue}/assign`, 'leader1', {
    assigneeId: 'air.staff1',
    leadDepartment: 'air',
    assignedOn: daysFromNow(-70),
    dueDate: daysFromNow(-40),
    backdateReason: '年初已书面交办，补录',
  });
}

beforeAll(async () => {
  system = await startTestSystem('browser-phone');
  for (const user of ['admin', 'leader1', 'air.head', 'air.staff1']) tokens[user] = await system.login(user);
  await plan();
  harness = await openHarness(system.baseUrl);
  fs.mkdirSync(SHOTS, { recursive: true });
}, 150_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
  if (Object.keys(figures).length) fs.writeFileSync(path.join(SHOTS, 'phone-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

/** Signs in on a phone: its own browser context at 390×844, touch, a phone's user agent. */
async function signInOnPhone(username: string): Promise<Page> {
  const context = await harness.browser.newContext({
    baseURL: system.baseUrl,
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.0',
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A script error (a page that fails to draw on a phone) is a failure of its own.
  page.on('pageerror', (error) => problems.push(`${username}: page error at ${page.url()}: ${error.message}`));
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('phone-header').waitFor();
  return page;
}

/** Waits until nothing on the page is loading (spinners, skeletons of lazy charts). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), null, { timeout: 20_000 });
  await page.waitForTimeout(250);
}

/**
 * The page is no wider than the screen. On failure the message names the widest elements that
 * stick out (outside any container that scrolls on its own), so the cause is visible at once.
 */
async function expectNoOverflow(page: Page, role: string, name: string, options: { shot?: boolean; fullPage?: boolean } = {}): Promise<void> {
  await settle(page);
  const width = page.viewportSize()?.width ?? VIEWPORT.width;
  const measured = await page.evaluate((screenWidth) => {
    const innerWidth = window.innerWidth;
    const scrolls = (e: Element | null): boolean => {
      for (let p = e?.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (p !== document.body && p !== document.documentElement && /(auto|scroll|hidden|clip)/.test(style.overflowX)) return true;
      }
      return false;
    };
    const offenders = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > screenWidth + 1 && !scrolls(e);
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className).slice(0, 60)} right=${Math.round(e.getBoundingClientRect().right)} 「${(e.textContent ?? '').slice(0, 30)}」`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, height: document.documentElement.scrollHeight, offenders };
  }, width);
  (figures[role] ??= {})[name] = { scrollWidth: measured.scrollWidth, innerWidth: measured.innerWidth, height: measured.height };
  if (options.shot !== false) await page.screenshot({ path: path.join(SHOTS, `phone-${role}-${name}.png`), fullPage: options.fullPage ?? false });
  // A page wider than the screen makes a phone zoom out to fit it (innerWidth then grows past 390
  // and equals scrollWidth): both must stay at the screen's width.
  if (measured.scrollWidth > measured.innerWidth || measured.innerWidth !== width) {
    problems.push(`${role} · ${name}: the page is ${measured.scrollWidth} px wide (viewport ${measured.innerWidth} px) on a ${width} px screen; sticking out: ${measured.offenders.join(' | ')}`);
  }
}

/** The ☰ drawer, once it has slid fully into the screen (its opening motion has ended). */
async function openDrawer(page: Page) {
  const drawer = page.locator('.ant-drawer-content-wrapper');
  const inPlace = () =>
    page.waitForFunction(
      () => {
        const wrapper = document.querySelector('.ant-drawer-content-wrapper');
        if (!wrapper) return false;
        const box = wrapper.getBoundingClientRect();
        return box.width > 0 && Math.abs(box.right - window.innerWidth) < 1 && !wrapper.className.includes('motion');
      },
      undefined,
      { timeout: 10_000 },
    );
  await page.getByTestId('menu-button').click();
  await drawer.waitFor();
  // On a loaded machine the slide-in motion has been seen to stall part way; close and open again.
  const placed = await inPlace().then(() => true, () => false);
  if (!placed) {
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('menu-button').click();
    await drawer.waitFor();
    await inPlace();
  }
  return drawer;
}

/** Every page in the user's menu, opened through the drawer; each must fit the screen. */
async function walkMenu(page: Page, role: string, tabs: Record<string, boolean> = {}): Promise<string[]> {
  const drawer = await openDrawer(page);
  const labels = await drawer.locator('.ant-menu-item').allInnerTexts();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  expect(labels.length).toBeGreaterThanOrEqual(3);
  for (const [i, label] of labels.entries()) {
    const open = await openDrawer(page);
    await open.locator('.ant-menu-item').filter({ hasText: label }).click();
    await open.waitFor({ state: 'hidden' }); // choosing a page closes the drawer
    const name = `${String(i + 1).padStart(2, '0')}-${label}`;
    await expectNoOverflow(page, role, name, { fullPage: label === '工作台' });
    // Every tab of a page with tabs (审核交办, 督查督办) is a page of its own on a phone.
    if (tabs[label]) {
      const names = await page.getByRole('tab').allInnerTexts();
      for (const tab of names.slice(1)) {
        // A tab partly off the scrolling tab bar is swiped to on a phone; the test clicks it where it is.
        const tabButton = page.getByRole('tab', { name: tab, exact: true });
        await tabButton.dispatchEvent('click');
        await page.locator('[role="tab"][aria-selected="true"]', { hasText: tab }).waitFor();
        await expectNoOverflow(page, role, `${name}-${tab}`, { shot: true });
      }
    }
  }
  return labels;
}

async function openMeasure(page: Page, id: string): Promise<void> {
  await page.goto(`/#/measures/${id}`);
  await page.getByTestId('measure-header').waitFor();
}

async function signOutFromDrawer(page: Page): Promise<void> {
  const drawer = await openDrawer(page);
  await drawer.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
  await page.context().close();
}

describe('the phone layout at 390×844', () => {
  beforeEach(() => {
    problems.length = 0;
  });

  it('staff: menu through the drawer, 签收 from the task card, 报送进展 through its dialog, sign out', async () => {
    const page = await signInOnPhone('air.staff1');
    // The desktop menu and header are gone; the name is in the drawer with 修改密码 and 退出登录.
    await expect(page.locator('.ant-menu-horizontal').count()).resolves.toBe(0);
    const drawer = await openDrawer(page);
    await expect(drawer.getByTestId('current-user').innerText()).resolves.toBe('李梦瑶 · 承办人');
    await drawer.getByRole('button', { name: '修改密码' }).waitFor();
    await drawer.getByRole('button', { name: '退出登录' }).waitFor();
    await drawer.getByText('中文').waitFor(); // the language switch
    await page.screenshot({ path: path.join(SHOTS, 'phone-staff-drawer.png') });
    await page.keyboard.press('Escape');

    const labels = await walkMenu(page, 'staff');
    expect(labels).toEqual(expect.arrayContaining(['我的任务', '全部事项']));

    // 签收 on the task's card in 我的任务.
    const open = await openDrawer(page);
    await open.locator('.ant-menu-item').filter({ hasText: '我的任务' }).click();
    const tasks = page.getByTestId('my-tasks');
    const task = tasks.locator('.responsive-card').filter({ has: page.locator(`[data-task="accept:${M.toAccept}"]`) });
    await task.getByRole('button', { name: '签收' }).click();
    await tasks.locator(`[data-task="accept:${M.toAccept}"]`).waitFor({ state: 'detached' });
    await expectNoOverflow(page, 'staff', 'my-tasks-after-accept');

    // 报送进展 through its dialog, on the measure's page.
    await openMeasure(page, M.toAccept);
    await page.getByTestId('measure-header').getByText('承办中').waitFor();
    await expectNoOverflow(page, 'staff', 'detail', { fullPage: true });
    await page.getByTestId('measure-header').getByRole('button', { name: '报送进展' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('完成百分比').fill('60');
    await dialog.getByLabel('进展说明').fill('已完成 12 家企业治理设施升级改造');
    const box = (await page.locator('.ant-modal').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    await expectNoOverflow(page, 'staff', 'progress-dialog');
    await confirmDialog(page, '报送');
    await page.getByTestId('timeline').getByText('已完成 12 家企业治理设施升级改造').waitFor();
    const measure = (await api('GET', `/measures/${M.toAccept}`, 'admin')) as { snapshot: { progress: { percent: number } } };
    expect(measure.snapshot.progress.percent).toBe(60);

    await page.goto('/#/notifications');
    await page.getByTestId('notifications').waitFor();
    await expectNoOverflow(page, 'staff', 'notifications');
    await page.goto('/#/password');
    await expectNoOverflow(page, 'staff', 'password');

    // The narrowest phones in use (360 px) and the widest (414 px): the same pages fit.
    for (const size of [{ width: 360, height: 740 }, { width: 414, height: 896 }]) {
      await page.setViewportSize(size);
      for (const [name, route] of [['my-tasks', '/my-tasks'], ['measures', '/measures'], ['detail', `/measures/${M.toAccept}`], ['dashboard', '/dashboard']] as const) {
        await page.goto(`/#${route}`);
        await expectNoOverflow(page, 'staff', `${size.width}-${name}`, { shot: size.width === 360 });
      }
    }
    await signOutFromDrawer(page);
    expect(problems).toEqual([]);
  });

  it('head: every page and tab fits, 审核通过 through the dialog, sign out', async () => {
    const page = await signInOnPhone('air.head');
    await walkMenu(page, 'head', { 审核交办: true });

    // The submission waits in 待审核 as a card; 审核通过 from the card's actions.
    const drawer = await openDrawer(page);
    await drawer.locator('.ant-menu-item').filter({ hasText: '审核交办' }).click();
    await page.getByRole('tab', { name: '待审核' }).click();
    const queue = page.getByTestId('review-queue');
    const card = queue.locator('.responsive-card').filter({ has: page.locator(`[data-measure-row="${M.toReview}"]`) });
    await card.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').getByLabel('意见').fill('同意办结');
    await expectNoOverflow(page, 'head', 'approve-dialog');
    await confirmDialog(page, '通过');
    await queue.locator(`[data-measure-row="${M.toReview}"]`).waitFor({ state: 'detached' });
    await openMeasure(page, M.toReview);
    await page.getByTestId('measure-header').locator('.ant-tag', { hasText: '已办结' }).waitFor();
    await expectNoOverflow(page, 'head', 'detail-completed', { fullPage: true });
    expect(await api('GET', `/measures/${M.toReview}`, 'admin')).toMatchObject({ state: 'completed' });

    // 交办 from the 待交办 card: the assignment dialog fits the screen, its fields stacked.
    await (await openDrawer(page)).locator('.ant-menu-item').filter({ hasText: '审核交办' }).click();
    await page.getByRole('tab', { name: '待交办' }).dispatchEvent('click');
    // The shared database holds other suites' measures too: search for this one (it may be pages down).
    const search = page.getByLabel('搜索编号、标题或内容', { exact: true }).filter({ visible: true }).first();
    await search.fill('手机端事项（toAssign）');
    await search.press('Enter');
    const toAssign = page.getByTestId('assign-queue').locator('.responsive-card').filter({ has: page.locator(`[data-measure-row="${M.toAssign}"]`) });
    await toAssign.getByRole('button', { name: '交办', exact: true }).click();
    const assign = page.getByRole('dialog');
    await chooseOption(page, '承办人', 'air.staff1');
    const due = assign.getByLabel('截止日期');
    await due.click();
    await due.fill(DUE);
    await due.press('Enter');
    const modal = (await page.locator('.ant-modal').boundingBox())!;
    expect(modal.x).toBeGreaterThanOrEqual(0);
    expect(modal.x + modal.width).toBeLessThanOrEqual(VIEWPORT.width);
    await expectNoOverflow(page, 'head', 'assign-dialog');
    await confirmDialog(page, '交办');
    await page.getByTestId('assign-queue').locator(`[data-measure-row="${M.toAssign}"]`).waitFor({ state: 'detached' });
    expect(await api('GET', `/measures/${M.toAssign}`, 'admin')).toMatchObject({ state: 'assigned', assigneeId: 'air.staff1', dueDate: DUE });

    await page.goto('/#/notifications');
    await page.getByTestId('notifications').waitFor();
    await expectNoOverflow(page, 'head', 'notifications');
    await signOutFromDrawer(page);
    expect(problems).toEqual([]);
  });

  it('supervisor: every page and every 督查督办 tab fits, the overdue measure as a card, sign out', async () => {
    const page = await signInOnPhone('supervisor1');
    await walkMenu(page, 'supervisor', { 督查督办: true });
    // The whole bureau's cockpit: the ranking list (the chart above it shows every department) starts folded to the top 5.
    await page.goto('/#/dashboard?year=2022');
    const ranking = page.getByTestId('cockpit-ranking');
    await ranking.locator('.responsive-card').first().waitFor();
    await expect(ranking.locator('.responsive-card').count()).resolves.toBe(5);
    const more = page.getByTestId('cockpit-ranking-more');
    const departments = Number(/(\d+)/.exec(await more.innerText())?.[1]);
    expect(departments).toBeGreaterThan(5);
    await more.click();
    await expect(ranking.locator('.responsive-card').count()).resolves.toBe(departments);
    await expectNoOverflow(page, 'supervisor', 'cockpit-all-ranks', { shot: false });
    await page.goto('/#/supervision');
    await page.getByTestId('overdue-audit').locator(`[data-overdue-row="${M.overdue}"]`).waitFor();
    await openMeasure(page, M.overdue);
    await expectNoOverflow(page, 'supervisor', 'detail-overdue', { fullPage: true });
    await signOutFromDrawer(page);
    expect(problems).toEqual([]);
  });

  it('leader: the cockpit fits the screen at a reasonable height, every page fits, sign out', async () => {
    const page = await signInOnPhone('leader1');
    await walkMenu(page, 'leader', { 督查督办: true });
    // The cockpit of the demo plan (2022, the largest): charts as wide as the screen, not 10,000 px tall.
    await page.goto('/#/dashboard?year=2022');
    await page.getByTestId('cockpit').waitFor();
    await expectNoOverflow(page, 'leader', 'cockpit-2022', { fullPage: true });
    for (const chart of await page.locator('[role="img"] canvas').all()) {
      const box = await chart.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    }
    expect(figures.leader['cockpit-2022'].height).toBeLessThan(6_000);
    await openMeasure(page, M.overdue);
    await expectNoOverflow(page, 'leader', 'detail', { fullPage: true });
    await signOutFromDrawer(page);
    expect(problems).toEqual([]);
  });

  it('admin: every page and every 系统管理 tab fits, sign out', async () => {
    const page = await signInOnPhone('admin');
    await walkMenu(page, 'admin', { 系统管理: true });
    // In English (longer words) every page still fits; the switch is in the drawer.
    const drawer = await openDrawer(page);
    await drawer.getByText('EN', { exact: true }).click();
    await drawer.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const english = await walkMenu(page, 'admin-en');
    expect(english).toEqual(expect.arrayContaining(['Dashboard', 'All measures']));
    await (await openDrawer(page)).getByText('中文', { exact: true }).click();
    await drawer.getByRole('button', { name: '退出登录' }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
