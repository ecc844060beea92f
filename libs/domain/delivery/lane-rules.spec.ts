import { OFFICIAL_2024_2026 } from '../calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { addressBackoffMs, DEFAULT_PACE, deliveryExpiresAt, dispositionOf, paceBudget, paceFor, PAUSED_RECHECK_MS } from './lane-rules';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const bj = (local: string) => new Date(`${local}:00+08:00`);
const HOUR = 3600_000;

describe('deliveryExpiresAt', () => {
  it('gives a row sent back by 重发 another 72 hours from then, never less than its first expiry', () => {
    expect(deliveryExpiresAt(bj('2026-12-02T10:00'), false, calendar, undefined, bj('2026-12-09T11:00')).toISOString()).toBe(bj('2026-12-12T11:00').toISOString());
    expect(deliveryExpiresAt(bj('2026-12-02T10:00'), false, calendar, undefined, bj('2026-12-02T10:30')).toISOString()).toBe(bj('2026-12-05T10:30').toISOString());
    expect(deliveryExpiresAt(bj('2026-12-02T10:00'), false, calendar, undefined, null).toISOString()).toBe(bj('2026-12-05T10:00').toISOString());
  });
  it('counts 72 hours from when the row first fell due', () => {
    expect(deliveryExpiresAt(bj('2026-12-02T10:00'), false, calendar).toISOString()).toBe(bj('2026-12-05T10:00').toISOString());
  });

  it('does not expire a message held over Golden Week before its first attempt', () => {
    // Occurred 2026-10-01 10:00 (holiday) → due 10-08 08:30 → expires 10-11 08:30.
    expect(deliveryExpiresAt(bj('2026-10-01T10:00'), false, calendar).toISOString()).toBe(bj('2026-10-11T08:30').toISOString());
    // An urgent one went at once, so it expires 72 h after the event.
    expect(deliveryExpiresAt(bj('2026-10-01T10:00'), true, calendar).toISOString()).toBe(bj('2026-10-04T10:00').toISOString());
  });
});

describe('dispositionOf', () => {
  const now = bj('2026-12-02T10:00');
  const fresh = { attempts: 1, expiresAt: bj('2026-12-05T10:00') };
  const old = { attempts: 9, expiresAt: bj('2026-12-02T10:00') }; // expires now

  it('maps each outcome to what the row and the lane do', () => {
    expect(dispositionOf({ kind: 'sent', providerRef: '250 OK' }, fresh, now)).toEqual({ action: 'sent', providerRef: '250 OK' });
    expect(dispositionOf({ kind: 'permanent', detail: '550 no such user' }, fresh, now)).toEqual({ action: 'failed', failureClass: 'permanent', detail: '550 no such user' });
    expect(dispositionOf({ kind: 'transient', scope: 'channel', detail: '421' }, fresh, now)).toEqual({ action: 'channel_down', detail: '421' });
    expect(dispositionOf({ kind: 'transient', scope: 'address', detail: '451' }, fresh, now)).toEqual({ action: 'retry_address', notBefore: new Date(now.getTime() + 5 * 60_000), detail: '451' });
    expect(dispositionOf({ kind: 'config', detail: '535' }, fresh, now)).toEqual({ action: 'paused', detail: '535', recheckMs: PAUSED_RECHECK_MS });
    expect(dispositionOf({ kind: 'rate_limited', retryAfterMs: 600_000, detail: '130101' }, fresh, now)).toEqual({ action: 'rate_limited', sleepMs: 600_000, detail: '130101' });
    expect(dispositionOf({ kind: 'rate_limited', retryAfterMs: 0, detail: '429' }, fresh, now)).toMatchObject({ sleepMs: 1_000 });
  });

  it('gives up a row past its expiry unless it was sent or refused for good', () => {
    expect(dispositionOf({ kind: 'transient', scope: 'channel', detail: 'refused' }, old, now)).toEqual({ action: 'failed', failureClass: 'expired', detail: 'refused' });
    expect(dispositionOf({ kind: 'transient', scope: 'address', detail: '452' }, old, now)).toMatchObject({ action: 'failed', failureClass: 'expired' });
    expect(dispositionOf({ kind: 'config', detail: '93000' }, old, now)).toMatchObject({ action: 'failed', failureClass: 'expired' });
    expect(dispositionOf({ kind: 'sent', providerRef: 'ok' }, old, now)).toMatchObject({ action: 'sent' });
    expect(dispositionOf({ kind: 'permanent', detail: 'x' }, old, now)).toMatchObject({ failureClass: 'permanent' });
  });

  it('backs an address off longer with each attempt, up to 6 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(addressBackoffMs)).toEqual([5 * 60_000, 15 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 6 * HOUR, 6 * HOUR]);
    expect(addressBackoffMs(0)).toBe(5 * 60_000);
  });
});

describe('paceBudget (on the workflow clock)', () => {
  const t0 = Date.parse('2026-12-02T02:00:00Z');

  it('lets an unpaced lane (email, SMS) send everything', () => {
    expect(paceBudget([t0, t0, t0], t0, DEFAULT_PACE.email)).toEqual({ budget: Number.POSITIVE_INFINITY, wakeAt: null, recent: [] });
  });

  it('WeCom: 18 a minute; the 19th waits until the oldest leaves the window', () => {
    const sends = Array.from({ length: 18 }, (_, i) => t0 + i * 1_000);
    const now = t0 + 20_000;
    expect(paceBudget(sends.slice(0, 10), now, DEFAULT_PACE.wecom)).toMatchObject({ budget: 8, wakeAt: null });
    expect(paceBudget(sends, now, DEFAULT_PACE.wecom)).toEqual({ budget: 0, wakeAt: t0 + 60_000, recent: sends });
    // At that instant the first send has left: one more may go.
    expect(paceBudget(sends, t0 + 60_000, DEFAULT_PACE.wecom)).toMatchObject({ budget: 1, wakeAt: null, recent: sends.slice(1) });
  });

  it('Feishu: 4 a second as well as 90 a minute', () => {
    const burst = [t0, t0 + 100, t0 + 200, t0 + 300];
    expect(paceBudget(burst, t0 + 400, DEFAULT_PACE.feishu)).toEqual({ budget: 0, wakeAt: t0 + 1_000, recent: burst });
    expect(paceBudget(burst, t0 + 1_000, DEFAULT_PACE.feishu)).toMatchObject({ budget: 1 });
    const minute = Array.from({ length: 90 }, (_, i) => t0 + i * 500);
    expect(paceBudget(minute, t0 + 50_000, DEFAULT_PACE.feishu)).toMatchObject({ budget: 0, wakeAt: t0 + 60_000 });
  });

  it('takes a channel\'s own per_minute over the default', () => {
    expect(paceFor('wecom', 10)).toEqual({ perMinute: 10 });
    expect(paceFor('feishu', 30)).toEqual({ perMinute: 30, perSecond: 4 });
    expect(paceFor('email', 120)).toEqual({ perMinute: 120 });
    expect(paceFor('dingtalk', null)).toEqual(DEFAULT_PACE.dingtalk);
    expect(paceFor('dingtalk', 0)).toEqual(DEFAULT_PACE.dingtalk);
  });
});
