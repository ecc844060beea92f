// Dates as the bureau writes them: YYYY-MM-DD (and HH:mm for timeline entries), always Beijing
// time (UTC+8, no daylight saving) whatever the browser's own zone. Every instant the web shows
// goes through beijingDateTime / beijingDay: never `toISOString().slice(0, 10)` (a UTC date, the
// day before for anything done before 08:00 Beijing time) nor the browser's local date.
// Durations in working days are said in words, never as a negative number.
import type { MessageKey } from './messages';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant (ISO 8601 with a zone, or epoch ms) as `YYYY-MM-DD HH:mm`, Beijing time. */
export function beijingDateTime(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(ms)) return String(iso);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Beijing date of an instant; a plain date (already a calendar day) stays as it is; none → —. */
export function beijingDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (PLAIN_DATE.test(iso)) return iso;
  return beijingDateTime(iso).slice(0, 10);
}

/** The year in Beijing now (or at `now`, epoch ms). */
export function beijingYear(now = Date.now()): number {
  return new Date(now + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** The month a bulletin covers by default: this month, YYYY-MM. */
export function currentMonth(): string {
  return new Date(Date.now() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10}%`;
}

export interface Phrase {
  key: MessageKey;
  n: number;
}

/**
 * How a due date stands, as words: 剩余 N 个工作日 / 今日到期 / 逾期 N 个工作日, and for the days
 * between (a due date on a weekend or holiday) 截止前已无工作日 / 已过截止日期 — never "0" or a minus.
 */
export function dueNote(status: { kind: 'left' | 'today' | 'overdue'; days: number }): Phrase {
  const n = Math.abs(status.days);
  if (status.kind === 'today') return { key: 'due.today', n: 0 };
  if (status.kind === 'left') return n > 0 ? { key: 'due.left', n } : { key: 'due.noneLeft', n: 0 };
  return n > 0 ? { key: 'due.overdue', n } : { key: 'due.passed', n: 0 };
}

/**
 * The working days an assignment allowed (交办日 → 截止日): 办理时限 N 个工作日; none (due the same
 * or the next non-working day), 办理时限不足 1 个工作日; a due date already past (a 补录 of late
 * work), 交办时已逾期 N 个工作日.
 */
export function windowNote(workingDays: number): Phrase {
  if (workingDays > 0) return { key: 'detail.window', n: workingDays };
  if (workingDays === 0) return { key: 'detail.windowNone', n: 0 };
  return { key: 'detail.windowLate', n: -workingDays };
}
