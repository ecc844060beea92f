import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The projection keeps the workflow's whole snapshot, plus the columns lists filter and sort on. */
export class MeasureStateSnapshot1764295200000 implements MigrationInterface {
  name = 'MeasureStateSnapshot1764295200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measure_states
        ADD COLUMN lead_department  text,
        ADD COLUMN head_id          text,
        ADD COLUMN escalation_level text,
        ADD COLUMN due_provisional  boolean NOT NULL DEFAULT false,
        ADD COLUMN progress_percent numeric,
        ADD COLUMN snapshot         jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`CREATE INDEX ix_measure_states_assignee ON measure_states (assignee_id)`);
    await q.query(`CREATE INDEX ix_measure_states_lead ON measure_states (lead_department)`);
    await q.query(`CREATE INDEX ix_measure_states_due ON measure_states (due_date) WHERE state NOT IN ('completed', 'cancelled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measure_states DROP COLUMN lead_department, DROP COLUMN head_id, DROP COLUMN escalation_level,
        DROP COLUMN due_provisional, DROP COLUMN progress_percent, DROP COLUMN snapshot`);
  }
}

