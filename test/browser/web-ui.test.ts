// The web UI in a real browser (Chromium), against the real API, worker, Temporal and PostgreSQL:
// each role signs in and walks a measure through its whole lifecycle, a rectification loop with a
// failed and a passed re-inspection, and the overdue audit. Uses chapter 5 of the seeded 2022 plan,
// which no other suite touches. Screenshots go to test/artifacts/browser/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beijingDate, mergeCalendarData, WorkingDayCalendar } from '@duban/domain';
import type { Locator, Page } from 'playwright-core';
import { bundledCalendarData } from '../../activities/calendar-data';
import { addPlanMeasure } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ARTIFACTS, chooseOption, confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const LIFECYCLE = '2022-5.1.1'; // suggested lead: soil
const INSPECTED = '2022-5.2.1'; // enforcement
const OVERDUE = '2022-5.3.2'; // nuclear
const NOTIFIED = '2022-6.2.2'; // party; no other suite uses it
const EXTENDED = '2022-5.1.2'; // soil
const IMPORT_YEAR = 2039; // no other suite imports it
// GET /calendar/years lists this year −5 … +3, so the loaded year must fall inside (not 2041: the
// calendar suite loads that one and counts its rows).
const CALENDAR_YEAR = new Date().getUTCFullYear() + 2;

const calendar = new WorkingDayCalendar(bundledCalendarData());
const today = beijingDate(Date.now());
const workingDaysFromToday = (n: number) => calendar.addWorkingDays(today, n).value;
const MILESTONE_DATE = workingDaysFromToday(8);

/** Types a date into an Ant Design date picker and commits it. */
async function fillDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};
const figures: Record<string, unknown> = {};

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: tokens[user], body });
  if (response.status !== 200 && response.status !== 201) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

beforeAll(async () => {
  system = await startTestSystem('browser');
  for (const user of ['admin', 'leader1', 'nuclear.head', 'enforcement.head', 'enforcement.staff1', 'party.head', 'party.staff1', 'soil.head', 'soil.staff2']) tokens[user] = await system.login(user);
  for (const id of [LIFECYCLE, INSPECTED, OVERDUE, NOTIFIED, EXTENDED]) await api('POST', `/measures/${id}/start`, 'admin');
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

/** Opens (or re-opens, reading it afresh) the measure's page. */
async function openMeasure(page: Page, id: string): Promise<void> {
  const hash = `#/measures/${id}`;
  if (page.url().endsWith(hash)) await page.reload();
  else await page.goto(`/${hash}`);
  await page.getByTestId('measure-header').waitFor();
}

const header = (page: Page) => page.getByTestId('measure-header');

describe('web UI in Chromium', () => {
  it('serves the UI at / and keeps the API paths', async () => {
    const index = await fetch(`${system.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await system.call('GET', '/health')).status).toBe(200);
    expect((await system.call('GET', '/plans')).body).toMatchObject({ code: 'NOT_AUTHENTICATED' });
  });

  it('walks assign → accept → report → submit → return → resubmit → approve through the UI', async () => {
    const head = await harness.signIn('soil.head');
    expect(head.url()).toContain('#/review');
    await openMeasure(head, LIFECYCLE);
    await header(head).getByRole('button', { name: '交办' }).click();
    const dialog = head.getByRole('dialog');
    // The plan's suggested lead department is pre-filled.
    await expect(dialog.getByText('土壤生态环境处').first().isVisible()).resolves.toBe(true);
    await chooseOption(head, '承办人', 'soil.staff1');
    // A milestone after the due date is refused by the form; one before it goes with the assignment.
    await dialog.getByRole('button', { name: '添加节点' }).click();
    await dialog.getByLabel('节点 1 名称').fill('完成首批地块排查');
    await fillDate(dialog.getByLabel('节点 1 日期'), workingDaysFromToday(40));
    await dialog.getByRole('button', { name: '交办', exact: true }).click();
    await dialog.getByText('节点日期不能晚于截止日期').waitFor();
    await fillDate(dialog.getByLabel('节点 1 日期'), MILESTONE_DATE);
    await harness.shot(head, '01-head-assign-dialog');
    await confirmDialog(head, '交办');
    await header(head).getByText('已交办').waitFor();
    await head.getByText('完成首批地块排查', { exact: true }).waitFor();
    expect(await api('GET', `/measures/${LIFECYCLE}`, 'admin')).toMatchObject({ snapshot: { milestones: [{ title: '完成首批地块排查', dueDate: MILESTONE_DATE }] } });

    const staff = await harness.signIn('soil.staff1');
    expect(staff.url()).toContain('#/my-tasks');
    const tasks = staff.getByTestId('my-tasks');
    await tasks.locator(`[data-task="accept:${LIFECYCLE}"]`).waitFor();
    await harness.shot(staff, '02-staff-my-tasks');
    await tasks.getByRole('row').filter({ has: staff.locator(`[data-task="accept:${LIFECYCLE}"]`) }).getByRole('button', { name: '签收' }).click();
    await tasks.locator(`[data-task="accept:${LIFECYCLE}"]`).waitFor({ state: 'detached' });

    await openMeasure(staff, LIFECYCLE);
    await header(staff).getByText('承办中').waitFor();
    await header(staff).getByRole('button', { name: '报送进展' }).click();
    const progress = staff.getByRole('dialog');
    const quantity = progress.getByLabel('已完成数量');
    if (await quantity.count()) await quantity.fill('3');
    else await progress.getByLabel('完成百分比').fill('40');
    await progress.getByLabel('进展说明').fill('已完成首批地块排查');
    // A real upload: the file goes to the measure at once, the report cites it by id.
    const ledger = Buffer.from('地块编号,面积\nQD-001,1200\n', 'utf8');
    await progress.locator('input[type="file"]').setInputFiles({ name: '排查台账.csv', mimeType: 'text/csv', buffer: ledger });
    await progress.locator('.ant-upload-list-item-done').filter({ hasText: '排查台账.csv' }).waitFor();
    await progress.getByLabel('佐证材料').fill('纸质材料已报送办公室');
    await progress.getByLabel('佐证材料').press('Enter');
    await harness.shot(staff, '02b-staff-progress-with-upload');
    await confirmDialog(staff, '报送');
    await staff.getByTestId('timeline').getByText('已完成首批地块排查').waitFor();
    const timelineLink = staff.getByTestId('timeline').getByTestId('evidence-link').filter({ hasText: '排查台账.csv' });
    await staff.getByTestId('timeline').getByText('纸质材料已报送办公室').waitFor();
    const [download] = await Promise.all([staff.waitForEvent('download'), timelineLink.click()]);
    expect(download.suggestedFilename()).toBe('排查台账.csv');
    expect(fs.readFileSync(await download.path()).equals(ledger)).toBe(true);
    await staff.getByTestId('evidence-files').getByText('排查台账.csv').waitFor();

    await header(staff).getByRole('button', { name: '提交审核' }).click();
    await staff.getByRole('dialog').getByLabel('办结说明').fill('已按要求完成');
    await confirmDialog(staff, '提交');
    await header(staff).getByText('审核中').waitFor();

    await head.goto('/#/review');
    await head.getByRole('tab', { name: '待审核' }).click();
    const queue = head.getByTestId('review-queue');
    await queue.locator(`[data-measure-row="${LIFECYCLE}"]`).waitFor();
    await harness.shot(head, '03-head-review-queue');
    await queue.getByRole('row').filter({ hasText: LIFECYCLE }).getByRole('button', { name: '退回整改' }).click();
    // A return without a comment is refused by the form before anything is sent.
    await head.getByRole('dialog').getByRole('button', { name: '退回', exact: true }).click();
    await head.getByRole('dialog').getByText('退回时必须填写意见').waitFor();
    await head.getByRole('dialog').getByLabel('意见').fill('缺少检测报告，请补充');
    await confirmDialog(head, '退回');

    await openMeasure(staff, LIFECYCLE);
    await header(staff).getByText('已退回').waitFor();
    await header(staff).getByRole('button', { name: '提交审核' }).click();
    await staff.getByRole('dialog').getByLabel('办结说明').fill('已补充检测报告');
    await confirmDialog(staff, '提交');

    await openMeasure(head, LIFECYCLE);
    await header(head).getByRole('button', { name: '审核通过' }).click();
    await confirmDialog(head, '通过');
    await header(head).getByText('已办结').waitFor();
    await harness.shot(head, '04-measure-completed');

    const timeline = await head.getByTestId('timeline').locator('[data-event-type]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event-type')));
    expect(timeline).toEqual(['assign', 'accept', 'reportProgress', 'submitForReview', 'returnForRework', 'submitForReview', 'approve']);
  });

  it('runs an inspection with a failed and a passed re-inspection', async () => {
    await api('POST', `/measures/${INSPECTED}/assign`, 'enforcement.head', {
      assigneeId: 'enforcement.staff1',
      leadDepartment: 'enforcement',
      dueDate: workingDaysFromToday(30),
    });
    await api('POST', `/measures/${INSPECTED}/accept`, 'enforcement.staff1');
    const findingId = `${INSPECTED}-f1`;

    const supervisor = await harness.signIn('supervisor1');
    expect(supervisor.url()).toContain('#/supervision');
    await openMeasure(supervisor, INSPECTED);
    await header(supervisor).getByRole('button', { name: '检查' }).click();
    await supervisor.getByRole('dialog').getByLabel('问题 1').fill('执法案卷未按期归档');
    await harness.shot(supervisor, '05-supervisor-inspection');
    await confirmDialog(supervisor, '提交检查结果');
    const card = (page: Page) => page.locator(`[data-finding="${findingId}"]`);
    await card(supervisor).getByText('整改中').waitFor();

    const staff = await harness.signIn('enforcement.staff1');
    const rectify = async (note: string) => {
      await openMeasure(staff, INSPECTED);
      await card(staff).getByRole('button', { name: '提交整改' }).click();
      await staff.getByRole('dialog').getByLabel('整改情况').fill(note);
      await confirmDialog(staff, '提交');
      await card(staff).getByText('待复查').waitFor();
    };
    await rectify('已归档 12 份案卷');

    await openMeasure(supervisor, INSPECTED);
    await card(supervisor).getByRole('button', { name: '复查' }).click();
    await supervisor.getByRole('dialog').getByText('不通过（继续整改）').click();
    await supervisor.getByRole('dialog').getByLabel('意见').fill('仍有 3 份未归档');
    await confirmDialog(supervisor, '确定');
    await card(supervisor).getByText('第 2 轮').waitFor();
    await card(supervisor).getByText('整改中').waitFor();

    await rectify('剩余 3 份已全部归档');
    await openMeasure(supervisor, INSPECTED);
    await card(supervisor).getByRole('button', { name: '复查' }).click();
    await confirmDialog(supervisor, '确定');
    await card(supervisor).getByText('已销号').waitFor();
    const rounds = await card(supervisor).locator('.ant-table-tbody tr').allInnerTexts();
    expect(rounds).toHaveLength(2);
    expect(rounds[0]).toContain('不通过');
    expect(rounds[0]).toContain('仍有 3 份未归档');
    expect(rounds[1]).toContain('通过');
    await harness.shot(supervisor, '06-finding-closed-after-two-rounds');
  });

  it('lets staff request an extension and the head decide it, re-planning the due date', async () => {
    const due = workingDaysFromToday(20);
    await api('POST', `/measures/${EXTENDED}/assign`, 'soil.head', { assigneeId: 'soil.staff2', leadDepartment: 'soil', dueDate: due });
    await api('POST', `/measures/${EXTENDED}/accept`, 'soil.staff2');
    const newDue = workingDaysFromToday(35);

    const staff = await harness.signIn('soil.staff2');
    await openMeasure(staff, EXTENDED);
    await header(staff).getByRole('button', { name: '申请延期' }).click();
    const request = staff.getByRole('dialog');
    await fillDate(request.getByLabel('申请截止日期'), newDue);
    await request.getByLabel('理由').fill('等待第三方检测报告');
    await confirmDialog(staff, '提交申请');
    await header(staff).getByText(`延期申请待审批：申请延至 ${newDue}`, { exact: false }).waitFor();

    const head = await harness.signIn('soil.head');
    await openMeasure(head, EXTENDED);
    await header(head).getByRole('button', { name: '审批延期' }).click();
    const decision = head.getByRole('dialog');
    await decision.getByText('等待第三方检测报告').waitFor();
    // Refusing needs a comment; agreeing moves the due date and the ladder.
    await decision.getByText('不同意', { exact: true }).click();
    await decision.getByRole('button', { name: '确定', exact: true }).click();
    await decision.getByText('不同意延期时必须填写意见').waitFor();
    await decision.getByText('同意', { exact: true }).click();
    await harness.shot(head, '06b-head-extension-decision');
    await confirmDialog(head, '确定');
    await openMeasure(head, EXTENDED);
    await head.getByText(newDue).first().waitFor();
    expect(await api('GET', `/measures/${EXTENDED}`, 'admin')).toMatchObject({ dueDate: newDue, snapshot: { extensions: [{ n: 1, status: 'approved', newDueDate: newDue }] } });
    const types = await head.getByTestId('timeline').locator('[data-event-type]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event-type')));
    expect(types).toEqual(['assign', 'accept', 'requestExtension', 'decideExtension']);
  });

  it('lets a supervisor download the monthly bulletin and the ledger as Excel files', async () => {
    const supervisor = await harness.signIn('supervisor1');
    await supervisor.goto('/#/supervision');
    await supervisor.getByRole('tab', { name: '报表导出' }).click();
    for (const [button, name] of [
      [/下载通报（Excel）/, /^.+工作要点督办通报（\d{4}年\d{1,2}月）\.xlsx$/],
      [/下载 \d{4} 年台账（Excel）/, /^.+工作要点台账（\d{4}-\d{2}-\d{2}）\.xlsx$/],
    ] as const) {
      const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(name);
      const bytes = fs.readFileSync(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an .xlsx is a zip
      expect(bytes.length).toBeGreaterThan(4_000);
    }
    await supervisor.getByText(/已下载 .+工作要点台账（/).waitFor();
  });

  it('shows a measure assigned with a due date 4 working days back in the overdue audit at the 督办 level', async () => {
    const due = workingDaysFromToday(-4);
    const overdueDays = calendar.workingDaysBetween(due, today).value;
    // Work already under way, recorded by a leader (补录): the only way to a past due date.
    await api('POST', `/measures/${OVERDUE}/assign`, 'leader1', {
      assigneeId: 'nuclear.staff1',
      leadDepartment: 'nuclear',
      dueDate: due,
      assignedOn: workingDaysFromToday(-30),
      backdateReason: '年初已交办，补录',
    });

    const supervisor = await harness.signIn('supervisor2');
    const row = supervisor.locator('tr').filter({ has: supervisor.locator(`[data-overdue-row="${OVERDUE}"]`) });
    // The ladder fires as soon as the workflow sees the past due date; reload until it is recorded.
    for (let attempt = 0; attempt < 20; attempt++) {
      await supervisor.goto('/#/supervision');
      await supervisor.getByTestId('overdue-audit').waitFor();
      if ((await row.count()) > 0 && (await row.getByText('督办', { exact: true }).count()) > 0) break;
      await supervisor.waitForTimeout(500);
    }
    await row.getByText('督办', { exact: true }).waitFor();
    await row.getByText(`${overdueDays} 个工作日`).first().waitFor();
    await supervisor.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await harness.shot(supervisor, '07-supervisor-overdue-audit');

    // The 督办 step issued a numbered 督办单; the supervisor finds it, then checks the audit chain.
    await supervisor.getByRole('tab', { name: '督办单与问责记录' }).click();
    const notice = supervisor.getByTestId('notices').locator(`[data-notice="${OVERDUE}"]`).first();
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/^督〔\d{4}〕第\d+号$/);
    await supervisor.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await supervisor.waitForTimeout(400); // the tab's ink bar and the table's fade-in, for the screenshot
    await harness.shot(supervisor, '07b-supervisor-notices');
    await supervisor.getByRole('tab', { name: '报表导出' }).click();
    await supervisor.getByTestId('audit-chain').getByRole('button', { name: '开始校验' }).click();
    await supervisor.getByTestId('audit-chain').locator('[data-chain="ok"]').getByText(/审计链完整：已校验 \d+ 条记录/).waitFor({ timeout: 30_000 });
  });

  it('lets a leader record work already under way (补录) through the assign dialog, with a past due date', async () => {
    const measureId = await addPlanMeasure(system.dataSource, 'soil');
    await api('POST', `/measures/${measureId}/start`, 'admin');
    const leader = await harness.signIn('leader1');
    await openMeasure(leader, measureId);
    await header(leader).getByRole('button', { name: '交办' }).click();
    const dialog = leader.getByRole('dialog');
    await chooseOption(leader, '承办人', 'soil.staff1');
    await dialog.getByRole('switch', { name: '补录已在办理的工作' }).click();
    const assignedOn = workingDaysFromToday(-40);
    const due = workingDaysFromToday(-5);
    await fillDate(dialog.getByLabel('实际交办日期'), assignedOn);
    await dialog.getByLabel('补录原因').fill('年初已书面交办，系统上线后补录');
    await fillDate(dialog.getByLabel('截止日期'), due);
    await confirmDialog(leader, '交办');
    await header(leader).getByText('已交办').waitFor();
    expect(await api('GET', `/measures/${measureId}`, 'admin')).toMatchObject({ dueDate: due, snapshot: { assignedOn, headId: 'leader1' } });
  });

  it('lets the admin cancel a measure with a reason, kept on its record', async () => {
    const measureId = await addPlanMeasure(system.dataSource, 'soil');
    await api('POST', `/measures/${measureId}/start`, 'admin');
    await api('POST', `/measures/${measureId}/assign`, 'soil.head', { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: workingDaysFromToday(15) });
    const admin = await harness.signIn('admin');
    await openMeasure(admin, measureId);
    await header(admin).getByRole('button', { name: '撤销事项' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: '撤销', exact: true }).click();
    await dialog.getByText('撤销事项必须说明理由').waitFor();
    await dialog.getByLabel('撤销理由').fill('并入 2026 年专项行动统一办理');
    await confirmDialog(admin, '撤销');
    await header(admin).getByText('已撤销').waitFor();
    await admin.getByTestId('timeline').getByText('并入 2026 年专项行动统一办理').waitFor();
    expect(await api('GET', `/measures/${measureId}`, 'admin')).toMatchObject({ state: 'cancelled', snapshot: { cancelReason: '并入 2026 年专项行动统一办理' } });
  });

  it('renders the dashboard of the 2022 plan (and records how long until the tree is interactive)', async () => {
    const page = await harness.signIn('leader1');
    await page.goto('/#/dashboard');
    await page.reload(); // a cold load: navigation start → tree rendered
    // Generous: this suite shares 2 cores with the fuzzing suite; the figure is what it measures.
    await page
      .getByTestId('plan-tree')
      .locator('[data-measure]')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await harness.shot(page, 'failed-dashboard');
        throw new Error(`the dashboard's plan tree did not render; the page shows: ${(await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 400)}`, { cause: error });
      });
    const ms = await page.evaluate(() => performance.now());
    figures.dashboardInteractiveMs = Math.round(ms);
    console.log(`dashboard of the 2022 plan interactive after ${Math.round(ms)} ms (navigation start → tree rendered)`);
    await expect(page.getByTestId('plan-tree').locator('[data-measure]').count()).resolves.toBe(57);
    await page.getByText('主要目标指标（6 项）').waitFor();
    await harness.shot(page, '08-dashboard');
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Dashboard', { exact: true }).first().waitFor();
    await harness.shot(page, '09-dashboard-english');
  });

  it('lets the admin import a plan document and load a year of official holidays', async () => {
    const admin = await harness.signIn('admin');
    expect(admin.url()).toContain('#/admin');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-browser-'));
    const seed = fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8');
    const good = path.join(dir, `plan-${IMPORT_YEAR}.txt`);
    fs.writeFileSync(good, seed.replaceAll('2022年工作要点', `${IMPORT_YEAR}年工作要点`));
    const bad = path.join(dir, 'not-a-plan.txt');
    fs.writeFileSync(bad, '这是一段与工作计划无关的文字。今天天气很好。');

    const card = admin.getByTestId('plan-import');
    const input = card.locator('input[type="file"]');
    // A document that is no plan: the API's plain sentence is shown, nothing else.
    await input.setInputFiles(bad);
    const error = admin.getByTestId('plan-import-error');
    await error.waitFor();
    expect((await error.innerText()).length).toBeGreaterThan(6);
    await input.setInputFiles(good);
    const report = admin.getByTestId('plan-import-report');
    await report.waitFor({ timeout: 60_000 });
    await report.getByText(`${IMPORT_YEAR} 年工作要点导入结果`).waitFor();
    await expect(report.locator('[data-count="created"]').innerText()).resolves.toBe(String(6 + 5 + 17 + 57));
    await expect(report.locator('[data-count="updated"]').innerText()).resolves.toBe('0');
    await expect(report.locator('[data-count="missing"]').innerText()).resolves.toBe('0');
    await expect(report.locator('[data-count="workflows"]').innerText()).resolves.toBe('57');
    await harness.shot(admin, '10-admin-plan-import');

    const calendarCard = admin.getByTestId('calendar-admin');
    await calendarCard.getByLabel('年份').fill(String(CALENDAR_YEAR));
    await calendarCard.getByLabel('放假日期').fill(`${CALENDAR_YEAR}-13-01`);
    await calendarCard.getByRole('button', { name: '载入节假日' }).click();
    await admin.getByTestId('calendar-error').getByText('日期无效').waitFor();
    const saturday = [...Array(7).keys()].map((d) => `${CALENDAR_YEAR}-09-${String(20 + d).padStart(2, '0')}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
    await calendarCard.getByLabel('放假日期').fill([`${CALENDAR_YEAR}-01-01`, `${CALENDAR_YEAR}-10-01`, `${CALENDAR_YEAR}-10-02`, `${CALENDAR_YEAR}-10-03`].join('\n'));
    await calendarCard.getByLabel('调休上班日期').fill(saturday);
    await calendarCard.getByRole('button', { name: '载入节假日' }).click();
    await admin.getByTestId('calendar-saved').getByText(`已载入 ${CALENDAR_YEAR} 年官方节假日：放假 4 天，调休上班 1 天`).waitFor();
    const row = admin.locator(`[data-year="${CALENDAR_YEAR}"]`);
    await row.getByText('官方（管理员载入）').waitFor();
    await expect(row.getAttribute('data-source')).resolves.toBe('official');
    await admin.getByRole('tab', { name: '人员管理' }).click();
    await admin.getByTestId('users').getByText('air.staff1', { exact: true }).waitFor();
    await harness.shot(admin, '11-admin-calendar-and-organization');

    // The browser counts working days with the year just loaded, as the server does.
    const holidays = [`${CALENDAR_YEAR}-01-01`, `${CALENDAR_YEAR}-10-01`, `${CALENDAR_YEAR}-10-02`, `${CALENDAR_YEAR}-10-03`];
    const official = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), [{ year: CALENDAR_YEAR, holidays, workdays: [saturday] }]));
    const due = `${CALENDAR_YEAR}-10-20`;
    const expected = official.workingDaysBetween(today, due).value;
    expect(expected).not.toBe(calendar.workingDaysBetween(today, due).value);
    const measureId = await addPlanMeasure(system.dataSource, 'soil');
    await api('POST', `/measures/${measureId}/start`, 'admin');
    await api('POST', `/measures/${measureId}/assign`, 'soil.head', { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: due });
    await admin.goto(`/#/measures/${measureId}`);
    await admin.reload();
    await header(admin).waitFor();
    await admin.getByText(`${due} （剩余 ${expected} 个工作日）`).first().waitFor();
  });

  it('shows a staff member the unread count on the bell; opening the notification reads it and opens the measure', async () => {
    await api('POST', `/measures/${NOTIFIED}/assign`, 'party.head', { assigneeId: 'party.staff1', leadDepartment: 'party', dueDate: workingDaysFromToday(20) });
    let unread = 0;
    for (let attempt = 0; attempt < 40 && unread === 0; attempt++) {
      unread = ((await api('GET', '/notifications?unread=true&pageSize=1', 'party.staff1')) as { total: number }).total;
      if (unread === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(unread).toBeGreaterThan(0);

    const staff = await harness.signIn('party.staff1');
    const count = staff.getByTestId('notification-count');
    await staff.locator(`[data-testid="notification-count"][data-unread="${unread}"]`).waitFor();
    await harness.shot(staff, '12-staff-bell');
    await staff.getByTestId('notification-bell').click();
    const inbox = staff.getByTestId('notifications');
    const item = inbox.locator('tr[data-notification]').filter({ hasText: NOTIFIED }).first();
    await item.waitFor();
    await expect(item.locator('[data-read]').getAttribute('data-read')).resolves.toBe('false');
    await expect(staff.getByRole('button', { name: '全部已读' }).isEnabled()).resolves.toBe(true);
    await staff.waitForTimeout(400); // let the menu's and buttons' colour transitions settle for the screenshot
    await harness.shot(staff, '13-staff-notifications');
    await item.click();
    await staff.getByTestId('measure-header').waitFor();
    expect(staff.url()).toContain(`#/measures/${NOTIFIED}`);
    await staff.locator(`[data-testid="notification-count"][data-unread="${unread - 1}"]`).waitFor();
    await expect(count.getAttribute('data-unread')).resolves.toBe(String(unread - 1));
  });
});
