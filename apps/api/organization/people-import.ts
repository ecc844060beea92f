// A people/department sheet (CSV or XLSX) → rows for the domain's import check. A table is
// recognised by its header (row 1): a 用户名 column makes it a people table, 处室代码 + 处室名称
// (without 用户名) a department table. An XLSX workbook may hold both, one per worksheet; a CSV
// file holds one. Headers may be Chinese or English.
import { Workbook, type Buffer as ExcelBuffer, type Cell } from 'exceljs';
import type { ImportDepartmentRow, ImportPersonRow } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';

const MAX_ROWS = 5_000;

type PersonField = 'username' | 'displayName' | 'role' | 'department' | 'email' | 'mobile';
type DepartmentField = 'code' | 'name' | 'kind';

const PERSON_HEADERS: Record<PersonField, string[]> = {
  username: ['用户名', '账号', '登录名', 'username'],
  displayName: ['姓名', '显示名', 'displayname', 'name'],
  role: ['角色', 'role'],
  department: ['处室代码', '所在处室', '处室', '部门', 'department', 'departmentcode'],
  email: ['邮箱', '电子邮箱', 'email'],
  mobile: ['手机', '手机号', '手机号码', '电话', 'mobile', 'phone'],
};
const DEPARTMENT_HEADERS: Record<DepartmentField, string[]> = {
  code: ['处室代码', '代码', 'code'],
  name: ['处室名称', '名称', 'name'],
  kind: ['处室类型', '类型', 'kind'],
};

export interface ImportRows {
  departments: ImportDepartmentRow[];
  people: ImportPersonRow[];
}

const unreadable = (message: string) => new DomainError(ErrorCode.PeopleImportUnreadable, message);
const normalize = (header: string) => header.replace(/^\ufeff/, '').replace(/[\s*＊（(].*$/, '').trim().toLowerCase();

function columnsOf<F extends string>(header: string[], names: Record<F, string[]>): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {};
  for (const [field, aliases] of Object.entries(names) as Array<[F, string[]]>) {
    const index = header.findIndex((h) => aliases.includes(normalize(h)));
    if (index >= 0) columns[field] = index;
  }
  return columns;
}

/** One table (header + data rows, as strings) → its rows, by what its header says it is. */
function readTable(sheet: string, table: string[][], into: ImportRows): void {
  const [header = [], ...body] = table;
  const people = columnsOf(header, PERSON_HEADERS);
  const isPeople = people.username !== undefined;
  const departments = columnsOf(header, DEPARTMENT_HEADERS);
  const isDepartments = !isPeople && departments.code !== undefined && departments.name !== undefined;
  if (!isPeople && !isDepartments) {
    if (table.every((row) => row.every((cell) => !cell.trim()))) return; // an empty worksheet
    throw unreadable(`「${sheet}」第 1 行应为表头：人员表须有「用户名、姓名、角色、处室代码」列，处室表须有「处室代码、处室名称」列`);
  }
  if (body.length > MAX_ROWS) throw unreadable(`「${sheet}」超过 ${MAX_ROWS} 行，请分批导入`);
  if (isPeople) {
    const missing = (['displayName', 'role', 'department'] as const).filter((f) => people[f] === undefined).map((f) => PERSON_HEADERS[f][0]);
    if (missing.length) throw unreadable(`「${sheet}」缺少列：${missing.join('、')}`);
  }
  body.forEach((cells, i) => {
    if (cells.every((cell) => !cell.trim())) return; // blank lines are not rows
    const cell = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? ''));
    const row = i + 2;
    if (isPeople) {
      into.people.push({
        sheet,
        row,
        username: cell(people.username),
        displayName: cell(people.displayName),
        role: cell(people.role),
        department: cell(people.department),
        email: people.email === undefined ? undefined : cell(people.email),
        mobile: people.mobile === undefined ? undefined : cell(people.mobile),
      });
    } else {
      into.departments.push({ sheet, row, code: cell(departments.code), name: cell(departments.name), kind: cell(departments.kind) });
    }
  });
}

/** Reads the uploaded file; anything that is not a readable CSV or XLSX table is refused. */
export async function readImportFile(bytes: Buffer, fileName: string): Promise<ImportRows> {
  if (!bytes.length) throw unreadable('上传的文件为空');
  const rows: ImportRows = { departments: [], people: [] };
  const isZip = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (isZip) {
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelBuffer);
    } catch {
      throw unreadable('无法读取 Excel 文件：请上传 .xlsx 格式（不支持旧版 .xls）');
    }
    for (const worksheet of workbook.worksheets) {
      const table: string[][] = [];
      worksheet.eachRow({ includeEmpty: true }, (row, number) => {
        const cells: string[] = [];
        for (let c = 1; c <= Math.min(row.cellCount, 64); c++) cells.push(cellText(row.getCell(c)));
        table[number - 1] = cells;
      });
      readTable(worksheet.name, Array.from(table, (r) => r ?? []), rows);
    }
  } else {
    if (bytes.includes(0)) throw unreadable('无法读取文件：请上传 CSV（UTF-8 或 GBK 编码）或 .xlsx 文件');
    const name = fileName.replace(/\.[^.]*$/, '') || 'CSV';
    readTable(name, parseCsv(decode(bytes)), rows);
  }
  if (!rows.departments.length && !rows.people.length) throw unreadable('文件中没有可导入的数据行');
  return rows;
}

function cellText(cell: Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

function decode(bytes: Buffer): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const content = bom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(content);
    } catch {
      throw unreadable('无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV');
    }
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); a `;` or tab separator is accepted too. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = [',', '\t', ';', '，'].reduce((best, s) => (firstLine.split(s).length > firstLine.split(best).length ? s : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
