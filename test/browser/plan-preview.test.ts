// In Chromium: the admin uploads a .docx plan in 系统管理's 预览并修改后导入, sees the tree with its
// warnings, fixes two things in place (a measure's title and the lead department of a measure whose
// plan names no department of the bureau), merges one into the one before, removes one and adds one, imports, and finds the
// measures under 全部事项 with their suggested leads; uploading the document again shows the diff.
// This suite owns the 2088 plan.
import type { Locator, Page } from 'playwright-core';
import { planDocx } from '../../libs/plan-reader/fixtures/build';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const YEAR = 2088;
const PLAN = `某市生态环境局${YEAR}年工作要点
一、深入打好污染防治攻坚战
（一）蓝天保卫战
1.实施臭氧污染防治攻坚。开展挥发性有机物治理突出问题排查整治。（大气处牵头，执法处配合）
2.推进柴油货车污染治理。淘汰国三及以下排放标准营运柴油货车300辆。（大气处牵头）
3.加强扬尘污染管控。落实建筑工地扬尘防治措施。
（二）碧水保卫战
1.推进美丽河湖建设。完成入河排污口整治。（市水务局牵头）
2.开展饮用水水源地规范化建设。（水处牵头）
二、加强自身建设
（一）夯实工作基础
1.完善内部管理制度。修订局机关制度汇编。（局办公室牵头）
`;

let system: TestSystem;
let harness: Harness;
let docx: Buffer;

beforeAll(async () => {
  system = await startTestSystem('browser-plan-preview');
  harness = await openHarness(system.baseUrl);
  docx = await planDocx(PLAN);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

const file = () => ({ name: `${YEAR}年工作要点.docx`, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
const row = (card: Locator, code: string) => card.locator(`tr[data-preview-measure="${code}"]`);

/** Picks a department in a measure row's lead select with the keyboard (see chooseOption in browser-harness). */
async function chooseLead(page: Page, card: Locator, code: string, name: string): Promise<void> {
  const select = row(card, code).locator('.ant-select').first();
  const input = select.locator('input').first();
  await input.focus();
  await input.fill(name); // the select searches by name
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first();
  await option.waitFor();
  await input.press('Enter');
  await select.getByText(name).waitFor();
}

it('uploads a .docx in the preview, fixes a title and a lead, imports, and sees the measures with their suggested leads', async () => {
  const admin = await harness.signIn('admin');
  await admin.goto('/#/admin');
  const card = admin.getByTestId('plan-preview-card');
  await card.locator('input[type="file"]').setInputFiles(file());
  const tree = card.getByTestId('plan-preview-tree');
  await tree.waitFor({ timeout: 60_000 });
  await tree.locator('[data-preview-chapter="1"]').waitFor();
  for (const code of ['1.1.1', '1.1.2', '1.1.3', '1.2.1', '1.2.2', '2.1.1']) await row(tree, code).waitFor();
  // 市水务局 is no department of this bureau: the warning says so, the row shows the name as written.
  await tree.getByTestId('plan-preview-warnings').getByText(/市水务局.*未匹配到本单位处室/).waitFor();
  await row(tree, '1.2.1').getByText('文中：市水务局').waitFor();
  await row(tree, '1.1.1').locator('.ant-select').getByText('大气环境处').waitFor();
  expect(await card.getByTestId('plan-preview-diff').count()).toBe(0);

  // 1: the title; 2: the lead the plan could not name; then one measure merged into the one before, one removed and one added.
  await tree.getByLabel('事项标题 1.1.2', { exact: true }).fill('推进柴油货车和非道路移动机械污染治理');
  await chooseLead(admin, tree, '1.2.1', '水生态环境处');
  await row(tree, '1.1.3').getByRole('button', { name: /并入上一项/ }).click();
  await row(tree, '1.1.3').waitFor({ state: 'detached' });
  await row(tree, '1.1.2').getByText(/柴油货车300辆。加强扬尘污染管控。落实建筑工地扬尘防治措施/).waitFor();
  await row(tree, '1.2.2').getByRole('button', { name: /删除/ }).click();
  await row(tree, '1.2.2').waitFor({ state: 'detached' });
  await tree.getByTestId('preview-add-2.1').click();
  // A new measure has no title yet: confirming waits for one.
  await tree.getByTestId('plan-preview-untitled').waitFor();
  expect(await tree.getByTestId('plan-preview-confirm').isDisabled()).toBe(true);
  await tree.getByLabel('事项标题 2.1.2', { exact: true }).fill('开展机关作风建设');
  await chooseLead(admin, tree, '2.1.2', '机关党委');
  await harness.shot(admin, 'plan-preview');

  await tree.getByTestId('plan-preview-confirm').click();
  const report = card.getByTestId('plan-preview-report');
  await report.waitFor({ timeout: 60_000 });
  await report.getByText(`${YEAR} 年工作要点导入结果`).waitFor();
  expect(await report.locator('[data-count="created"]').innerText()).not.toBe('0');
  expect(await report.locator('[data-count="workflows"]').innerText()).toBe('5');
  expect(await card.getByTestId('plan-preview-tree').count()).toBe(0);

  // 全部事项: the measures, as corrected, with their suggested leads.
  await admin.goto(`/#/measures?year=${YEAR}`);
  const listed = async (code: string, title: string, lead: string) => {
    const line = admin.locator('tr').filter({ has: admin.locator(`[data-measure-row="${YEAR}-${code}"]`) });
    await line.getByText(title, { exact: true }).waitFor();
    await line.getByText(lead, { exact: true }).waitFor();
  };
  await listed('1.1.1', '实施臭氧污染防治攻坚', '大气环境处');
  await listed('1.1.2', '推进柴油货车和非道路移动机械污染治理', '大气环境处');
  await listed('1.2.1', '推进美丽河湖建设', '水生态环境处');
  await listed('2.1.1', '完善内部管理制度', '办公室');
  await listed('2.1.2', '开展机关作风建设', '机关党委');
  for (const gone of ['1.1.3', '1.2.2']) expect(await admin.locator(`[data-measure-row="${YEAR}-${gone}"]`).count()).toBe(0);
  await harness.shot(admin, 'plan-preview-measures');

  const stored = await system.dataSource.query(`SELECT code, title, suggested_department_code AS lead FROM measures WHERE year = $1 ORDER BY code`, [YEAR]);
  expect(stored).toEqual([
    { code: '1.1.1', title: '实施臭氧污染防治攻坚', lead: 'air' },
    { code: '1.1.2', title: '推进柴油货车和非道路移动机械污染治理', lead: 'air' },
    { code: '1.2.1', title: '推进美丽河湖建设', lead: 'water' },
    { code: '2.1.1', title: '完善内部管理制度', lead: 'office' },
    { code: '2.1.2', title: '开展机关作风建设', lead: 'party' },
  ]);
  const [merged] = await system.dataSource.query(`SELECT body FROM measures WHERE id = $1`, [`${YEAR}-1.1.2`]);
  expect(merged.body).toContain('加强扬尘污染管控。落实建筑工地扬尘防治措施');

  // The same document again: before confirming, the diff against what is stored — and still nothing written.
  await admin.goto('/#/admin');
  await card.locator('input[type="file"]').setInputFiles(file());
  const diff = card.getByTestId('plan-preview-diff');
  await diff.waitFor({ timeout: 60_000 });
  await diff.locator('[data-diff="added"]').getByText('1.1.3、1.2.2').waitFor();
  await diff.locator('[data-diff="changed"]').getByText('1.1.2：推进柴油货车和非道路移动机械污染治理 → 推进柴油货车污染治理').waitFor();
  await diff.locator('[data-diff="missing"]').getByText('2.1.2').waitFor();
  expect((await system.dataSource.query(`SELECT count(*)::int AS n FROM measures WHERE year = $1`, [YEAR]))[0].n).toBe(5);
});

it('splits an item and turns a line into a section heading before importing (2093 plan)', async () => {
  const year = 2093;
  const text = `某市生态环境局${year}年工作要点
一、深入打好污染防治攻坚战
（一）蓝天保卫战
1.实施臭氧污染防治攻坚。开展挥发性有机物治理。推进涂装行业整治。
2.移动源污染防治
3.淘汰国三柴油货车。完成300辆。
`;
  const admin = await harness.signIn('admin');
  await admin.goto('/#/admin');
  const card = admin.getByTestId('plan-preview-card');
  await card.locator('input[type="file"]').setInputFiles({ name: `${year}.docx`, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await planDocx(text) });
  const tree = card.getByTestId('plan-preview-tree');
  await tree.waitFor({ timeout: 60_000 });
  for (const code of ['1.1.1', '1.1.2', '1.1.3']) await row(tree, code).waitFor();
  // 拆分: the rest of 1.1.1's text becomes a measure of its own right after it.
  await row(tree, '1.1.1').getByRole('button', { name: /拆分/ }).click();
  await row(tree, '1.1.4').waitFor();
  // 升为节: a heading the parser took for a measure becomes a section, taking what follows along.
  await row(tree, '1.1.2').getByRole('button', { name: /升为节/ }).click();
  await row(tree, '1.1.2').waitFor({ state: 'detached' });
  await row(tree, '1.2.1').waitFor();
  await tree.getByTestId('plan-preview-confirm').click();
  await card.getByTestId('plan-preview-report').waitFor({ timeout: 60_000 });
  const sections = await system.dataSource.query(`SELECT code, title FROM plan_sections WHERE year = $1 ORDER BY code`, [year]);
  expect(sections).toEqual([
    { code: '1.1', title: '蓝天保卫战' },
    { code: '1.2', title: '移动源污染防治' },
  ]);
  const measures = await system.dataSource.query(`SELECT code, title, body FROM measures WHERE year = $1 ORDER BY position`, [year]);
  expect(measures.map((m: { code: string; title: string }) => [m.code, m.title])).toEqual([
    ['1.1.1', '实施臭氧污染防治攻坚'],
    ['1.1.4', '推进涂装行业整治'],
    ['1.2.1', '淘汰国三柴油货车'],
  ]);
});

it('builds a plan by hand, moves lines between 章, 节 and 事项, imports it, then amends the stored plan with a live diff (2064 plan)', async () => {
  const year = 2064;
  const admin = await harness.signIn('admin');
  await admin.goto('/#/admin');
  const card = admin.getByTestId('plan-preview-card');
  await card.getByTestId('plan-new-year').fill(String(year));
  await card.getByTestId('plan-new').click();
  const tree = card.getByTestId('plan-preview-tree');
  await tree.waitFor();
  await tree.getByLabel('工作要点标题', { exact: true }).fill(`某局${year}年工作要点`);
  await tree.getByLabel('第 1 章', { exact: true }).fill('重点工作');
  await tree.getByLabel('第 1.1 节', { exact: true }).fill('大气污染防治');
  await tree.getByTestId('preview-add-1.1').click();
  await tree.getByLabel('事项标题 1.1.1', { exact: true }).fill('开展臭氧攻坚');
  await tree.getByRole('button', { name: '在本章添加节 1' }).click();
  await tree.getByLabel('第 1.2 节', { exact: true }).fill('水污染防治');
  await tree.getByTestId('preview-add-1.2').click();
  await tree.getByLabel('事项标题 1.2.1', { exact: true }).fill('整治入河排污口');

  // 节 → 章: 1.2 becomes chapter 2, its measure straight under it (2.1).
  await tree.getByRole('button', { name: '升为章 1.2' }).click();
  await tree.locator('[data-preview-chapter="2"]').waitFor();
  await row(tree, '2.1').getByLabel('事项标题 2.1', { exact: true }).waitFor();
  expect(await tree.getByLabel('第 2 章', { exact: true }).inputValue()).toBe('水污染防治');
  // 章 → 节: back under chapter 1 as its last section.
  await tree.getByRole('button', { name: '降为上一章的节 2' }).click();
  await tree.locator('[data-preview-chapter="2"]').waitFor({ state: 'detached' });
  await row(tree, '1.2.1').waitFor();
  // 节 → 事项: the section heading becomes a measure of 1.1, its measure that measure's sub-item.
  await tree.getByRole('button', { name: '降为事项 1.2' }).click();
  await tree.locator('[data-preview-section="1.2"]').waitFor({ state: 'detached' });
  await row(tree, '1.1.2').getByText('分项 1 条').waitFor();
  expect(await tree.getByLabel('事项标题 1.1.2', { exact: true }).inputValue()).toBe('水污染防治');
  await harness.shot(admin, 'plan-by-hand');

  await tree.getByTestId('plan-preview-confirm').click();
  await card.getByTestId('plan-preview-report').waitFor({ timeout: 60_000 });
  const measures = await system.dataSource.query(`SELECT code, title, body FROM measures WHERE year = $1 ORDER BY position`, [year]);
  expect(measures).toEqual([
    { code: '1.1.1', title: '开展臭氧攻坚', body: '' },
    { code: '1.1.2', title: '水污染防治', body: '（1）整治入河排污口' },
  ]);

  // 修改已导入的工作要点: the stored plan opens in the preview; the diff follows the edits.
  await admin.goto('/#/admin');
  const yearSelect = card.getByLabel('修改已导入的工作要点', { exact: true });
  // Typed: many years may be imported (the list is virtual; an option far down is not in the page).
  await yearSelect.fill(String(year));
  await admin.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${year}"]`).waitFor();
  await yearSelect.press('Enter');
  await card.getByTestId('plan-outline-open').click();
  await row(tree, '1.1.2').waitFor({ timeout: 60_000 });
  const diff = card.getByTestId('plan-preview-diff');
  await diff.locator('[data-diff="changed"]').getByText('无').waitFor();
  await tree.getByLabel('事项标题 1.1.1', { exact: true }).fill('开展臭氧和PM2.5协同攻坚');
  await diff.locator('[data-diff="changed"]').getByText('1.1.1：开展臭氧攻坚 → 开展臭氧和PM2.5协同攻坚').waitFor();
  await row(tree, '1.1.2').getByRole('button', { name: /删除/ }).click();
  await diff.locator('[data-diff="missing"]').getByText('1.1.2').waitFor();
  await tree.getByTestId('plan-preview-confirm').click();
  // The first import's report is still on the card: the tree closing is this import done.
  await tree.waitFor({ state: 'detached', timeout: 60_000 });
  await card.getByTestId('plan-preview-report').waitFor();
  // The title changed as an audited plan change; the measure left out is reported and left running, not removed.
  const after = await system.dataSource.query(`SELECT code, title FROM measures WHERE year = $1 ORDER BY position`, [year]);
  expect(after).toEqual([
    { code: '1.1.1', title: '开展臭氧和PM2.5协同攻坚' },
    { code: '1.1.2', title: '水污染防治' },
  ]);
});
