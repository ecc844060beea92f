import type { DataSource, EntityManager } from 'typeorm';

export interface OutcomeRow {
  measureId: string;
  outcomeKind: string | null;
  departmentCode: string | null;
  issuedAt: Date;
}

export interface TargetRow {
  code: string;
  text: string;
  quantities: Array<{ value: number; unit: string; text: string }>;
}

/**
 * The cockpit's own tables (migration 1764345600000): the departments a leader oversees (分管) and
 * the measures serving a target indicator; and the accountability outcomes it counts (`directives`,
 * kind 'outcome', written by the directive workflows).
 */
export class CockpitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The departments `username` oversees, by code. */
  async leaderDepartments(username: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ code: string }> = await manager.query(
      'SELECT department_code AS code FROM leader_departments WHERE leader_id = $1 ORDER BY department_code',
      [username],
    );
    return rows.map((r) => r.code);
  }

  /** Replaces the leader's 分管 departments, in the caller's transaction. */
  async replaceLeaderDepartments(manager: EntityManager, username: string, codes: string[]): Promise<void> {
    await manager.query('DELETE FROM leader_departments WHERE leader_id = $1', [username]);
    if (codes.length) {
      await manager.query('INSERT INTO leader_departments (leader_id, department_code) SELECT $1, unnest($2::text[])', [username, codes]);
    }
  }

  /** Adds 分管 departments that are not set yet (the seed); never removes one. */
  async addLeaderDepartments(username: string, codes: string[]): Promise<void> {
    if (!codes.length) return;
    await this.dataSource.query(
      `INSERT INTO leader_departments (leader_id, department_code)
       SELECT $1, c FROM unnest($2::text[]) AS c
        WHERE EXISTS (SELECT 1 FROM users WHERE username = $1) AND EXISTS (SELECT 1 FROM departments WHERE code = c)
       ON CONFLICT DO NOTHING`,
      [username, codes],
    );
  }

  /** Whether the directive projection exists yet (it comes with the directives' own migration). */
  async outcomesReadable(): Promise<boolean> {
    const [row]: Array<{ ok: boolean }> = await this.dataSource.query(`SELECT to_regclass('directives') IS NOT NULL AS ok`);
    return row.ok;
  }

  /** Accountability outcomes recorded on the year's measures before `before`, oldest first. */
  async outcomes(year: number, before: Date): Promise<OutcomeRow[]> {
    if (!(await this.outcomesReadable())) return [];
    return this.dataSource.query(
      `SELECT d.measure_id AS "measureId", d.outcome_kind AS "outcomeKind", d.department_code AS "departmentCode", d.issued_at AS "issuedAt"
         FROM directives d JOIN measures m ON m.id = d.measure_id
        WHERE m.year = $1 AND d.kind = 'outcome' AND d.issued_at < $2
        ORDER BY d.issued_at`,
      [year, before],
    );
  }

  async targets(year: number): Promise<TargetRow[]> {
    const [targets, quantities]: [Array<{ code: string; text: string }>, Array<{ code: string; value: string; unit: string; text: string }>] = await Promise.all([
      this.dataSource.query('SELECT code, text FROM plan_targets WHERE year = $1 ORDER BY position', [year]),
      this.dataSource.query(
        `SELECT owner_code AS code, value, unit, text FROM plan_quantities WHERE year = $1 AND owner_kind = 'target' ORDER BY owner_code, position`,
        [year],
      ),
    ]);
    return targets.map((t) => ({
      ...t,
      quantities: quantities.filter((q) => q.code === t.code).map((q) => ({ value: Number(q.value), unit: q.unit, text: q.text })),
    }));
  }

  async targetExists(year: number, code: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM plan_targets WHERE year = $1 AND code = $2', [year, code]);
    return rows.length > 0;
  }

  /** Which of `ids` are measures of the year's plan. */
  async planMeasureIds(year: number, ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM measures WHERE year = $1 AND id = ANY($2::text[])', [year, ids]);
    return rows.map((r) => r.id);
  }

  /** Every hand-made link of the year's target indicators to measures. */
  async indicatorLinks(year: number, manager: EntityManager = this.dataSource.manager): Promise<Array<{ indicatorCode: string; measureId: string }>> {
    return manager.query(
      `SELECT i.indicator_code AS "indicatorCode", i.measure_id AS "measureId"
         FROM indicator_measures i JOIN measures m ON m.id = i.measure_id
        WHERE i.plan_year = $1 ORDER BY i.indicator_code, m.position`,
      [year],
    );
  }

  /** Replaces the measures linked to one indicator, in the caller's transaction. */
  async replaceIndicatorLinks(manager: EntityManager, year: number, code: string, measureIds: string[]): Promise<void> {
    await manager.query('DELETE FROM indicator_measures WHERE plan_year = $1 AND indicator_code = $2', [year, code]);
    if (measureIds.length) {
      await manager.query('INSERT INTO indicator_measures (plan_year, indicator_code, measure_id) SELECT $1, $2, unnest($3::text[])', [year, code, measureIds]);
    }
  }
}
