// In Chromium: leader1 changes a plan's 督办规则 (a new version, listed), then runs its 年终结转 from
// the confirmation that lists what will be carried, reads the frozen 完成情况, and follows the link
// from a successor back to the carried-over measure, whose history shows right there.
import type { Page } from 'playwright-core';
import { daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

/** Plan years of this suite's own. */
const YEAR = 2081;
const NEXT = 2082;

let system: TestSystem;
let harness: Harness;
const working = `${YEAR}-2.1.1`;
const unassigned = `${YEAR}-2.1.2`;

beforeAll(async () => {
  system = await startTestSystem('browser-plan-year');
  harness = await openHarness(system.baseUrl);
  const q = (sql: string, params: unknown[]) => system.dataSource.query(sql, params);
  await q(`INSERT INTO plans (year, title) VALUES ($1, $2)`, [YEAR, `${YEAR}年工作要点`]);
  await q(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, '2', '重点任务', 2)`, [YEAR]);
  await q(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, '2.1', '2', '水环境', 1)`, [YEAR]);
  for (const [id, title, position] of [
    [working, '推进入海河流综合整治', 1],
    [unassigned, '开展地下水污染调查', 2],
  ] as const) {
    await q(`INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, '2.1', $4, $4, $5, 'water')`, [
      id,
      YEAR,
      id.slice(5),
      title,
      position,
    ]);
  }
  const [admin, head, staff] = [await system.login('admin'), await system.login('water.head'), await system.login('water.staff1')];
  for (const id of [working, unassigned]) expect((await system.call('POST', `/measures/${id}/start`, { token: admin })).status).toBe(200);
  expect((await system.call('POST', `/measures/${working}/assign`, { token: head, body: { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60) } })).status).toBe(200);
  expect((await system.call('POST', `/measures/${working}/accept`, { token: staff })).status).toBe(200);
  expect((await system.call('POST', `/measures/${working}/progress`, { token: staff, body: { note: '已完成 5 条河流整治方案' } })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

async function openSettings(page: Page): Promise<void> {
  await page.goto(`/#/plan-settings?year=${YEAR}`);
  await page.getByTestId('plan-policy').waitFor();
}

it('leader1 changes the plan’s 督办规则 with a reason; the new version is in force and listed', async () => {
  const leader = await harness.signIn('leader1');
  await openSettings(leader);
  const card = leader.getByTestId('plan-policy');
  await card.getByTestId('policy-version').getByText('默认规则').waitFor();
  await card.getByTestId('policy-edit').click();
  const supervision = card.getByLabel('督办逾期天数', { exact: true });
  await supervision.fill('2');
  await card.getByLabel('修改理由').fill('年底从严督办');
  // 问责 must stay after 督办: the form says so before anything is sent.
  await card.getByLabel('问责逾期天数', { exact: true }).fill('2');
  await card.getByTestId('policy-save').click();
  await card.getByText('问责逾期天数应多于督办逾期天数（2 个工作日）').waitFor();
  await card.getByLabel('问责逾期天数', { exact: true }).fill('8');
  await card.getByTestId('policy-save').click();
  await card.getByTestId('policy-version').getByText('第 1 版').waitFor();
  await card.locator('[data-field="supervisionDaysOverdue"]').getByText('2 个工作日').waitFor();
  const versions = card.getByTestId('policy-versions');
  await versions.getByText('督办逾期天数：3 → 2 个工作日；问责逾期天数：10 → 8 个工作日').waitFor();
  await versions.getByText('年底从严督办').waitFor();
  await harness.shot(leader, 'plan-policy');

  const [stored] = await system.dataSource.query(`SELECT version, policy FROM plan_policies WHERE plan_year = $1`, [YEAR]);
  expect(stored).toEqual({ version: 1, policy: { warningDaysBefore: 5, supervisionDaysOverdue: 2, accountabilityDaysOverdue: 8, reviewSlaDays: 5 } });
});

it('leader1 carries the unfinished measures over from a confirmation that lists them, then reads the frozen report', async () => {
  const leader = await harness.signIn('leader1');
  await openSettings(leader);
  await leader.getByRole('tab', { name: '年终结转与完成情况' }).click();
  await leader.getByTestId('year-end-open').click();
  const dialog = leader.getByRole('dialog');
  await dialog.getByText('将结转以下 2 个事项：').waitFor();
  for (const id of [working, unassigned]) await dialog.locator(`[data-measure-id="${id}"]`).waitFor();
  await dialog.getByLabel('结转理由').fill('年度结束，未完成事项结转下年');
  await harness.shot(leader, 'year-end-confirm');
  await confirmDialog(leader, '确认结转');
  const result = leader.getByTestId('year-end-result');
  await result.getByText('已结转 2 个，跳过 0 个，失败 0 个').waitFor();
  await result.getByText(`已新建 ${NEXT} 年工作要点（结转）`).waitFor();
  const report = leader.getByTestId('completion-report');
  await report.getByText('结转至 2082 年。共 2 项，已办结 0 项，已结转 2 项，办结率 0%。', { exact: false }).waitFor();
  await report.getByTestId('completion-chapters').getByText('2 重点任务').waitFor();
  await harness.shot(leader, 'year-end-report');
  const download = leader.waitForEvent('download');
  await report.getByTestId('completion-report-download').click();
  expect((await download).suggestedFilename()).toBe(`${YEAR}年工作要点完成情况.xlsx`);

  // Both pages link to each other; the carried measure's history reads from its successor's page.
  const head = await harness.signIn('water.head');
  await head.goto(`/#/measures/${NEXT}-90.1.1`);
  const back = head.getByTestId('carry-over-predecessor');
  await back.getByRole('link', { name: working }).waitFor();
  await back.getByText('已结转').waitFor();
  await back.getByTestId('carry-over-predecessor-history').click();
  await back.locator('[data-event-type="reportProgress"]').waitFor();
  await harness.shot(head, 'carry-over-successor');
  await back.getByRole('link', { name: working }).click();
  await head.getByTestId('carry-over-successor').getByRole('link', { name: `${NEXT}-90.1.1` }).waitFor();
});
