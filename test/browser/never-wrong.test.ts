// Never the wrong thing, in Chromium against the real system: the detail page shows only the
// measure in its address or a plain error (无权查看 / 不存在 / 编号无效), never the measure shown
// before; the back button brings that one back. Each role reaches only pages it can use (others say
// 无权访问, no page shows the API's refusals); ladder steps that fired read as done (✓), never ✕;
// dates are Beijing dates, durations never negative, the provisional note only where a count
// crosses an unknown year; English mode leaves no light reason or 系统 in Chinese.
// Measures of its own (the 2026 test plan's chapter 99), so no other suite's state matters.
// Screenshots: /tmp/duban-shots/never-wrong-*.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beijingDate, mergeCalendarData, WorkingDayCalendar, type OfficialYear } from '@duban/domain';
import type { Page } from 'playwright-core';
import { bundledCalendarData } from '../../activities/calendar-data';
import { PAGE_ROLES } from '../../apps/web/src/lib/pageAccess';
import { addPlanMeasure } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { openHarness, type Harness } from './browser-harness';

jest.setTimeout(120_000);

const SHOTS = '/tmp/duban-shots';
const CJK = /[\u3400-\u9fff]/;

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};
let calendar: WorkingDayCalendar;
const today = beijingDate(Date.now());
/** A: water's, overdue (补录), its whole ladder fired. B: air's, outside water's scope. C: due in the next year. */
const ids = { a: '', b: '', c: '' };
let titleA = '';

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: tokens[user], body });
  if (response.status !== 200 && response.status !== 201) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `never-wrong-${name}.png`), fullPage: true });
}

/** Waits until the page has stopped loading (no spinner for a moment). */
async function settled(page: Page): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < 60 && quiet < 3; i++) {
    await page.waitForTimeout(150);
    quiet = (await page.locator('.ant-spin-spinning, .ant-skeleton-active').count()) === 0 ? quiet + 1 : 0;
  }
}

const bodyText = (page: Page) => page.locator('body').innerText();
/** The measure's heading: its number and title. */
const heading = (page: Page) => page.getByTestId('measure-header').getByRole('heading', { level: 3 });

beforeAll(async () => {
  system = await startTestSystem('never-wrong');
  for (const user of ['admin', 'leader1', 'water.head', 'water.staff1']) tokens[user] = await system.login(user);
  const official = (await api('GET', '/calendar/official', 'admin')) as unknown as OfficialYear[];
  calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), official));
  ids.a = await addPlanMeasure(system.dataSource, 'water');
  ids.b = await addPlanMeasure(system.dataSource, 'air');
  ids.c = await addPlanMeasure(system.dataSource, 'water');
  titleA = `测试事项 ${ids.a.slice('2026-'.length)}`;
  for (const id of Object.values(ids)) await api('POST', `/measures/${id}/start`, 'admin');
  // A: work already under way, recorded as it happened (补录): due 12 working days ago.
  const dueA = calendar.addWorkingDays(today, -12).value;
  await api('POST', `/measures/${ids.a}/assign`, 'leader1', {
    assigneeId: 'water.staff1',
    leadDepartment: 'water',
    dueDate: dueA,
    assignedOn: calendar.addWorkingDays(dueA, -30).value,
    backdateReason: '年初已书面交办，补录',
  });
  // C: due early next year.
  await api('POST', `/measures/${ids.c}/assign`, 'water.head', { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: `${Number(today.slice(0, 4)) + 1}-01-20` });
  await until(async () => {
    const [row] = await system.dataSource.query('SELECT escalation_level FROM measure_states WHERE measure_id = $1', [ids.a]);
    return row?.escalation_level === 'accountability' ? row : undefined;
  }, `${ids.a} to reach 问责`);
  await api('POST', `/measures/${ids.a}/accept`, 'water.staff1');
  await api('POST', `/measures/${ids.a}/progress`, 'water.staff1', { percent: 40, note: '已完成前期调研' });
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

async function openMeasure(page: Page, id: string): Promise<void> {
  await page.goto(`/#/measures/${id}`);
  await page.getByTestId('measure-header').waitFor();
}

describe('never the wrong thing', () => {
  it('shows only the measure in the address, or a plain error — never the one shown before', async () => {
    const page = await harness.signIn('water.staff1');
    await openMeasure(page, ids.a);
    await heading(page).getByText(titleA).waitFor();

    const expectError = async (id: string, kind: string, title: string) => {
      await page.goto(`/#/measures/${id}`);
      const error = page.getByTestId('remote-refused');
      await error.waitFor();
      expect(await error.getAttribute('data-kind')).toBe(kind);
      await error.getByText(title, { exact: true }).waitFor();
      await settled(page);
      const text = await bodyText(page);
      // Nothing of A: not its title, not its number, no header, no timeline.
      expect(text).not.toContain(titleA);
      expect(text).not.toContain(ids.a);
      expect(await page.getByTestId('measure-header').count()).toBe(0);
      expect(await page.getByTestId('timeline').count()).toBe(0);
      // The breadcrumb names the address's id.
      expect(text).toContain(id);
    };
    const missing = '2026-99.1.999999';
    await expectError(missing, 'not-found', '事项不存在');
    await shot(page, 'not-found');
    await expectError(ids.b, 'not-visible', '无权查看此事项');
    await shot(page, 'not-visible');
    await expectError('not-a-measure', 'bad-id', '事项编号无效');

    // Back through the history: each address shows its own answer, then A again.
    await page.goBack();
    await page.getByTestId('remote-refused').and(page.locator('[data-kind="not-visible"]')).waitFor();
    await page.goBack();
    await page.getByTestId('remote-refused').and(page.locator('[data-kind="not-found"]')).waitFor();
    await page.goBack();
    await heading(page).getByText(titleA).waitFor();
    expect(await page.getByTestId('remote-refused').count()).toBe(0);

    // Straight from one measure to another, the other slow to answer: while it loads, nothing of A.
    await page.route(`**/measures/${ids.c}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`/#/measures/${ids.c}`);
    await page.waitForTimeout(500);
    expect(await bodyText(page)).not.toContain(titleA);
    expect(await page.getByTestId('measure-header').count()).toBe(0);
    await heading(page).getByText(ids.c).waitFor();
    expect(await bodyText(page)).not.toContain(titleA);
    await page.unroute(`**/measures/${ids.c}`);
  });

  it('gives each role only pages it can use: the others say 无权访问, none shows the API refusing', async () => {
    const roles = { staff: 'water.staff1', department_head: 'water.head', supervisor: 'supervisor1', leader: 'leader1', admin: 'admin' } as const;
    const visited: string[] = [];
    for (const [role, username] of Object.entries(roles)) {
      const page = await harness.signIn(username);
      for (const [route, allowed] of Object.entries(PAGE_ROLES)) {
        await page.goto(`/#${route}`);
        await settled(page);
        const may = (allowed as readonly string[]).includes(role);
        const forbidden = await page.getByTestId('page-forbidden').count();
        const refusals = await page.locator('.ant-alert-error, [data-testid="remote-refused"], .ant-result-error').count();
        const where = `${username} on #${route}`;
        if (may) {
          expect({ where, forbidden }).toEqual({ where, forbidden: 0 });
          expect({ where, refusals }).toEqual({ where, refusals: 0 });
        } else {
          expect({ where, forbidden }).toEqual({ where, forbidden: 1 });
          await page.getByTestId('page-forbidden').getByText('无权访问此页面').waitFor();
          expect({ where, refusals }).toEqual({ where, refusals: 0 });
        }
        visited.push(`${where}: ${may ? 'open' : '无权访问'}`);
      }
      if (role === 'staff') {
        await page.goto('/#/supervision');
        await page.getByTestId('page-forbidden').waitFor();
        await shot(page, 'staff-supervision');
        await page.getByTestId('page-forbidden').getByRole('button', { name: '返回首页' }).click();
        await page.waitForURL(/#\/my-tasks/);
      }
    }
    expect(visited.length).toBe(Object.keys(roles).length * Object.keys(PAGE_ROLES).length);
  });

  it('shows fired ladder steps as done (✓, never a red ✕), Beijing dates and no negative durations', async () => {
    const page = await harness.signIn('water.staff1');
    await openMeasure(page, ids.a);
    const ladder = page.getByTestId('deadline-ladder');
    await ladder.waitFor();
    expect(await ladder.locator('.ant-steps-item').count()).toBe(4);
    expect(await ladder.locator('.ant-steps-item-finish').count()).toBe(4);
    expect(await ladder.locator('.ant-steps-item-error').count()).toBe(0);
    expect(await ladder.innerText()).toContain('已发出');
    await ladder.scrollIntoViewIfNeeded();
    await shot(page, 'ladder-fired');

    // 最近报送 is the Beijing date of the report (made just now).
    await page.getByTestId('progress').getByText(`最近报送 ${beijingDate(Date.now())}`).waitFor();
    const text = await bodyText(page);
    expect(text).not.toMatch(/-\d+\s*个工作日/);
    expect(text).toContain('逾期 12 个工作日');
    expect(text).toMatch(/办理时限 30 个工作日/);
    // All of A's dates are in years whose holidays are known: no provisional note.
    expect(await page.getByTestId('due-provisional').count()).toBe(0);

    // C is due next year: its count crosses that year, provisional unless its holidays are known.
    await openMeasure(page, ids.c);
    const nextYear = Number(today.slice(0, 4)) + 1;
    const known = calendar.isCoveredYear(nextYear);
    expect(await page.getByTestId('due-provisional').count()).toBe(known ? 0 : 1);
    if (!known) await page.getByTestId('due-provisional').getByText('跨年节假日尚未公布').waitFor();
    await shot(page, 'provisional');
  });

  it('says light reasons and 系统 in English in English mode', async () => {
    const page = await harness.signIn('water.staff1');
    await page.evaluate("localStorage.setItem('duban.language', 'en')");
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await openMeasure(page, ids.a);
    const reasons = page.getByTestId('light-reasons');
    await reasons.waitFor();
    const reasonText = await reasons.innerText();
    expect(reasonText).toContain('12 working days overdue');
    expect(reasonText).not.toMatch(CJK);
    // The ladder's escalations are the system's: named in English.
    const actors = await page.getByTestId('event-actor').allInnerTexts();
    expect(actors).toContain('System');
    expect(actors.join(' ')).not.toContain('系统');
    const header = await page.getByTestId('measure-header').innerText();
    // The header's words besides the measure's own title (data, never translated) are English.
    expect(header.replaceAll(titleA, '')).not.toMatch(CJK);
    // The ladder's 督办单 (issued by the rules): its kind and status in English too.
    const directive = page.getByTestId('directives');
    await directive.getByText('Supervision notice', { exact: true }).waitFor();
    expect(await directive.getByTestId('directive-status').first().innerText()).not.toMatch(CJK);
    await shot(page, 'english');
    await page.evaluate("localStorage.setItem('duban.language', 'zh')");
  });
});
