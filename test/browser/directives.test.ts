// In Chromium: leader1 writes a 批示 on a measure, water.head finds it in the task list, signs for it
// and answers it, leader1 reads the answer. supervisor1 urges (催办) and the assignee answers; a
// 督办单 is issued, signed for and answered by the head; an 约谈 is recorded. All on the measure's
// 督办与批示 card, each directive a workflow of its own.
import type { Page } from 'playwright-core';
import { addPlanMeasure, daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

let system: TestSystem;
let harness: Harness;
let id: string;

beforeAll(async () => {
  system = await startTestSystem('browser-directives');
  harness = await openHarness(system.baseUrl);
  id = await addPlanMeasure(system.dataSource, 'water');
  const [admin, head, staff] = [await system.login('admin'), await system.login('water.head'), await system.login('water.staff1')];
  expect((await system.call('POST', `/measures/${id}/start`, { token: admin })).status).toBe(200);
  expect((await system.call('POST', `/measures/${id}/assign`, { token: head, body: { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60) } })).status).toBe(200);
  expect((await system.call('POST', `/measures/${id}/accept`, { token: staff })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

const card = (page: Page) => page.getByTestId('directives');
const item = (page: Page, directiveId: string) => page.locator(`[data-directive="${directiveId}"]`);

async function openMeasure(page: Page): Promise<void> {
  const hash = `#/measures/${id}`;
  if (page.url().endsWith(hash)) await page.reload();
  else await page.goto(`/${hash}`);
  await card(page).waitFor();
}

it('leader1 writes a 批示; water.head signs for it and answers it from the task list; leader1 sees the answer', async () => {
  const leader = await harness.signIn('leader1');
  await openMeasure(leader);
  await card(leader).getByRole('button', { name: '批示', exact: true }).click();
  await leader.getByRole('dialog').getByLabel('批示内容').fill('请水处牵头拿出攻坚方案，月底前报我');
  await confirmDialog(leader, '批示');
  const instruction = `${id}:instruction:1`;
  await item(leader, instruction).getByText('待签收').waitFor();
  await item(leader, instruction).getByText('请水处牵头拿出攻坚方案，月底前报我').waitFor();

  const head = await harness.signIn('water.head');
  await head.goto('/#/my-tasks');
  const task = head.locator(`[data-task="acknowledgeInstruction:${instruction}"]`);
  await task.waitFor();
  await task.locator('xpath=ancestor::tr').getByRole('button', { name: '签收批示' }).click();
  await card(head).waitFor();
  await item(head, instruction).getByRole('button', { name: '签收', exact: true }).click();
  await item(head, instruction).getByText('已签收，待答复').waitFor();
  await item(head, instruction).getByRole('button', { name: '答复', exact: true }).click();
  await head.getByRole('dialog').getByLabel('答复内容').fill('已制定攻坚方案，正在组织实施');
  await confirmDialog(head, '提交');
  await item(head, instruction).getByText('已答复').waitFor();
  await harness.shot(head, 'directives-instruction-answered');

  await openMeasure(leader);
  await item(leader, instruction).getByTestId('directive-responses').getByText('已制定攻坚方案，正在组织实施').waitFor();
  await leader.getByTestId('timeline').getByText('领导批示').first().waitFor();
});

it('supervisor1 urges, issues a 督办单 the head signs for and answers, and records an 约谈', async () => {
  const supervisor = await harness.signIn('supervisor1');
  await openMeasure(supervisor);
  // 催办 → the assignee's 反馈 closes it.
  await card(supervisor).getByRole('button', { name: '催办', exact: true }).click();
  await supervisor.getByRole('dialog').getByLabel('催办意见').fill('进度滞后，请本周内报送进展');
  await confirmDialog(supervisor, '催办');
  const urging = `${id}:urging:1`;
  await item(supervisor, urging).getByText('待反馈').waitFor();
  expect(await item(supervisor, urging).getByTestId('notice-number').innerText()).toMatch(/^催〔\d{4}〕第\d+号$/);
  const staff = await harness.signIn('water.staff1');
  await openMeasure(staff);
  await item(staff, urging).getByRole('button', { name: '反馈', exact: true }).click();
  await staff.getByRole('dialog').getByLabel('反馈内容').fill('已加派人手，周五前报送');
  await confirmDialog(staff, '提交');
  await item(staff, urging).getByText('已反馈').waitFor();

  // 督办单 → signed for (签收) and answered (办理情况) by the receiving department's head.
  await openMeasure(supervisor);
  await card(supervisor).getByRole('button', { name: '发督办单' }).click();
  await supervisor.getByRole('dialog').getByLabel('督办事项').fill('请说明进度滞后原因并限期整改');
  await confirmDialog(supervisor, '发出');
  const notice = `${id}:notice:1`;
  await item(supervisor, notice).getByText('待签收').waitFor();
  const number = await item(supervisor, notice).getByTestId('notice-number').innerText();
  expect(number).toMatch(/^督〔\d{4}〕第\d+号$/);
  const head = await harness.signIn('water.head');
  await openMeasure(head);
  await item(head, notice).getByRole('button', { name: '签收', exact: true }).click();
  await item(head, notice).getByText('已签收，待报办理情况').waitFor();
  await item(head, notice).getByRole('button', { name: '报送办理情况' }).click();
  await head.getByRole('dialog').getByLabel('办理情况').fill('已查明原因，建立周调度机制');
  await confirmDialog(head, '提交');
  await item(head, notice).getByText('已报办理情况').waitFor();

  // 约谈 recorded by the supervisor.
  await openMeasure(supervisor);
  await item(supervisor, notice).getByText('已查明原因，建立周调度机制').waitFor();
  await card(supervisor).getByRole('button', { name: '记录问责结果' }).click();
  await supervisor.getByRole('dialog').getByLabel('情况说明').fill('进度严重滞后，约谈牵头处室负责人');
  await confirmDialog(supervisor, '记录');
  const outcome = `${id}:outcome:1`;
  await item(supervisor, outcome).getByText('约谈', { exact: true }).waitFor();
  await item(supervisor, outcome).getByText('已记录').waitFor();
  expect(await item(supervisor, notice).getByTestId('notice-number').innerText()).toBe(number);
  await harness.shot(supervisor, 'directives-supervisor');
});
