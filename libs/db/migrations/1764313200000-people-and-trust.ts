import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People administered in duban (active flag, contact fields, forced password change, token
 * version for instant revocation) and the 局领导 role: the heads of the leadership department
 * become leaders, who assign and decide across departments.
 */
export class PeopleAndTrust1764313200000 implements MigrationInterface {
  name = 'PeopleAndTrust1764313200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'leader', 'department_head', 'staff', 'supervisor'))`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN active               boolean NOT NULL DEFAULT true,
        ADD COLUMN token_version        integer NOT NULL DEFAULT 0,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN email                text,
        ADD COLUMN mobile               text,
        ADD COLUMN password_history     jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN updated_at           timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      UPDATE users SET role = 'leader'
       WHERE role = 'department_head'
         AND department_code IN (SELECT code FROM departments WHERE kind = 'leadership')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE users SET role = 'department_head' WHERE role = 'leader'`);
    await q.query(`
      ALTER TABLE users
        DROP COLUMN active, DROP COLUMN token_version, DROP COLUMN must_change_password,
        DROP COLUMN email, DROP COLUMN mobile, DROP COLUMN password_history, DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'department_head', 'staff', 'supervisor'))`);
  }
}
