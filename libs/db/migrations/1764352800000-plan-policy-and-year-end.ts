import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan's own escalation policy (督办规则), versioned: every change is a new row (append-only, like
 * the rest of the record), the newest version is in force. And the frozen 完成情况 report a year-end
 * carry-over takes of its plan: stored as it was, never recomputed (append-only too). The links
 * between a carried-over measure and its successor are in their states; two indexes find them.
 */
export class PlanPolicyAndYearEnd1764352800000 implements MigrationInterface {
  name = 'PlanPolicyAndYearEnd1764352800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_policies (
        plan_year  integer NOT NULL REFERENCES plans (year),
        version    integer NOT NULL CHECK (version >= 1),
        policy     jsonb NOT NULL,
        reason     text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_year, version)
      )`);
    await q.query(`
      CREATE TABLE completion_reports (
        plan_year integer NOT NULL REFERENCES plans (year),
        taken_at  timestamptz NOT NULL DEFAULT now(),
        taken_by  text NOT NULL,
        body      jsonb NOT NULL,
        PRIMARY KEY (plan_year, taken_at)
      )`);
    // Carry-over links live in the measures' own states (snapshot.successorId / predecessorId): found both ways.
    await q.query(`CREATE INDEX ix_measure_states_successor ON measure_states ((snapshot->>'successorId')) WHERE snapshot->>'successorId' IS NOT NULL`);
    await q.query(`CREATE INDEX ix_measure_states_predecessor ON measure_states ((snapshot->>'predecessorId')) WHERE snapshot->>'predecessorId' IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION plan_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['plan_policies', 'completion_reports']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION plan_record_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION plan_record_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_measure_states_predecessor');
    await q.query('DROP INDEX ix_measure_states_successor');
    await q.query('DROP TABLE completion_reports');
    await q.query('DROP TABLE plan_policies');
    await q.query('DROP FUNCTION plan_record_append_only');
  }
}
