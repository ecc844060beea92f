import { canonicalJson, NOTICE_SERIES, type DirectiveEvent, type FindingEvent, type MeasureEvent } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureStateEntity } from '../entities/measure-state.entity';
import { chainHash, GENESIS_HASH } from '../audit-chain';
import { writeNotifications, type RecordContext } from './notification.repository';
import { projectDirective } from './directive.repository';
import { writeOutbox } from './outbox.repository';

/**
 * With the stream (`hashtext(measureId)`), serialises the audit appends of one stream so each of its
 * rows has exactly one successor; appends to other streams never wait for it (two streams that
 * share a hashtext only take turns).
 */
export const AUDIT_CHAIN_LOCK = 0x64756261; // "duba"

export type RecordOutcome = 'recorded' | 'already_recorded';

/**
 * An event id already recorded with other content (type, actor or payload): two runs claimed the
 * same sequence. Never taken for a retry — the caller must fail loudly, not drop the event.
 */
export class EventConflictError extends Error {
  constructor(
    readonly eventId: string,
    readonly recorded: { type: string; actorId: string; actorRole: string },
    readonly attempted: { type: string; actorId: string; actorRole: string },
  ) {
    super(`event ${eventId} is already recorded with other content (recorded ${recorded.type} by ${recorded.actorId}, now ${attempted.type} by ${attempted.actorId})`);
    this.name = 'EventConflictError';
  }
}

export class MeasureEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the event, its notifications, the projection and its audit row in one transaction.
   * Idempotent by event id: a retried activity finds the event present and writes nothing (the
   * clock fields aside, it must be the same event, or EventConflictError).
   */
  async record(event: MeasureEvent, context: RecordContext = {}): Promise<RecordOutcome> {
    return this.recordWith(event, (manager) => this.project(manager, event), context);
  }

  /** A finding's event: on the measure's timeline and audit chain, projected into `findings`. */
  async recordFinding(event: FindingEvent, context: RecordContext = {}): Promise<RecordOutcome> {
    return this.recordWith(event, (manager) => this.projectFinding(manager, event), context);
  }

  /**
   * A directive's event (批示, 催办, 督办单, 问责结果): on the measure's timeline and audit chain,
   * projected into `directives`. Returns the event with the notice number its issue was given.
   */
  async recordDirective(event: DirectiveEvent, context: RecordContext = {}): Promise<DirectiveEvent> {
    await this.recordWith(event, (manager) => projectDirective(manager, event), context);
    if (event.snapshot.noticeNumber || !NOTICE_SERIES[event.snapshot.kind]) return event;
    const [row]: Array<{ notice_number: string | null }> = await this.dataSource.query('SELECT notice_number FROM directives WHERE directive_id = $1', [event.directiveId]);
    return row?.notice_number ? { ...event, snapshot: { ...event.snapshot, noticeNumber: row.notice_number } } : event;
  }

  async findFinding(findingId: string): Promise<{ snapshot: Record<string, unknown>; status: string } | undefined> {
    const rows: Array<{ snapshot: Record<string, unknown>; status: string }> = await this.dataSource.query(
      'SELECT snapshot, status FROM findings WHERE finding_id = $1',
      [findingId],
    );
    return rows[0];
  }

  private async recordWith(
    event: MeasureEvent | FindingEvent | DirectiveEvent,
    project: (manager: EntityManager) => Promise<void>,
    context: RecordContext = {},
  ): Promise<RecordOutcome> {
    let lanes: string[] = [];
    const outcome = await this.dataSource.transaction(async (manager): Promise<RecordOutcome> => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO measure_events
           (event_id, measure_id, workflow_id, sequence, type, actor_id, actor_role, state_after, payload, occurred_at, on_behalf_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT DO NOTHING
         RETURNING event_id`,
        [
          event.eventId,
          event.measureId,
          event.workflowId,
          event.sequence,
          event.type,
          event.actor.userId,
          event.actor.role,
          event.stateAfter,
          JSON.stringify(event.payload),
          event.occurredAt,
          onBehalfOf(event),
        ],
      );
      if (inserted.length === 0) {
        await assertSameEvent(manager, event);
        return 'already_recorded';
      }
      lanes = await this.notify(manager, event, context);
      await project(manager);
      // Last, so its locks (the stream's; the escalations' turn) are held only until the commit.
      await this.appendAudit(manager, event);
      return 'recorded';
    });
    if (lanes.length > 0) context.onOutbox?.(lanes);
    return outcome;
  }

  async listForMeasure(measureId: string): Promise<MeasureEventEntity[]> {
    return this.dataSource.getRepository(MeasureEventEntity).find({ where: { measureId }, order: { sequence: 'ASC' } });
  }

  /**
   * One page of a measure's timeline (its findings' events included), `offset` counted from the
   * newest; the page itself in order of record. A busy measure's detail read stays small.
   */
  async pageForMeasure(measureId: string, page: { offset: number; limit: number }): Promise<{ total: number; rows: MeasureEventEntity[] }> {
    const repository = this.dataSource.getRepository(MeasureEventEntity);
    const [rows, total] = await repository.findAndCount({
      where: { measureId },
      order: { occurredAt: 'DESC', sequence: 'DESC', eventId: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
    return { total, rows: rows.reverse() };
  }

  async findState(measureId: string): Promise<MeasureStateEntity | null> {
    return this.dataSource.getRepository(MeasureStateEntity).findOne({ where: { measureId } });
  }

  private async appendAudit(manager: EntityManager, event: MeasureEvent | FindingEvent | DirectiveEvent): Promise<void> {
    // The measure's stream: a finding's events carry its measure's id and join that chain.
    const stream = event.measureId;
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK, stream]);
    // Read after the lock (a statement's snapshot is taken when it starts): whether the event is
    // already chained (an event row restored by reconciliation after its audit row survived), and
    // the stream's last row, off the (stream, id) index.
    const [found]: Array<{ chained: boolean; hash: string | null; stream_seq: number | null }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE event_id = $2) AS chained, last.hash, last.stream_seq
         FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT hash, stream_seq FROM audit_log WHERE stream = $1 ORDER BY id DESC LIMIT 1) last ON true`,
      [stream, event.eventId],
    );
    if (found.chained) return;
    const last = found.hash === null ? undefined : { hash: found.hash, stream_seq: found.stream_seq ?? 0 };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const content = {
      eventId: event.eventId,
      measureId: event.measureId,
      type: event.type,
      actor: event.actor,
      stateAfter: event.stateAfter,
      payload: event.payload,
      occurredAt: event.occurredAt,
    };
    // unique (stream, stream_seq) stands behind the lock: a second successor could never commit.
    await manager.query('INSERT INTO audit_log (event_id, stream, stream_seq, prev_hash, hash, content) VALUES ($1, $2, $3, $4, $5, $6)', [
      event.eventId,
      stream,
      (last?.stream_seq ?? 0) + 1,
      prevHash,
      chainHash(prevHash, content),
      JSON.stringify(content),
    ]);
  }

  /**
   * The people this event concerns are told in the same transaction, in duban and by the channels
   * configured (outbox rows for the same recipients): never twice, never lost. Returns the lanes written.
   */
  private async notify(manager: EntityManager, event: MeasureEvent | FindingEvent | DirectiveEvent, context: RecordContext): Promise<string[]> {
    const told = await writeNotifications(manager, event, context);
    if (!told) return [];
    return writeOutbox(manager, event, told.plan, told.recipients, { ...context, measureTitle: told.measureTitle });
  }

  private async projectFinding(manager: EntityManager, event: FindingEvent): Promise<void> {
    const f = event.snapshot;
    await manager.query(
      `INSERT INTO findings (finding_id, measure_id, workflow_id, n, description, status, round, due_date, assignee_id,
                             inspector_id, lead_department, escalation_level, last_sequence, snapshot, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (finding_id) DO UPDATE SET
         status = EXCLUDED.status, round = EXCLUDED.round, due_date = EXCLUDED.due_date,
         escalation_level = EXCLUDED.escalation_level, last_sequence = EXCLUDED.last_sequence,
         snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
       WHERE findings.last_sequence < EXCLUDED.last_sequence`,
      [f.findingId, f.measureId, event.workflowId, f.n, f.description, f.status, f.round, f.dueDate, f.assigneeId,
        f.inspectorId, f.leadDepartment, f.escalation.level, event.sequence, JSON.stringify(f), event.occurredAt],
    );
  }

  private async project(manager: EntityManager, event: MeasureEvent): Promise<void> {
    const snap = event.snapshot;
    // Only a newer event moves the projection; an older one arriving late leaves it alone.
    await manager.query(
      `INSERT INTO measure_states (measure_id, workflow_id, state, last_sequence, assignee_id, due_date, updated_at,
                                   lead_department, head_id, escalation_level, due_provisional, progress_percent, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (measure_id) DO UPDATE SET
         state = EXCLUDED.state, last_sequence = EXCLUDED.last_sequence, assignee_id = EXCLUDED.assignee_id,
         due_date = EXCLUDED.due_date, updated_at = EXCLUDED.updated_at, lead_department = EXCLUDED.lead_department,
         head_id = EXCLUDED.head_id, escalation_level = EXCLUDED.escalation_level, due_provisional = EXCLUDED.due_provisional,
         progress_percent = EXCLUDED.progress_percent, snapshot = EXCLUDED.snapshot
       WHERE measure_states.last_sequence < EXCLUDED.last_sequence`,
      [
        event.measureId,
        event.workflowId,
        event.stateAfter,
        event.sequence,
        snap.assigneeId,
        snap.dueDate,
        event.occurredAt,
        snap.leadDepartment,
        snap.headId,
        snap.escalation.level,
        snap.dueProvisional,
        snap.progress.percent,
        JSON.stringify(snap),
      ],
    );
  }
}

/** The head a deputy acted for (委托代理), or null: the event's actor says. */
function onBehalfOf(event: MeasureEvent | FindingEvent | DirectiveEvent): string | null {
  return 'onBehalfOf' in event.actor && typeof event.actor.onBehalfOf === 'string' ? event.actor.onBehalfOf : null;
}

/** A retried write is the same event (its timestamp aside); anything else is an EventConflictError. */
async function assertSameEvent(manager: EntityManager, event: MeasureEvent | FindingEvent | DirectiveEvent): Promise<void> {
  const [row]: Array<{ type: string; actor_id: string; actor_role: string; payload: unknown }> = await manager.query(
    'SELECT type, actor_id, actor_role, payload FROM measure_events WHERE event_id = $1',
    [event.eventId],
  );
  const attempted = { type: event.type, actorId: event.actor.userId, actorRole: event.actor.role };
  if (!row) return;
  const recorded = { type: row.type, actorId: row.actor_id, actorRole: row.actor_role };
  const samePayload = canonicalJson(row.payload) === canonicalJson(JSON.parse(JSON.stringify(event.payload)));
  if (recorded.type !== attempted.type || recorded.actorId !== attempted.actorId || recorded.actorRole !== attempted.actorRole || !samePayload) {
    throw new EventConflictError(event.eventId, recorded, attempted);
  }
}
