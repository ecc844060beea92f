import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';

const WINDOW_MS = 15 * 60_000;
/** Failures allowed per window: few per account, more per address (an office shares one). */
const LIMITS = { user: 5, ip: 50 } as const;

/**
 * Slows password guessing: after 5 failed logins for one username (or 50 from one address) within
 * 15 minutes, further attempts are refused until the window passes. Kept in memory per API
 * process (several API processes each count on their own). Keys are `user:<name>` / `ip:<addr>`.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  assertAllowed(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= LIMITS[key.startsWith('ip:') ? 'ip' : 'user']) {
        const retryAfter = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
        throw new DomainError(ErrorCode.LoginThrottled, `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { retryAfterSeconds: retryAfter });
      }
    }
  }

  recordFailure(keys: string[], now = Date.now()): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.failures.clear(); // bound memory under a spray attack
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}
