import { CARRY_OVER_CHAPTER_TITLE, carryOverChapterCode, nextFreeCode } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** The plan import's lock (PlanRepository.importPlan): appending to a plan waits for an import of it. */
const PLAN_LOCK = 0x706c616e; // "plan"

/** A measure of the plan being closed, as a carry-over needs it. */
export interface CarryOverMeasureRow {
  id: string;
  year: number;
  code: string;
  title: string;
  body: string;
  state: string;
  suggestedDepartmentCode: string | null;
  leadDepartment: string | null;
  /** Already carried (or being carried): the successor its state names. */
  successorId: string | null;
}

/** One end of a carry-over link, as the detail page shows it. */
export interface CarryOverLinkRow {
  id: string;
  title: string;
  state: string;
}

export interface CompletionReportRow {
  year: number;
  takenAt: Date;
  takenBy: string;
  body: unknown;
}

/**
 * Year end (年终结转): the plan's unfinished measures, next year's plan and the measures it could
 * continue them in (appending a 「上年结转事项」 chapter when needed), the links between the two, and
 * the frozen 完成情况 reports (completion_reports, append-only).
 */
export class YearEndRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's measures (or the listed ones) with their projected state, in plan order. */
  async measuresOf(year: number, ids?: readonly string[]): Promise<CarryOverMeasureRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.year, m.code, m.title, m.body, coalesce(s.state, 'imported') AS state,
              m.suggested_department_code AS "suggestedDepartmentCode", s.lead_department AS "leadDepartment",
              s.snapshot->>'successorId' AS "successorId"
         FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE m.year = $1 AND ($2::text[] IS NULL OR m.id = ANY($2::text[]))
        ORDER BY m.position, m.code`,
      [year, ids ? [...ids] : null],
    );
  }

  /** Creates the plan (empty, with `title`) if it does not exist; true when it was created. */
  async ensurePlan(year: number, title: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`INSERT INTO plans (year, title) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING RETURNING year`, [year, title]);
    return rows.length > 0;
  }

  /** The measures of `year` and the old measure each already continues, if any (either end's state says so). */
  async successorCandidates(year: number): Promise<Array<{ id: string; title: string; predecessorId: string | null }>> {
    return this.dataSource.query(
      `SELECT m.id, m.title,
              coalesce(s.snapshot->>'predecessorId', (SELECT p.measure_id FROM measure_states p WHERE p.snapshot->>'successorId' = m.id LIMIT 1)) AS "predecessorId"
         FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE m.year = $1 ORDER BY m.position, m.code`,
      [year],
    );
  }

  /**
   * Appends a copy of `source` (title, body, suggested department, quantities) to plan `toYear`, in
   * its 「上年结转事项」 chapter (created after every code in use the first time), with the next
   * code there. One transaction, after the plan's import lock. Returns the new measure's id.
   */
  async appendSuccessor(toYear: number, source: { id: string; year: number; code: string; title: string; body: string; suggestedDepartmentCode: string | null }): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PLAN_LOCK, toYear]);
      const sectionCode = await this.carryOverSection(manager, toYear);
      const existing: Array<{ code: string }> = await manager.query(`SELECT code FROM measures WHERE year = $1 AND section_code = $2`, [toYear, sectionCode]);
      const code = nextFreeCode(sectionCode, existing.map((r) => r.code));
      const id = `${toYear}-${code}`;
      const [{ position }]: Array<{ position: number }> = await manager.query(`SELECT coalesce(max(position), -1)::int + 1 AS position FROM measures WHERE year = $1`, [toYear]);
      await manager.query(
        `INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT code FROM departments WHERE code = $8))`,
        [id, toYear, code, sectionCode, source.title, source.body, position, source.suggestedDepartmentCode],
      );
      await manager.query(
        `INSERT INTO plan_quantities (year, owner_kind, owner_code, position, value, unit, text)
         SELECT $1, 'measure', $2, position, value, unit, text FROM plan_quantities WHERE year = $3 AND owner_kind = 'measure' AND owner_code = $4`,
        [toYear, code, source.year, source.code],
      );
      return id;
    });
  }

  /** The section of the plan's 「上年结转事项」 chapter, created when missing. */
  private async carryOverSection(manager: EntityManager, year: number): Promise<string> {
    const [chapter]: Array<{ code: string }> = await manager.query(`SELECT code FROM plan_chapters WHERE year = $1 AND title = $2 ORDER BY position LIMIT 1`, [
      year,
      CARRY_OVER_CHAPTER_TITLE,
    ]);
    if (chapter) {
      const [section]: Array<{ code: string }> = await manager.query(`SELECT code FROM plan_sections WHERE year = $1 AND chapter_code = $2 ORDER BY position LIMIT 1`, [
        year,
        chapter.code,
      ]);
      if (section) return section.code;
      await manager.query(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, $2, $3, $4, 0)`, [
        year,
        `${chapter.code}.1`,
        chapter.code,
        CARRY_OVER_CHAPTER_TITLE,
      ]);
      return `${chapter.code}.1`;
    }
    const taken: Array<{ code: string }> = await manager.query(
      `SELECT code FROM plan_targets WHERE year = $1 UNION ALL SELECT code FROM plan_chapters WHERE year = $1
       UNION ALL SELECT code FROM plan_sections WHERE year = $1 UNION ALL SELECT code FROM measures WHERE year = $1`,
      [year],
    );
    const code = carryOverChapterCode(taken.map((r) => r.code));
    const [{ position }]: Array<{ position: number }> = await manager.query(`SELECT coalesce(max(position), -1)::int + 1 AS position FROM plan_chapters WHERE year = $1`, [year]);
    await manager.query(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, $2, $3, $4)`, [year, code, CARRY_OVER_CHAPTER_TITLE, position]);
    await manager.query(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, $2, $3, $4, 0)`, [year, `${code}.1`, code, CARRY_OVER_CHAPTER_TITLE]);
    return `${code}.1`;
  }

  /** The measure this one continues and the one that continues it, from either end's state. */
  async links(id: string): Promise<{ predecessor: CarryOverLinkRow | null; successor: CarryOverLinkRow | null }> {
    const [row]: Array<{ predecessor_id: string | null; successor_id: string | null }> = await this.dataSource.query(
      `SELECT coalesce((SELECT s.snapshot->>'predecessorId' FROM measure_states s WHERE s.measure_id = $1),
                       (SELECT p.measure_id FROM measure_states p WHERE p.snapshot->>'successorId' = $1 LIMIT 1)) AS predecessor_id,
              coalesce((SELECT s.snapshot->>'successorId' FROM measure_states s WHERE s.measure_id = $1),
                       (SELECT n.measure_id FROM measure_states n WHERE n.snapshot->>'predecessorId' = $1 LIMIT 1)) AS successor_id`,
      [id],
    );
    const ids = [row?.predecessor_id, row?.successor_id].filter((x): x is string => Boolean(x));
    const found: CarryOverLinkRow[] = ids.length
      ? await this.dataSource.query(
          `SELECT m.id, m.title, coalesce(s.state, 'imported') AS state FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id WHERE m.id = ANY($1::text[])`,
          [ids],
        )
      : [];
    const byId = (x: string | null | undefined) => (x ? (found.find((f) => f.id === x) ?? null) : null);
    return { predecessor: byId(row?.predecessor_id), successor: byId(row?.successor_id) };
  }

  async saveReport(year: number, takenBy: string, body: unknown, takenAt: Date): Promise<CompletionReportRow> {
    const [row]: Array<{ plan_year: number; taken_at: Date; taken_by: string; body: unknown }> = await this.dataSource.query(
      `INSERT INTO completion_reports (plan_year, taken_at, taken_by, body) VALUES ($1, $2, $3, $4::jsonb) RETURNING plan_year, taken_at, taken_by, body`,
      [year, takenAt, takenBy, JSON.stringify(body)],
    );
    return { year: row.plan_year, takenAt: row.taken_at, takenBy: row.taken_by, body: row.body };
  }

  /** The newest frozen report of the plan, and when the earlier ones were taken (newest first). */
  async latestReport(year: number): Promise<{ report: CompletionReportRow | undefined; takenAts: Date[] }> {
    const rows: Array<{ plan_year: number; taken_at: Date; taken_by: string; body: unknown | null }> = await this.dataSource.query(
      `SELECT plan_year, taken_at, taken_by, CASE WHEN row_number() OVER (ORDER BY taken_at DESC) = 1 THEN body END AS body
         FROM completion_reports WHERE plan_year = $1 ORDER BY taken_at DESC`,
      [year],
    );
    const [first] = rows;
    return {
      report: first && { year: first.plan_year, takenAt: first.taken_at, takenBy: first.taken_by, body: first.body },
      takenAts: rows.map((r) => r.taken_at),
    };
  }
}
