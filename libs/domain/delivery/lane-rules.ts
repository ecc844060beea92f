// What a delivery lane (one per channel, rows in id order) does with each send outcome, when a
// row gives up, and how fast a lane may send. Pure and clock-free: the lane workflow passes
// workflow time, so pacing and expiry behave the same under time skipping and on replay.
import type { ChannelKind, DeliveryOutcome, QuietHours } from './types';
import { DEFAULT_QUIET_HOURS } from './types';
import { deliveryNotBefore, instantOf, type WorkingDayCheck } from './window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A row still undelivered this long after it first fell due fails as `expired`. */
export const DELIVERY_EXPIRY_MS = 72 * HOUR;

/**
 * When a row gives up: 72 hours after it first fell due — counted from deliveryNotBefore of its
 * event time, not from the event itself, so a message held over a holiday (Golden Week: 7 days)
 * does not expire before its first attempt. Recomputed from the row's createdAt and urgency.
 */
export function deliveryExpiresAt(
  createdAt: Date | string | number,
  urgent: boolean,
  calendar: WorkingDayCheck,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
  /** When an admin pressed 重发: the row gets another 72 hours from then. */
  retriedAt?: Date | string | number | null,
): Date {
  const first = deliveryNotBefore(createdAt, urgent, calendar, quiet).getTime() + DELIVERY_EXPIRY_MS;
  return new Date(retriedAt == null ? first : Math.max(first, instantOf(retriedAt) + DELIVERY_EXPIRY_MS));
}

/** Back-off of one address the server turned away for now (450–452), by the attempts made so far. */
export const ADDRESS_BACKOFF_MS = [5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR] as const;

export function addressBackoffMs(attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), ADDRESS_BACKOFF_MS.length) - 1;
  return ADDRESS_BACKOFF_MS[i];
}

/** A paused lane (config error) looks again after this long without a kick. */
export const PAUSED_RECHECK_MS = HOUR;

/**
 * What happens after one attempt:
 * - `sent` → the row is sent; the lane goes on;
 * - `failed` (permanent, or expired: past expiresAt and still not sent) → the lane goes on;
 * - `retry_address`: this recipient only, later (notBefore) → the lane goes on;
 * - `channel_down`: the row stays pending, the lane stops here (Temporal's retry backs off) so
 *   everything goes out in order once the channel is back;
 * - `paused`: the channel's settings are wrong; the row stays pending, the lane waits for a kick
 *   (a saved channel, 重发) or PAUSED_RECHECK_MS;
 * - `rate_limited`: the row stays pending, the lane sleeps sleepMs.
 */
export type Disposition =
  | { action: 'sent'; providerRef: string }
  | { action: 'failed'; failureClass: 'permanent' | 'expired'; detail: string }
  | { action: 'retry_address'; notBefore: Date; detail: string }
  | { action: 'channel_down'; detail: string }
  | { action: 'paused'; detail: string; recheckMs: number }
  | { action: 'rate_limited'; sleepMs: number; detail: string };

/** The disposition of an outcome for a row that has now had `attempts` attempts, at `now`. */
export function dispositionOf(outcome: DeliveryOutcome, row: { attempts: number; expiresAt: Date | number }, now: Date | number): Disposition {
  const nowMs = instantOf(now);
  const expired = nowMs >= instantOf(row.expiresAt);
  switch (outcome.kind) {
    case 'sent':
      return { action: 'sent', providerRef: outcome.providerRef };
    case 'permanent':
      return { action: 'failed', failureClass: 'permanent', detail: outcome.detail };
    case 'transient': {
      if (expired) return { action: 'failed', failureClass: 'expired', detail: outcome.detail };
      if (outcome.scope === 'channel') return { action: 'channel_down', detail: outcome.detail };
      return { action: 'retry_address', notBefore: new Date(nowMs + addressBackoffMs(row.attempts)), detail: outcome.detail };
    }
    case 'config':
      return expired ? { action: 'failed', failureClass: 'expired', detail: outcome.detail } : { action: 'paused', detail: outcome.detail, recheckMs: PAUSED_RECHECK_MS };
    case 'rate_limited':
      return { action: 'rate_limited', sleepMs: Math.max(1_000, Math.ceil(outcome.retryAfterMs)), detail: outcome.detail };
  }
}

/** Sends a lane may make: per minute and, for Feishu, per second; null = unpaced. */
export interface Pace {
  perMinute: number | null;
  perSecond?: number | null;
}

/** Under each vendor's documented limit (企业微信 / 钉钉 20 per minute per robot, 飞书 100/min and 5/s). */
export const DEFAULT_PACE: Record<ChannelKind, Pace> = {
  email: { perMinute: null },
  sms: { perMinute: null },
  wecom: { perMinute: 18 },
  dingtalk: { perMinute: 18 },
  feishu: { perMinute: 90, perSecond: 4 },
};

/** The channel's pace: its configured per_minute (when set) over the kind's default. */
export function paceFor(kind: ChannelKind, perMinute: number | null | undefined): Pace {
  const base = DEFAULT_PACE[kind];
  return perMinute && perMinute > 0 ? { ...base, perMinute: Math.floor(perMinute) } : base;
}

/**
 * How many sends a lane may make now, given the workflow times of its recent sends: the per-minute
 * budget over the last 60 s and the per-second one over the last 1 s. At 0, `wakeAt` is when the
 * oldest send in the full window leaves it. `recent` is the list to keep (older entries dropped).
 * `budget` is Infinity for an unpaced lane.
 */
export function paceBudget(recentSends: readonly number[], now: number, pace: Pace): { budget: number; wakeAt: number | null; recent: number[] } {
  const inMinute = recentSends.filter((t) => t > now - MINUTE && t <= now).sort((a, b) => a - b);
  if (!pace.perMinute && !pace.perSecond) return { budget: Number.POSITIVE_INFINITY, wakeAt: null, recent: [] };
  const budgets: Array<{ left: number; wake: number | null }> = [];
  if (pace.perMinute) {
    const left = pace.perMinute - inMinute.length;
    budgets.push({ left, wake: left <= 0 ? inMinute[inMinute.length - pace.perMinute] + MINUTE : null });
  }
  if (pace.perSecond) {
    const inSecond = inMinute.filter((t) => t > now - 1_000);
    const left = pace.perSecond - inSecond.length;
    budgets.push({ left, wake: left <= 0 ? inSecond[inSecond.length - pace.perSecond] + 1_000 : null });
  }
  const budget = Math.max(0, Math.min(...budgets.map((b) => b.left)));
  const wakeAt = budget > 0 ? null : Math.max(...budgets.filter((b) => b.left <= 0).map((b) => b.wake!));
  return { budget, wakeAt, recent: inMinute };
}
