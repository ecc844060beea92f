// In Chromium: 打印 on a 督办单 (the measure page) and on the notice list opens its A4 PDF in a new tab;
// 导出 Excel on 全部事项 (with the URL's filters, as a staff member sees them) and on the supervision
// lists downloads the list as XLSX, read back with exceljs. This suite owns the 2085 plan.
import * as fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { Workbook } from 'exceljs';
import { WorkingDayCalendar } from '@duban/domain';
import { bundledCalendarData } from '../../activities/calendar-data';
import { pdfPages } from '../helpers/pdf-pages';
import { addPlanMeasure, daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const YEAR = 2085;
let system: TestSystem;
let harness: Harness;
const ids = { water: '', soil: '' };
let noticeNumber = '';

beforeAll(async () => {
  system = await startTestSystem('browser-printables');
  harness = await openHarness(system.baseUrl);
  const token = async (user: string) => system.login(user);
  const [admin, head, staff, leader, supervisor] = [await token('admin'), await token('water.head'), await token('water.staff1'), await token('leader1'), await token('supervisor1')];
  ids.water = await addPlanMeasure(system.dataSource, 'water', YEAR);
  ids.soil = await addPlanMeasure(system.dataSource, 'soil', YEAR);
  for (const id of Object.values(ids)) expect((await system.call('POST', `/measures/${id}/start`, { token: admin })).status).toBe(200);
  expect((await system.call('POST', `/measures/${ids.water}/assign`, { token: head, body: { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60) } })).status).toBe(200);
  expect((await system.call('POST', `/measures/${ids.water}/accept`, { token: staff })).status).toBe(200);
  expect((await system.call('POST', `/measures/${ids.soil}/assign`, { token: leader, body: { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: daysFromNow(60) } })).status).toBe(200);
  const dueDate = new WorkingDayCalendar(bundledCalendarData()).addWorkingDays(daysFromNow(0), 10).value;
  const notice = await system.call('POST', `/measures/${ids.water}/supervision-notices`, { token: supervisor, body: { text: '请限期完成并报送办理情况', dueDate } });
  expect(notice.status).toBe(200);
  noticeNumber = notice.body.noticeNumber as string;
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

/**
 * Clicks; the page fetches the document with its token (200, application/pdf) and a new tab opens on
 * it (a blob: URL). Its content is read back through the same route (pdf.js), as the tab shows it.
 */
async function printed(page: Page, click: () => Promise<void>, token: string): Promise<Buffer> {
  const [tab, response] = await Promise.all([page.context().waitForEvent('page'), page.waitForResponse((r) => /\/document(\?|$)/.test(r.url())), click()]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(Number(response.headers()['content-length'])).toBeGreaterThan(1000);
  await tab.waitForURL(/^blob:/);
  await tab.close();
  const again = await fetch(response.url(), { headers: { authorization: `Bearer ${token}` } });
  expect(again.status).toBe(200);
  return Buffer.from(await again.arrayBuffer());
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; book: Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  const book = new Workbook();
  await book.xlsx.load((await fs.readFile(file)) as unknown as Parameters<typeof book.xlsx.load>[0]);
  return { name: download.suggestedFilename(), book };
}

/** The column (1-based) of the header row's `header` and that column's values below it. */
function column(book: Workbook, header: string): string[] {
  const sheet = book.worksheets[0];
  for (let r = 1; r <= 10; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= row.cellCount; c++) {
      if (String(row.getCell(c).value) !== header) continue;
      const values: string[] = [];
      for (let below = r + 1; below <= sheet.rowCount; below++) values.push(String(sheet.getRow(below).getCell(c).value ?? ''));
      return values;
    }
  }
  throw new Error(`no column ${header}`);
}

it('打印 on the measure page and on the notice list opens the 督办通知单 as an A4 PDF', async () => {
  const staff = await harness.signIn('water.staff1');
  await staff.goto(`/#/measures/${ids.water}`);
  const card = staff.getByTestId('directives');
  await card.waitFor();
  const fromMeasure = await printed(staff, () => card.getByTestId(`print-${ids.water}:notice:1`).click(), await system.login('water.staff1'));
  const [page] = await pdfPages(fromMeasure);
  expect(page).toMatchObject({ width: 595, height: 842 });
  expect(page.text.replace(/\s+/g, '')).toContain(noticeNumber);
  expect(page.text).toContain('（盖章）');
  await harness.shot(staff, 'printables-measure-page');

  const supervisor = await harness.signIn('supervisor1');
  await supervisor.goto('/#/supervision');
  await supervisor.getByRole('tab', { name: /督办单/ }).click();
  const row = supervisor.getByTestId('notices').locator(`[data-notice="${ids.water}"]`).first().locator('xpath=ancestor::tr');
  await row.waitFor();
  const fromList = await printed(supervisor, () => row.getByRole('button', { name: /打印/ }).click(), await system.login('supervisor1'));
  expect((await pdfPages(fromList))[0].text.replace(/\s+/g, '')).toContain(noticeNumber);
  await fs.mkdir('/tmp/duban-shots', { recursive: true });
  await supervisor.screenshot({ path: '/tmp/duban-shots/printables-notice-list.png' });
});

it('导出 Excel on 全部事项 exports the list the user sees, with the URL filters; the supervision lists export too', async () => {
  const soil = await harness.signIn('soil.staff1');
  await soil.goto(`/#/measures?year=${YEAR}`);
  await soil.locator(`[data-measure-row="${ids.soil}"]`).first().waitFor();
  const mine = await downloaded(soil, () => soil.getByTestId('export-measures').click());
  expect(mine.name).toMatch(/^全部事项-\d{8}-\d{4}\.xlsx$/);
  expect(column(mine.book, '事项编号')).toEqual([ids.soil]);

  const leader = await harness.signIn('leader1');
  await leader.goto(`/#/measures?year=${YEAR}&lead=water`);
  await leader.locator(`[data-measure-row="${ids.water}"]`).first().waitFor();
  expect(column((await downloaded(leader, () => leader.getByTestId('export-measures').click())).book, '事项编号')).toEqual([ids.water]);

  const supervisor = await harness.signIn('supervisor1');
  await supervisor.goto('/#/supervision');
  await supervisor.getByTestId('export-overdue').waitFor();
  expect((await downloaded(supervisor, () => supervisor.getByTestId('export-overdue').click())).name).toMatch(/^逾期审计-.*\.xlsx$/);
  await supervisor.getByRole('tab', { name: /督办记录|升级/ }).click();
  expect((await downloaded(supervisor, () => supervisor.getByTestId('export-escalations').click())).name).toMatch(/^督办升级记录-.*\.xlsx$/);
  await supervisor.getByRole('tab', { name: /督办单/ }).click();
  const notices = await downloaded(supervisor, () => supervisor.getByTestId('export-notices').click());
  expect(column(notices.book, '编号')).toContain(noticeNumber);
  await supervisor.getByRole('tab', { name: /考核/ }).click();
  expect((await downloaded(supervisor, () => supervisor.getByTestId('export-scorecard').click())).name).toMatch(/^处室考核-.*\.xlsx$/);
});
