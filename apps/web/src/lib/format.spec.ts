/// <reference types="jest" />
import { beijingDateTime, beijingDay, beijingYear, dueNote, windowNote } from './format';
import { dependsOnUnknownYear, dueStatus } from './workingDays';

describe('Beijing dates', () => {
  it('shows an instant in Beijing time, whatever the UTC date', () => {
    // 2026-12-02 03:24 in Beijing is still 2026-12-01 in UTC.
    expect(beijingDateTime('2026-12-01T19:24:00.000Z')).toBe('2026-12-02 03:24');
    expect(beijingDay('2026-12-01T19:24:00.000Z')).toBe('2026-12-02');
    expect(beijingDay('2026-12-02T03:24:00+08:00')).toBe('2026-12-02');
    expect(beijingDay('2026-12-01T15:59:59.999Z')).toBe('2026-12-01');
    expect(beijingDay('2026-12-01T16:00:00.000Z')).toBe('2026-12-02');
    expect(beijingDateTime(Date.UTC(2026, 11, 31, 16, 0))).toBe('2027-01-01 00:00');
  });

  it('keeps a plain calendar date as it is, and says — for none', () => {
    expect(beijingDay('2026-12-02')).toBe('2026-12-02');
    expect(beijingDay(null)).toBe('—');
    expect(beijingDay(undefined)).toBe('—');
    expect(beijingDay('')).toBe('—');
    expect(beijingDateTime('not a date')).toBe('not a date');
  });

  it('takes the year in Beijing (New Year comes 8 hours earlier than in UTC)', () => {
    expect(beijingYear(Date.UTC(2026, 11, 31, 15, 59))).toBe(2026);
    expect(beijingYear(Date.UTC(2026, 11, 31, 16, 0))).toBe(2027);
  });
});

describe('durations in words, never negative', () => {
  it('says how a due date stands', () => {
    expect(dueNote({ kind: 'left', days: 3 })).toEqual({ key: 'due.left', n: 3 });
    expect(dueNote({ kind: 'left', days: 0 })).toEqual({ key: 'due.noneLeft', n: 0 });
    expect(dueNote({ kind: 'today', days: 0 })).toEqual({ key: 'due.today', n: 0 });
    expect(dueNote({ kind: 'overdue', days: 12 })).toEqual({ key: 'due.overdue', n: 12 });
    expect(dueNote({ kind: 'overdue', days: 0 })).toEqual({ key: 'due.passed', n: 0 });
  });

  it('says the time an assignment allowed, or that it was late already', () => {
    expect(windowNote(20)).toEqual({ key: 'detail.window', n: 20 });
    expect(windowNote(0)).toEqual({ key: 'detail.windowNone', n: 0 });
    expect(windowNote(-12)).toEqual({ key: 'detail.windowLate', n: 12 });
  });

  it('words real due dates without a minus (weekend due dates included)', () => {
    // 2026-12-05 is a Saturday: on Sunday it is past, with no working day overdue yet.
    expect(dueNote(dueStatus('2026-12-05', '2026-12-06'))).toEqual({ key: 'due.passed', n: 0 });
    expect(dueNote(dueStatus('2026-12-06', '2026-12-05'))).toEqual({ key: 'due.noneLeft', n: 0 });
    expect(dueNote(dueStatus('2026-12-01', '2026-12-17'))).toEqual({ key: 'due.overdue', n: 12 });
    for (const [due, today] of [
      ['2026-11-02', '2026-12-02'],
      ['2026-12-02', '2026-11-02'],
      ['2026-12-05', '2026-12-06'],
    ]) {
      expect(dueNote(dueStatus(due, today)).n).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the provisional note', () => {
  it('depends on the years a count crosses, not on the dates being in the future', () => {
    // The bundled calendar (chinese-days) knows 2004–2026; 2027 is not published in it.
    expect(dependsOnUnknownYear('2026-03-01', '2026-12-31')).toBe(false);
    expect(dependsOnUnknownYear('2022-01-04', '2022-12-30')).toBe(false);
    expect(dependsOnUnknownYear('2026-12-02', '2027-01-15')).toBe(true);
    expect(dependsOnUnknownYear('2027-03-01')).toBe(true);
    expect(dependsOnUnknownYear(null, undefined)).toBe(false);
    expect(dependsOnUnknownYear('2026-12-02', null)).toBe(false);
  });
});
