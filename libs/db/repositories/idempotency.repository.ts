import type { DataSource } from 'typeorm';

/** One command's identity for idempotency: who sent it, to which route and entity, with which key. */
export interface IdempotencyScope {
  userId: string;
  route: string;
  entity: string;
  key: string;
}

/** The first answer to a command, replayed to every retry. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type IdempotencyClaim =
  /** This request holds the key now: run the command, then `complete` or `release`. */
  | { kind: 'claimed' }
  /** The command already ran: answer this. */
  | { kind: 'replay'; answer: StoredAnswer }
  /** The same key was used with another request body. */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'in_flight' };

/** How long an answer is kept (and a key stays bound to its request). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

interface ClaimRow {
  claimed: boolean;
  request_hash: string;
  status: number | null;
  response: unknown;
}

/**
 * Idempotency keys in PostgreSQL. `claim` is one statement, so of two concurrent requests with the
 * same key exactly one claims it; an expired row (older than 24 h) or an in-flight row whose lease
 * ran out (its API process died) is taken over by the same statement.
 */
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(scope: IdempotencyScope, requestHash: string, leaseSeconds: number, attempt = 0): Promise<IdempotencyClaim> {
    const rows: ClaimRow[] = await this.dataSource.query(
      `WITH claimed AS (
         INSERT INTO idempotency_keys AS k (user_id, route, entity, key, request_hash, locked_until)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
         ON CONFLICT (user_id, route, entity, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status = NULL, response = NULL, created_at = now(),
               locked_until = EXCLUDED.locked_until, completed_at = NULL
           WHERE k.created_at < now() - make_interval(hours => $7)
              OR (k.status IS NULL AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
         RETURNING true AS claimed, request_hash, status, response
       )
       SELECT claimed, request_hash, status, response FROM claimed
       UNION ALL
       SELECT false, request_hash, status, response FROM idempotency_keys
        WHERE user_id = $1 AND route = $2 AND entity = $3 AND key = $4 AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [scope.userId, scope.route, scope.entity, scope.key, requestHash, leaseSeconds, IDEMPOTENCY_RETENTION_HOURS],
    );
    const row = rows[0];
    // Neither inserted nor found: the row was deleted (released) between the two reads; try again.
    if (!row) {
      if (attempt >= 5) throw new Error('idempotency key kept changing while being claimed');
      return this.claim(scope, requestHash, leaseSeconds, attempt + 1);
    }
    if (row.claimed) return { kind: 'claimed' };
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === null) return { kind: 'in_flight' };
    return { kind: 'replay', answer: { status: row.status, body: row.response } };
  }

  /** Stores the first answer for every retry within the retention. */
  async complete(scope: IdempotencyScope, answer: StoredAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $5, response = $6::jsonb, completed_at = now()
        WHERE user_id = $1 AND route = $2 AND entity = $3 AND key = $4 AND status IS NULL`,
      [scope.userId, scope.route, scope.entity, scope.key, answer.status, JSON.stringify(answer.body ?? null)],
    );
  }

  /** Frees a key whose command did not get an answer worth keeping (e.g. a 5xx), so a retry runs it. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND entity = $3 AND key = $4 AND status IS NULL`,
      [scope.userId, scope.route, scope.entity, scope.key],
    );
  }

  /** Deletes answers past the retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1`,
      [IDEMPOTENCY_RETENTION_HOURS],
    );
    return rows.length;
  }
}
