import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on by OpenID Connect. users.external_id is the person's 统一身份标识 (工号) at the
 * bureau's identity provider, matched when DUBAN_OIDC_MATCH=external_id. A session remembers how it
 * was signed in and, for OIDC, the ID token (the hint of the provider's sign-out; cleared on revoke).
 * oidc_sign_ins holds a sign-in under way: state, PKCE verifier and nonce until the provider answers
 * (10 minutes), then the one-time handoff (60 seconds) that gives the browser its duban session.
 */
export class Sso1764613600000 implements MigrationInterface {
  name = 'Sso1764613600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN external_id text NULL UNIQUE`);
    await q.query(`ALTER TABLE auth_sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'oidc'))`);
    await q.query(`ALTER TABLE auth_sessions ADD COLUMN oidc_id_token text NULL`);
    await q.query(`
      CREATE TABLE oidc_sign_ins (
        state         text PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce         text NOT NULL,
        return_to     text NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        handoff       text NULL UNIQUE,
        session_id    uuid NULL,
        used_at       timestamptz NULL
      )`);
    await q.query(`CREATE INDEX oidc_sign_ins_created_at ON oidc_sign_ins (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_sign_ins`);
    await q.query(`ALTER TABLE auth_sessions DROP COLUMN oidc_id_token`);
    await q.query(`ALTER TABLE auth_sessions DROP COLUMN auth_method`);
    await q.query(`ALTER TABLE users DROP COLUMN external_id`);
  }
}
