import {
  ACTIVE_STATES,
  canonicalJson,
  sqlStateList,
  type AnchorHeads,
  type AnchorSummary,
  type AnchorVerification,
  type AnchorWriteResult,
  type ChainHead,
  type ChainVerification,
  type EventCoverage,
  type RecordVerification,
  type StreamHead,
  type StreamProblem,
  type StreamsVerification,
} from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { anchorContent, chainHash, GENESIS_HASH, LISTED_PROBLEMS, streamLabel, walkChain, walkStreams, type AnchoredHeads } from '../audit-chain';

/** States in which a measure's work is in hand, so a passed due date makes it overdue. */
const OPEN_STATES = sqlStateList(ACTIVE_STATES);

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
  /** Accountability outcomes (约谈, 通报批评, 诫勉, 问责处理) recorded on the department's measures this year, by kind. */
  outcomes: Array<{ kind: string; count: number }>;
}

export type { ChainVerification, StreamsVerification } from '@duban/domain';

export interface EscalationFilter {
  level?: string;
  /** Beijing dates, inclusive. */
  from?: string;
  to?: string;
}

/** The supervisors' read side: overdue work, the escalation log, notices, scorecards, chain checks. */
/** Serialises the giving of notice numbers (notice_numbers), never a command. */
const NOTICE_NUMBER_LOCK = 0x6475626e; // "dubn"

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
   * Gives every escalation not numbered yet its number (notice_numbers): per level and Beijing year,
   * after the numbers already given, in audit-row order among the new ones. Under a lock of its own,
   * off the command path; a number once given never changes.
   */
  async numberNotices(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [NOTICE_NUMBER_LOCK]);
      await manager.query(
        `INSERT INTO notice_numbers (event_id, level, year, n)
         SELECT x.event_id, x.level, x.year,
                coalesce((SELECT max(nn.n) FROM notice_numbers nn WHERE nn.level = x.level AND nn.year = x.year), 0)
                  + row_number() OVER (PARTITION BY x.level, x.year ORDER BY x.audit_id)
           FROM (SELECT e.event_id, e.payload->>'level' AS level, a.id AS audit_id,
                        extract(year FROM e.occurred_at AT TIME ZONE INTERVAL '+08:00')::int AS year
                   FROM measure_events e JOIN audit_log a ON a.event_id = e.event_id
                  WHERE e.type = 'escalation' AND e.payload->>'level' IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM notice_numbers nn WHERE nn.event_id = e.event_id)) x`,
      );
    });
  }

  /**
   * Supervision notices (督办单) or accountability records (问责) — the escalation events of that
   * level — newest first, each with its number (notice_numbers: given once, in order of record,
   * among the level's events of its Beijing year).
   */
  async noticePage(level: string, offset: number, limit: number): Promise<{ rows: NoticeRow[]; total: number }> {
    await this.numberNotices();
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `WITH page AS (
           SELECT nn.event_id, nn.n, nn.year FROM notice_numbers nn
            WHERE nn.level = $1 ORDER BY nn.year DESC, nn.n DESC LIMIT $2 OFFSET $3
         )
         SELECT e.event_id, e.measure_id, e.workflow_id, m.title AS measure_title, e.payload, e.occurred_at, x.n, x.year,
                s.lead_department AS current_department, s.assignee_id AS current_assignee,
                array(SELECT r.recipient FROM notifications r WHERE r.event_id = x.event_id ORDER BY r.recipient) AS notified
           FROM page x
           JOIN measure_events e ON e.event_id = x.event_id
           LEFT JOIN measures m ON m.id = e.measure_id
           LEFT JOIN measure_states s ON s.measure_id = e.measure_id
          ORDER BY x.year DESC, x.n DESC`,
        [level, limit, offset],
      ) as Promise<Array<RawEscalation & { n: number; year: number; current_department: string | null; current_assignee: string | null }>>,
      // Every notice is numbered by now: the ladder's own and those issued by hand (督办单, 催办).
      this.dataSource.query(`SELECT count(*)::int AS total FROM notice_numbers WHERE level = $1`, [level]) as Promise<
        Array<{ total: number }>
      >,
    ]);
    return {
      total: counts[0].total,
      rows: rows.map((r) => ({ ...toEscalation(r), n: r.n, year: r.year, currentDepartment: r.current_department, currentAssignee: r.current_assignee })),
    };
  }

  /** One numbered notice (督办单 / 问责记录) by its event id, with its level; undefined when the event is no notice. */
  async notice(eventId: string): Promise<(NoticeRow & { level: string }) | undefined> {
    await this.numberNotices();
    const rows: Array<RawEscalation & { n: number; year: number; level: string; current_department: string | null; current_assignee: string | null }> =
      await this.dataSource.query(
        `SELECT e.event_id, e.measure_id, e.workflow_id, m.title AS measure_title, e.payload, e.occurred_at, x.n, x.year, x.level,
                s.lead_department AS current_department, s.assignee_id AS current_assignee,
                array(SELECT r.recipient FROM notifications r WHERE r.event_id = x.event_id ORDER BY r.recipient) AS notified
           FROM notice_numbers x
           JOIN measure_events e ON e.event_id = x.event_id
           LEFT JOIN measures m ON m.id = e.measure_id
           LEFT JOIN measure_states s ON s.measure_id = e.measure_id
          WHERE x.event_id = $1`,
        [eventId],
      );
    const r = rows[0];
    return r && { ...toEscalation(r), n: r.n, year: r.year, level: r.level, currentDepartment: r.current_department, currentAssignee: r.current_assignee };
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
    const [totals, overdue, findings, outcomes] = await Promise.all([
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
      this.dataSource.query(
        `SELECT department_code AS code, outcome_kind AS kind, count(*)::int AS n FROM directives
          WHERE kind = 'outcome' AND split_part(measure_id, '-', 1) = $1 AND department_code IS NOT NULL
          GROUP BY department_code, outcome_kind`,
        [prefix],
      ) as Promise<Array<{ code: string; kind: string; n: number }>>,
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
      outcomes: outcomes.filter((o) => o.code === t.code).map((o) => ({ kind: o.kind, count: o.n })),
    }));
  }

  /**
   * Walks every stream's chain (one per measure, its findings' events included), `batchSize` rows per
   * query in (stream, id) order off the (stream, id) index, never the whole table at once. Each
   * stream that does not hold is named at its first broken row (edited, a row deleted, inserted or
   * moved before it, renumbered, or moved from another stream); the walk goes on with the others.
   * Without the anchors: `verifyRecord` checks the streams against the latest anchor too.
   * `manager` runs the walk inside a caller's transaction.
   */
  async verifyChain(options: { manager?: EntityManager; batchSize?: number } = {}): Promise<StreamsVerification> {
    return (await this.walkStreams(options.manager ?? this.dataSource.manager, options.batchSize ?? 5_000)).chain;
  }

  /**
   * The whole record, as `/audit/verify` reports it: the anchor chain, every measure stream against
   * the latest anchor (a stream cut short or deleted whole is found there), every event against its
   * audit row, and the admin stream (`admin`, walked by the caller) against its anchored head. Run it
   * in a read-only REPEATABLE READ transaction (`manager`) to have it all from one snapshot.
   */
  async verifyRecord(options: { manager: EntityManager; admin: ChainVerification; batchSize?: number }): Promise<RecordVerification> {
    const { manager, admin } = options;
    const anchorChain = await this.verifyAnchorChain(manager);
    const latest = await this.latestAnchor(manager);
    const walk = await this.walkStreams(manager, options.batchSize ?? 5_000, latest ? { anchorId: latest.id, streams: latest.heads.streams } : undefined);
    const events = await this.eventCoverage(manager);
    const adminProblem = latest ? await this.adminAnchorProblem(manager, latest) : undefined;

    const missing = adminProblem ? [...walk.missing, adminProblem].slice(0, LISTED_PROBLEMS) : walk.missing;
    const missingCount = walk.missingCount + (adminProblem ? 1 : 0);
    const anchorReasons = [
      anchorChain.reason,
      ...missing.map((m) => m.reason),
      ...(missingCount > missing.length ? [`另有 ${missingCount - missing.length} 个锚定的链头不见了`] : []),
    ].filter((r): r is string => r !== undefined);
    const anchors: AnchorVerification = {
      ok: anchorChain.ok && missingCount === 0,
      ...(anchorReasons.length ? { reason: anchorReasons.join('；') } : {}),
      anchors: anchorChain.rows,
      ...(anchorChain.firstBrokenId ? { firstBrokenId: anchorChain.firstBrokenId } : {}),
      latest: latest ? anchorSummary(latest) : null,
      anchoredStreams: walk.anchoredStreams,
      missingCount,
      missing,
      unanchored: walk.unanchored,
      unanchoredStreamCount: walk.unanchoredStreamCount,
      unanchoredStreams: walk.unanchoredStreams,
    };
    const { chain } = walk;
    const reasons = [chain.reason, events.reason, admin.reason, anchors.reason].filter((r): r is string => r !== undefined);
    // Every chain holding, the first anchored head that is gone is the row to name.
    const named = chain.ok && missing[0] ? { firstBrokenId: missing[0].id, firstBrokenStream: missing[0].stream } : {};
    return {
      ...chain,
      ...named,
      ok: chain.ok && events.ok && admin.ok && anchors.ok,
      ...(reasons.length ? { reason: reasons.join('；') } : {}),
      chain,
      events,
      admin,
      anchors,
      unanchored: walk.unanchored,
    };
  }

  /** The anchor chain walked in id order (a few anchors per read: each holds every stream's head). */
  async verifyAnchorChain(manager?: EntityManager, batchSize = 50): Promise<ChainVerification> {
    const runner = manager ?? this.dataSource.manager;
    return walkChain(
      async (afterId, limit) => {
        const batch: RawAnchor[] = await runner.query(
          // Ordered by the bigint column, not the text alias (which would put 10 before 2).
          `SELECT a.id::text AS id, a.created_at, a.heads, a.prev_hash, a.hash FROM audit_anchors a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
          [afterId, limit],
        );
        return batch.map((r) => ({ id: r.id, prevHash: r.prev_hash, hash: r.hash, content: anchorContent(r.created_at, r.heads) }));
      },
      { batchSize, at: (id) => `审计锚点第 ${id} 个` },
    );
  }

  /** The latest anchor with its heads; null before the first. */
  async latestAnchor(manager?: EntityManager): Promise<AuditAnchor | null> {
    const runner = manager ?? this.dataSource.manager;
    const [row]: RawAnchor[] = await runner.query(`SELECT a.id::text AS id, a.created_at, a.heads, a.prev_hash, a.hash FROM audit_anchors a ORDER BY a.id DESC LIMIT 1`);
    return row ? toAnchor(row) : null;
  }

  /**
   * Every stream's head now (its last row, by the (stream, id) index) and the admin stream's head:
   * what an anchor written now would hold.
   */
  async currentHeads(manager?: EntityManager): Promise<AnchorHeads> {
    const runner = manager ?? this.dataSource.manager;
    const rows: Array<{ stream: string; id: string; seq: number; hash: string }> = await runner.query(
      // Backwards along the index: each stream's first row met is its last.
      `SELECT DISTINCT ON (a.stream) a.stream, a.id::text AS id, a.stream_seq AS seq, a.hash
         FROM audit_log a ORDER BY a.stream DESC, a.id DESC`,
    );
    const [admin]: Array<{ id: string; hash: string }> = await runner.query(`SELECT a.id::text AS id, a.hash FROM admin_audit_log a ORDER BY a.id DESC LIMIT 1`);
    const streams: Record<string, StreamHead> = {};
    for (const r of rows.reverse()) streams[r.stream] = { id: r.id, seq: r.seq, hash: r.hash };
    return { streams, admin: admin ? { id: admin.id, hash: admin.hash } : null };
  }

  /**
   * Writes one anchor — every stream's head and the admin stream's head, chained to the previous
   * anchor — unless nothing changed since the latest one. Refuses (writes nothing, says why) when the
   * record no longer extends the latest anchor: a head it holds is gone or altered, which a new anchor
   * would seal. Off the command path: anchors take turns on a lock of their own, appends never wait.
   */
  async writeAnchor(): Promise<AnchorWriteResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_ANCHOR_LOCK]);
      const last = await this.latestAnchor(manager);
      const heads = await this.currentHeads(manager);
      if (last && canonicalJson(last.heads) === canonicalJson(heads)) {
        return { written: false, refused: false, reason: `自锚点第 ${last.id} 个以来没有新的审计记录，无需新锚点`, problems: [], anchor: anchorSummary(last) };
      }
      if (last) {
        const problems = await this.regressions(manager, last, heads);
        if (problems.length > 0) {
          const listed = problems.slice(0, LISTED_PROBLEMS);
          return {
            written: false,
            refused: true,
            reason: `未写入新锚点：现有记录不再延续锚点第 ${last.id} 个——${listed.map((p) => p.reason).join('；')}${problems.length > listed.length ? `；另有 ${problems.length - listed.length} 处` : ''}`,
            problems: listed,
            anchor: anchorSummary(last),
          };
        }
      }
      // Whole milliseconds (what a JS Date holds; timestamptz keeps them), so the time read back hashes the same.
      const createdAt = new Date();
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, anchorContent(createdAt, heads));
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO audit_anchors (created_at, heads, prev_hash, hash) VALUES ($1, $2::jsonb, $3, $4) RETURNING id::text AS id`,
        [createdAt, JSON.stringify(heads), prevHash, hash],
      );
      return { written: true, refused: false, problems: [], anchor: anchorSummary({ id: row.id, createdAt, prevHash, hash, heads }) };
    });
  }

  /** What in the record no longer extends `last`: each head it holds must still be there, unchanged, at or behind the stream's head now. */
  private async regressions(manager: EntityManager, last: AuditAnchor, heads: AnchorHeads): Promise<StreamProblem[]> {
    const problems: StreamProblem[] = [];
    const anchorName = `锚点第 ${last.id} 个`;
    const moved: Array<[string, StreamHead]> = [];
    for (const [stream, anchored] of Object.entries(last.heads.streams)) {
      const now = Object.hasOwn(heads.streams, stream) ? heads.streams[stream] : undefined;
      if (!now) problems.push({ stream, id: anchored.id, reason: `${anchorName}记有${streamLabel(stream)}（${anchored.seq} 条，链头第 ${anchored.id} 条），现已一条不剩：整个流被删除` });
      else if (now.seq < anchored.seq) {
        problems.push({
          stream,
          id: anchored.id,
          reason: `${streamLabel(stream)}止于第 ${now.id} 条（序号 ${now.seq}），而${anchorName}记其链头为第 ${anchored.id} 条（序号 ${anchored.seq}）：末尾 ${anchored.seq - now.seq} 条记录被删除（截断）`,
        });
      } else if (now.seq === anchored.seq) {
        if (now.id !== anchored.id || now.hash !== anchored.hash) problems.push({ stream, id: anchored.id, reason: `${streamLabel(stream)}的链头与${anchorName}所记不符：该流被改写并重新计算了哈希` });
      } else moved.push([stream, anchored]);
    }
    if (moved.length > 0) {
      // Streams that grew: the head anchored for each must still be its row, unchanged.
      const rows: Array<{ id: string; stream: string; seq: number; hash: string }> = await manager.query(
        `SELECT id::text AS id, stream, stream_seq AS seq, hash FROM audit_log WHERE id = ANY($1::bigint[])`,
        [moved.map(([, h]) => h.id)],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [stream, anchored] of moved) {
        const row = byId.get(anchored.id);
        if (!row || row.stream !== stream || row.seq !== anchored.seq || row.hash !== anchored.hash) {
          problems.push({ stream, id: anchored.id, reason: `${anchorName}所记${streamLabel(stream)}的链头（第 ${anchored.id} 条，序号 ${anchored.seq}）已不在该流中或已被改写` });
        }
      }
    }
    const anchoredAdmin = last.heads.admin;
    if (anchoredAdmin) {
      const [row]: Array<{ hash: string }> = await manager.query(`SELECT hash FROM admin_audit_log WHERE id = $1`, [anchoredAdmin.id]);
      if (!row || row.hash !== anchoredAdmin.hash || !heads.admin || BigInt(heads.admin.id) < BigInt(anchoredAdmin.id)) {
        problems.push({ stream: 'admin', id: anchoredAdmin.id, reason: `${anchorName}所记管理操作记录的链头（第 ${anchoredAdmin.id} 条）已不存在或已被改写` });
      }
    }
    return problems;
  }

  /** Whether the admin stream still holds the head `anchor` keeps for it (its chain is walked apart). */
  private async adminAnchorProblem(manager: EntityManager, anchor: AuditAnchor): Promise<StreamProblem | undefined> {
    const anchored = anchor.heads.admin;
    if (!anchored) return undefined;
    const [row]: Array<{ hash: string | null; last: string | null }> = await manager.query(
      `SELECT (SELECT hash FROM admin_audit_log WHERE id = $1) AS hash, (SELECT max(id)::text FROM admin_audit_log) AS last`,
      [anchored.id],
    );
    const at = `锚点第 ${anchor.id} 个所记管理操作记录的链头（第 ${anchored.id} 条）`;
    if (row.hash === null) {
      const reason =
        row.last !== null && BigInt(row.last) > BigInt(anchored.id)
          ? `${at}已不存在：记录被删除后重新链接`
          : `管理操作记录${row.last === null ? '已一条不剩' : `止于第 ${row.last} 条`}，而锚点第 ${anchor.id} 个记其链头为第 ${anchored.id} 条：末尾的记录被删除（截断）`;
      return { stream: 'admin', id: anchored.id, reason };
    }
    if (row.hash !== anchored.hash) return { stream: 'admin', id: anchored.id, reason: `${at}与现有记录不符：被改写并重新计算了哈希` };
    return undefined;
  }

  private async walkStreams(runner: EntityManager, batchSize: number, anchored?: AnchoredHeads) {
    return walkStreams(
      async (after, limit) => {
        const batch: Array<{ stream: string; id: string; seq: number; prev_hash: string; hash: string; content: unknown }> = after
          ? await runner.query(
              // Keyset on the (stream, id) index; ordered by the bigint column, not the text alias.
              `SELECT a.stream, a.id::text AS id, a.stream_seq AS seq, a.prev_hash, a.hash, a.content
                 FROM audit_log a WHERE (a.stream, a.id) > ($1, $2::bigint) ORDER BY a.stream, a.id LIMIT $3`,
              [after.stream, after.id, limit],
            )
          : await runner.query(
              `SELECT a.stream, a.id::text AS id, a.stream_seq AS seq, a.prev_hash, a.hash, a.content
                 FROM audit_log a ORDER BY a.stream, a.id LIMIT $1`,
              [limit],
            );
        return batch.map((r) => ({ stream: r.stream, id: r.id, seq: r.seq, prevHash: r.prev_hash, hash: r.hash, content: r.content }));
      },
      { batchSize, anchored },
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

}

/** Serialises anchor writes (at most one a minute per worker, and on demand): never taken by an append. */
const AUDIT_ANCHOR_LOCK = 0x64756263; // "dubc"

/** One anchor (审计锚点): every stream's head and the admin stream's head, hash-chained to the previous anchor. */
export interface AuditAnchor {
  id: string;
  createdAt: Date;
  prevHash: string;
  hash: string;
  heads: AnchorHeads;
}

interface RawAnchor {
  id: string;
  created_at: Date;
  heads: AnchorHeads;
  prev_hash: string;
  hash: string;
}

function toAnchor(r: RawAnchor): AuditAnchor {
  return { id: r.id, createdAt: r.created_at, prevHash: r.prev_hash, hash: r.hash, heads: r.heads };
}

export function anchorSummary(anchor: AuditAnchor): AnchorSummary {
  return { id: anchor.id, createdAt: anchor.createdAt.toISOString(), prevHash: anchor.prevHash, hash: anchor.hash, streamCount: Object.keys(anchor.heads.streams).length };
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
