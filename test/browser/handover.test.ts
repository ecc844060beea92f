// In Chromium: a 承办人 sends a mis-assigned task back before 签收 (退回交办); its head sees it under
// 待交办 again with the reason on the timeline. A head asks another department to take a measure
// over (移交) and that department's head accepts it, so it becomes theirs to assign.
import { addPlanMeasure, daysFromNow } from '../helpers/services';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { chooseOption, confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

let system: TestSystem;
let harness: Harness;

beforeAll(async () => {
  system = await startTestSystem('browser-handover');
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

async function assignedMeasure(): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, 'water');
  const admin = await system.login('admin');
  const head = await system.login('water.head');
  expect((await system.call('POST', `/measures/${id}/start`, { token: admin })).status).toBe(200);
  const assigned = await system.call('POST', `/measures/${id}/assign`, { token: head, body: { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60) } });
  expect(assigned.status).toBe(200);
  return id;
}

it('lets the assignee send a mis-assigned task back; the head can 交办 it again and reads the reason', async () => {
  const id = await assignedMeasure();
  const staff = await harness.signIn('water.staff1');
  await staff.goto(`/#/measures/${id}`);
  await staff.getByTestId('measure-header').getByRole('button', { name: '退回交办' }).click();
  const dialog = staff.getByRole('dialog');
  await dialog.getByText('签收前发现交办有误').waitFor();
  await dialog.getByRole('button', { name: '退回', exact: true }).click();
  await dialog.getByText('退回交办必须说明理由').waitFor(); // the reason is required
  await dialog.getByLabel('退回理由').fill('属于水源地保护工作，不属本人职责');
  await confirmDialog(staff, '退回');
  await staff.getByTestId('measure-header').getByText('待交办').waitFor();
  await staff.getByTestId('timeline').getByText('属于水源地保护工作，不属本人职责').waitFor();
  expect(await staff.getByTestId('measure-header').getByRole('button', { name: '签收' }).count()).toBe(0);
  await harness.shot(staff, 'handover-declined');

  // The head's 待交办 task for it is asserted through the API (test/handover.test.ts); here, the page.
  const head = await harness.signIn('water.head');
  await head.goto(`/#/measures/${id}`);
  await head.getByTestId('measure-header').getByRole('button', { name: '交办' }).waitFor();
  await head.getByTestId('timeline').getByText('退回交办').first().waitFor();
});

it('moves a measure to another department once its head accepts the transfer', async () => {
  const id = await assignedMeasure();
  const head = await harness.signIn('water.head');
  await head.goto(`/#/measures/${id}`);
  await head.getByTestId('measure-header').getByRole('button', { name: '申请移交' }).click();
  await chooseOption(head, '接收处室', '大气');
  await head.getByRole('dialog').getByLabel('移交理由').fill('涉及大气污染治理，应由大气处牵头');
  await confirmDialog(head, '提交移交申请');
  await head.getByTestId('transfer-pending').waitFor();

  const other = await harness.signIn('air.head');
  await other.goto(`/#/measures/${id}`);
  await other.getByTestId('measure-header').getByRole('button', { name: '审批移交' }).click();
  await other.getByRole('dialog').getByText('同意接收').click();
  await confirmDialog(other, '确定');
  await other.getByTestId('measure-header').getByText('待交办').waitFor();
  await other.getByTestId('measure-header').getByRole('button', { name: '交办' }).waitFor();
  await harness.shot(other, 'handover-transfer-accepted');
});
