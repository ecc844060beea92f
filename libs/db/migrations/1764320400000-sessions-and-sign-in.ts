import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions (each access token names one: sign-out and revocation end it at once, an
 * idle one expires) and the sign-in counters every API process shares (per account and per client
 * address), so password guessing is slowed the same however many API processes run.
 */
export class SessionsAndSignIn1764320400000 implements MigrationInterface {
  name = 'SessionsAndSignIn1764320400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        id             uuid PRIMARY KEY,
        username       text NOT NULL REFERENCES users(username) ON DELETE CASCADE,
        token_version  integer NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_seen_at   timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text,
        client_address text,
        user_agent     text
      )`);
    await q.query(`CREATE INDEX auth_sessions_live_by_user ON auth_sessions (username) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX auth_sessions_by_expiry ON auth_sessions (expires_at)`);
    // key: 'user:<lower-case username>', 'ip:<address>' or 'change:<username>' (password changes).
    // Every try is counted here before the password is checked; a success clears its account's row.
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key             text PRIMARY KEY,
        failures        integer NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        next_allowed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sign_in_throttle_by_last_attempt ON sign_in_throttle (last_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_throttle`);
    await q.query(`DROP TABLE auth_sessions`);
  }
}
