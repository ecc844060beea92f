import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainHash, GENESIS_HASH } from '../audit-chain';

/** Rows re-linked per statement (read in id order, written back with one UPDATE … FROM unnest). */
const BATCH = 2_000;

interface LegacyRow {
  id: string;
  prev_hash: string;
  hash: string;
  content: unknown;
  stream: string | null;
}

/**
 * One audit chain per stream instead of one for the whole system, so appends to different
 * measures no longer wait for each other: a stream is the event's measure (a finding's events carry
 * its measure's id), its rows numbered 1, 2, 3 … (`stream_seq`, unique within the stream).
 *
 * Existing rows are re-linked into their streams in id order: each row's `prev_hash` becomes the
 * hash of its stream's previous row (the genesis hash for the first) and its `hash` is recomputed
 * with the same chainHash over the same content, so the record verifies whole afterwards. The old
 * single chain is checked on the way: if it does not hold, the migration stops rather than re-link
 * (re-linking a tampered chain would make the tampering verify). The append-only trigger is off for
 * the re-link only, inside this migration's transaction.
 *
 * `audit_anchors` ties the chains together off the hot path: every minute (and on demand) one row
 * holding every stream's head and the admin stream's head, hash-chained itself, append-only.
 */
export class AuditStreams1764331200000 implements MigrationInterface {
  name = 'AuditStreams1764331200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN stream text, ADD COLUMN stream_seq integer`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    const heads = new Map<string, { seq: number; hash: string }>();
    let previous = GENESIS_HASH;
    let after = '0';
    for (;;) {
      const rows: LegacyRow[] = await q.query(
        // The stream is the measure the row's (hashed) content names; its event's measure otherwise.
        `SELECT a.id::text AS id, a.prev_hash, a.hash, a.content,
                coalesce(a.content->>'measureId', (SELECT e.measure_id FROM measure_events e WHERE e.event_id = a.event_id)) AS stream
           FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
        [after, BATCH],
      );
      if (rows.length === 0) break;
      const update = { ids: [] as string[], streams: [] as string[], seqs: [] as number[], prevs: [] as string[], hashes: [] as string[] };
      for (const row of rows) {
        if (row.prev_hash !== previous || chainHash(row.prev_hash, row.content) !== row.hash) {
          throw new Error(
            `审计记录第 ${row.id} 条与原审计链不符（${row.prev_hash !== previous ? '前序哈希不符：其前有记录被删除、插入或调换了顺序' : '内容与其哈希不符：记录被修改'}），` +
              `拒绝按事项重新链接（那会使篡改无从发现），请先核查 / audit_log row ${row.id} breaks the existing chain; refusing to re-link it into per-stream chains`,
          );
        }
        if (row.stream === null) throw new Error(`审计记录第 ${row.id} 条不知属于哪个事项（内容无 measureId，也无对应的办理记录）/ audit_log row ${row.id} names no measure`);
        previous = row.hash;
        const head = heads.get(row.stream);
        const prevHash = head?.hash ?? GENESIS_HASH;
        const seq = (head?.seq ?? 0) + 1;
        const hash = chainHash(prevHash, row.content);
        heads.set(row.stream, { seq, hash });
        update.ids.push(row.id);
        update.streams.push(row.stream);
        update.seqs.push(seq);
        update.prevs.push(prevHash);
        update.hashes.push(hash);
      }
      await q.query(
        `UPDATE audit_log a SET stream = v.stream, stream_seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
           FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[]) AS v(id, stream, seq, prev_hash, hash)
          WHERE a.id = v.id`,
        [update.ids, update.streams, update.seqs, update.prevs, update.hashes],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN stream SET NOT NULL, ALTER COLUMN stream_seq SET NOT NULL`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT ck_audit_log_stream_seq CHECK (stream_seq >= 1)`);
    // One successor per row of a stream, whatever the lock does; and the stream's rows in order.
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT uq_audit_log_stream_seq UNIQUE (stream, stream_seq)`);
    await q.query(`CREATE INDEX ix_audit_log_stream_id ON audit_log (stream, id)`);

    await q.query(`
      CREATE TABLE audit_anchors (
        id          bigserial PRIMARY KEY,
        created_at  timestamptz NOT NULL,
        heads       jsonb NOT NULL,
        prev_hash   char(64) NOT NULL,
        hash        char(64) NOT NULL,
        -- One successor per anchor, whatever the lock does.
        CONSTRAINT uq_audit_anchors_prev_hash UNIQUE (prev_hash)
      )`);
    await q.query(`
      CREATE FUNCTION audit_anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_anchors is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_anchors_no_update_delete BEFORE UPDATE OR DELETE ON audit_anchors
      FOR EACH ROW EXECUTE FUNCTION audit_anchors_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
      FOR EACH STATEMENT EXECUTE FUNCTION audit_anchors_append_only()`);
  }

  /** Back to one chain in id order (the anchors go: they name per-stream heads that no longer exist). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_anchors`);
    await q.query(`DROP FUNCTION audit_anchors_append_only`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    const heads = new Map<string, string>();
    let previous = GENESIS_HASH;
    let after = '0';
    for (;;) {
      const rows: Array<LegacyRow & { stream: string }> = await q.query(
        `SELECT a.id::text AS id, a.prev_hash, a.hash, a.content, a.stream FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
        [after, BATCH],
      );
      if (rows.length === 0) break;
      const ids: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        // Each stream's chain must hold before it is folded back into one (or the tampering would verify).
        if (row.prev_hash !== (heads.get(row.stream) ?? GENESIS_HASH) || chainHash(row.prev_hash, row.content) !== row.hash) {
          throw new Error(`审计记录第 ${row.id} 条与事项 ${row.stream} 的审计流不符，拒绝重新链接 / audit_log row ${row.id} breaks its stream's chain; refusing to re-link`);
        }
        heads.set(row.stream, row.hash);
        const hash = chainHash(previous, row.content);
        ids.push(row.id);
        prevs.push(previous);
        hashes.push(hash);
        previous = hash;
      }
      await q.query(
        `UPDATE audit_log a SET prev_hash = v.prev_hash, hash = v.hash FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, prev_hash, hash) WHERE a.id = v.id`,
        [ids, prevs, hashes],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`DROP INDEX ix_audit_log_stream_id`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN stream_seq, DROP COLUMN stream`);
  }
}
