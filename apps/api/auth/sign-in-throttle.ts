import { Injectable } from '@nestjs/common';
import { SignInThrottleRepository, type ThrottleRule } from '@duban/db';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';

/** An account's failures are forgotten after a day without tries; an address's after an hour. */
const ACCOUNT_FORGET_SECONDS = 24 * 3600;
const ADDRESS_FORGET_SECONDS = 3600;

/** The tries one sign-in (or password change) reserved, to settle once the password is checked. */
export interface ReservedTry {
  account: ThrottleRule;
  address?: ThrottleRule;
}

/**
 * Slows password guessing with counters in PostgreSQL that every API process shares: after
 * DUBAN_SIGNIN_ACCOUNT_FAILURES failures for one account each further try must wait 1 s, 2 s,
 * 4 s … up to 15 minutes after the one before; the same for one client address after
 * DUBAN_SIGNIN_ADDRESS_FAILURES (an office shares an address, so it gets more). A try is counted
 * before its password is checked, so parallel tries cannot outrun the limit.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly counters: SignInThrottleRepository,
    private readonly config: ApiConfig,
  ) {}

  /** Reserves a sign-in try for the account from the address, or 429 with the seconds to wait. */
  async reserveSignIn(username: string, address: string): Promise<ReservedTry> {
    const reserved: ReservedTry = {
      account: { key: `user:${username.toLowerCase()}`, freeFailures: this.config.values.signInAccountFailures, forgetAfterSeconds: ACCOUNT_FORGET_SECONDS },
      address: { key: `ip:${address}`, freeFailures: this.config.values.signInAddressFailures, forgetAfterSeconds: ADDRESS_FORGET_SECONDS },
    };
    await this.reserve(reserved, '登录失败次数过多');
    return reserved;
  }

  /** Reserves a check of the current password when a signed-in user changes it (its own counter). */
  async reservePasswordCheck(username: string): Promise<ReservedTry> {
    const reserved: ReservedTry = {
      account: { key: `change:${username}`, freeFailures: this.config.values.signInAccountFailures, forgetAfterSeconds: ACCOUNT_FORGET_SECONDS },
    };
    await this.reserve(reserved, '当前密码输错次数过多');
    return reserved;
  }

  /** The password was right: the account's counter starts again, the address gets its try back. */
  async succeeded(reserved: ReservedTry): Promise<void> {
    await this.counters.clear(reserved.account.key);
    if (reserved.address) await this.counters.refund(reserved.address);
  }

  private async reserve(reserved: ReservedTry, what: string): Promise<void> {
    const rules = reserved.address ? [reserved.account, reserved.address] : [reserved.account];
    const result = await this.counters.reserve(rules);
    if (!result.allowed) {
      const seconds = result.retryAfterSeconds;
      const wait = seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
      throw new DomainError(ErrorCode.LoginThrottled, `${what}，请 ${wait}后再试`, { retryAfterSeconds: seconds, scope: result.key.startsWith('ip:') ? 'address' : 'account' });
    }
  }
}
