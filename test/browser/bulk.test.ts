// 批量交办 in Chromium: a department head opens 待交办, selects a section of the plan with
// 「按章节/处室选择」, assigns it with one due date in one dialog, and reads the result, which names
// the one measure someone else assigned in the meantime and why it was not assigned again. A measure
// no department owns shows 「未定牵头处室」. This suite owns the 2073 plan.
import { Client } from '@temporalio/client';
import type { Locator, Page } from 'playwright-core';
import { beijingDate, WorkingDayCalendar } from '@duban/domain';
import { PlanRepository } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { startMeasureWorkflows } from '@duban/temporal';
import { bundledCalendarData } from '../../activities/calendar-data';
import { addPlanMeasure } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { chooseOption, openHarness, type Harness } from './browser-harness';

jest.setTimeout(150_000);

const YEAR = 2073;
const id = (code: string) => `${YEAR}-${code}`;
const PLAN = `某市生态环境局${YEAR}年工作要点

一、主要目标指标

(一)水生态环境方面。国控断面水质优良比例达到省下达目标。

二、深入打好污染防治攻坚战

(一)打好碧水保卫战。

1.推进污水处理设施提质增效。完成年度任务。

2.加强饮用水水源地保护。完成年度任务。

3.推进入河排污口整治。完成年度任务。

(二)打好蓝天保卫战。

1.开展臭氧污染防治攻坚。完成年度任务。
`;
const SECTION = ['2.1.1', '2.1.2', '2.1.3'].map(id);
const TAKEN = id('2.1.3'); // assigned by a leader while the head's dialog is open
const calendar = new WorkingDayCalendar(bundledCalendarData());
const DUE = calendar.addWorkingDays(beijingDate(Date.now()), 25).value;

let system: TestSystem;
let harness: Harness;
let unowned: string;

async function fillDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: await system.login(user), body });
  if (response.status !== 200) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

beforeAll(async () => {
  const started = await startTestSystem('bulk-browser');
  system = started;
  const plans = new PlanRepository(system.dataSource);
  await plans.importPlan(parsePlan(PLAN), { suggestedLeads: { '2.1.1': 'water', '2.1.2': 'water', '2.1.3': 'water', '2.2.1': 'air' } });
  unowned = await addPlanMeasure(system.dataSource, null, YEAR);
  await startMeasureWorkflows(system.app.get(Client), started.taskQueue, await plans.measuresToStart(YEAR));
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

/** The 待交办 tab's content: the tab panel holding the assign queue (a tab's content renders once it is opened). */
const assignPane = (page: Page) => page.getByRole('tabpanel').filter({ has: page.getByTestId('assign-queue') });

describe('批量交办 in the browser', () => {
  it('a head selects a section under 待交办, assigns it with one due date, and sees what failed and why', async () => {
    const head = await harness.signIn('water.head');
    await head.goto('/#/review');
    await head.getByRole('tab', { name: '待交办' }).click();
    const pane = assignPane(head);
    const bar = pane.getByTestId('bulk-bar');
    await bar.waitFor();

    // A measure no department owns is there too, marked as such (only a leader may give it a lead).
    const title = ((await system.dataSource.query('SELECT title FROM measures WHERE id = $1', [unowned])) as Array<{ title: string }>)[0].title;
    const search = pane.getByLabel('搜索编号、标题或内容');
    await search.fill(title);
    await search.press('Enter');
    await pane.locator(`[data-measure-row="${unowned}"]`).waitFor();
    await pane.getByRole('row').filter({ has: head.locator(`[data-measure-row="${unowned}"]`) }).getByText('未定牵头处室').waitFor();
    await search.fill('');
    await search.press('Enter');

    // 按章节/处室选择: the 2073 plan, section 2.1, the head's own department (pre-set).
    await bar.getByRole('button', { name: '按章节/处室选择' }).click();
    const pick = head.getByRole('dialog');
    await chooseOption(head, '年度', String(YEAR));
    await pick.getByLabel('章 / 节').click();
    await head.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: '2.1 打好碧水保卫战' }).click();
    await pick.getByRole('button', { name: /^选择（3）$/ }).waitFor();
    await harness.shot(head, 'bulk-01-pick-section');
    await pick.getByRole('button', { name: /^选择（3）$/ }).click();
    await pick.waitFor({ state: 'hidden' });
    await bar.getByTestId('bulk-selected').getByText('已选 3 项').waitFor();

    await bar.getByRole('button', { name: '批量交办' }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByText('批量交办（3 项）').waitFor();
    await chooseOption(head, '承办人', 'water.staff1');
    await fillDate(dialog.getByLabel('截止日期'), DUE);
    // Meanwhile a leader assigns one of them: it must fail alone, with the reason.
    await api('POST', `/measures/${TAKEN}/assign`, 'leader1', { assigneeId: 'water.staff2', leadDepartment: 'water', dueDate: DUE });
    await harness.shot(head, 'bulk-02-dialog');
    // The form closes and the result opens in its place.
    await dialog.getByRole('button', { name: '批量交办', exact: true }).click();

    const result = head.getByTestId('bulk-result');
    await result.waitFor();
    await result.getByText('成功 2 项，未成功 1 项').waitFor();
    await result.getByTestId('bulk-succeeded').getByText(`${SECTION[0]}、${SECTION[1]}`).waitFor();
    const failed = result.getByTestId('bulk-failed').getByRole('row').filter({ has: head.locator(`[data-failed-measure="${TAKEN}"]`) });
    await failed.getByText('事项当前状态为「已交办」，不能交办').waitFor();
    await harness.shot(head, 'bulk-03-result');
    await head.getByRole('dialog').getByRole('button', { name: /确\s*定|确认/ }).click();
    await result.waitFor({ state: 'hidden' });
    // The failed one stays selected; the assigned ones left the selection and the list.
    await bar.getByTestId('bulk-selected').getByText('已选 1 项').waitFor();

    for (const m of SECTION.slice(0, 2)) {
      expect(await api('GET', `/measures/${m}`, 'leader1')).toMatchObject({ state: 'assigned', assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: DUE });
    }
    expect(await api('GET', `/measures/${TAKEN}`, 'leader1')).toMatchObject({ state: 'assigned', assigneeId: 'water.staff2' });
    const events = (await system.dataSource.query(`SELECT measure_id AS m, type, actor_id AS a FROM measure_events WHERE measure_id = ANY($1) ORDER BY measure_id, sequence`, [SECTION])) as Array<{ m: string; type: string; a: string }>;
    expect(events.map((e) => [e.m, e.type, e.a])).toEqual([
      [SECTION[0], 'assign', 'water.head'],
      [SECTION[1], 'assign', 'water.head'],
      [TAKEN, 'assign', 'leader1'],
    ]);
  });
});
