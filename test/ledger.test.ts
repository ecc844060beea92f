// The 台账 as a document (issue 15): progress reports with 存在问题 / 下步打算 through the API, and the
// ledger as a print-ready XLSX (read back with exceljs), CSV and PDF (read back with pdf.js), on the
// real Temporal dev server and PostgreSQL. Three seeded 2022 measures no other suite commands.
import fs from 'node:fs';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { Workbook, type Worksheet } from 'exceljs';
import { beijingDate, progressTextTooLong, TEXT_LIMITS } from '@duban/domain';
import { LEDGER_COLUMNS } from '../apps/api/report/ledger';
import { LIGHT_FILLS } from '../apps/api/report/xlsx';
import { sampleOrganization } from '../seeds/seed';
import { pdfPages } from './helpers/pdf-pages';
import { startTestSystem, type TestSystem } from './helpers/system';

// PDFs in a 15 MB CJK font and read back by pdf.js: seconds each on a loaded 2-core machine.
jest.setTimeout(90_000);

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};
const PLAN_TITLE = '青岛市生态环境局2022年工作要点';
/** Reported on with problems and next steps; due in a year without official holidays. */
const REPORTED = '2022-4.2.2';
/** Recorded as work under way (补录), due long ago: red, escalated to 问责. */
const OVERDUE = '2022-4.3.1';
/** Completed today. */
const COMPLETED = '2022-4.1.3';
const PROBLEMS = '资金未到位';
const NEXT_STEPS = '月底前完成招标';
const NOTE = '已完成方案编制';
const PROVISIONAL_DUE = '2029-06-29';
const HEADER_ROW = 3;
const displayName = (username: string) => sampleOrganization().users.find((u) => u.username === username)?.displayName;
const col = (header: string) => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
/** Where the printed files are kept for people to look at (never in the repository). */
const SHOTS = '/tmp/duban-shots';
function keep(name: string, bytes: Buffer): void {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(`${SHOTS}/${name}`, bytes);
}

beforeAll(async () => {
  system = await startTestSystem('ledger');
  for (const user of ['admin', 'leader1', 'water.head', 'water.staff1', 'air.staff1', 'supervisor1', 'air.head']) tokens[user] = await system.login(user);
  await Promise.all([REPORTED, OVERDUE, COMPLETED].map(startOwnWorkflow));
  const water = { assigneeId: 'water.staff1', leadDepartment: 'water' };
  await ok(post(`/measures/${REPORTED}/assign`, 'leader1', { ...water, coDepartments: ['air'], dueDate: PROVISIONAL_DUE }));
  await ok(post(`/measures/${REPORTED}/accept`, 'water.staff1'));
  await ok(post(`/measures/${OVERDUE}/assign`, 'leader1', { assigneeId: 'air.staff1', leadDepartment: 'air', dueDate: '2022-06-30', assignedOn: '2022-03-01', backdateReason: '2022 年已书面交办，补录' }));
  await ok(post(`/measures/${COMPLETED}/assign`, 'leader1', { ...water, dueDate: '2026-12-31' }));
  for (const [command, user] of [['accept', 'water.staff1'], ['submit', 'water.staff1'], ['approve', 'water.head']]) await ok(post(`/measures/${COMPLETED}/${command}`, user));
  await waitFor(async () => {
    const rows: Array<{ level: string | null }> = await system.dataSource.query('SELECT escalation_level AS level FROM measure_states WHERE measure_id = $1', [OVERDUE]);
    return rows[0]?.level === 'accountability';
  });
}, 120_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });
async function ok(response: Promise<Awaited<ReturnType<TestSystem['call']>>>) {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Starts the measure's workflow on this suite's task queue (a run on another suite's queue is replaced). */
async function startOwnWorkflow(id: string): Promise<void> {
  const handle = system.app.get(Client).workflow.getHandle(`measure-${id}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const run = await handle.describe();
      if (run.status.name === 'RUNNING' && run.taskQueue !== system.taskQueue) await handle.terminate('ledger suite drives this measure on its own task queue');
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
    if ((await handle.describe()).taskQueue === system.taskQueue) return;
  }
  throw new Error(`could not start ${id} on ${system.taskQueue}`);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function download(path: string, user = 'supervisor1'): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function workbook(bytes: Buffer): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book;
}

async function planCodes(): Promise<string[]> {
  const rows: Array<{ code: string }> = await system.dataSource.query('SELECT code FROM measures WHERE year = 2022 ORDER BY position');
  return rows.map((r) => r.code);
}

/** 分管领导 of a department as the organization says today (another suite may change them). */
async function overseersOf(department: string): Promise<string> {
  const rows: Array<{ name: string }> = await system.dataSource.query(
    `SELECT u.display_name AS name FROM leader_departments ld JOIN users u ON u.username = ld.leader_id
      WHERE ld.department_code = $1 AND u.active AND u.role = 'leader' ORDER BY u.username`,
    [department],
  );
  return rows.map((r) => r.name).join('、');
}

describe('存在问题 / 下步打算 on a progress report', () => {
  it('are recorded with the report, on the timeline and in the measure’s progress', async () => {
    const response = await ok(post(`/measures/${REPORTED}/progress`, 'water.staff1', { percent: 30, note: NOTE, problems: ` ${PROBLEMS} `, nextSteps: NEXT_STEPS }));
    expect(response.body).toMatchObject({ progress: { note: NOTE, problems: PROBLEMS, nextSteps: NEXT_STEPS, percent: 30 } });
    const detail = await ok(system.call('GET', `/measures/${REPORTED}`, { token: tokens['water.head'] }));
    const events = detail.body.events as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(events.find((e) => e.type === 'reportProgress')?.payload).toMatchObject({ note: NOTE, problems: PROBLEMS, nextSteps: NEXT_STEPS });
    expect(detail.body.snapshot).toMatchObject({ progress: { problems: PROBLEMS, nextSteps: NEXT_STEPS } });
  });

  it('refuses a too long 存在问题 or 下步打算 with 400 and a Chinese message, writing nothing', async () => {
    const before: Array<{ n: string }> = await system.dataSource.query('SELECT count(*) AS n FROM measure_events WHERE measure_id = $1', [REPORTED]);
    const long = '汉'.repeat(TEXT_LIMITS.note + 1);
    const problems = await post(`/measures/${REPORTED}/progress`, 'water.staff1', { note: '说明', problems: long });
    expect(problems).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(problems.body.message).toContain(progressTextTooLong('problems'));
    const nextSteps = await post(`/measures/${REPORTED}/progress`, 'water.staff1', { note: '说明', nextSteps: long });
    expect(nextSteps).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(nextSteps.body.message).toContain('下步打算不能超过 2000 个字');
    expect(await post(`/measures/${REPORTED}/progress`, 'water.staff1', { problems: 42 })).toMatchObject({ status: 400, body: { message: expect.stringContaining('存在问题应为文字') } });
    const after: Array<{ n: string }> = await system.dataSource.query('SELECT count(*) AS n FROM measure_events WHERE measure_id = $1', [REPORTED]);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('台账 XLSX', () => {
  let sheet: Worksheet;
  let codes: string[];
  const row = (code: string) => sheet.getRow(HEADER_ROW + 1 + codes.indexOf(code.slice(5)));
  const cell = (code: string, header: string) => row(code).getCell(col(header));

  beforeAll(async () => {
    const file = await download('/reports/ledger?year=2022&format=xlsx');
    expect(file.status).toBe(200);
    keep('ledger.xlsx', file.bytes);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    sheet = (await workbook(file.bytes)).getWorksheet('台账')!;
    codes = await planCodes();
  });

  it('has a title row with the plan and the as-of date, the header row, 序号 and every measure in document order', () => {
    const today = beijingDate(Date.now());
    const [y, m, d] = today.split('-').map(Number);
    expect(sheet.getRow(1).getCell(1).value).toBe(`${PLAN_TITLE}台账（截至${y}年${m}月${d}日）`);
    expect(String(sheet.getRow(2).getCell(1).value)).toContain(`统计截至 ${today}（北京时间）`);
    const headers = LEDGER_COLUMNS.map((_, i) => sheet.getRow(HEADER_ROW).getCell(i + 1).value);
    expect(headers).toEqual(['序号', '编号', '章', '节', '工作任务', '量化目标', '牵头处室', '配合处室', '分管领导', '承办人', '时限', '时限说明', '最新进展情况', '进度 %', '存在问题', '下步打算', '状态', '红黄绿灯', '督办等级', '检查问题', '领导批示及办理情况', '督办单及办理情况', '办结日期']);
    expect(codes).toHaveLength(57);
    expect(sheet.actualRowCount).toBe(HEADER_ROW + 57);
    expect(codes.map((_, i) => sheet.getRow(HEADER_ROW + 1 + i).getCell(col('序号')).value)).toEqual(codes.map((_, i) => i + 1));
    expect(codes.map((_, i) => sheet.getRow(HEADER_ROW + 1 + i).getCell(col('编号')).value)).toEqual(codes);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.autoFilter).toBeDefined();
  });

  it('carries the latest report: 最新进展情况 with its Beijing date, 存在问题, 下步打算, 分管领导, and a provisional 时限 as a real date', async () => {
    expect(cell(REPORTED, '最新进展情况').value).toBe(`${NOTE}（${beijingDate(Date.now())}报送）`);
    expect(cell(REPORTED, '存在问题').value).toBe(PROBLEMS);
    expect(cell(REPORTED, '下步打算').value).toBe(NEXT_STEPS);
    expect(cell(REPORTED, '进度 %').value).toBe(30);
    expect(cell(REPORTED, '牵头处室').value).toBe('水生态环境处');
    expect(cell(REPORTED, '配合处室').value).toBe('大气环境处');
    expect(cell(REPORTED, '承办人').value).toBe(displayName('water.staff1'));
    const overseers = await overseersOf('water');
    expect(overseers).not.toBe('');
    expect(cell(REPORTED, '分管领导').value).toBe(overseers);
    const due = cell(REPORTED, '时限');
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe(`${PROVISIONAL_DUE}T00:00:00.000Z`);
    expect(due.numFmt).toBe('yyyy-mm-dd');
    // 2029 has no official holiday arrangement yet: 暂定, in its own column, not in the date.
    expect(cell(REPORTED, '时限说明').value).toBe('暂定');
    expect(cell(REPORTED, '状态').value).toBe('承办中');
  });

  it('shows the overdue measure red (filled), escalated, with a definite past 时限; the completed one with its 办结日期 as a date', async () => {
    expect(cell(OVERDUE, '红黄绿灯').value).toBe('红灯');
    expect(cell(OVERDUE, '红黄绿灯').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.red } });
    expect(cell(OVERDUE, '督办等级').value).toBe('问责');
    expect((cell(OVERDUE, '时限').value as Date).toISOString()).toBe('2022-06-30T00:00:00.000Z');
    expect(cell(OVERDUE, '时限说明').value ?? '').toBe('');
    expect(cell(OVERDUE, '分管领导').value ?? '').toBe(await overseersOf('air'));
    expect(cell(COMPLETED, '状态').value).toBe('已办结');
    const completedOn = cell(COMPLETED, '办结日期');
    expect(completedOn.value).toBeInstanceOf(Date);
    expect((completedOn.value as Date).toISOString().slice(0, 10)).toBe(beijingDate(Date.now()));
    expect(completedOn.numFmt).toBe('yyyy-mm-dd');
    // An untouched measure: no date at all, not an empty text.
    expect(cell('2022-2.2.6', '时限').value).toBeNull();
    expect(cell('2022-2.2.6', '牵头处室').value).toBe('土壤生态环境处（建议）');
  });

  it('prints landscape on A3 fit to one page wide, the header row on every page, the title and page numbers in header/footer', async () => {
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
    expect(sheet.headerFooter.oddHeader).toContain(`${PLAN_TITLE}台账`);
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(sheet.headerFooter.oddFooter).toContain('&N');
    const a4 = (await workbook((await download('/reports/ledger?year=2022&format=xlsx&paper=a4')).bytes)).getWorksheet('台账')!;
    expect(a4.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
  });
});

describe('台账 CSV and parameters', () => {
  it('keeps the same columns; dates are YYYY-MM-DD text', async () => {
    const file = await download('/reports/ledger?year=2022&format=csv', 'air.head');
    expect(file.status).toBe(200);
    const lines = file.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(LEDGER_COLUMNS.map((c) => c.header).join(','));
    const line = lines.find((l) => l.includes(`,${REPORTED.slice(5)},`))!;
    expect(line).toContain(`,${PROVISIONAL_DUE},暂定,`);
    expect(line).toContain(`,${PROBLEMS},${NEXT_STEPS},`);
  });

  it('answers bad parameters with 400 and a Chinese message', async () => {
    const get = (path: string) => system.call('GET', path, { token: tokens.supervisor1 });
    expect(await get('/reports/ledger?year=2022&paper=a5')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.stringContaining('纸张应为 a3 或 a4') } });
    expect(await get('/reports/ledger?year=2022&format=doc')).toMatchObject({ status: 400, body: { message: expect.stringContaining('格式应为 xlsx、csv 或 pdf') } });
    // The bulletin is not a PDF here (its document is the bulletin issue's).
    expect(await get('/reports/bulletin?month=2022-06&format=pdf')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await system.call('GET', '/reports/ledger?year=2022&format=pdf', { token: tokens['water.staff1'] })).status).toBe(403);
  });
});

describe('台账 PDF', () => {
  it('is an A3 landscape table: title, as-of date, the header on every page, page numbers, lights, 存在问题', async () => {
    const file = await download('/reports/ledger?year=2022&format=pdf', 'leader1');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="duban-ledger-2022-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    keep('ledger-a3.pdf', file.bytes);
    const pages = await pdfPages(file.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toMatchObject({ width: 1191, height: 842 });
    const today = beijingDate(Date.now());
    expect(pages[0].text).toContain(`${PLAN_TITLE}台账`);
    expect(pages[0].text).toContain(`统计截至 ${today}（北京时间）`);
    pages.forEach((page, i) => {
      expect(page.text).toContain('序号编号工作任务');
      expect(page.text).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
    });
    expect(pages[1].text).toContain('台账（截至');
    const all = pages.map((p) => p.text).join('\n');
    expect(all).toContain(PROBLEMS);
    expect(all).toContain(NEXT_STEPS);
    expect(all).toContain('暂定');
    expect(all).toContain('红灯');
    // 章 and 节 as heading rows.
    expect(all).toContain('6 以高质量党建为引领');
  });

  it('comes on A4 landscape when asked', async () => {
    const file = await download('/reports/ledger?year=2022&format=pdf&paper=a4');
    keep('ledger-a4.pdf', file.bytes);
    const pages = await pdfPages(file.bytes);
    expect(pages[0]).toMatchObject({ width: 842, height: 595 });
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.at(-1)!.text).toContain('序号编号工作任务');
  });
});
