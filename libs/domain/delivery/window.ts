// When a message may go out: not during the 免打扰时段 (quiet hours, Beijing wall clock), and —
// unless it is urgent — not on a non-working day (weekends and statutory holidays; a 调休 make-up
// Saturday is a working day), when it waits for the next working day's 08:30. Urgent messages go on
// holidays too but still wait out the quiet hours. Pure: computed from the event's own time (workflow
// time), never from Date.now(), so replays and time-skipped tests get the same answer.
import { addCalendarDays } from '../calendar/dates';
import { beijingDate } from '../escalation';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './types';

/** What the window needs from the working-day calendar (WorkingDayCalendar satisfies it). */
export interface WorkingDayCheck {
  isWorkingDay(date: string): boolean;
}

/** The start of the office day (Beijing): held messages and the daily digest go out then. */
export const OFFICE_MORNING = '08:30';

const MINUTE = 60_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' → minutes after midnight; undefined unless a real 24-hour time with two-digit fields. */
export function clockMinutes(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function requireClock(value: string, what: string): number {
  const minutes = clockMinutes(value);
  if (minutes === undefined) throw new RangeError(`${what} must be HH:MM (24-hour), got "${value}"`);
  return minutes;
}

export const QUIET_HOURS_MESSAGES = {
  format: '免打扰时段的开始和结束时间应为 24 小时制“时:分”，例如 22:00 和 07:30',
  same: '免打扰时段的开始和结束时间不能相同',
} as const;

/** The problem with quiet hours as entered (a plain Chinese message), or undefined when they are usable. */
export function quietHoursProblem(quiet: { start?: unknown; end?: unknown }): string | undefined {
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  if (start === undefined || end === undefined) return QUIET_HOURS_MESSAGES.format;
  if (start === end) return QUIET_HOURS_MESSAGES.same;
  return undefined;
}

/** The instant of a Beijing wall-clock time on a Beijing date (Beijing keeps UTC+8 all year). */
export function beijingInstant(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d, 0, minutes) - BEIJING_OFFSET_MS;
}

/** Minutes after Beijing midnight of an instant. */
export function beijingMinuteOfDay(instantMs: number): number {
  const local = instantMs + BEIJING_OFFSET_MS;
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / MINUTE);
}

export function instantOf(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`not a point in time: ${String(value)}`);
  return ms;
}

/** The end of the quiet hours an instant falls in, or the instant itself when outside them. */
export function afterQuietHours(instantMs: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  const start = requireClock(quiet.start, 'quiet hours start');
  const end = requireClock(quiet.end, 'quiet hours end');
  if (start === end) return instantMs; // no quiet hours
  const minute = beijingMinuteOfDay(instantMs);
  const date = beijingDate(instantMs);
  if (start > end) {
    // Across midnight, e.g. 22:00–07:30: the evening part ends tomorrow morning, the early part today.
    if (minute >= start) return beijingInstant(addCalendarDays(date, 1), end);
    if (minute < end) return beijingInstant(date, end);
    return instantMs;
  }
  return minute >= start && minute < end ? beijingInstant(date, end) : instantMs;
}

/** 08:30 of the first working day after the instant's Beijing date. */
function nextWorkingMorning(instantMs: number, calendar: WorkingDayCheck): number {
  let date = beijingDate(instantMs);
  for (let i = 0; i < 400; i++) {
    date = addCalendarDays(date, 1);
    if (calendar.isWorkingDay(date)) return beijingInstant(date, clockMinutes(OFFICE_MORNING)!);
  }
  throw new RangeError(`no working day within 400 days after ${beijingDate(instantMs)}`);
}

/**
 * The earliest instant a message about an event that occurred at `occurredAt` may be sent:
 * - inside the quiet hours → their end (22:30 → next morning 07:30; 06:00 → 07:30 the same day);
 * - not urgent and that time falls on a non-working day → 08:30 of the next working day
 *   (Friday 23:00 → Monday 08:30; in Golden Week → the first working day after it, a 调休
 *   Saturday included);
 * - urgent → only the quiet hours hold it, holidays do not;
 * - otherwise at once (the event's own time).
 * Applied until nothing moves (a late quiet-hours end may push the 08:30 morning once more).
 */
export function deliveryNotBefore(occurredAt: Date | string | number, urgent: boolean, calendar: WorkingDayCheck, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  let at = instantOf(occurredAt);
  for (let i = 0; i < 10; i++) {
    let next = afterQuietHours(at, quiet);
    if (!urgent && !calendar.isWorkingDay(beijingDate(next))) next = nextWorkingMorning(next, calendar);
    if (next === at) return new Date(at);
    at = next;
  }
  return new Date(at);
}
