import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办单 and 问责记录 numbers, assigned once and kept: per escalation level and Beijing year, in order
 * of record. They used to be counted at every read over audit-row order, which held only while one
 * lock serialized every event; with a chain per measure, rows commit in any order, so a count could
 * shift a number someone had already printed. Numbers are now given off the command path (when the
 * notices are read, under a lock of their own) and never change (append-only).
 */
export class NoticeNumbers1764334800000 implements MigrationInterface {
  name = 'NoticeNumbers1764334800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice_numbers (
        event_id    text PRIMARY KEY,
        level       text NOT NULL,
        year        integer NOT NULL,
        n           integer NOT NULL,
        numbered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_notice_numbers UNIQUE (level, year, n)
      )`);
    // The numbers every notice had until now: the same count, written down.
    await q.query(`
      INSERT INTO notice_numbers (event_id, level, year, n)
      SELECT e.event_id, e.payload->>'level', extract(year FROM e.occurred_at AT TIME ZONE INTERVAL '+08:00')::int,
             row_number() OVER (PARTITION BY e.payload->>'level', extract(year FROM e.occurred_at AT TIME ZONE INTERVAL '+08:00') ORDER BY a.id)
        FROM measure_events e JOIN audit_log a ON a.event_id = e.event_id
       WHERE e.type = 'escalation' AND e.payload->>'level' IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION notice_numbers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'notice_numbers is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER notice_numbers_no_update_delete BEFORE UPDATE OR DELETE ON notice_numbers
      FOR EACH ROW EXECUTE FUNCTION notice_numbers_append_only()`);
    await q.query(`
      CREATE TRIGGER notice_numbers_no_truncate BEFORE TRUNCATE ON notice_numbers
      FOR EACH STATEMENT EXECUTE FUNCTION notice_numbers_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notice_numbers');
    await q.query('DROP FUNCTION notice_numbers_append_only');
  }
}
