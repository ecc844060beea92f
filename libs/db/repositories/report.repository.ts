import type { DataSource } from 'typeorm';

/** A plan measure in document order, with where it sits in the document and its projected state. */
export interface ReportMeasureRow {
  id: string;
  code: string;
  title: string;
  suggestedDepartmentCode: string | null;
  chapterCode: string;
  chapterTitle: string;
  sectionCode: string;
  sectionTitle: string;
  /** Null while the measure has no workflow event yet (待交办). */
  state: string | null;
  /** The workflow's snapshot after its last event (see MeasureSnapshot); null when none. */
  snapshot: Record<string, unknown> | null;
}

export interface ReportQuantityRow {
  measureCode: string;
  value: number;
  unit: string;
  text: string;
}

export interface ReportFindingRow {
  findingId: string;
  measureId: string;
  status: string;
  dueDate: string;
}

/** An event on a plan measure's timeline: the measure's own, or one of its findings' (workflowId `finding-…`). */
export interface ReportEventRow {
  measureId: string;
  workflowId: string;
  sequence: number;
  type: string;
  stateAfter: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export interface ReportDirectiveRow {
  measureId: string;
  kind: 'instruction' | 'notice';
  snapshot: {
    text: string;
    noticeNumber: string | null;
    dueDate: string | null;
    status: string;
    issuedBy: string;
    issuedAt: string | null;
    responses: Array<{ text: string; by: string; at: string }>;
  };
}

/** Read-only queries behind the bulletin (督办通报) and the ledger (台账). */
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findPlan(year: number): Promise<{ year: number; title: string } | undefined> {
    const rows: Array<{ year: number; title: string }> = await this.dataSource.query('SELECT year, title FROM plans WHERE year = $1', [year]);
    return rows[0];
  }

  async listMeasures(year: number): Promise<ReportMeasureRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.code, m.title, m.suggested_department_code AS "suggestedDepartmentCode",
              c.code AS "chapterCode", c.title AS "chapterTitle", s.code AS "sectionCode", s.title AS "sectionTitle",
              st.state, st.snapshot
         FROM measures m
         JOIN plan_sections s ON s.year = m.year AND s.code = m.section_code
         JOIN plan_chapters c ON c.year = s.year AND c.code = s.chapter_code
         LEFT JOIN measure_states st ON st.measure_id = m.id
        WHERE m.year = $1
        ORDER BY m.position`,
      [year],
    );
  }

  async listQuantities(year: number): Promise<ReportQuantityRow[]> {
    const rows: Array<{ measureCode: string; value: string; unit: string; text: string }> = await this.dataSource.query(
      `SELECT owner_code AS "measureCode", value, unit, text FROM plan_quantities
        WHERE year = $1 AND owner_kind = 'measure' ORDER BY owner_code, position`,
      [year],
    );
    // numeric arrives as a string; plan quantities are small counts, exact as a JS number.
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  }

  async listFindings(year: number): Promise<ReportFindingRow[]> {
    return this.dataSource.query(
      `SELECT f.finding_id AS "findingId", f.measure_id AS "measureId", f.status, to_char(f.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM findings f JOIN measures m ON m.id = f.measure_id
        WHERE m.year = $1 ORDER BY f.measure_id, f.n`,
      [year],
    );
  }

  /** Every event of the year's plan measures before `before`, in the order they happened. */
  /** The year's 批示 and 督办单 with their answers (the directives projection), in order of issue. */
  async listDirectives(year: number): Promise<ReportDirectiveRow[]> {
    return this.dataSource.query(
      `SELECT measure_id AS "measureId", kind, snapshot FROM directives
        WHERE split_part(measure_id, '-', 1) = $1 AND kind IN ('instruction', 'notice')
        ORDER BY measure_id, kind, n`,
      [String(year)],
    );
  }

  async listEvents(year: number, before: Date): Promise<ReportEventRow[]> {
    return this.dataSource.query(
      `SELECT e.measure_id AS "measureId", e.workflow_id AS "workflowId", e.sequence, e.type, e.state_after AS "stateAfter",
              e.payload, e.occurred_at AS "occurredAt"
         FROM measure_events e JOIN measures m ON m.id = e.measure_id
        WHERE m.year = $1 AND e.occurred_at < $2
        ORDER BY e.occurred_at, e.workflow_id, e.sequence`,
      [year, before],
    );
  }

  /**
   * 分管领导: the active bureau leaders overseeing each department (leader_departments), by
   * department code, names in username order. Empty before the cockpit's migration has run.
   */
  async listOverseers(): Promise<Map<string, string[]>> {
    const [ready]: Array<{ ok: boolean }> = await this.dataSource.query(`SELECT to_regclass('leader_departments') IS NOT NULL AS ok`);
    if (!ready.ok) return new Map();
    const rows: Array<{ code: string; name: string }> = await this.dataSource.query(
      `SELECT ld.department_code AS code, u.display_name AS name
         FROM leader_departments ld JOIN users u ON u.username = ld.leader_id
        WHERE u.active AND u.role = 'leader'
        ORDER BY ld.department_code, u.username`,
    );
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.code, [...(map.get(r.code) ?? []), r.name]);
    return map;
  }

  /** Display names: departments by code, people by username. */
  async listNames(): Promise<{ departments: Map<string, string>; users: Map<string, string> }> {
    const [departments, users]: [Array<{ code: string; name: string }>, Array<{ username: string; displayName: string }>] = await Promise.all([
      this.dataSource.query('SELECT code, name FROM departments'),
      this.dataSource.query('SELECT username, display_name AS "displayName" FROM users'),
    ]);
    return {
      departments: new Map(departments.map((d) => [d.code, d.name])),
      users: new Map(users.map((u) => [u.username, u.displayName])),
    };
  }
}
