// The ledger (台账) and the monthly bulletin (督办通报) as real downloads, on the real Temporal dev
// server and PostgreSQL: two seeded 2022 measures driven through commands, the files parsed back.
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { Workbook, type Worksheet } from 'exceljs';
import { beijingDate } from '@duban/domain';
import { LIGHT_FILLS } from '../apps/api/report/xlsx';
import { LEDGER_COLUMNS } from '../apps/api/report/ledger';
import { sampleOrganization } from '../seeds/seed';
import { daysFromNow } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};
const PLAN_TITLE = '青岛市生态环境局2022年工作要点';
/** Seeded plan measures no other suite commands: one left overdue, one completed after a return. */
const OVERDUE = '2022-6.3.1';
const COMPLETED = '2022-6.3.2';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const displayName = (username: string) => sampleOrganization().users.find((u) => u.username === username)?.displayName;

beforeAll(async () => {
  system = await startTestSystem('reports');
  for (const user of ['admin', 'leader1', 'personnel.head', 'personnel.staff1', 'supervisor1', 'soil.staff1', 'air.head']) tokens[user] = await system.login(user);
  await driveMeasures();
}, 120_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

/**
 * Starts the measure's workflow on this suite's task queue. Re-importing the 2022 plan (the plan
 * suite does) starts every measure's workflow on that suite's queue, where no worker is left once
 * it ends; such a run, never commanded, is terminated and started again here.
 */
async function startOwnWorkflow(id: string): Promise<void> {
  const handle = system.app.get(Client).workflow.getHandle(`measure-${id}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const run = await handle.describe();
      if (run.status.name === 'RUNNING' && run.taskQueue !== system.taskQueue) await handle.terminate('reports suite drives this measure on its own task queue');
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
    if ((await handle.describe()).taskQueue === system.taskQueue) return;
  }
  throw new Error(`could not start ${id} on ${system.taskQueue}`);
}

async function driveMeasures(): Promise<void> {
  await Promise.all([startOwnWorkflow(OVERDUE), startOwnWorkflow(COMPLETED)]);
  const assignment = { assigneeId: 'personnel.staff1', leadDepartment: 'personnel', coDepartments: ['party'] };
  // Due long ago, recorded as work already under way (补录) by a leader: the ladder fires at once, straight to 问责.
  const backdate = { assignedOn: '2022-03-01', backdateReason: '2022 年已书面交办，补录' };
  expect(await post(`/measures/${OVERDUE}/assign`, 'leader1', { ...assignment, dueDate: '2022-06-30', ...backdate })).toMatchObject({ status: 200 });

  const steps: Array<[string, string, unknown]> = [
    ['assign', 'personnel.head', { ...assignment, dueDate: daysFromNow(60) }],
    ['accept', 'personnel.staff1', {}],
    ['progress', 'personnel.staff1', { percent: 60, note: '完成第一批干部培训' }],
    ['submit', 'personnel.staff1', { note: '已完成' }],
    ['return', 'personnel.head', { comment: '请补充"培训记录"，并附签到表' }],
    ['submit', 'personnel.staff1', {}],
    ['approve', 'personnel.head', {}],
  ];
  for (const [command, user, body] of steps) {
    expect(await post(`/measures/${COMPLETED}/${command}`, user, body)).toMatchObject({ status: 200 });
  }
  await waitFor(async () => {
    const rows: Array<{ level: string | null }> = await system.dataSource.query('SELECT escalation_level AS level FROM measure_states WHERE measure_id = $1', [OVERDUE]);
    return rows[0]?.level === 'accountability';
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function download(path: string, user: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function workbook(bytes: Buffer): Promise<Workbook> {
  const book = new Workbook();
  // exceljs types its input as its own Buffer interface (an ArrayBuffer); a Node Buffer is what it reads.
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book;
}

const text = (sheet: Worksheet, row: number, column: number) => {
  const value = sheet.getRow(row).getCell(column).value;
  return value === null || value === undefined ? '' : String(value);
};
const rowTexts = (sheet: Worksheet, row: number, width: number) => Array.from({ length: width }, (_, i) => text(sheet, row, i + 1));

/** A strict RFC 4180 reader: records end with CRLF; a bare LF may appear only inside quotes. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < input.length) {
    const c = input[i];
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= input.length) throw new Error('unterminated quote');
        if (input[i] === '"' && input[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (input[i] === '"') {
          break;
        } else {
          field += input[i++];
        }
      }
      i++;
      if (input[i] !== ',' && input[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r') {
      if (input[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (c === '\n') {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length) throw new Error('last record not ended by CRLF');
  return records;
}

async function planCodes(): Promise<string[]> {
  const rows: Array<{ code: string }> = await system.dataSource.query('SELECT code FROM measures WHERE year = 2022 ORDER BY position');
  return rows.map((r) => r.code);
}

describe('ledger (台账)', () => {
  const HEADER_ROW = 3;
  const col = (header: string) => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;

  it('is a real workbook: title, bold frozen header, widths, 57 rows in document order, lights filled', async () => {
    const file = await download('/reports/ledger?year=2022&format=xlsx', 'supervisor1');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX_TYPE);
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="duban-ledger-2022-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`${PLAN_TITLE}台账（${beijingDate(Date.now())}）.xlsx`);

    const sheet = (await workbook(file.bytes)).getWorksheet('台账')!;
    expect(sheet).toBeDefined();
    expect(text(sheet, 1, 1)).toMatch(new RegExp(`^${PLAN_TITLE}台账（截至\\d{4}年\\d{1,2}月\\d{1,2}日）$`));
    expect(rowTexts(sheet, HEADER_ROW, LEDGER_COLUMNS.length)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(HEADER_ROW).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.getColumn(col('工作任务')).width).toBe(36);

    const codes = await planCodes();
    expect(codes).toHaveLength(57);
    expect(sheet.actualRowCount).toBe(HEADER_ROW + 57);
    expect(codes.map((_, i) => text(sheet, HEADER_ROW + 1 + i, col('编号')))).toEqual(codes);

    const row = (code: string) => sheet.getRow(HEADER_ROW + 1 + codes.indexOf(code));
    const cell = (code: string, header: string) => row(code).getCell(col(header));

    const overdue = row('6.3.1');
    expect(overdue.getCell(col('状态')).value).toBe('已交办');
    expect(overdue.getCell(col('红黄绿灯')).value).toBe('红灯');
    expect(overdue.getCell(col('红黄绿灯')).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.red } });
    expect(overdue.getCell(col('督办等级')).value).toBe('问责');
    expect(overdue.getCell(col('时限')).value).toEqual(new Date(Date.UTC(2022, 5, 30)));
    expect(overdue.getCell(col('牵头处室')).value).toBe('人事处');
    expect(overdue.getCell(col('配合处室')).value).toBe('机关党委');
    expect(overdue.getCell(col('承办人')).value).toBe(displayName('personnel.staff1'));
    expect(overdue.getCell(col('章')).value).toBe('6 以高质量党建为引领,加强生态环保铁军建设');

    expect(cell('6.3.2', '状态').value).toBe('已办结');
    expect(cell('6.3.2', '红黄绿灯').value).toBe('已办结');
    expect(cell('6.3.2', '红黄绿灯').fill).toMatchObject({ fgColor: { argb: LIGHT_FILLS.done } });
    expect(cell('6.3.2', '进度 %').value).toBe(60);
    expect(cell('6.3.2', '最新进展情况').value).toBe(`完成第一批干部培训（${beijingDate(Date.now())}报送）`);
    expect((cell('6.3.2', '办结日期').value as Date).toISOString().slice(0, 10)).toBe(beijingDate(Date.now()));

    // An untouched measure: the suggested lead, marked; not yet assigned; the plan's quantities.
    expect(cell('2.2.6', '牵头处室').value).toBe('土壤生态环境处（建议）');
    expect(cell('2.2.6', '量化目标').value).toBe('600 个 农村生活污水治理村庄；82 处 农村黑臭水体');
  });

  it('is a CSV Excel reads as UTF-8: BOM, header, RFC 4180 quoting, CRLF, same rows', async () => {
    const file = await download('/reports/ledger?year=2022&format=csv', 'air.head');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/filename="duban-ledger-2022-[\d-]+\.csv"; filename\*=UTF-8''%E9%9D%92/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const csv = file.bytes.toString('utf8').slice(1);
    // Chapter titles carry ASCII commas, so they must arrive quoted.
    expect(csv).toContain('"6 以高质量党建为引领,加强生态环保铁军建设"');
    const records = parseCsv(csv);
    expect(records[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(1 + 57);
    expect(records.slice(1).map((r) => r[1])).toEqual(await planCodes());
    expect(records.slice(1).map((r) => r[0])).toEqual(records.slice(1).map((_, i) => String(i + 1)));
    const byCode = new Map(records.slice(1).map((r) => [r[1], r]));
    const field = (code: string, header: string) => byCode.get(code)![LEDGER_COLUMNS.findIndex((c) => c.header === header)];
    expect(field('6.3.1', '红黄绿灯')).toBe('红灯');
    expect(field('6.3.1', '督办等级')).toBe('问责');
    expect(field('6.3.2', '状态')).toBe('已办结');
    expect(field('6.3.1', '时限')).toBe('2022-06-30');
    expect(field('6.3.1', '章')).toBe('6 以高质量党建为引领,加强生态环保铁军建设');
  });
});

describe('monthly bulletin (督办通报)', () => {
  const month = beijingDate(Date.now()).slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const title = `${PLAN_TITLE}督办通报（${y}年${m}月）`;

  /** The summary sheet as label → number. */
  const summary = (sheet: Worksheet) => {
    const values = new Map<string, number>();
    sheet.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'number') values.set(String(row.getCell(1).value), v);
    });
    return values;
  };

  it('reports the current month as of today: lights add up, the overdue measure is listed and escalated', async () => {
    const file = await download(`/reports/bulletin?month=${month}&year=2022&format=xlsx`, 'supervisor1');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(decodeURIComponent((file.headers.get('content-disposition') ?? '').split("UTF-8''")[1])).toBe(`${title}.xlsx`);
    const book = await workbook(file.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '处室统计', '逾期事项']);

    const overview = book.getWorksheet('概况')!;
    expect(text(overview, 1, 1)).toBe(title);
    expect(text(overview, 2, 1)).toBe(`统计截至 ${beijingDate(Date.now())}（本月尚未结束，按今天计算）`);
    const counts = summary(overview);
    expect(counts.get('事项总数')).toBe(57);
    const lights = [...counts].filter(([label]) => /^(红灯|黄灯|绿灯|灰灯|已办结)/.test(label)).map(([, n]) => n);
    expect(lights).toHaveLength(5);
    expect(lights.reduce((a, b) => a + b, 0)).toBe(57);
    expect(counts.get('红灯（逾期，或检查问题逾期未整改）')).toBeGreaterThanOrEqual(1);
    expect(counts.get('已办结')).toBeGreaterThanOrEqual(1);
    expect(counts.get('本月办结')).toBeGreaterThanOrEqual(1);
    expect(counts.get('本月新增逾期')).toBeGreaterThanOrEqual(1);
    expect(counts.get('本月问责（次）')).toBeGreaterThanOrEqual(1);

    const departments = book.getWorksheet('处室统计')!;
    const deptRows = new Map<string, string[]>();
    departments.eachRow((row, n) => deptRows.set(text(departments, n, 1), rowTexts(departments, n, 7)));
    expect(deptRows.get('合计')?.[1]).toBe('57');
    const personnel = deptRows.get('人事处')!;
    expect(Number(personnel[2])).toBeGreaterThanOrEqual(1); // 已办结: 6.3.2
    expect(Number(personnel[4])).toBeGreaterThanOrEqual(1); // 逾期: 6.3.1
    expect(Number(personnel[6])).toBeGreaterThanOrEqual(1); // 问责: 6.3.1

    const overdue = book.getWorksheet('逾期事项')!;
    let listed: string[] | undefined;
    overdue.eachRow((row, n) => {
      if (text(overdue, n, 1) === '6.3.1') listed = rowTexts(overdue, n, 7);
    });
    expect(listed).toBeDefined();
    expect(listed!.slice(0, 4)).toEqual(['6.3.1', '优化干部队伍结构', '人事处', displayName('personnel.staff1')]);
    expect(listed![4]).toMatch(/^2022-06-30/);
    expect(Number(listed![5])).toBeGreaterThan(500);
    expect(listed![6]).toBe('问责');
  });

  it('comes as CSV too, with each table under its title', async () => {
    const file = await download(`/reports/bulletin?month=${month}&year=2022&format=csv`, 'admin');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(records[0]).toEqual([title]);
    expect(records.find((r) => r[0] === '事项总数')?.[1]).toBe('57');
    expect(records.some((r) => r[0] === '6.3.1' && r[6] === '问责')).toBe(true);
  });

  it('reports a past month as it stood at its end (replayed from the events)', async () => {
    const file = await download('/reports/bulletin?month=2022-06', 'air.head');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX_TYPE);
    const overview = (await workbook(file.bytes)).getWorksheet('概况')!;
    expect(text(overview, 1, 1)).toBe(`${PLAN_TITLE}督办通报（2022年6月）`);
    expect(text(overview, 2, 1)).toBe('统计截至 2022-06-30（月末）');
    // Nothing had happened yet in June 2022: every measure was still unassigned.
    expect(summary(overview).get('灰灯（未交办或已撤销）')).toBe(57);
    expect(summary(overview).get('本月问责（次）')).toBe(0);
  });
});

describe('report access and parameters', () => {
  it('refuses staff (403) and anonymous callers (401)', async () => {
    expect(await system.call('GET', '/reports/ledger?year=2022', { token: tokens['soil.staff1'] })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await system.call('GET', `/reports/bulletin?month=2022-06`, { token: tokens['personnel.staff1'] })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await system.call('GET', '/reports/ledger?year=2022')).toMatchObject({ status: 401, body: { code: 'NOT_AUTHENTICATED' } });
  });

  it('answers bad parameters with 400 and a plan-less year with 404, as JSON', async () => {
    const get = (path: string) => system.call('GET', path, { token: tokens['admin'] });
    for (const path of [
      '/reports/bulletin?month=2022-13',
      '/reports/bulletin?month=2022-6',
      '/reports/bulletin',
      '/reports/bulletin?month=2022-06&format=pdf',
      '/reports/bulletin?month=2099-01',
      '/reports/bulletin?month=2021-06&year=2022',
      '/reports/ledger?year=abc',
      '/reports/ledger',
      '/reports/ledger?year=2022&format=xls',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(await get('/reports/ledger?year=2005')).toMatchObject({ status: 404, body: { code: 'PLAN_NOT_FOUND', message: '2005 年的工作要点尚未导入' } });
    expect(await get('/reports/bulletin?month=2005-03')).toMatchObject({ status: 404, body: { code: 'PLAN_NOT_FOUND' } });
  });
});
