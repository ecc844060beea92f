import type { DataSource, EntityManager } from 'typeorm';

/** A stored 督办通报 issue. `figures` is the API's frozen BulletinFigures JSON. */
export interface BulletinRecord {
  id: number;
  planYear: number;
  month: string;
  issue: number;
  documentNumber: string;
  issuer: string;
  planTitle: string;
  title: string;
  figures: unknown;
  summary: string;
  status: 'draft' | 'signed';
  draftedBy: string;
  draftedAt: Date;
  editedBy: string | null;
  editedAt: Date | null;
  signedBy: string | null;
  signedByName: string | null;
  /** Beijing date, YYYY-MM-DD. */
  signedOn: string | null;
  signedAt: Date | null;
}

export interface BulletinSeries {
  planYear: number;
  prefix: string;
  issuer: string;
  lastNumber: number;
}

/** What a new draft stores, given the number and series it was allotted. */
export interface BulletinDraftContent {
  documentNumber: string;
  planTitle: string;
  title: string;
  figures: unknown;
  summary: string;
}

const COLUMNS = `id::int AS id, plan_year, month, issue, document_number, issuer, plan_title, title, figures, summary, status,
  drafted_by, drafted_at, edited_by, edited_at, signed_by, signed_by_name, signed_on::text AS signed_on, signed_at`;

interface RawBulletin {
  id: number;
  plan_year: number;
  month: string;
  issue: number;
  document_number: string;
  issuer: string;
  plan_title: string;
  title: string;
  figures: unknown;
  summary: string;
  status: 'draft' | 'signed';
  drafted_by: string;
  drafted_at: Date;
  edited_by: string | null;
  edited_at: Date | null;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_on: string | null;
  signed_at: Date | null;
}

const toRecord = (r: RawBulletin): BulletinRecord => ({
  id: r.id,
  planYear: r.plan_year,
  month: r.month,
  issue: r.issue,
  documentNumber: r.document_number,
  issuer: r.issuer,
  planTitle: r.plan_title,
  title: r.title,
  figures: r.figures,
  summary: r.summary,
  status: r.status,
  draftedBy: r.drafted_by,
  draftedAt: r.drafted_at,
  editedBy: r.edited_by,
  editedAt: r.edited_at,
  signedBy: r.signed_by,
  signedByName: r.signed_by_name,
  signedOn: r.signed_on,
  signedAt: r.signed_at,
});

const toSeries = (r: { plan_year: number; prefix: string; issuer: string; last_number: number }): BulletinSeries => ({
  planYear: r.plan_year,
  prefix: r.prefix,
  issuer: r.issuer,
  lastNumber: r.last_number,
});

/** bulletins and bulletin_series: the 督办通报 issues, their numbering and 文号 settings per plan year. */
export class BulletinRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(planYear: number): Promise<BulletinRecord[]> {
    const rows: RawBulletin[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM bulletins WHERE plan_year = $1 ORDER BY issue DESC`, [planYear]);
    return rows.map(toRecord);
  }

  async find(id: number, manager: EntityManager | DataSource = this.dataSource, options: { lock?: boolean } = {}): Promise<BulletinRecord | undefined> {
    const [row]: RawBulletin[] = await manager.query(`SELECT ${COLUMNS} FROM bulletins WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
    return row && toRecord(row);
  }

  async series(planYear: number, manager: EntityManager | DataSource = this.dataSource): Promise<BulletinSeries | undefined> {
    const [row] = await manager.query(`SELECT plan_year, prefix, issuer, last_number FROM bulletin_series WHERE plan_year = $1`, [planYear]);
    return row && toSeries(row);
  }

  /** Sets the year's prefix and issuing unit (its numbering goes on); returns the settings before and after. */
  async setSeries(
    manager: EntityManager,
    change: { planYear: number; prefix: string; issuer: string; updatedBy: string },
  ): Promise<{ before: BulletinSeries | undefined; after: BulletinSeries }> {
    await manager.query(`INSERT INTO bulletin_series (plan_year, prefix, issuer) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [change.planYear, change.prefix, change.issuer]);
    const [beforeRow] = await manager.query(`SELECT plan_year, prefix, issuer, last_number FROM bulletin_series WHERE plan_year = $1 FOR UPDATE`, [change.planYear]);
    const [[afterRow]] = await manager.query(
      `UPDATE bulletin_series SET prefix = $2, issuer = $3, updated_by = $4, updated_at = now() WHERE plan_year = $1 RETURNING plan_year, prefix, issuer, last_number`,
      [change.planYear, change.prefix, change.issuer, change.updatedBy],
    );
    return { before: beforeRow && toSeries(beforeRow), after: toSeries(afterRow) };
  }

  /**
   * Drafts the month's issue inside the caller's transaction: the year's series row (created with
   * `defaults` when missing) is locked, the month checked, the next 期号 taken and the issue stored.
   * Concurrent drafts queue on the lock, so numbers are distinct; a refusal rolls the number back.
   */
  async draft(
    manager: EntityManager,
    input: { planYear: number; month: string; defaults: { prefix: string; issuer: string }; draftedBy: string },
    content: (allotted: { issue: number; prefix: string; issuer: string }) => BulletinDraftContent,
  ): Promise<{ created: BulletinRecord } | { existing: BulletinRecord }> {
    await manager.query(`INSERT INTO bulletin_series (plan_year, prefix, issuer) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      input.planYear,
      input.defaults.prefix,
      input.defaults.issuer,
    ]);
    const [series] = await manager.query(`SELECT plan_year, prefix, issuer, last_number FROM bulletin_series WHERE plan_year = $1 FOR UPDATE`, [input.planYear]);
    const [existing]: RawBulletin[] = await manager.query(`SELECT ${COLUMNS} FROM bulletins WHERE plan_year = $1 AND month = $2`, [input.planYear, input.month]);
    if (existing) return { existing: toRecord(existing) };
    const issue = (series.last_number as number) + 1;
    await manager.query(`UPDATE bulletin_series SET last_number = $2 WHERE plan_year = $1`, [input.planYear, issue]);
    const c = content({ issue, prefix: series.prefix, issuer: series.issuer });
    const [row]: RawBulletin[] = await manager.query(
      `INSERT INTO bulletins (plan_year, month, issue, document_number, issuer, plan_title, title, figures, summary, drafted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING ${COLUMNS}`,
      [input.planYear, input.month, issue, c.documentNumber, series.issuer, c.planTitle, c.title, JSON.stringify(c.figures), c.summary, input.draftedBy],
    );
    return { created: toRecord(row) };
  }

  /** A draft's new summary (the caller has locked and checked the row). */
  async editSummary(manager: EntityManager, id: number, summary: string, editedBy: string): Promise<BulletinRecord> {
    const [[row]]: [RawBulletin[]] = await manager.query(
      `UPDATE bulletins SET summary = $2, edited_by = $3, edited_at = now() WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
      [id, summary, editedBy],
    );
    return toRecord(row);
  }

  /** 签发 (the caller has locked and checked the row): final from here on. */
  async sign(manager: EntityManager, id: number, signer: { username: string; name: string; on: string }): Promise<BulletinRecord> {
    const [[row]]: [RawBulletin[]] = await manager.query(
      `UPDATE bulletins SET status = 'signed', signed_by = $2, signed_by_name = $3, signed_on = $4::date, signed_at = now()
        WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
      [id, signer.username, signer.name, signer.on],
    );
    return toRecord(row);
  }
}
