import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 委托代理: a department head names a deputy for a period of Beijing dates (both inclusive). Rows
 * are never deleted: revoking sets revoked_at/revoked_by, and every change is also a row of the
 * admin audit stream. A measure event records the head a deputy acted for in on_behalf_of (null for
 * everyone acting as themselves, and for every event recorded before).
 */
export class Delegations1764349200000 implements MigrationInterface {
  name = 'Delegations1764349200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegations (
        id              bigserial PRIMARY KEY,
        principal_id    text NOT NULL REFERENCES users (username),
        deputy_id       text NOT NULL REFERENCES users (username),
        department_code text NOT NULL,
        starts_on       date NOT NULL,
        ends_on         date NOT NULL,
        reason          text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        revoked_at      timestamptz,
        revoked_by      text,
        CONSTRAINT delegations_period CHECK (ends_on >= starts_on),
        CONSTRAINT delegations_not_self CHECK (principal_id <> deputy_id),
        CONSTRAINT delegations_revoked CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query('CREATE INDEX delegations_principal ON delegations (principal_id, starts_on)');
    await q.query('CREATE INDEX delegations_deputy ON delegations (deputy_id, starts_on)');
    await q.query('ALTER TABLE measure_events ADD COLUMN on_behalf_of text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE measure_events DROP COLUMN on_behalf_of');
    await q.query('DROP TABLE delegations');
  }
}
