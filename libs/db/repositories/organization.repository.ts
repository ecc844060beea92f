import { CLOSED_STATES, sqlStateList } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { DepartmentEntity, UserEntity } from '../entities/organization.entities';
import { hashPassword } from '../passwords';

export interface OrganizationData {
  departments: Array<{ code: string; name: string; kind: DepartmentEntity['kind'] }>;
  users: Array<{ username: string; displayName: string; role: string; department: string }>;
}

export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds departments and users that do not exist yet (never overwrites a changed one). */
  async addMissing(org: OrganizationData, initialPassword: string): Promise<{ departments: number; users: number }> {
    const known = new Set(org.departments.map((d) => d.code));
    const unknown = org.users.filter((u) => !known.has(u.department));
    if (unknown.length) throw new Error(`users in unknown departments: ${unknown.map((u) => u.username).join(', ')}`);
    const hashes = await Promise.all(org.users.map(() => hashPassword(initialPassword)));
    return this.dataSource.transaction(async (manager) => {
      const departments = await manager
        .createQueryBuilder()
        .insert()
        .into(DepartmentEntity)
        .values(org.departments)
        .orIgnore()
        .execute();
      const users = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values(org.users.map((u, i) => ({ username: u.username, displayName: u.displayName, role: u.role, departmentCode: u.department, passwordHash: hashes[i] })))
        .orIgnore()
        .execute();
      return { departments: departments.identifiers.filter(Boolean).length, users: users.identifiers.filter(Boolean).length };
    });
  }

  async findUser(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
  }

  /** The person whose 统一身份标识 (external_id) this is. */
  async findUserByExternalId(externalId: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ externalId });
  }

  async findDepartment(code: string): Promise<DepartmentEntity | null> {
    return this.dataSource.getRepository(DepartmentEntity).findOne({ where: { code } });
  }

  async listDepartments(): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).find({ order: { code: 'ASC' } });
  }

  /** Every user, or the users of one department. */
  async listUsers(departmentCode?: string): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: departmentCode === undefined ? {} : { departmentCode }, order: { departmentCode: 'ASC', username: 'ASC' } });
  }

  // ── administration: every method takes the caller's transaction (`manager`), so a change, its
  //    token revocation and its audit row commit together or not at all ──

  /** The user, locked for the rest of the transaction. */
  async lockUser(manager: EntityManager, username: string): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { username }, lock: { mode: 'pessimistic_write' } });
  }

  /** The department, locked for the rest of the transaction. */
  async lockDepartment(manager: EntityManager, code: string): Promise<DepartmentEntity | null> {
    return manager.getRepository(DepartmentEntity).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** Active admins other than `except` (so the last one is never deactivated or demoted). */
  async countOtherActiveAdmins(manager: EntityManager, except: string): Promise<number> {
    const [row]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active AND username <> $1`,
      [except],
    );
    return row.n;
  }

  async insertUser(manager: EntityManager, user: NewUser): Promise<void> {
    await manager.getRepository(UserEntity).insert({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      departmentCode: user.departmentCode,
      email: user.email,
      mobile: user.mobile,
      externalId: user.externalId ?? null,
      passwordHash: user.passwordHash,
      mustChangePassword: user.mustChangePassword,
    });
  }

  /** Changes a user's fields; `revoke` bumps token_version so every token issued before stops working. */
  async updateUser(manager: EntityManager, username: string, patch: UserPatch, options: { revoke: boolean }): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [username];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.displayName !== undefined) set('display_name', patch.displayName);
    if (patch.role !== undefined) set('role', patch.role);
    if (patch.departmentCode !== undefined) set('department_code', patch.departmentCode);
    if (patch.email !== undefined) set('email', patch.email);
    if (patch.mobile !== undefined) set('mobile', patch.mobile);
    if (patch.externalId !== undefined) set('external_id', patch.externalId);
    if (patch.active !== undefined) set('active', patch.active);
    if (options.revoke) sets.push('token_version = token_version + 1');
    await manager.query(`UPDATE users SET ${sets.join(', ')} WHERE username = $1`, values);
  }

  /**
   * A new password the user must replace at next sign-in; the one it replaces joins the history
   * (newest first, the last 5 kept), and every token issued before stops working.
   */
  async resetPassword(manager: EntityManager, username: string, passwordHash: string): Promise<void> {
    await manager.query(
      `UPDATE users
          SET password_history = (SELECT coalesce(jsonb_agg(h ORDER BY n), '[]'::jsonb)
                                    FROM jsonb_array_elements(jsonb_build_array(password_hash) || password_history) WITH ORDINALITY AS t(h, n)
                                   WHERE n <= 5),
              password_hash = $2, must_change_password = true, token_version = token_version + 1, updated_at = now()
        WHERE username = $1`,
      [username, passwordHash],
    );
  }

  async insertDepartment(manager: EntityManager, department: { code: string; name: string; kind: DepartmentEntity['kind'] }): Promise<void> {
    await manager.getRepository(DepartmentEntity).insert({ code: department.code, name: department.name, kind: department.kind });
  }

  async renameDepartment(manager: EntityManager, code: string, name: string): Promise<void> {
    await manager.query(`UPDATE departments SET name = $2, updated_at = now() WHERE code = $1`, [code, name]);
  }

  /**
   * Moves the named people into `target` and revokes their tokens (their department is in them).
   * Returns the usernames moved, sorted.
   */
  async movePeople(manager: EntityManager, usernames: string[], target: string): Promise<string[]> {
    if (!usernames.length) return [];
    const rows = returned<{ username: string }>(
      await manager.query(
        `UPDATE users SET department_code = $2, token_version = token_version + 1, updated_at = now()
          WHERE username = ANY($1::text[]) AND department_code <> $2
          RETURNING username`,
        [usernames, target],
      ),
    );
    return rows.map((r) => r.username).sort();
  }

  /** Everyone in the department (locked), sorted by username. */
  async lockPeopleOf(manager: EntityManager, departmentCode: string): Promise<UserEntity[]> {
    return manager
      .getRepository(UserEntity)
      .find({ where: { departmentCode }, order: { username: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Moves the measures suggested for `source` to `target`; returns their ids, sorted. */
  async moveSuggestedMeasures(manager: EntityManager, source: string, target: string): Promise<string[]> {
    const rows = returned<{ id: string }>(
      await manager.query(`UPDATE measures SET suggested_department_code = $2 WHERE suggested_department_code = $1 RETURNING id`, [source, target]),
    );
    return rows.map((r) => r.id).sort();
  }

  /** Measures the department leads that are still open (not completed or cancelled). */
  async openMeasuresLedBy(manager: EntityManager, code: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT measure_id AS id FROM measure_states WHERE lead_department = $1 AND state NOT IN ${sqlStateList(CLOSED_STATES)} ORDER BY measure_id`,
      [code],
    );
    return rows.map((r) => r.id);
  }

  async deactivateDepartment(manager: EntityManager, code: string, mergedInto: string): Promise<void> {
    await manager.query(`UPDATE departments SET active = false, merged_into = $2, updated_at = now() WHERE code = $1`, [code, mergedInto]);
  }

  /** Open measures (not completed or cancelled) assigned to any of the people, for reassignment. */
  async openMeasuresOf(usernames: string[], manager?: EntityManager): Promise<OpenMeasureRow[]> {
    if (!usernames.length) return [];
    return (manager ?? this.dataSource.manager).query(
      `SELECT s.assignee_id AS "assigneeId", s.measure_id AS "measureId", m.year, m.code, m.title, s.state,
              s.lead_department AS "leadDepartment", to_char(s.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM measure_states s
         JOIN measures m ON m.id = s.measure_id
        WHERE s.assignee_id = ANY($1::text[]) AND s.state NOT IN ${sqlStateList(CLOSED_STATES)}
        ORDER BY s.assignee_id, m.year, m.position`,
      [usernames],
    );
  }

  /** People per department, active and all. */
  async departmentHeadcounts(): Promise<Map<string, { active: number; total: number }>> {
    const rows: Array<{ code: string; active: number; total: number }> = await this.dataSource.query(
      `SELECT department_code AS code, count(*) FILTER (WHERE active)::int AS active, count(*)::int AS total FROM users GROUP BY department_code`,
    );
    return new Map(rows.map((r) => [r.code, { active: r.active, total: r.total }]));
  }

  /** Every department and person as the import checks them against. */
  async snapshot(manager: EntityManager): Promise<{ departments: DepartmentEntity[]; users: UserEntity[] }> {
    const [departments, users] = [await manager.getRepository(DepartmentEntity).find(), await manager.getRepository(UserEntity).find()];
    return { departments, users };
  }
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count]. */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  departmentCode: string;
  email: string | null;
  mobile: string | null;
  /** 统一身份标识 at the identity provider (single sign-on). */
  externalId?: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserPatch {
  displayName?: string;
  role?: string;
  departmentCode?: string;
  email?: string | null;
  mobile?: string | null;
  externalId?: string | null;
  active?: boolean;
}

export interface OpenMeasureRow {
  assigneeId: string;
  measureId: string;
  year: number;
  code: string;
  title: string;
  state: string;
  leadDepartment: string | null;
  dueDate: string | null;
}
