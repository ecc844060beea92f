import { CLOSED_STATES, sqlStateList, type EscalationPolicy } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** Serialises the versions of one plan's policy (a lock of its own, per plan year). */
const PLAN_POLICY_LOCK = 0x706f6c69; // "poli"

/** One version of a plan's 督办规则. */
export interface PlanPolicyVersion {
  year: number;
  version: number;
  policy: EscalationPolicy;
  reason: string;
  changedBy: string;
  changedAt: Date;
}

interface RawVersion {
  plan_year: number;
  version: number;
  policy: EscalationPolicy;
  reason: string;
  changed_by: string;
  changed_at: Date;
}

const toVersion = (r: RawVersion): PlanPolicyVersion => ({
  year: r.plan_year,
  version: r.version,
  policy: r.policy,
  reason: r.reason,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
});

/**
 * plan_policies: every version of every plan's escalation thresholds, append-only; the newest
 * version of a plan is in force, a plan without one runs the default.
 */
export class PlanPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async current(year: number, manager: EntityManager | DataSource = this.dataSource): Promise<PlanPolicyVersion | undefined> {
    const [row]: RawVersion[] = await manager.query(
      `SELECT plan_year, version, policy, reason, changed_by, changed_at FROM plan_policies WHERE plan_year = $1 ORDER BY version DESC LIMIT 1`,
      [year],
    );
    return row && toVersion(row);
  }

  /** The policy in force of every plan that has one of its own, by plan year. */
  async currentAll(): Promise<Map<number, EscalationPolicy>> {
    const rows: Array<{ plan_year: number; policy: EscalationPolicy }> = await this.dataSource.query(
      `SELECT DISTINCT ON (plan_year) plan_year, policy FROM plan_policies ORDER BY plan_year, version DESC`,
    );
    return new Map(rows.map((r) => [r.plan_year, r.policy]));
  }

  /** Every version of the plan's policy, newest first. */
  async versions(year: number): Promise<PlanPolicyVersion[]> {
    const rows: RawVersion[] = await this.dataSource.query(
      `SELECT plan_year, version, policy, reason, changed_by, changed_at FROM plan_policies WHERE plan_year = $1 ORDER BY version DESC`,
      [year],
    );
    return rows.map(toVersion);
  }

  /**
   * Appends the next version inside the caller's transaction (with its audit entry), after the
   * plan's lock, so two changes at once get versions n and n + 1 and `before` is the one replaced.
   */
  async append(
    manager: EntityManager,
    change: { year: number; policy: EscalationPolicy; reason: string; changedBy: string },
  ): Promise<{ before: PlanPolicyVersion | undefined; after: PlanPolicyVersion }> {
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PLAN_POLICY_LOCK, change.year]);
    const before = await this.current(change.year, manager);
    const [row]: RawVersion[] = await manager.query(
      `INSERT INTO plan_policies (plan_year, version, policy, reason, changed_by)
       VALUES ($1, $2, $3::jsonb, $4, $5)
       RETURNING plan_year, version, policy, reason, changed_by, changed_at`,
      [change.year, (before?.version ?? 0) + 1, JSON.stringify(change.policy), change.reason, change.changedBy],
    );
    return { before, after: toVersion(row) };
  }

  /** The measures of a plan whose workflow may run (not closed), to tell them of a new policy. */
  async openMeasures(year: number): Promise<Array<{ year: number; code: string }>> {
    return this.dataSource.query(
      `SELECT m.year, m.code FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE m.year = $1 AND coalesce(s.state, 'imported') NOT IN ${sqlStateList(CLOSED_STATES)} ORDER BY m.position`,
      [year],
    );
  }

  /** The workflows of a plan's findings not closed yet (their rectification ladders run the plan's policy too). */
  async openFindingWorkflowIds(year: number): Promise<string[]> {
    const rows: Array<{ workflow_id: string }> = await this.dataSource.query(
      `SELECT f.workflow_id FROM findings f JOIN measures m ON m.id = f.measure_id WHERE m.year = $1 AND f.status <> 'closed' ORDER BY f.finding_id`,
      [year],
    );
    return rows.map((r) => r.workflow_id);
  }

  /** The workflows of a plan's 批示, 催办 and 督办单 not closed yet (an overdue answer climbs the plan's ladder). */
  async openDirectiveWorkflowIds(year: number): Promise<string[]> {
    const rows: Array<{ workflow_id: string }> = await this.dataSource.query(
      `SELECT workflow_id FROM directives WHERE split_part(measure_id, '-', 1) = $1 AND kind <> 'outcome' AND status <> 'closed' ORDER BY directive_id`,
      [String(year)],
    );
    return rows.map((r) => r.workflow_id);
  }
}
