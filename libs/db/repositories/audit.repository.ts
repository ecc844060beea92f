import type { ChainHead, ChainVerification, EventCoverage } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { walkChain } from '../audit-chain';

/** States in which a measure's work is in hand, so a passed due date makes it overdue. */
const OPEN_STATES = `('assigned', 'in_progress', 'returned', 'under_review')`;

export interface OverdueRow {
  kind: 'measure' | 'finding';
  measureId: string;
  findingId: string | null;
  /** The workflow whose escalation events are this item's urgings. */
  workflowId: string;
  measureTitle: string | null;
  /** The finding's description (findings only). */
  description: string | null;
  /** Measure state, or finding status. */
  state: string;
  dueDate: string;
  escalationLevel: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  personId: string | null;
  personName: string | null;
}

export interface EscalationRow {
  eventId: string;
  measureId: string;
  workflowId: string;
  measureTitle: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** Usernames the event's notifications went to. */
  notified: string[];
}

export interface NoticeRow extends EscalationRow {
  /** Ordinal among the notices of the level issued in the same (Beijing) year, by order of record. */
  n: number;
  /** Beijing year of issue. */
  year: number;
  /** The measure's lead department and assignee now (when the event itself does not name them). */
  currentDepartment: string | null;
  currentAssignee: string | null;
}

export interface ScorecardRow {
  departmentCode: string;
  departmentName: string | null;
  assigned: number;
  completed: number;
  completedOnTime: number;
  reworked: number;
  openFindings: number;
  /** Open measures past their due date, by due date (working days are counted by the caller). */
  overdueByDueDate: Array<{ dueDate: string; count: number }>;
}

export type { ChainVerification } from '@duban/domain';

export interface EscalationFilter {
  level?: string;
  /** Beijing dates, inclusive. */
  from?: string;
  to?: string;
}

/** The supervisors' read side: overdue work, the escalation log, notices, scorecards, chain checks. */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of overdue work, longest overdue first: open measures and open findings past their due
   * date. Each side is read in order off its partial index and cut at the page's end before the merge
   * (PostgreSQL will not merge-append a plain UNION ALL here), so a page costs the page, not the table:
   * ~0.5 ms for the first page of 100,000 measures.
   */
  async overduePage(today: string, offset: number, limit: number): Promise<{ rows: OverdueRow[]; total: number }> {
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT p.kind, p.measure_id, p.finding_id, p.workflow_id, m.title AS measure_title, p.description, p.state,
                to_char(p.due_date, 'YYYY-MM-DD') AS due_date, p.escalation_level, p.lead_department,
                d.name AS department_name, p.person_id, u.display_name AS person_name
           FROM (
             (SELECT 'measure' AS kind, s.measure_id AS id, s.measure_id, NULL::text AS finding_id, s.workflow_id,
                     NULL::text AS description, s.state, s.due_date, s.escalation_level, s.lead_department, s.assignee_id AS person_id
                FROM measure_states s
               WHERE s.state IN ${OPEN_STATES} AND s.due_date < $1::date
               ORDER BY s.due_date, s.measure_id
               LIMIT $2::int + $3::int)
             UNION ALL
             (SELECT 'finding', f.finding_id, f.measure_id, f.finding_id, f.workflow_id,
                     f.description, f.status, f.due_date, f.escalation_level, f.lead_department, f.assignee_id
                FROM findings f
               WHERE f.status = 'open' AND f.due_date < $1::date
               ORDER BY f.due_date, f.finding_id
               LIMIT $2::int + $3::int)
             ORDER BY due_date, id
             LIMIT $2 OFFSET $3
           ) p
           LEFT JOIN measures m ON m.id = p.measure_id
           LEFT JOIN departments d ON d.code = p.lead_department
           LEFT JOIN users u ON u.username = p.person_id
          ORDER BY p.due_date, p.id`,
        [today, limit, offset],
      ) as Promise<Array<Record<string, string | null>>>,
      this.dataSource.query(
        `SELECT (SELECT count(*) FROM measure_states WHERE state IN ${OPEN_STATES} AND due_date < $1::date)::int
              + (SELECT count(*) FROM findings WHERE status = 'open' AND due_date < $1::date)::int AS total`,
        [today],
      ) as Promise<Array<{ total: number }>>,
    ]);
    return {
      total: counts[0].total,
      rows: rows.map((r) => ({
        kind: r.kind === 'finding' ? 'finding' : 'measure',
        measureId: r.measure_id!,
        findingId: r.finding_id,
        workflowId: r.workflow_id!,
        measureTitle: r.measure_title,
        description: r.description,
        state: r.state!,
        dueDate: r.due_date!,
        escalationLevel: r.escalation_level,
        departmentCode: r.lead_department,
        departmentName: r.department_name,
        personId: r.person_id,
        personName: r.person_name,
      })),
    };
  }

  /** The escalation events of the given measures (their findings' included), oldest first. */
  async escalationsOf(measureIds: string[]): Promise<Array<{ workflowId: string; level: string; stepDate: string | null; occurredAt: Date }>> {
    if (measureIds.length === 0) return [];
    const rows: Array<{ workflow_id: string; level: string; step_date: string | null; occurred_at: Date }> = await this.dataSource.query(
      `SELECT workflow_id, payload->>'level' AS level, payload->>'stepDate' AS step_date, occurred_at
         FROM measure_events WHERE measure_id = ANY($1::text[]) AND type = 'escalation'
        ORDER BY occurred_at, sequence`,
      [measureIds],
    );
    return rows.map((r) => ({ workflowId: r.workflow_id, level: r.level, stepDate: r.step_date, occurredAt: r.occurred_at }));
  }

  /** The escalation log, newest first. */
  async escalationPage(filter: EscalationFilter, offset: number, limit: number): Promise<{ rows: EscalationRow[]; total: number }> {
    const conditions = [`e.type = 'escalation'`];
    const params: unknown[] = [];
    if (filter.level) {
      params.push(filter.level);
      conditions.push(`e.payload->>'level' = $${params.length}`);
    }
    if (filter.from) {
      params.push(beijingMidnight(filter.from));
      conditions.push(`e.occurred_at >= $${params.length}::timestamptz`);
    }
    if (filter.to) {
      params.push(beijingMidnight(filter.to));
      conditions.push(`e.occurred_at < $${params.length}::timestamptz + interval '1 day'`);
    }
    const where = conditions.join(' AND ');
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT e.event_id, e.measure_id, e.workflow_id, m.title AS measure_title, e.payload, e.occurred_at,
                array(SELECT n.recipient FROM notifications n WHERE n.event_id = e.event_id ORDER BY n.recipient) AS notified
           FROM measure_events e LEFT JOIN measures m ON m.id = e.measure_id
          WHERE ${where}
          ORDER BY e.occurred_at DESC, e.event_id DESC
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ) as Promise<RawEscalation[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM measure_events e WHERE ${where}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { rows: rows.map(toEscalation), total: counts[0].total };
  }

  /**
   * Supervision notices (督办单) or accountability records (问责) — the escalation events of that
   * level — newest first, each with its number: its order of record (the audit chain's order, which
   * never changes) among the level's events of its Beijing year.
   */
  async noticePage(level: string, offset: number, limit: number): Promise<{ rows: NoticeRow[]; total: number }> {
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `WITH numbered AS (
           -- Narrow rows for the numbering window; the page's details are joined afterwards.
           SELECT e.event_id, a.id AS audit_id, extract(year FROM e.occurred_at AT TIME ZONE INTERVAL '+08:00')::int AS year,
                  row_number() OVER (PARTITION BY extract(year FROM e.occurred_at AT TIME ZONE INTERVAL '+08:00') ORDER BY a.id)::int AS n
             FROM measure_events e JOIN audit_log a ON a.event_id = e.event_id
            WHERE e.type = 'escalation' AND e.payload->>'level' = $1
         ), page AS (
           SELECT * FROM numbered ORDER BY audit_id DESC LIMIT $2 OFFSET $3
         )
         SELECT e.event_id, e.measure_id, e.workflow_id, m.title AS measure_title, e.payload, e.occurred_at, x.n, x.year,
                s.lead_department AS current_department, s.assignee_id AS current_assignee,
                array(SELECT r.recipient FROM notifications r WHERE r.event_id = x.event_id ORDER BY r.recipient) AS notified
           FROM page x
           JOIN measure_events e ON e.event_id = x.event_id
           LEFT JOIN measures m ON m.id = e.measure_id
           LEFT JOIN measure_states s ON s.measure_id = e.measure_id
          ORDER BY x.audit_id DESC`,
        [level, limit, offset],
      ) as Promise<Array<RawEscalation & { n: number; year: number; current_department: string | null; current_assignee: string | null }>>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM measure_events WHERE type = 'escalation' AND payload->>'level' = $1`, [level]) as Promise<
        Array<{ total: number }>
      >,
    ]);
    return {
      total: counts[0].total,
      rows: rows.map((r) => ({ ...toEscalation(r), n: r.n, year: r.year, currentDepartment: r.current_department, currentAssignee: r.current_assignee })),
    };
  }

  /** Display names of people and departments, for the codes a page mentions. */
  async names(usernames: string[], departmentCodes: string[]): Promise<{ users: Map<string, string>; departments: Map<string, string> }> {
    const rows: Array<{ kind: 'user' | 'department'; code: string; name: string }> =
      usernames.length + departmentCodes.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT 'user' AS kind, username AS code, display_name AS name FROM users WHERE username = ANY($1::text[])
             UNION ALL
             SELECT 'department', code, name FROM departments WHERE code = ANY($2::text[])`,
            [usernames, departmentCodes],
          );
    const users = new Map<string, string>();
    const departments = new Map<string, string>();
    for (const r of rows) (r.kind === 'user' ? users : departments).set(r.code, r.name);
    return { users, departments };
  }

  /** Per lead department, the year's assigned measures (cancelled ones left out) and how they went. */
  async scorecard(year: number, today: string): Promise<ScorecardRow[]> {
    const prefix = String(year);
    const [totals, overdue, findings] = await Promise.all([
      this.dataSource.query(
        `SELECT s.lead_department AS code, d.name,
                count(*)::int AS assigned,
                count(*) FILTER (WHERE s.state = 'completed')::int AS completed,
                count(*) FILTER (WHERE s.state = 'completed'
                                   AND (s.snapshot->>'completedOn')::date <= (s.snapshot->>'dueDate')::date)::int AS completed_on_time,
                count(*) FILTER (WHERE coalesce((s.snapshot->>'reworkCount')::int, 0) > 0)::int AS reworked
           FROM measure_states s LEFT JOIN departments d ON d.code = s.lead_department
          WHERE split_part(s.measure_id, '-', 1) = $1 AND s.lead_department IS NOT NULL AND s.state NOT IN ('imported', 'cancelled')
          GROUP BY s.lead_department, d.name
          ORDER BY s.lead_department`,
        [prefix],
      ) as Promise<Array<{ code: string; name: string | null; assigned: number; completed: number; completed_on_time: number; reworked: number }>>,
      this.dataSource.query(
        `SELECT lead_department AS code, to_char(due_date, 'YYYY-MM-DD') AS due_date, count(*)::int AS n
           FROM measure_states
          WHERE split_part(measure_id, '-', 1) = $1 AND lead_department IS NOT NULL AND state IN ${OPEN_STATES} AND due_date < $2::date
          GROUP BY lead_department, due_date`,
        [prefix, today],
      ) as Promise<Array<{ code: string; due_date: string; n: number }>>,
      this.dataSource.query(
        `SELECT lead_department AS code, count(*)::int AS n FROM findings
          WHERE split_part(measure_id, '-', 1) = $1 AND status <> 'closed' AND lead_department IS NOT NULL
          GROUP BY lead_department`,
        [prefix],
      ) as Promise<Array<{ code: string; n: number }>>,
    ]);
    const openFindings = new Map(findings.map((f) => [f.code, f.n]));
    return totals.map((t) => ({
      departmentCode: t.code,
      departmentName: t.name,
      assigned: t.assigned,
      completed: t.completed,
      completedOnTime: t.completed_on_time,
      reworked: t.reworked,
      openFindings: openFindings.get(t.code) ?? 0,
      overdueByDueDate: overdue.filter((o) => o.code === t.code).map((o) => ({ dueDate: o.due_date, count: o.n })),
    }));
  }

  /**
   * Walks the audit chain in id order, `batchSize` rows per query (never the whole table at once),
   * and stops at the first row that does not hold: its content does not give its hash (edited), or
   * its prev_hash is not the previous row's hash (a row deleted, inserted or moved before it).
   * `manager` runs the walk inside a caller's transaction.
   */
  async verifyChain(options: { manager?: EntityManager; batchSize?: number } = {}): Promise<ChainVerification> {
    const runner = options.manager ?? this.dataSource.manager;
    return walkChain(
      async (afterId, limit) => {
        const batch: Array<{ id: string; prev_hash: string; hash: string; content: unknown }> = await runner.query(
          // Ordered by the bigint column, not the text alias (which would put 10 before 2).
          `SELECT a.id::text AS id, a.prev_hash, a.hash, a.content FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
          [afterId, limit],
        );
        return batch.map((r) => ({ id: r.id, prevHash: r.prev_hash, hash: r.hash, content: r.content }));
      },
      { batchSize: options.batchSize ?? 5_000, at: (id) => `第 ${id} 条记录` },
    );
  }

  /**
   * Every measure_events row has its audit_log row (by event id) and the other way round, so the
   * counts match. Each figure comes from one statement; run it in a REPEATABLE READ transaction
   * (`manager`) to have them all from one snapshot with the chain walk.
   */
  async eventCoverage(manager?: EntityManager): Promise<EventCoverage> {
    const runner = manager ?? this.dataSource.manager;
    const [counts]: Array<{ event_rows: number; audit_rows: number; missing: number; orphaned: number }> = await runner.query(
      `SELECT (SELECT count(*) FROM measure_events)::int AS event_rows,
              (SELECT count(*) FROM audit_log)::int AS audit_rows,
              (SELECT count(*) FROM measure_events e WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.event_id = e.event_id))::int AS missing,
              (SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM measure_events e WHERE e.event_id = a.event_id))::int AS orphaned`,
    );
    const listed = async (sql: string, n: number): Promise<string[]> =>
      n === 0 ? [] : ((await runner.query(sql, [LISTED_IDS])) as Array<{ event_id: string }>).map((r) => r.event_id);
    const [missingAudit, orphanedAudit] = await Promise.all([
      listed(`SELECT e.event_id FROM measure_events e WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.event_id = e.event_id) ORDER BY e.event_id LIMIT $1`, counts.missing),
      listed(`SELECT a.event_id FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM measure_events e WHERE e.event_id = a.event_id) ORDER BY a.event_id LIMIT $1`, counts.orphaned),
    ]);
    const problems: string[] = [];
    const some = (ids: string[], n: number) => `${ids.join('、')}${n > ids.length ? ` 等 ${n} 条` : ''}`;
    if (counts.missing > 0) problems.push(`${counts.missing} 条办理记录没有对应的审计记录（${some(missingAudit, counts.missing)}）：审计记录被删除或未写入`);
    if (counts.orphaned > 0) problems.push(`${counts.orphaned} 条审计记录对应的办理记录已不存在（${some(orphanedAudit, counts.orphaned)}）：办理记录被删除`);
    if (counts.event_rows !== counts.audit_rows) problems.push(`办理记录 ${counts.event_rows} 条，审计记录 ${counts.audit_rows} 条，数目不符`);
    return {
      ok: problems.length === 0,
      eventRows: counts.event_rows,
      auditRows: counts.audit_rows,
      missingAuditCount: counts.missing,
      missingAudit,
      orphanedAuditCount: counts.orphaned,
      orphanedAudit,
      ...(problems.length ? { reason: problems.join('；') } : {}),
    };
  }

  /** The chain's head: its last row and how many rows it has, read in one statement. */
  async head(): Promise<ChainHead> {
    return chainHeadOf(this.dataSource, 'audit_log', 'recorded_at');
  }
}

/** How many event ids a verification names when some are missing (the counts say how many in all). */
const LISTED_IDS = 50;

/** The head of a hash-chained table (`table` and `timeColumn` are code constants, never input). */
export async function chainHeadOf(runner: DataSource | EntityManager, table: 'audit_log' | 'admin_audit_log', timeColumn: 'recorded_at' | 'occurred_at'): Promise<ChainHead> {
  const [row]: Array<{ count: number; id: string | null; hash: string | null; time: Date | null }> = await runner.query(
    `SELECT c.count, h.id, h.hash, h.time
       FROM (SELECT count(*)::int AS count FROM ${table}) c
       LEFT JOIN LATERAL (SELECT t.id::text AS id, t.hash, t.${timeColumn} AS time FROM ${table} t ORDER BY t.id DESC LIMIT 1) h ON true`,
  );
  return { count: row.count, id: row.id, hash: row.hash, time: row.time ? row.time.toISOString() : null };
}

interface RawEscalation {
  event_id: string;
  measure_id: string;
  workflow_id: string;
  measure_title: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  notified: string[];
}

function toEscalation(r: RawEscalation): EscalationRow {
  return {
    eventId: r.event_id,
    measureId: r.measure_id,
    workflowId: r.workflow_id,
    measureTitle: r.measure_title,
    payload: r.payload,
    occurredAt: r.occurred_at,
    notified: r.notified,
  };
}

/** The instant a Beijing calendar day begins (China keeps UTC+8 all year). */
function beijingMidnight(date: string): string {
  return `${date}T00:00:00+08:00`;
}
