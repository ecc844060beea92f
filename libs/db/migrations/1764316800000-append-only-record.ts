import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record is append-only end to end: measure events refuse UPDATE and DELETE like the audit log
 * already does, and none of the record's tables can be emptied with TRUNCATE (which skips row
 * triggers, so it needs a statement trigger of its own). Admin changes, calendar loads, plan imports
 * and report exports get their own hash-chained, append-only stream: admin_audit_log.
 */
export class AppendOnlyRecord1764316800000 implements MigrationInterface {
  name = 'AppendOnlyRecord1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION measure_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'measure_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER measure_events_no_update_delete BEFORE UPDATE OR DELETE ON measure_events
      FOR EACH ROW EXECUTE FUNCTION measure_events_append_only()`);
    await q.query(`
      CREATE TRIGGER measure_events_no_truncate BEFORE TRUNCATE ON measure_events
      FOR EACH STATEMENT EXECUTE FUNCTION measure_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files
      FOR EACH STATEMENT EXECUTE FUNCTION evidence_files_append_only()`);

    await q.query(`
      CREATE TABLE admin_audit_log (
        id          bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id    text NOT NULL,
        actor_role  text NOT NULL,
        action      text NOT NULL,
        target      text NOT NULL,
        before      jsonb,
        after       jsonb,
        prev_hash   char(64) NOT NULL,
        hash        char(64) NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION admin_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'admin_audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER admin_audit_log_no_update_delete BEFORE UPDATE OR DELETE ON admin_audit_log
      FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_audit_log`);
    await q.query(`DROP FUNCTION admin_audit_log_append_only`);
    await q.query(`DROP TRIGGER evidence_files_no_truncate ON evidence_files`);
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER measure_events_no_truncate ON measure_events`);
    await q.query(`DROP TRIGGER measure_events_no_update_delete ON measure_events`);
    await q.query(`DROP FUNCTION measure_events_append_only`);
  }
}
