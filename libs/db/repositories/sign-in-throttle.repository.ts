import type { DataSource, EntityManager } from 'typeorm';

/** One counter a sign-in (or password change) must pass: its key and how many failures are free. */
export interface ThrottleRule {
  /** 'user:<lower-case username>', 'ip:<address>' or 'change:<username>'. */
  key: string;
  /** Failures allowed before each next try waits 1 s, 2 s, 4 s … (doubling, capped). */
  freeFailures: number;
  /** A counter without a try for this long starts again from zero. */
  forgetAfterSeconds: number;
}

export type Reservation = { allowed: true } | { allowed: false; key: string; retryAfterSeconds: number };

/** The longest wait between two tries of one key, however many failures it has. */
export const SIGN_IN_BACKOFF_CAP_SECONDS = 15 * 60;

class Refused extends Error {
  constructor(readonly reservation: Reservation) {
    super('sign-in throttled');
  }
}

/**
 * Sign-in counters in PostgreSQL, shared by every API process. A try is reserved (counted as a
 * failure) atomically before its password is checked, so parallel tries never get past the limit;
 * the account's counter is cleared when the password turns out right, an address's gets its try back.
 */
export class SignInThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one try against every rule, or none when any rule says wait (the whole reservation is
   * one transaction). Callers pass account keys before address keys, so locks are always taken in
   * the same order and two reservations never deadlock.
   */
  async reserve(rules: ThrottleRule[]): Promise<Reservation> {
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const rule of rules) {
          const reserved = await reserveOne(manager, rule);
          if (!reserved.allowed) throw new Refused(reserved);
        }
      });
    } catch (error) {
      if (error instanceof Refused) return error.reservation;
      throw error;
    }
    if (Math.random() < 0.01) await this.forgetStale();
    return { allowed: true };
  }

  /** The password was right: the account starts again from zero. */
  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_throttle WHERE key = $1', [key]);
  }

  /** The password was right: the address gets its reserved try back. */
  async refund(rule: ThrottleRule): Promise<void> {
    await this.dataSource.query(
      `UPDATE sign_in_throttle
          SET failures = greatest(failures - 1, 0),
              next_allowed_at = CASE WHEN failures - 1 < $2 THEN least(next_allowed_at, clock_timestamp()) ELSE next_allowed_at END
        WHERE key = $1`,
      [rule.key, rule.freeFailures],
    );
  }

  /** Current failures of a key (0 when it has none). */
  async failures(key: string): Promise<number> {
    const rows: Array<{ failures: number }> = await this.dataSource.query('SELECT failures FROM sign_in_throttle WHERE key = $1', [key]);
    return rows[0]?.failures ?? 0;
  }

  private async forgetStale(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE last_attempt_at < now() - interval '2 days'`);
  }
}

async function reserveOne(manager: EntityManager, rule: ThrottleRule): Promise<Reservation> {
  // $2 free failures, $3 forget-after seconds, $4 cap. `n` is the failure count after this try.
  // clock_timestamp(), not now(): a reservation that waited for the row's lock must compare with
  // the time it got the lock, not with when its transaction began (now() is not monotonic across
  // waiting transactions, and would refuse tries that are still free).
  const at = 'clock_timestamp()';
  const stale = `t.last_attempt_at < ${at} - make_interval(secs => $3::int)`;
  const n = `(CASE WHEN ${stale} THEN 1 ELSE t.failures + 1 END)`;
  const delay = (count: string) => `make_interval(secs => CASE WHEN ${count} >= $2::int THEN least(power(2, ${count} - $2::int), $4::int) ELSE 0 END)`;
  const rows: Array<{ failures: number }> = await manager.query(
    `INSERT INTO sign_in_throttle AS t (key, failures, last_attempt_at, next_allowed_at)
     VALUES ($1, 1, ${at}, ${at} + ${delay('1')})
     ON CONFLICT (key) DO UPDATE
        SET failures = ${n}, last_attempt_at = ${at}, next_allowed_at = ${at} + ${delay(n)}
      WHERE t.failures < $2::int OR t.next_allowed_at <= ${at} OR ${stale}
     RETURNING failures`,
    [rule.key, rule.freeFailures, rule.forgetAfterSeconds, SIGN_IN_BACKOFF_CAP_SECONDS],
  );
  if (rows.length > 0) return { allowed: true };
  const waiting: Array<{ seconds: number }> = await manager.query(
    `SELECT greatest(ceil(extract(epoch FROM next_allowed_at - ${at})), 1)::int AS seconds FROM sign_in_throttle WHERE key = $1`,
    [rule.key],
  );
  return { allowed: false, key: rule.key, retryAfterSeconds: waiting[0]?.seconds ?? 1 };
}
