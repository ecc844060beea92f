// 存在问题 / 下步打算 in the web UI, and the 台账 as PDF from the report export, in Chromium against the
// real system: the assignee reports through the 报送进展 dialog, the timeline and the progress card show
// both, and a leader downloads the ledger as PDF with that report in it. Uses 2022-3.2.1, which no
// other suite touches. Screenshots go to test/artifacts/browser/ (and the PDF's to /tmp/duban-shots).
import * as fs from 'node:fs';
import { pdfPages } from '../helpers/pdf-pages';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { confirmDialog, openHarness, type Harness } from './browser-harness';

jest.setTimeout(180_000);

const MEASURE = '2022-3.2.1';
const PROBLEMS = '部分区市配套资金未到位';
const NEXT_STEPS = '下月完成项目招标';

let system: TestSystem;
let harness: Harness;
const tokens: Record<string, string> = {};

async function api(method: string, route: string, user: string, body?: unknown) {
  const response = await system.call(method, route, { token: tokens[user], body });
  if (response.status !== 200) throw new Error(`${method} ${route} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

beforeAll(async () => {
  system = await startTestSystem('ledger-ui');
  for (const user of ['admin', 'leader1', 'water.staff1']) tokens[user] = await system.login(user);
  await api('POST', `/measures/${MEASURE}/start`, 'admin');
  await api('POST', `/measures/${MEASURE}/assign`, 'leader1', { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: '2029-06-29' });
  await api('POST', `/measures/${MEASURE}/accept`, 'water.staff1');
  harness = await openHarness(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await system?.stop();
});

describe('存在问题 / 下步打算 and the ledger PDF in the web UI', () => {
  it('the assignee reports them through the dialog; the timeline and the progress card show them', async () => {
    const staff = await harness.signIn('water.staff1');
    await staff.goto(`/#/measures/${MEASURE}`);
    const header = staff.getByTestId('measure-header');
    await header.getByText('承办中').waitFor();
    await header.getByRole('button', { name: '报送进展' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('完成百分比').fill('20');
    await dialog.getByLabel('进展说明').fill('已完成项目选址');
    await dialog.getByLabel('存在问题').fill(PROBLEMS);
    await dialog.getByLabel('下步打算').fill(NEXT_STEPS);
    await harness.shot(staff, 'ledger-ui-01-progress-dialog');
    await confirmDialog(staff, '报送');
    const timeline = staff.getByTestId('timeline');
    await timeline.getByText(`存在问题：${PROBLEMS}`).waitFor();
    await timeline.getByText(`下步打算：${NEXT_STEPS}`).waitFor();
    await staff.getByTestId('progress-problems').getByText(PROBLEMS).waitFor();
    await staff.getByTestId('progress-next-steps').getByText(NEXT_STEPS).waitFor();
    await harness.shot(staff, 'ledger-ui-02-timeline');
  });

  it('a leader downloads the ledger as PDF from 报表导出, with the report in it', async () => {
    const leader = await harness.signIn('leader1');
    await leader.goto('/#/supervision');
    await leader.getByRole('tab', { name: '报表导出' }).click();
    const [download] = await Promise.all([leader.waitForEvent('download'), leader.getByRole('button', { name: /下载 \d{4} 年台账（PDF）/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^.+工作要点台账（\d{4}-\d{2}-\d{2}）\.pdf$/);
    // The 已下载 notice stays a few seconds: look for it before the PDF is read (slow on a loaded machine).
    await leader.getByText(/已下载 .+工作要点台账（.+\.pdf/).waitFor();
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPages(bytes)).map((p) => p.text).join('\n');
    expect(text).toContain(NEXT_STEPS);
    expect(text).toContain('已完成项目选址');
    await harness.shot(leader, 'ledger-ui-03-report-export');
  });
});
