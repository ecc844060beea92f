import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cockpit's two hand-kept links:
 * - `leader_departments`: the departments each bureau leader oversees (分管), which scope their
 *   default views (a contract: the admin UI of people may use it too);
 * - `indicator_measures`: which measures serve a target indicator (主要目标指标) of a plan, linked by
 *   hand until the plan reader links them from the document.
 */
export class Cockpit1764345600000 implements MigrationInterface {
  name = 'Cockpit1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leader_departments (
        leader_id       text NOT NULL REFERENCES users (username),
        department_code text NOT NULL REFERENCES departments (code),
        PRIMARY KEY (leader_id, department_code)
      )`);
    await q.query(`
      CREATE TABLE indicator_measures (
        plan_year      integer NOT NULL,
        indicator_code text NOT NULL,
        measure_id     text NOT NULL REFERENCES measures (id),
        PRIMARY KEY (plan_year, indicator_code, measure_id),
        FOREIGN KEY (plan_year, indicator_code) REFERENCES plan_targets (year, code)
      )`);
    await q.query('CREATE INDEX ix_indicator_measures_measure ON indicator_measures (measure_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE indicator_measures');
    await q.query('DROP TABLE leader_departments');
  }
}
