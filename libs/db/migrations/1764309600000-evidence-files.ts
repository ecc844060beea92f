import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 佐证材料: the files staff upload with progress reports, submissions and rectifications. The bytes
 * live in PostgreSQL with their SHA-256, so a backup holds the whole record; rows are append-only
 * (like the audit log), so a file an event refers to can never be swapped afterwards.
 */
export class EvidenceFiles1764309600000 implements MigrationInterface {
  name = 'EvidenceFiles1764309600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_files (
        id            uuid PRIMARY KEY,
        measure_id    text NOT NULL,
        file_name     text NOT NULL,
        content_type  text NOT NULL,
        size_bytes    integer NOT NULL CHECK (size_bytes > 0),
        sha256        char(64) NOT NULL,
        content       bytea NOT NULL,
        uploaded_by   text NOT NULL,
        uploaded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_evidence_files_measure ON evidence_files (measure_id, uploaded_at, id)`);
    await q.query(`
      CREATE FUNCTION evidence_files_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence_files is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER evidence_files_no_update_delete BEFORE UPDATE OR DELETE ON evidence_files
      FOR EACH ROW EXECUTE FUNCTION evidence_files_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_files`);
    await q.query(`DROP FUNCTION evidence_files_append_only`);
  }
}
