import type { ChainHead, ChainVerification } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH, walkChain } from '../audit-chain';
import { chainHeadOf } from './audit.repository';

/** Serialises admin-stream appends (a lock of its own: the measure chain is never held up by it). */
const ADMIN_AUDIT_CHAIN_LOCK = 0x64756262; // "dubb"

/** One administrative act: who did what to which target, and the target before and after. */
export interface AdminAuditEntry {
  actorId: string;
  actorRole: string;
  /** e.g. `calendar.load`, `plan.import`, `report.export`, `user.update`. */
  action: string;
  /** What was acted on, e.g. `calendar:2027`, `plan:2022`, `report:ledger`. */
  target: string;
  before?: unknown;
  after?: unknown;
}

export interface AdminAuditRow {
  id: string;
  occurredAt: Date;
  actorId: string;
  actorRole: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

interface RawAdminAuditRow {
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_role: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * The admin audit stream (admin_audit_log): people and department changes, calendar loads, plan
 * imports, exports of the ledger and the bulletin. Hash-chained like the measure audit log —
 * `hash` = sha256(`prev_hash` + canonical JSON of the row's content) — and append-only in the database.
 */
export class AdminAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry. With `manager`, inside the caller's transaction (the change and its audit row
   * commit together or not at all); the chain's successor is serialised by a transaction-level lock.
   */
  async record(entry: AdminAuditEntry, manager?: EntityManager): Promise<void> {
    if (manager) return this.append(manager, entry);
    await this.dataSource.transaction((m) => this.append(m, entry));
  }

  /** The stream's head: its last row and how many rows it has. */
  head(): Promise<ChainHead> {
    return chainHeadOf(this.dataSource, 'admin_audit_log', 'occurred_at');
  }

  /** One page of the stream, newest first. */
  async page(offset: number, limit: number): Promise<{ rows: AdminAuditRow[]; total: number }> {
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT id::text AS id, occurred_at, actor_id, actor_role, action, target, before, after, prev_hash, hash
           FROM admin_audit_log a ORDER BY a.id DESC LIMIT $1 OFFSET $2`,
        [limit, offset],
      ) as Promise<RawAdminAuditRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM admin_audit_log`) as Promise<Array<{ total: number }>>,
    ]);
    return { rows: rows.map(toRow), total: counts[0].total };
  }

  /**
   * Walks the stream in id order, `batchSize` rows per query, and stops at the first row that does
   * not hold (edited, or a row deleted, inserted or moved before it). `manager` runs the walk inside
   * a caller's transaction.
   */
  async verify(options: { manager?: EntityManager; batchSize?: number } = {}): Promise<ChainVerification> {
    const runner = options.manager ?? this.dataSource.manager;
    return walkChain(
      async (afterId, limit) => {
        const batch: RawAdminAuditRow[] = await runner.query(
          // Ordered by the bigint column, not the text alias (which would put 10 before 2).
          `SELECT a.id::text AS id, a.occurred_at, a.actor_id, a.actor_role, a.action, a.target, a.before, a.after, a.prev_hash, a.hash
             FROM admin_audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
          [afterId, limit],
        );
        return batch.map((raw) => {
          const row = toRow(raw);
          return { id: row.id, prevHash: row.prevHash, hash: row.hash, content: contentOf(row) };
        });
      },
      { batchSize: options.batchSize ?? 5_000, at: (id) => `管理操作记录第 ${id} 条` },
    );
  }

  private async append(manager: EntityManager, entry: AdminAuditEntry): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_AUDIT_CHAIN_LOCK]);
    const [last]: Array<{ hash: string }> = await manager.query(`SELECT hash FROM admin_audit_log ORDER BY id DESC LIMIT 1`);
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Whole milliseconds (what a JS Date holds; timestamptz keeps them), so the time read back hashes the same.
    const occurredAt = new Date();
    const content = {
      occurredAt,
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      target: entry.target,
      // As jsonb will give it back: plain JSON, undefined keys dropped, dates as ISO strings.
      before: asJson(entry.before),
      after: asJson(entry.after),
    };
    await manager.query(
      `INSERT INTO admin_audit_log (occurred_at, actor_id, actor_role, action, target, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
      [
        occurredAt,
        content.actorId,
        content.actorRole,
        content.action,
        content.target,
        content.before === null ? null : JSON.stringify(content.before),
        content.after === null ? null : JSON.stringify(content.after),
        prevHash,
        chainHash(prevHash, content),
      ],
    );
  }
}

function asJson(value: unknown): unknown {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/** What a row's hash covers: everything but its id and the hashes. */
function contentOf(row: AdminAuditRow): Record<string, unknown> {
  return { occurredAt: row.occurredAt, actorId: row.actorId, actorRole: row.actorRole, action: row.action, target: row.target, before: row.before, after: row.after };
}

function toRow(r: RawAdminAuditRow): AdminAuditRow {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    target: r.target,
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
