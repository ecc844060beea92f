// 督办单 / 问责记录 as printable A4 PDFs, and 导出 Excel from every list — through the API on the real
// Temporal dev server and PostgreSQL, read back with real readers (pdf.js, exceljs): the official
// layout's number, recipient, deadline and seal space; exactly the list's rows (filters and a staff
// member's scope); who may read; a missing notice. This suite owns the 2083 plan.
import { mkdir, writeFile } from 'node:fs/promises';
import { Workbook, type Worksheet } from 'exceljs';
import { WorkingDayCalendar } from '@duban/domain';
import { bundledCalendarData } from '../activities/calendar-data';
import { pdfPages } from './helpers/pdf-pages';
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(180_000);

const YEAR = 2083;
const USERS = ['admin', 'leader1', 'supervisor1', 'water.head', 'water.staff1', 'soil.staff1', 'air.head'] as const;
type User = (typeof USERS)[number];

let system: TestSystem;
const tokens: Record<string, string> = {};
const calendar = new WorkingDayCalendar(bundledCalendarData());
const workingDaysFromToday = (n: number) => calendar.addWorkingDays(daysFromNow(0), n).value;

const call = (method: string, path: string, who: User, body?: unknown) => system.call(method, path, { token: tokens[who], body });
const ok = async (response: Promise<ApiResponse>): Promise<ApiResponse> => {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
async function download(path: string, who: User): Promise<{ status: number; headers: Headers; bytes: Buffer; json?: Record<string, unknown> }> {
  const response = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>) : undefined;
  return { status: response.status, headers: response.headers, bytes, json };
}
async function sheetOf(bytes: Buffer): Promise<Worksheet> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  expect(book.worksheets).toHaveLength(1);
  return book.worksheets[0];
}
const cellText = (sheet: Worksheet, row: number, column: number): string => {
  const v = sheet.getRow(row).getCell(column).value;
  return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
};
/** The header row (the first whose first cell is 序号 or 处室) and the data rows under it. */
function table(sheet: Worksheet): { header: string[]; rows: string[][]; headerRow: number } {
  let headerRow = 1;
  while (headerRow < 10 && !['序号', '处室'].includes(cellText(sheet, headerRow, 1))) headerRow++;
  const width = sheet.getRow(headerRow).cellCount;
  const header = Array.from({ length: width }, (_, i) => cellText(sheet, headerRow, i + 1));
  const rows: string[][] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) rows.push(Array.from({ length: width }, (_, i) => cellText(sheet, r, i + 1)));
  return { header, rows, headerRow };
}
const flat = (text: string) => text.replace(/\s+/g, '');
/** The printed pages, kept for a look (rendered to PNG outside the suite): never in the repository. */
const keep = async (name: string, bytes: Buffer) => {
  await mkdir('/tmp/duban-shots', { recursive: true });
  await writeFile(`/tmp/duban-shots/printables-${name}.pdf`, bytes);
};
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never happened: ${what}`);
}

/** water's two measures (one overdue by 补录, so its ladder issues 督办单 and 问责), soil's one. */
const ids = { waterA: '', waterLate: '', soil: '' };
let noticeNumber = '';
let dueDate = '';

beforeAll(async () => {
  system = await startTestSystem('printables-exports');
  for (const user of USERS) tokens[user] = await system.login(user);
  ids.waterA = await addPlanMeasure(system.dataSource, 'water', YEAR);
  ids.waterLate = await addPlanMeasure(system.dataSource, 'water', YEAR);
  ids.soil = await addPlanMeasure(system.dataSource, 'soil', YEAR);
  for (const id of Object.values(ids)) await ok(call('POST', `/measures/${id}/start`, 'admin'));
  await ok(call('POST', `/measures/${ids.waterA}/assign`, 'water.head', { assigneeId: 'water.staff1', leadDepartment: 'water', coDepartments: ['air'], dueDate: daysFromNow(60) }));
  await ok(call('POST', `/measures/${ids.waterA}/accept`, 'water.staff1'));
  await ok(
    call('POST', `/measures/${ids.waterLate}/assign`, 'admin', {
      assigneeId: 'water.staff1',
      leadDepartment: 'water',
      coDepartments: [],
      dueDate: daysFromNow(-20),
      assignedOn: daysFromNow(-80),
      backdateReason: '年初已书面交办，补录',
    }),
  );
  await ok(call('POST', `/measures/${ids.soil}/assign`, 'leader1', { assigneeId: 'soil.staff1', leadDepartment: 'soil', coDepartments: [], dueDate: daysFromNow(30) }));

  // A 督办单 by hand: issued, signed, answered.
  dueDate = workingDaysFromToday(10);
  const notice = await ok(call('POST', `/measures/${ids.waterA}/supervision-notices`, 'supervisor1', { text: '请于限期内完成水源地整治并报送办理情况', dueDate }));
  noticeNumber = notice.body.noticeNumber as string;
  expect(noticeNumber).toMatch(/^督〔\d{4}〕第\d+号$/);
  await ok(call('POST', `/measures/${ids.waterA}/supervision-notices/1/sign`, 'water.head'));
  await ok(call('POST', `/measures/${ids.waterA}/supervision-notices/1/responses`, 'water.head', { text: '已制定整治方案，6月底前完成' }));
  // A 问责结果.
  await ok(call('POST', `/measures/${ids.waterLate}/accountability`, 'supervisor1', { kind: '约谈', note: '逾期未办结，约谈牵头处室负责人' }));
  await waitFor(async () => {
    const rows: unknown[] = await system.dataSource.query(`SELECT 1 FROM measure_states WHERE measure_id = $1 AND escalation_level = 'accountability'`, [ids.waterLate]);
    return rows.length > 0;
  }, 'the overdue measure reaching 问责');
}, 120_000);

afterAll(() => system?.stop());

describe('督办单 / 问责记录 as A4 PDF', () => {
  it('prints a 督办单 in the official layout for whoever may read the measure’s work', async () => {
    const file = await download(`/measures/${ids.waterA}/supervision-notices/1/document`, 'water.staff1');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; .*filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(file.headers.get('content-disposition') ?? '')![1])).toBe(`督办通知单-${noticeNumber}.pdf`);
    await keep('notice', file.bytes);
    const pages = await pdfPages(file.bytes);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ width: 595, height: 842 });
    const text = flat(pages[0].text);
    const [y, m, d] = dueDate.split('-').map(Number);
    for (const expected of [
      '督办通知单',
      noticeNumber,
      '受文单位：水生态环境处',
      `督办事项${ids.waterA}`,
      '请于限期内完成水源地整治并报送办理情况',
      `办理时限${y}年${m}月${d}日前`,
      '签收人',
      '已制定整治方案，6月底前完成',
      '督查室',
      '（盖章）',
    ]) {
      expect(text).toContain(flat(expected));
    }
    // The signer by name, the answer's author too.
    const [{ display_name: head }] = await system.dataSource.query(`SELECT display_name FROM users WHERE username = 'water.head'`);
    expect(text).toContain(`签收人${head}`);
    const [{ display_name: assignee }] = await system.dataSource.query(`SELECT display_name FROM users WHERE username = 'water.staff1'`);
    expect(text).toContain(`承办人${assignee}`);
    // Out of scope: 403 无权查看; a notice that does not exist: 404; a bad number: 400.
    expect(await download(`/measures/${ids.waterA}/supervision-notices/1/document`, 'soil.staff1')).toMatchObject({ status: 403, json: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await download(`/measures/${ids.waterA}/supervision-notices/99/document`, 'water.staff1')).toMatchObject({ status: 404, json: { code: 'DIRECTIVE_NOT_FOUND' } });
    expect(await download(`/measures/${ids.waterA}/supervision-notices/x/document`, 'water.staff1')).toMatchObject({ status: 400, json: { code: 'VALIDATION_FAILED' } });
    expect(await download(`/measures/2083-404.404/supervision-notices/1/document`, 'supervisor1')).toMatchObject({ status: 404, json: { code: 'MEASURE_NOT_FOUND' } });
  });

  it('prints a 问责记录: kind, note, measure, department, by whom, date', async () => {
    const file = await download(`/measures/${ids.waterLate}/accountability/1/document`, 'leader1');
    expect(file.status).toBe(200);
    await keep('outcome', file.bytes);
    const pages = await pdfPages(file.bytes);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ width: 595, height: 842 });
    const text = flat(pages[0].text);
    const [{ display_name: supervisor }] = await system.dataSource.query(`SELECT display_name FROM users WHERE username = 'supervisor1'`);
    for (const expected of ['问责记录', `${ids.waterLate}第1号`, '责任单位：水生态环境处', '处理方式约谈', '逾期未办结，约谈牵头处室负责人', `记录人${supervisor}`, '（盖章）']) {
      expect(text).toContain(flat(expected));
    }
    expect(await download(`/measures/${ids.waterLate}/accountability/2/document`, 'leader1')).toMatchObject({ status: 404, json: { code: 'DIRECTIVE_NOT_FOUND' } });
    expect(await download(`/measures/${ids.waterLate}/accountability/1/document`, 'soil.staff1')).toMatchObject({ status: 403, json: { code: 'MEASURE_NOT_VISIBLE' } });
  });

  it('prints every notice of the notice list: a hand-issued 督办单 as its directive, the ladder’s 问责 as a 问责记录', async () => {
    const supervision = await ok(call('GET', '/audit/notices?kind=supervision&pageSize=100', 'supervisor1'));
    const handIssued = (supervision.body.items as Array<{ number: string; eventId: string; measureId: string }>).find((n) => n.number === noticeNumber)!;
    expect(handIssued).toMatchObject({ measureId: ids.waterA });
    const printed = await download(`/audit/notices/${encodeURIComponent(handIssued.eventId)}/document`, 'leader1');
    expect(printed.status).toBe(200);
    const [page] = await pdfPages(printed.bytes);
    expect(flat(page.text)).toContain(flat(noticeNumber));
    expect(flat(page.text)).toContain('请于限期内完成水源地整治并报送办理情况');

    const accountability = await ok(call('GET', '/audit/notices?kind=accountability&pageSize=100', 'supervisor1'));
    const ladder = (accountability.body.items as Array<{ number: string; eventId: string; measureId: string }>).find((n) => n.measureId === ids.waterLate)!;
    expect(ladder.number).toMatch(/^问〔\d{4}〕第\d+号$/);
    const record = await download(`/audit/notices/${encodeURIComponent(ladder.eventId)}/document`, 'supervisor1');
    expect(record.status).toBe(200);
    await keep('ladder-accountability', record.bytes);
    const pages = await pdfPages(record.bytes);
    expect(pages[0]).toMatchObject({ width: 595, height: 842 });
    const text = flat(pages[0].text);
    for (const expected of ['问责记录', ladder.number, '责任单位：水生态环境处', '逾期', '约谈', '逾期未办结，约谈牵头处室负责人', '（盖章）']) expect(text).toContain(flat(expected));

    expect(await download(`/audit/notices/${encodeURIComponent('measure-2083-0#1')}/document`, 'supervisor1')).toMatchObject({ status: 404, json: { code: 'DIRECTIVE_NOT_FOUND' } });
    expect(await download(`/audit/notices/${encodeURIComponent(ladder.eventId)}/document`, 'water.head')).toMatchObject({ status: 403, json: { code: 'NOT_ALLOWED' } });
  });
});

describe('导出 Excel from every list', () => {
  it('exports 全部事项 with exactly the list’s filters and the caller’s scope, dates as date cells, and records the export', async () => {
    const listed = async (query: string, who: User) => ((await ok(call('GET', `/measures?${query}&pageSize=100`, who))).body.items as Array<{ id: string }>).map((m) => m.id);
    const exported = async (query: string, who: User) => {
      const file = await download(`/measures/export?${query}`, who);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(file.headers.get('content-disposition') ?? '')![1])).toMatch(/^全部事项-\d{8}-\d{4}\.xlsx$/);
      return sheetOf(file.bytes);
    };

    const all = await exported(`year=${YEAR}`, 'supervisor1');
    const { header, rows, headerRow } = table(all);
    expect(header.slice(0, 9)).toEqual(['序号', '事项编号', '工作任务', '状态', '牵头处室', '配合处室', '承办人', '办理时限', '时限说明']);
    expect(rows.map((r) => r[1])).toEqual(await listed(`year=${YEAR}`, 'supervisor1'));
    expect(rows.map((r) => r[1]).sort()).toEqual(Object.values(ids).sort());
    const a = rows.find((r) => r[1] === ids.waterA)!;
    expect(a).toEqual(expect.arrayContaining(['水生态环境处', '大气环境处', '承办中']));
    expect(a[7]).toBe(daysFromNow(60));
    const dueCell = all.getRow(headerRow + 1 + rows.indexOf(a)).getCell(8);
    expect(dueCell.value).toBeInstanceOf(Date);
    expect(dueCell.numFmt).toBe('yyyy-mm-dd');
    // Only the date cells are dates: 序号 stays a number.
    expect(all.getRow(headerRow + 1).getCell(1).value).toBe(1);
    expect(cellText(all, 1, 1)).toBe(`${YEAR}年工作要点 全部事项`);

    // A department filter exports only that department's rows, as the list shows them.
    const water = table(await exported(`year=${YEAR}&department=water&sort=code`, 'leader1'));
    expect(water.rows.map((r) => r[1])).toEqual(await listed(`year=${YEAR}&department=water&sort=code`, 'leader1'));
    expect(water.rows.map((r) => r[1]).sort()).toEqual([ids.waterA, ids.waterLate].sort());
    expect(cellText(await exported(`year=${YEAR}&department=water`, 'leader1'), 2, 1)).toContain('处室：water');
    const overdue = table(await exported(`year=${YEAR}&overdue=true`, 'supervisor1'));
    expect(overdue.rows.map((r) => r[1])).toEqual([ids.waterLate]);

    // A staff member's export holds only what their list shows.
    const soilStaff = table(await exported(`year=${YEAR}`, 'soil.staff1'));
    expect(soilStaff.rows.map((r) => r[1])).toEqual([ids.soil]);
    expect(soilStaff.rows.map((r) => r[1])).toEqual(await listed(`year=${YEAR}`, 'soil.staff1'));
    const waterStaff = table(await exported(`year=${YEAR}`, 'water.staff1'));
    expect(waterStaff.rows.map((r) => r[1]).sort()).toEqual([ids.waterA, ids.waterLate].sort());

    // Bad filters: the list's own 400, nothing exported.
    expect(await download(`/measures/export?status=nonsense`, 'supervisor1')).toMatchObject({ status: 400, json: { code: 'VALIDATION_FAILED' } });

    const [entry] = await system.dataSource.query(
      `SELECT actor_id, action, target, after FROM admin_audit_log WHERE target = 'list:measures' AND actor_id = 'soil.staff1' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ action: 'report.export', after: { query: { year: YEAR }, rows: 1, format: 'xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('exports 逾期审计, 督办升级记录 (with its filters), 处室考核 and the notice list; the same roles as the lists', async () => {
    const overdueFile = await download('/audit/overdue/export', 'supervisor1');
    expect(overdueFile.status).toBe(200);
    const overdue = table(await sheetOf(overdueFile.bytes));
    expect(overdue.header.slice(0, 8)).toEqual(['序号', '类型', '事项编号', '事项名称', '检查问题', '状态', '办理时限', '逾期工作日']);
    const late = overdue.rows.find((r) => r[2] === ids.waterLate)!;
    expect(late).toBeDefined();
    expect(late[6]).toBe(daysFromNow(-20));
    expect(late[0]).toMatch(/^\d+$/);
    expect(Number(late[7])).toBeGreaterThan(0);
    expect(late[9]).toBe('水生态环境处');
    expect(late[11]).toMatch(/问责/);
    expect(overdue.rows.some((r) => r[2] === ids.waterA || r[2] === ids.soil)).toBe(false);
    const listTotal = (await ok(call('GET', '/audit/overdue?pageSize=1', 'supervisor1'))).body.total as number;
    expect(overdue.rows.length).toBeGreaterThanOrEqual(Math.min(listTotal, 1));

    // The 补录 measure's ladder caught up at once: one escalation, at 问责.
    const escalationsFile = await download(`/audit/escalations/export?level=accountability&from=${daysFromNow(-1)}`, 'leader1');
    expect(escalationsFile.status).toBe(200);
    const escalations = table(await sheetOf(escalationsFile.bytes));
    expect(escalations.header).toEqual(['序号', '日期', '级别', '事项编号', '事项名称', '检查问题', '针对', '节点日期', '已通知']);
    expect(escalations.rows.length).toBeGreaterThan(0);
    expect(new Set(escalations.rows.map((r) => r[2]))).toEqual(new Set(['问责']));
    expect(escalations.rows.some((r) => r[3] === ids.waterLate)).toBe(true);
    expect(escalations.rows.every((r) => r[1] >= daysFromNow(-1))).toBe(true);
    const warnings = table(await sheetOf((await download(`/audit/escalations/export?level=warning&from=${daysFromNow(-1)}`, 'leader1')).bytes));
    expect(warnings.rows.every((r) => r[2] === '预警')).toBe(true);
    expect(warnings.rows.some((r) => r[3] === ids.waterLate)).toBe(false);
    expect(await download('/audit/escalations/export?from=2022-02-01&to=2022-01-01', 'leader1')).toMatchObject({ status: 400, json: { code: 'VALIDATION_FAILED' } });

    const scorecard = table(await sheetOf((await download(`/audit/scorecard/export?year=${YEAR}`, 'admin')).bytes));
    expect(scorecard.header.slice(0, 6)).toEqual(['处室', '交办', '已办结', '按期办结', '应办结', '按期率(%)']);
    const card = (await ok(call('GET', `/audit/scorecard?year=${YEAR}`, 'admin'))).body as { departments: Array<{ department: { name: string }; assigned: number; overdue: number }> };
    expect(scorecard.rows.map((r) => [r[0], Number(r[1]), Number(r[6])])).toEqual(card.departments.map((d) => [d.department.name, d.assigned, d.overdue]));
    expect(scorecard.rows.find((r) => r[0] === '水生态环境处')).toEqual(expect.arrayContaining(['2']));

    const noticesBook = await sheetOf((await download('/audit/notices/export?kind=accountability', 'supervisor1')).bytes);
    expect(noticesBook.name).toBe('问责记录');
    const notices = table(noticesBook);
    expect(notices.header.slice(0, 5)).toEqual(['序号', '编号', '签发日期', '事项编号', '事项名称']);
    const row = notices.rows.find((r) => r[3] === ids.waterLate)!;
    expect(row[1]).toMatch(/^问〔\d{4}〕第\d+号$/);
    expect(noticesBook.getRow(notices.headerRow + 1 + notices.rows.indexOf(row)).getCell(3).value).toBeInstanceOf(Date);
    const supervision = table(await sheetOf((await download('/audit/notices/export?kind=supervision', 'supervisor1')).bytes));
    expect(supervision.rows.some((r) => r[1] === noticeNumber && r[3] === ids.waterA)).toBe(true);
    expect(await download('/audit/notices/export', 'supervisor1')).toMatchObject({ status: 400, json: { code: 'VALIDATION_FAILED' } });

    for (const path of ['/audit/overdue/export', '/audit/escalations/export', '/audit/scorecard/export', '/audit/notices/export?kind=supervision']) {
      expect(await download(path, 'water.head')).toMatchObject({ status: 403, json: { code: 'NOT_ALLOWED' } });
      expect(await download(path, 'water.staff1')).toMatchObject({ status: 403, json: { code: 'NOT_ALLOWED' } });
    }
    const targets: Array<{ target: string }> = await system.dataSource.query(`SELECT DISTINCT target FROM admin_audit_log WHERE action = 'report.export' AND target LIKE 'list:%'`);
    expect(targets.map((t) => t.target).sort()).toEqual(expect.arrayContaining(['list:escalations', 'list:notices', 'list:overdue', 'list:scorecard']));
  });
});
