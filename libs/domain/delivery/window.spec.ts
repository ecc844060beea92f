import { OFFICIAL_2024_2026 } from '../calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { afterQuietHours, beijingInstant, beijingMinuteOfDay, clockMinutes, deliveryNotBefore, QUIET_HOURS_MESSAGES, quietHoursProblem } from './window';
import { DEFAULT_QUIET_HOURS } from './types';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}:00+08:00`);
const at = (local: string, urgent = false, quiet = DEFAULT_QUIET_HOURS) => deliveryNotBefore(bj(local), urgent, calendar, quiet).toISOString();
const iso = (local: string) => bj(local).toISOString();

describe('deliveryNotBefore — quiet hours (22:00–07:30 Beijing)', () => {
  it('sends at once on a working day outside the quiet hours', () => {
    // Wednesday 2026-12-02.
    expect(at('2026-12-02T09:15')).toBe(iso('2026-12-02T09:15'));
    expect(at('2026-12-02T07:30')).toBe(iso('2026-12-02T07:30')); // the quiet hours' end is outside them
    expect(at('2026-12-02T21:59')).toBe(iso('2026-12-02T21:59'));
  });

  it('holds the evening side until next morning 07:30 (across midnight)', () => {
    expect(at('2026-12-02T22:00')).toBe(iso('2026-12-03T07:30')); // the start is inside
    expect(at('2026-12-02T23:59')).toBe(iso('2026-12-03T07:30'));
  });

  it('holds the early-morning side until 07:30 the same day', () => {
    expect(at('2026-12-03T00:00')).toBe(iso('2026-12-03T07:30'));
    expect(at('2026-12-03T06:10')).toBe(iso('2026-12-03T07:30'));
    expect(at('2026-12-03T07:29')).toBe(iso('2026-12-03T07:30'));
  });

  it('keeps urgent messages out of the quiet hours too', () => {
    expect(at('2026-12-02T23:10', true)).toBe(iso('2026-12-03T07:30'));
    expect(at('2026-12-03T05:00', true)).toBe(iso('2026-12-03T07:30'));
  });

  it('is the same whatever form the time comes in, and never reads the clock', () => {
    const instant = bj('2026-12-02T22:40');
    const expected = iso('2026-12-03T07:30');
    expect(deliveryNotBefore(instant, false, calendar).toISOString()).toBe(expected);
    expect(deliveryNotBefore(instant.toISOString(), false, calendar).toISOString()).toBe(expected);
    expect(deliveryNotBefore(instant.getTime(), false, calendar).toISOString()).toBe(expected);
    const realNow = Date.now;
    Date.now = () => { throw new Error('Date.now must not be used'); };
    try {
      expect(deliveryNotBefore(instant, false, calendar).toISOString()).toBe(expected);
    } finally {
      Date.now = realNow;
    }
    expect(() => deliveryNotBefore('not a time', false, calendar)).toThrow(RangeError);
  });

  it('supports quiet hours within one day, and none when start equals end', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(at('2026-12-02T12:45', false, lunch)).toBe(iso('2026-12-02T13:30'));
    expect(at('2026-12-02T23:00', false, lunch)).toBe(iso('2026-12-02T23:00'));
    expect(afterQuietHours(bj('2026-12-02T23:00').getTime(), { start: '00:00', end: '00:00' })).toBe(bj('2026-12-02T23:00').getTime());
  });

  it('checks the quiet hours as entered, with plain Chinese messages', () => {
    expect(quietHoursProblem({ start: '22:00', end: '07:30' })).toBeUndefined();
    expect(quietHoursProblem({ start: '7:30', end: '22:00' })).toBe(QUIET_HOURS_MESSAGES.format);
    expect(quietHoursProblem({ start: '24:00', end: '07:30' })).toBe(QUIET_HOURS_MESSAGES.format);
    expect(quietHoursProblem({ start: 2200, end: '07:30' })).toBe(QUIET_HOURS_MESSAGES.format);
    expect(quietHoursProblem({ start: '08:00', end: '08:00' })).toBe(QUIET_HOURS_MESSAGES.same);
    expect(() => deliveryNotBefore(bj('2026-12-02T10:00'), false, calendar, { start: '25:00', end: '07:30' })).toThrow(RangeError);
    expect(clockMinutes('07:30')).toBe(450);
  });
});

describe('deliveryNotBefore — non-working days', () => {
  it('holds a weekend event until Monday 08:30', () => {
    // Saturday 2026-12-05 and Sunday 2026-12-06 are ordinary weekend days.
    expect(at('2026-12-05T10:00')).toBe(iso('2026-12-07T08:30'));
    expect(at('2026-12-06T21:00')).toBe(iso('2026-12-07T08:30'));
  });

  it('Friday evening in the quiet hours → Monday 08:30, not Saturday 07:30', () => {
    expect(at('2026-12-04T22:30')).toBe(iso('2026-12-07T08:30'));
  });

  it('Sunday night before a working Monday waits only for the quiet hours', () => {
    expect(at('2026-12-06T23:00')).toBe(iso('2026-12-07T07:30'));
  });

  it('holds everything in the 2026 National Day holiday until Thursday 10-08 08:30', () => {
    // 2026: 国庆 10-01 (Thu) … 10-07 (Wed) off; 10-08 Thu is the first working day.
    expect(at('2026-09-30T22:15')).toBe(iso('2026-10-08T08:30')); // the eve, inside quiet hours
    expect(at('2026-10-01T10:00')).toBe(iso('2026-10-08T08:30'));
    expect(at('2026-10-04T15:00')).toBe(iso('2026-10-08T08:30')); // an ordinary Sunday inside the block
    expect(at('2026-10-07T23:00')).toBe(iso('2026-10-08T07:30')); // last holiday night: quiet end is a working day
  });

  it('treats the 调休 Saturday 2026-10-10 as a working day', () => {
    expect(at('2026-10-10T09:00')).toBe(iso('2026-10-10T09:00'));
    expect(at('2026-10-09T23:00')).toBe(iso('2026-10-10T07:30')); // Friday night → make-up Saturday morning
    expect(at('2026-10-10T22:30')).toBe(iso('2026-10-12T08:30')); // Saturday night → Sunday is off → Monday
    // And the make-up Sunday before 中秋/国庆, 2026-09-20.
    expect(at('2026-09-20T10:00')).toBe(iso('2026-09-20T10:00'));
  });

  it('sends urgent messages on holidays, after the quiet hours only', () => {
    expect(at('2026-10-03T10:00', true)).toBe(iso('2026-10-03T10:00'));
    expect(at('2026-10-02T23:30', true)).toBe(iso('2026-10-03T07:30'));
    expect(at('2026-12-05T10:00', true)).toBe(iso('2026-12-05T10:00'));
  });

  it('pushes the 08:30 morning on when the quiet hours end later', () => {
    const late = { start: '21:00', end: '09:00' };
    expect(at('2026-12-05T10:00', false, late)).toBe(iso('2026-12-07T09:00'));
  });
});

describe('Beijing clock helpers', () => {
  it('convert without the host time zone', () => {
    expect(new Date(beijingInstant('2026-10-08', 8 * 60 + 30)).toISOString()).toBe('2026-10-08T00:30:00.000Z');
    expect(beijingMinuteOfDay(Date.parse('2026-10-07T16:00:00Z'))).toBe(0); // Beijing midnight
    expect(beijingMinuteOfDay(Date.parse('2026-10-07T15:59:00Z'))).toBe(23 * 60 + 59);
  });
});
