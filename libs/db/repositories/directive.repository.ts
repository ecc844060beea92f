import { beijingDate, NOTICE_SERIES, noticeNumberText, type DirectiveEvent, type DirectiveKind, type DirectiveSnapshot } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The lock AuditRepository.numberNotices takes (`"dubn"`): hand-issued 催办/督办单 numbers come from
 * the same series (notice_numbers, per level and Beijing year) as the ladder's own, so none repeats.
 */
const NOTICE_NUMBER_LOCK = 0x6475626e;

/** A directive as the read side lists it: the projection with the names it mentions. */
export interface DirectiveRow {
  directiveId: string;
  measureId: string;
  kind: DirectiveKind;
  n: number;
  noticeNumber: string | null;
  status: string;
  departmentCode: string | null;
  departmentName: string | null;
  issuedBy: string;
  issuedByName: string | null;
  issuedAt: Date;
  dueDate: string | null;
  outcomeKind: string | null;
  escalationLevel: string | null;
  snapshot: DirectiveSnapshot;
  /** Display names of everyone the snapshot mentions (responders, signer, assignee). */
  names: Record<string, string>;
}

/** A directive waiting for someone, as a task list shows it. */
export interface DirectiveTaskRow {
  directiveId: string;
  measureId: string;
  kind: DirectiveKind;
  status: string;
  dueDate: string | null;
  noticeNumber: string | null;
  measureTitle: string;
  text: string;
}

/**
 * The directive's projection row, written in its event's transaction (MeasureEventRepository
 * .recordDirective). An issue of a numbered kind takes the next number of its series first, in the
 * same transaction: it is given once, with the event, and never changes or leaves a gap.
 */
export async function projectDirective(manager: EntityManager, event: DirectiveEvent): Promise<void> {
  const d = event.snapshot;
  let noticeNumber = d.noticeNumber;
  const series = NOTICE_SERIES[d.kind];
  if (series && event.sequence === 1) {
    // The ladder's own 督办单 carries its escalation event's number (numbered now if reads have not yet).
    const numbered = d.sourceEventId ?? event.eventId;
    const year = Number(beijingDate(Date.parse(event.occurredAt)).slice(0, 4));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [NOTICE_NUMBER_LOCK]);
    await manager.query(
      `INSERT INTO notice_numbers (event_id, level, year, n)
       SELECT $1, $2, $3, coalesce(max(n), 0) + 1 FROM notice_numbers WHERE level = $2 AND year = $3
       ON CONFLICT (event_id) DO NOTHING`,
      [numbered, series.level, year],
    );
    const [row]: Array<{ n: number; year: number }> = await manager.query('SELECT n, year FROM notice_numbers WHERE event_id = $1', [numbered]);
    noticeNumber = noticeNumberText(series.prefix, row.year, row.n);
  }
  const snapshot: DirectiveSnapshot = { ...d, noticeNumber };
  await manager.query(
    `INSERT INTO directives (directive_id, measure_id, kind, n, workflow_id, notice_number, status, department_code, assignee_id,
                             issued_by, issued_at, due_date, outcome_kind, escalation_level, last_sequence, snapshot, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (directive_id) DO UPDATE SET
       status = EXCLUDED.status, notice_number = coalesce(directives.notice_number, EXCLUDED.notice_number),
       escalation_level = EXCLUDED.escalation_level, last_sequence = EXCLUDED.last_sequence,
       snapshot = EXCLUDED.snapshot || jsonb_build_object('noticeNumber', coalesce(directives.notice_number, EXCLUDED.notice_number)),
       updated_at = EXCLUDED.updated_at
     WHERE directives.last_sequence < EXCLUDED.last_sequence`,
    [
      d.directiveId,
      d.measureId,
      d.kind,
      d.n,
      event.workflowId,
      noticeNumber,
      d.status,
      d.departmentCode,
      d.assigneeId,
      d.issuedBy,
      d.issuedAt ?? event.occurredAt,
      d.dueDate,
      d.outcomeKind,
      d.escalation.level,
      event.sequence,
      JSON.stringify(snapshot),
      event.occurredAt,
    ],
  );
}

/** Directives' numbers and reads (the writes are the events', see projectDirective). */
export class DirectiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next ordinal of `kind` on the measure, given once (a failed start leaves a gap in n, never a repeat). */
  async nextN(measureId: string, kind: DirectiveKind): Promise<number> {
    const [row]: Array<{ last_n: number }> = await this.dataSource.query(
      `INSERT INTO directive_counters (measure_id, kind, last_n) VALUES ($1, $2, 1)
       ON CONFLICT (measure_id, kind) DO UPDATE SET last_n = directive_counters.last_n + 1
       RETURNING last_n`,
      [measureId, kind],
    );
    return row.last_n;
  }

  /** The notice number recorded with the directive's issue, if its kind is numbered. */
  async noticeNumber(directiveId: string): Promise<string | null> {
    const [row]: Array<{ notice_number: string | null }> = await this.dataSource.query('SELECT notice_number FROM directives WHERE directive_id = $1', [directiveId]);
    return row?.notice_number ?? null;
  }

  async find(directiveId: string): Promise<DirectiveRow | undefined> {
    return (await this.rows('d.directive_id = $1', [directiveId]))[0];
  }

  /** The 督办单 that carries a notice number (督〔2022〕第3号), hand-issued or the ladder's own. */
  async findByNoticeNumber(noticeNumber: string): Promise<DirectiveRow | undefined> {
    return (await this.rows(`d.notice_number = $1 AND d.kind = 'notice'`, [noticeNumber]))[0];
  }

  /** A measure's directives, oldest first. */
  async listForMeasure(measureId: string): Promise<DirectiveRow[]> {
    return this.rows('d.measure_id = $1', [measureId]);
  }

  /**
   * Directives waiting for someone (/me/tasks): a department's instructions and notices to 签收 or
   * answer, a person's urgings to 反馈, or the instructions (notices) a leader (supervisor) issued still awaiting an answer.
   */
  async awaiting(who: { department?: string; assignee?: string; issuedBy?: { username: string; kind: 'instruction' | 'notice' } }): Promise<DirectiveTaskRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (who.department) clauses.push(`(d.kind IN ('instruction', 'notice') AND d.status IN ('issued', 'acknowledged') AND d.department_code = $${params.push(who.department)})`);
    if (who.assignee) clauses.push(`(d.kind = 'urging' AND d.status = 'issued' AND d.assignee_id = $${params.push(who.assignee)})`);
    if (who.issuedBy) {
      clauses.push(`(d.kind = $${params.push(who.issuedBy.kind)} AND d.status IN ('issued', 'acknowledged') AND d.issued_by = $${params.push(who.issuedBy.username)})`);
    }
    if (clauses.length === 0) return [];
    return this.dataSource.query(
      `SELECT d.directive_id AS "directiveId", d.measure_id AS "measureId", d.kind, d.status, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate",
              d.notice_number AS "noticeNumber", coalesce(m.title, '') AS "measureTitle", d.snapshot->>'text' AS text
         FROM directives d LEFT JOIN measures m ON m.id = d.measure_id
        WHERE ${clauses.join(' OR ')}
        ORDER BY d.due_date ASC NULLS LAST, d.issued_at
        LIMIT 500`,
      params,
    );
  }

  private async rows(where: string, params: unknown[]): Promise<DirectiveRow[]> {
    const raw: Array<{
      directive_id: string;
      measure_id: string;
      kind: DirectiveKind;
      n: number;
      notice_number: string | null;
      status: string;
      department_code: string | null;
      department_name: string | null;
      issued_by: string;
      issued_by_name: string | null;
      issued_at: Date;
      due_date: string | null;
      outcome_kind: string | null;
      escalation_level: string | null;
      snapshot: DirectiveSnapshot;
      names: Record<string, string> | null;
    }> = await this.dataSource.query(
      `SELECT d.directive_id, d.measure_id, d.kind, d.n, d.notice_number, d.status, d.department_code, dep.name AS department_name,
              d.issued_by, iu.display_name AS issued_by_name, d.issued_at, to_char(d.due_date, 'YYYY-MM-DD') AS due_date,
              d.outcome_kind, d.escalation_level, d.snapshot,
              (SELECT jsonb_object_agg(u.username, u.display_name) FROM users u
                WHERE u.username IN (SELECT r->>'by' FROM jsonb_array_elements(d.snapshot->'responses') r
                                     UNION SELECT d.snapshot->>'acknowledgedBy' UNION SELECT d.assignee_id
                                     UNION SELECT d.snapshot->>'closedBy' UNION SELECT d.issued_by)) AS names
         FROM directives d
         LEFT JOIN departments dep ON dep.code = d.department_code
         LEFT JOIN users iu ON iu.username = d.issued_by
        WHERE ${where}
        ORDER BY d.issued_at, d.kind, d.n`,
      params,
    );
    return raw.map((r) => ({
      directiveId: r.directive_id,
      measureId: r.measure_id,
      kind: r.kind,
      n: r.n,
      noticeNumber: r.notice_number,
      status: r.status,
      departmentCode: r.department_code,
      departmentName: r.department_name,
      issuedBy: r.issued_by,
      issuedByName: r.issued_by_name,
      issuedAt: r.issued_at,
      dueDate: r.due_date,
      outcomeKind: r.outcome_kind,
      escalationLevel: r.escalation_level,
      snapshot: r.snapshot,
      names: r.names ?? {},
    }));
  }
}
