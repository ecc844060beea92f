import type { Delegation } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** Serialises the delegations of one head (overlap is checked under it): `hashtext(principal)` is the second key. */
const DELEGATION_LOCK = 0x64656c65; // "dele"

interface RawDelegation {
  id: string;
  principal_id: string;
  deputy_id: string;
  department_code: string;
  starts_on: string;
  ends_on: string;
  reason: string | null;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  principal_name: string | null;
  deputy_name: string | null;
  department_name: string | null;
}

/** A delegation with the names the lists show. */
export interface DelegationRow extends Delegation {
  principalName: string | null;
  deputyName: string | null;
  departmentName: string | null;
}

const COLUMNS = `d.id::text AS id, d.principal_id, d.deputy_id, d.department_code, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(d.ends_on, 'YYYY-MM-DD') AS ends_on, d.reason, d.created_by, d.created_at, d.revoked_at, d.revoked_by,
  p.display_name AS principal_name, u.display_name AS deputy_name, dep.name AS department_name`;
const FROM = `FROM delegations d
  LEFT JOIN users p ON p.username = d.principal_id
  LEFT JOIN users u ON u.username = d.deputy_id
  LEFT JOIN departments dep ON dep.code = d.department_code`;

function toRow(r: RawDelegation): DelegationRow {
  return {
    id: r.id,
    principalId: r.principal_id,
    deputyId: r.deputy_id,
    departmentCode: r.department_code,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokedBy: r.revoked_by,
    principalName: r.principal_name,
    deputyName: r.deputy_name,
    departmentName: r.department_name,
  };
}

/** 委托代理 (delegations): the only SQL on the `delegations` table. */
export class DelegationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction holding the lock of `principalId`'s delegations. */
  async forPrincipal<T>(principalId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DELEGATION_LOCK, principalId]);
      return work(manager);
    });
  }

  /** Every delegation of a head (revoked ones included), oldest first. */
  async ofPrincipal(principalId: string, manager?: EntityManager): Promise<DelegationRow[]> {
    const runner = manager ?? this.dataSource.manager;
    const rows: RawDelegation[] = await runner.query(`SELECT ${COLUMNS} ${FROM} WHERE d.principal_id = $1 ORDER BY d.starts_on, d.id`, [principalId]);
    return rows.map(toRow);
  }

  /** The latest delegations naming `deputyId` as deputy of `principalId` (revoked and ended ones included). */
  async between(principalId: string, deputyId: string): Promise<DelegationRow[]> {
    const rows: RawDelegation[] = await this.dataSource.query(
      `SELECT ${COLUMNS} ${FROM} WHERE d.principal_id = $1 AND d.deputy_id = $2 ORDER BY d.ends_on DESC, d.id DESC LIMIT 20`,
      [principalId, deputyId],
    );
    return rows.map(toRow);
  }

  /** The delegations a person holds or gave (as head or deputy), newest first; all of them with `all`. */
  async list(filter: { username: string } | { all: true }): Promise<DelegationRow[]> {
    const rows: RawDelegation[] =
      'all' in filter
        ? await this.dataSource.query(`SELECT ${COLUMNS} ${FROM} ORDER BY d.starts_on DESC, d.id DESC LIMIT 1000`)
        : await this.dataSource.query(`SELECT ${COLUMNS} ${FROM} WHERE d.principal_id = $1 OR d.deputy_id = $1 ORDER BY d.starts_on DESC, d.id DESC LIMIT 1000`, [
            filter.username,
          ]);
    return rows.map(toRow);
  }

  async find(id: string, manager?: EntityManager): Promise<DelegationRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const runner = manager ?? this.dataSource.manager;
    const [row]: RawDelegation[] = await runner.query(`SELECT ${COLUMNS} ${FROM} WHERE d.id = $1`, [id]);
    return row ? toRow(row) : undefined;
  }

  async insert(
    manager: EntityManager,
    d: { principalId: string; deputyId: string; departmentCode: string; startsOn: string; endsOn: string; reason: string | null; createdBy: string },
  ): Promise<DelegationRow> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO delegations (principal_id, deputy_id, department_code, starts_on, ends_on, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
      [d.principalId, d.deputyId, d.departmentCode, d.startsOn, d.endsOn, d.reason, d.createdBy],
    );
    return (await this.find(id, manager))!;
  }

  async revoke(manager: EntityManager, id: string, revokedBy: string): Promise<DelegationRow> {
    await manager.query('UPDATE delegations SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL', [id, revokedBy]);
    return (await this.find(id, manager))!;
  }

  /** The delegations active on `today` naming `deputyId` as deputy (for the web's 「以…名义办理」 switch). */
  async activeForDeputy(deputyId: string, today: string): Promise<DelegationRow[]> {
    const rows: RawDelegation[] = await this.dataSource.query(
      `SELECT ${COLUMNS} ${FROM} WHERE d.deputy_id = $1 AND d.revoked_at IS NULL AND d.starts_on <= $2::date AND d.ends_on >= $2::date ORDER BY d.starts_on, d.id`,
      [deputyId, today],
    );
    return rows.map(toRow);
  }
}
