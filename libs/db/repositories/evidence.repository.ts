import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export interface EvidenceFileRow {
  id: string;
  measureId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface NewEvidenceFile {
  measureId: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  uploadedBy: string;
}

interface RawRow {
  id: string;
  measure_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

/** Per-measure evidence upload serialisation (two-key form: never collides with the one-key chain locks). */
const EVIDENCE_QUOTA_LOCK = 0x65766964; // "evid"

export interface EvidenceQuota {
  maxFiles: number;
  maxBytes: number;
}

export interface EvidenceUsage {
  files: number;
  bytes: number;
}

const COLUMNS = 'id::text AS id, measure_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at';

const toRow = (r: RawRow): EvidenceFileRow => ({
  id: r.id,
  measureId: r.measure_id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

/** Uploaded evidence: one INSERT per file (nothing half-written), never changed afterwards. */
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many files and bytes a measure holds. */
  async usage(measureId: string, manager?: EntityManager): Promise<EvidenceUsage> {
    const [row]: Array<{ files: number; bytes: string }> = await (manager ?? this.dataSource).query(
      `SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint::text AS bytes FROM evidence_files WHERE measure_id = $1`,
      [measureId],
    );
    return { files: row.files, bytes: Number(row.bytes) };
  }

  /**
   * Saves the file unless the measure would then hold more than the quota allows; concurrent uploads
   * to one measure are serialised so two cannot both squeeze under it. Refused: the usage before.
   */
  async saveWithinQuota(file: NewEvidenceFile, quota: EvidenceQuota): Promise<{ saved: EvidenceFileRow } | { refused: EvidenceUsage }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVIDENCE_QUOTA_LOCK, file.measureId]);
      const used = await this.usage(file.measureId, manager);
      if (used.files + 1 > quota.maxFiles || used.bytes + file.content.length > quota.maxBytes) return { refused: used };
      return { saved: await this.save(file, manager) };
    });
  }

  async save(file: NewEvidenceFile, manager?: EntityManager): Promise<EvidenceFileRow> {
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [row]: RawRow[] = await (manager ?? this.dataSource).query(
      `INSERT INTO evidence_files (id, measure_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [randomUUID(), file.measureId, file.fileName, file.contentType, file.content.length, sha256, file.content, file.uploadedBy],
    );
    return toRow(row);
  }

  async listForMeasure(measureId: string): Promise<EvidenceFileRow[]> {
    const rows: RawRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM evidence_files WHERE measure_id = $1 ORDER BY uploaded_at, id`, [measureId]);
    return rows.map(toRow);
  }

  async find(id: string): Promise<EvidenceFileRow | undefined> {
    const [row]: RawRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM evidence_files WHERE id = $1`, [id]);
    return row ? toRow(row) : undefined;
  }

  async content(id: string): Promise<Buffer | undefined> {
    const [row]: Array<{ content: Buffer }> = await this.dataSource.query(`SELECT content FROM evidence_files WHERE id = $1`, [id]);
    return row?.content;
  }

  /** Which of `ids` are not files of this measure. */
  async notOfMeasure(measureId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id::text AS id FROM evidence_files WHERE measure_id = $1 AND id = ANY($2::uuid[])`, [measureId, ids]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }
}
