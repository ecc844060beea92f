// Task tables (任务分解表 / 任务清单 / 重点任务表) as a grid of cell texts → task rows. Columns are
// found by their header text; a header may take two or more rows (责任单位 over 牵头单位 | 配合单位),
// and a merged cell is already copied into every grid position it covers by the format reader.
import type { TaskRow } from './types';

export type Grid = string[][];

type Column = 'number' | 'task' | 'measure' | 'lead' | 'co' | 'deadline' | 'note';

// Tested in this order: the more specific words first (责任单位 under 牵头单位 is the lead, a
// 配合单位 is never the lead, 任务内容 is a measure, not a task group).
const HEADER_WORDS: ReadonlyArray<[Column, RegExp]> = [
  ['number', /^(?:序号|编号|序|No\.?)$/i],
  ['note', /^(?:备注|说明)$/],
  ['deadline', /时限|期限|时间|进度安排|时间节点|完成日期/],
  ['co', /配合|协办|协同|参与|协助|共同/],
  ['lead', /牵头|主责|主办|责任(?:单位|部门|处室|科室)|承办(?:单位|部门|处室)|负责(?:单位|部门|处室)|责任人|分管/],
  ['measure', /措施|任务内容|工作内容|具体内容|主要内容|具体任务|任务要求|工作要求|目标要求|主要任务|工作举措/],
  ['task', /任务|事项|项目|类别|重点工作|工作要点|领域|名称/],
];

const compact = (text: string) => text.replace(/\s+/g, '');

function classifyHeader(text: string): Column | undefined {
  const t = compact(text);
  if (!t || t.length > 16) return undefined;
  return HEADER_WORDS.find(([, pattern]) => pattern.test(t))?.[0];
}

interface Header {
  /** First data row. */
  start: number;
  columns: Map<Column, number>;
}

/** The header of a task table: the first row (of the first ten) that names a text column and one more. */
function findHeader(grid: Grid): Header | undefined {
  for (let r = 0; r < Math.min(grid.length, 10); r++) {
    const kinds = grid[r].map(classifyHeader);
    const named = new Set(kinds.filter((k) => k !== undefined));
    if (!(named.has('measure') || named.has('task')) || named.size < 2) continue;
    // The header band: this row and the rows under it that are header cells too (a vertically
    // merged header repeats the upper text, which classifies the same).
    let end = r + 1;
    while (end < grid.length && grid[end].some((cell, c) => cell && cell !== grid[end - 1][c]) && grid[end].every((cell) => !cell || classifyHeader(cell) !== undefined)) end++;
    const columns = new Map<Column, number>();
    const width = Math.max(...grid.slice(r, end).map((row) => row.length));
    for (let c = 0; c < width; c++) {
      // The lowest header cell is the most specific (牵头单位 under 责任单位); an upper one decides when it alone names the column.
      const texts = grid.slice(r, end).map((row) => row[c] ?? '');
      const kind = [...texts].reverse().map(classifyHeader).find((k) => k !== undefined);
      if (kind && !columns.has(kind)) columns.set(kind, c);
    }
    // Only one text column: it holds the work items.
    if (!columns.has('measure') && columns.has('task')) {
      columns.set('measure', columns.get('task')!);
      columns.delete('task');
    }
    return { start: end, columns };
  }
  return undefined;
}

const clean = (text: string | undefined) => (text ?? '').replace(/[ \t\u3000\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '').trim();

/** Task rows of the grid, or undefined when it is not a task table. */
export function taskRowsOfGrid(grid: Grid, planYear?: number): TaskRow[] | undefined {
  const header = findHeader(grid);
  if (!header) return undefined;
  const at = (row: string[], column: Column) => {
    const c = header.columns.get(column);
    return c === undefined ? '' : clean(row[c]);
  };
  const rows: TaskRow[] = [];
  let group = '';
  for (let r = header.start; r < grid.length; r++) {
    const row = grid[r];
    const cells = row.map(clean).filter(Boolean);
    if (cells.length === 0) continue;
    // A group heading: one text merged across the row (一、大气污染防治), or written alone in the
    // 序号 column, or numbered like a chapter or section.
    if (new Set(cells).size === 1 && (cells.length > 1 || at(row, 'number') === cells[0] || GROUP_NUMBER.test(cells[0]))) {
      group = stripGroupNumber(cells[0]);
      continue;
    }
    const measure = at(row, 'measure');
    if (!measure) continue;
    const deadline = at(row, 'deadline');
    const task = stripGroupNumber(at(row, 'task')) || group;
    const dueDate = suggestedDueDate(deadline, planYear);
    rows.push({ number: at(row, 'number'), task, measure, lead: at(row, 'lead'), co: at(row, 'co'), deadline, ...(dueDate ? { dueDate } : {}) });
  }
  return rows;
}

const GROUP_NUMBER = /^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])/;

/** `一、大气污染防治` / `（一）…` / `1.…` → the text without its number. */
function stripGroupNumber(text: string): string {
  return text.replace(/^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|\d{1,3}\s*[.．、](?!\d))\s*/, '').trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const CN_MONTH: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const QUARTER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * 完成时限 → a suggested due date: the last date it names (`2024年6月底前`, `6月30日`, `9月`,
 * `第三季度`, `上半年`, `年底`/`全年`; `2024年3月至12月` → 12-31). Undefined for 长期坚持, 持续推进 …
 */
export function suggestedDueDate(deadline: string, planYear?: number): string | undefined {
  const text = compact(deadline).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!text) return undefined;
  const yearOf = (y: string | undefined) => (y ? Number(y) : planYear);
  const candidates: Array<{ at: number; date: string }> = [];
  const push = (at: number, y: number | undefined, m: number, d?: number) => {
    if (!y || m < 1 || m > 12) return;
    const day = d === undefined ? lastDay(y, m) : Math.min(d, lastDay(y, m));
    candidates.push({ at, date: isoDate(y, m, day) });
  };
  let year: number | undefined;
  for (const match of text.matchAll(/(?:((?:19|20)\d{2})[年.\-/])?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:(\d{1,2})[日号])?/g)) {
    year = yearOf(match[1]) ?? year;
    const month = /\d/.test(match[2]) ? Number(match[2]) : CN_MONTH[match[2]];
    push(match.index, match[1] ? Number(match[1]) : (year ?? planYear), month, match[3] ? Number(match[3]) : undefined);
  }
  for (const match of text.matchAll(/((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})/g)) push(match.index, Number(match[1]), Number(match[2]), Number(match[3]));
  for (const match of text.matchAll(/(?:((?:19|20)\d{2})年)?(?:第)?([一二三四1-4])季度/g)) push(match.index, yearOf(match[1]), QUARTER[match[2]] * 3);
  for (const match of text.matchAll(/(?:((?:19|20)\d{2})年)?(上半年|下半年|年底|年末|全年|年内|年度)/g)) push(match.index, yearOf(match[1]), match[2] === '上半年' ? 6 : 12);
  if (candidates.length === 0) {
    const bareYear = /^((?:19|20)\d{2})年?(?:底|末|前|内)?$/.exec(text);
    if (bareYear) push(0, Number(bareYear[1]), 12);
  }
  if (candidates.length === 0) return undefined;
  return candidates.reduce((a, b) => (b.date > a.date ? b : a)).date;
}

/**
 * Task rows in the text layout the parser reads: a chapter (一、) per task group — or a section
 * (（一）) when the table sits under a chapter heading of the document — and a numbered measure
 * per row with `（X牵头，Y配合）` appended, the way plans written as prose say who leads.
 */
export function taskRowLines(rows: readonly TaskRow[], options: { underChapter: boolean; startChapter?: number }): string[] {
  const lines: string[] = [];
  const groupMarker = (n: number) => (options.underChapter ? `（${chineseNumeral(n)}）` : `${chineseNumeral(n)}、`);
  let groupNumber = options.underChapter ? 0 : (options.startChapter ?? 1) - 1;
  let currentGroup: string | undefined;
  let item = 0;
  for (const row of rows) {
    if (currentGroup === undefined || row.task !== currentGroup) {
      currentGroup = row.task;
      groupNumber++;
      item = 0;
      if (row.task || !options.underChapter) lines.push(`${groupMarker(groupNumber)}${row.task || '重点工作任务'}`);
    }
    item++;
    lines.push(`${item}.${measureText(row)}`);
  }
  return lines;
}

function measureText(row: TaskRow): string {
  const body = row.measure.replace(/\s+/g, '');
  const who = [row.lead && `${row.lead}牵头`, row.co && `${row.co}配合`].filter(Boolean).join('，');
  if (!who) return body;
  return `${/[。；;！!]$/.test(body) ? body : `${body}。`}（${who}）`;
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : NUMERALS[tens]}十${NUMERALS[n % 10]}`;
}
