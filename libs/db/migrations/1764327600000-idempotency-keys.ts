import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answers to commands sent with an `Idempotency-Key` header, kept 24 h: a retry of the same
 * command (same user, route, entity and key) is answered from here and changes nothing. A row
 * without a status is a command still running; its lease lets a retry take over after a crash.
 */
export class IdempotencyKeys1764327600000 implements MigrationInterface {
  name = 'IdempotencyKeys1764327600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id        text NOT NULL,
        route          text NOT NULL,
        entity         text NOT NULL,
        key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash   text NOT NULL,
        status         integer NULL,
        response       jsonb NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        locked_until   timestamptz NOT NULL,
        completed_at   timestamptz NULL,
        PRIMARY KEY (user_id, route, entity, key)
      )`);
    // Purging the expired answers reads this index.
    await q.query(`CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
