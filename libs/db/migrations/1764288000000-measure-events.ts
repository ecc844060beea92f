import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeasureEvents1764288000000 implements MigrationInterface {
  name = 'MeasureEvents1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE measure_events (
        event_id    text PRIMARY KEY,
        measure_id  text NOT NULL,
        workflow_id text NOT NULL,
        sequence    integer NOT NULL,
        type        text NOT NULL,
        actor_id    text NOT NULL,
        actor_role  text NOT NULL,
        state_after text NOT NULL,
        payload     jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_measure_events_workflow_sequence UNIQUE (workflow_id, sequence)
      )`);
    await q.query(`CREATE INDEX ix_measure_events_measure ON measure_events (measure_id, sequence)`);
    await q.query(`
      CREATE TABLE measure_states (
        measure_id    text PRIMARY KEY,
        workflow_id   text NOT NULL UNIQUE,
        state         text NOT NULL,
        last_sequence integer NOT NULL,
        assignee_id   text,
        due_date      date,
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        event_id    text NOT NULL UNIQUE,
        prev_hash   char(64) NOT NULL,
        hash        char(64) NOT NULL,
        content     jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The audit trail is append-only at the database level too.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE measure_states`);
    await q.query(`DROP TABLE measure_events`);
  }
}
