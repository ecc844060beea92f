import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Departments administered in duban: a merged department stays (history names it) but is marked
 * inactive, and says which department it was merged into.
 */
export class DepartmentsActive1764324000000 implements MigrationInterface {
  name = 'DepartmentsActive1764324000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE departments
        ADD COLUMN active      boolean NOT NULL DEFAULT true,
        ADD COLUMN merged_into text REFERENCES departments (code),
        ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX ix_measures_suggested_department ON measures (suggested_department_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_measures_suggested_department`);
    await q.query(`ALTER TABLE departments DROP COLUMN active, DROP COLUMN merged_into, DROP COLUMN updated_at`);
  }
}
