import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AdminAuditRepository, generatePassword, hashPassword, OrganizationRepository, type DepartmentEntity, type OpenMeasureRow, type UserEntity } from '@duban/db';
import {
  checkPasswordStrength,
  DEPARTMENT_KIND_LABELS,
  MEASURE_STATES,
  parseMeasureId,
  planImport,
  ROLE_LABELS,
  ROLES,
  roleDepartmentProblem,
  type DepartmentKind,
  type ImportProblem,
  type MeasureState,
  type Role,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { signalSuggestedDepartment } from '@duban/temporal';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { readImportFile } from './people-import';
import type {
  AdminDepartmentDto,
  AdminUserDto,
  CreateDepartmentBody,
  CreatedUserDto,
  CreateUserBody,
  DepartmentMergeDto,
  DepartmentSplitDto,
  OpenMeasureDto,
  PasswordResetDto,
  PeopleImportDto,
  PersonChangeDto,
  SplitDepartmentBody,
  UpdateUserBody,
} from './people.dto';

/** Every people/department change runs under this lock: admin changes are rare and must not interleave. */
const PEOPLE_ADMIN_LOCK = 0x70656f70; // "peop"

const asRole = (role: string): Role => ((ROLES as readonly string[]).includes(role) ? (role as Role) : 'staff');
const asState = (state: string): MeasureState => ((MEASURE_STATES as readonly string[]).includes(state) ? (state as MeasureState) : 'assigned');

/** What the audit keeps of a person: never a password hash. */
function personRecord(u: Pick<UserEntity, 'username' | 'displayName' | 'role' | 'departmentCode' | 'email' | 'mobile' | 'active'> & { externalId?: string | null }) {
  return { username: u.username, displayName: u.displayName, role: u.role, departmentCode: u.departmentCode, email: u.email, mobile: u.mobile, ...(u.externalId ? { externalId: u.externalId } : {}), active: u.active };
}
const departmentRecord = (d: Pick<DepartmentEntity, 'code' | 'name' | 'kind' | 'active' | 'mergedInto'>) => ({ code: d.code, name: d.name, kind: d.kind, active: d.active, mergedInto: d.mergedInto });

export function toAdminUser(u: UserEntity): AdminUserDto {
  const role = asRole(u.role);
  return {
    username: u.username,
    displayName: u.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    departmentCode: u.departmentCode,
    active: u.active,
    email: u.email,
    mobile: u.mobile,
    externalId: u.externalId ?? null,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

const toOpenMeasure = (r: OpenMeasureRow): OpenMeasureDto => ({ ...r, year: Number(r.year), state: asState(r.state) });

/** People and departments administered by the admin: every change audited, in one transaction each. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organization: OrganizationRepository,
    private readonly audit: AdminAuditRepository,
    private readonly client: Client,
  ) {}

  // ── reads ──

  async users(): Promise<AdminUserDto[]> {
    return (await this.organization.listUsers()).map(toAdminUser);
  }

  async departments(): Promise<AdminDepartmentDto[]> {
    const [departments, counts] = await Promise.all([this.organization.listDepartments(), this.organization.departmentHeadcounts()]);
    return departments.map((d) => this.toAdminDepartment(d, counts.get(d.code)));
  }

  async openMeasures(username: string): Promise<OpenMeasureDto[]> {
    if (!(await this.organization.findUser(username))) throw notFoundUser(username);
    return (await this.organization.openMeasuresOf([username])).map(toOpenMeasure);
  }

  // ── people ──

  async createUser(actor: AuthenticatedUser, body: CreateUserBody): Promise<CreatedUserDto> {
    if (body.password) assertStrong(body.password, body.username);
    const oneTimePassword = body.password ? null : generatePassword();
    const passwordHash = await hashPassword(body.password ?? oneTimePassword!);
    const user = await this.inTransaction(async (m) => {
      if (await this.organization.lockUser(m, body.username)) throw new DomainError(ErrorCode.UsernameTaken, `用户名 ${body.username} 已被使用`);
      await this.assignable(m, body.role, body.departmentCode);
      await this.externalIdFree(body.externalId, body.username);
      const record = { username: body.username, displayName: body.displayName, role: body.role, departmentCode: body.departmentCode, email: body.email ?? null, mobile: body.mobile ?? null };
      await this.organization.insertUser(m, { ...record, ...(body.externalId ? { externalId: body.externalId } : {}), passwordHash, mustChangePassword: true });
      await this.record(m, actor, 'user.create', `user:${body.username}`, undefined, { ...record, ...(body.externalId ? { externalId: body.externalId } : {}), active: true, mustChangePassword: true });
      return (await this.organization.lockUser(m, body.username))!;
    });
    return { user: toAdminUser(user), oneTimePassword };
  }

  /** Edits a person; a role or department change revokes their tokens and lists what they hold. */
  async updateUser(actor: AuthenticatedUser, username: string, body: UpdateUserBody, action = 'user.update'): Promise<PersonChangeDto> {
    return this.inTransaction(async (m) => {
      const before = await this.lockExisting(m, username);
      const role = body.role ?? asRole(before.role);
      const departmentCode = body.departmentCode ?? before.departmentCode;
      const roleChanged = role !== before.role;
      const moved = departmentCode !== before.departmentCode;
      if (roleChanged) await this.assertKeepsAnAdmin(m, actor, before, 'change');
      if (roleChanged || moved) await this.assignable(m, role, departmentCode);
      const revoke = roleChanged || moved;
      await this.externalIdFree(body.externalId, username);
      await this.organization.updateUser(
        m,
        username,
        { displayName: body.displayName, role: body.role, departmentCode: body.departmentCode, email: body.email, mobile: body.mobile, externalId: body.externalId },
        { revoke },
      );
      const after = (await this.organization.lockUser(m, username))!;
      await this.record(m, actor, action, `user:${username}`, personRecord(before), { ...personRecord(after), ...(revoke ? { tokensRevoked: true } : {}) });
      return this.change(m, after, revoke);
    });
  }

  move(actor: AuthenticatedUser, username: string, departmentCode: string): Promise<PersonChangeDto> {
    return this.updateUser(actor, username, { departmentCode }, 'user.move');
  }

  async setActive(actor: AuthenticatedUser, username: string, active: boolean): Promise<PersonChangeDto> {
    return this.inTransaction(async (m) => {
      const before = await this.lockExisting(m, username);
      if (!active) await this.assertKeepsAnAdmin(m, actor, before, 'deactivate');
      if (active) {
        const department = await this.organization.lockDepartment(m, before.departmentCode);
        if (department && !department.active) {
          throw new DomainError(ErrorCode.DepartmentInactive, `${before.displayName}所在的处室「${department.name}」已停用，请先调整到其他处室再启用`);
        }
      }
      const changed = before.active !== active;
      // Deactivation always revokes (even repeated): whatever token is out there stops working now.
      await this.organization.updateUser(m, username, { active }, { revoke: !active });
      const after = (await this.organization.lockUser(m, username))!;
      if (changed || !active) {
        await this.record(m, actor, active ? 'user.activate' : 'user.deactivate', `user:${username}`, personRecord(before), { ...personRecord(after), ...(!active ? { tokensRevoked: true } : {}) });
      }
      return this.change(m, after, !active);
    });
  }

  async resetPassword(actor: AuthenticatedUser, username: string, password: string | undefined): Promise<PasswordResetDto> {
    if (password) assertStrong(password, username);
    const oneTimePassword = password ? null : generatePassword();
    const passwordHash = await hashPassword(password ?? oneTimePassword!);
    const user = await this.inTransaction(async (m) => {
      const before = await this.lockExisting(m, username);
      await this.organization.resetPassword(m, username, passwordHash);
      const after = (await this.organization.lockUser(m, username))!;
      await this.record(m, actor, 'user.reset_password', `user:${username}`,
        { mustChangePassword: before.mustChangePassword },
        { mustChangePassword: true, generated: oneTimePassword !== null, tokensRevoked: true });
      return after;
    });
    return { user: toAdminUser(user), oneTimePassword };
  }

  // ── departments ──

  async createDepartment(actor: AuthenticatedUser, body: CreateDepartmentBody): Promise<AdminDepartmentDto> {
    return this.inTransaction(async (m) => {
      if (await this.organization.lockDepartment(m, body.code)) throw new DomainError(ErrorCode.DepartmentCodeTaken, `处室代码 ${body.code} 已被使用`);
      await this.organization.insertDepartment(m, body);
      const created = (await this.organization.lockDepartment(m, body.code))!;
      await this.record(m, actor, 'department.create', `department:${body.code}`, undefined, departmentRecord(created));
      return this.toAdminDepartment(created, { active: 0, total: 0 });
    });
  }

  async renameDepartment(actor: AuthenticatedUser, code: string, name: string): Promise<AdminDepartmentDto> {
    return this.inTransaction(async (m) => {
      const before = await this.lockExistingDepartment(m, code);
      await this.organization.renameDepartment(m, code, name);
      const after = (await this.organization.lockDepartment(m, code))!;
      if (before.name !== name) await this.record(m, actor, 'department.rename', `department:${code}`, departmentRecord(before), departmentRecord(after));
      return this.departmentIn(m, after);
    });
  }

  /** Moves everyone and the measures' suggested department into `into`; the source becomes inactive. */
  async merge(actor: AuthenticatedUser, code: string, into: string): Promise<DepartmentMergeDto> {
    const merged = await this.inTransaction(async (m) => {
      if (code === into) throw new DomainError(ErrorCode.DepartmentMergeInvalid, '不能把处室合并到它自己');
      const source = await this.lockExistingDepartment(m, code);
      const target = await this.lockExistingDepartment(m, into);
      if (!source.active) throw new DomainError(ErrorCode.DepartmentMergeInvalid, `处室「${source.name}」已停用（已合并），不能再合并`);
      if (!target.active) throw new DomainError(ErrorCode.DepartmentInactive, `目标处室「${target.name}」已停用，不能并入`);
      if (source.kind !== target.kind) {
        throw new DomainError(ErrorCode.DepartmentMergeInvalid, `「${source.name}」是${DEPARTMENT_KIND_LABELS[source.kind]}，「${target.name}」是${DEPARTMENT_KIND_LABELS[target.kind]}，不同类型的处室不能合并`);
      }
      // Work the department leads is handed over by a leader's 改派 first: a merge never moves a
      // running measure's lead department behind its workflow's back.
      const led = await this.organization.openMeasuresLedBy(m, code);
      if (led.length > 0) {
        throw new DomainError(
          ErrorCode.DepartmentMergeInvalid,
          `「${source.name}」仍牵头 ${led.length} 项在办事项（${led.slice(0, 5).join('、')}${led.length > 5 ? ' 等' : ''}），请先由局领导改派后再合并`,
          { openMeasures: led },
        );
      }
      const people = await this.organization.lockPeopleOf(m, code);
      const movedPeople = await this.organization.movePeople(m, people.map((p) => p.username), into);
      const movedMeasures = await this.organization.moveSuggestedMeasures(m, code, into);
      await this.organization.deactivateDepartment(m, code, into);
      for (const person of people) {
        await this.record(m, actor, 'user.move', `user:${person.username}`, personRecord(person), { ...personRecord({ ...person, departmentCode: into }), tokensRevoked: true, reason: `department.merge:${code}` });
      }
      const sourceAfter = (await this.organization.lockDepartment(m, code))!;
      await this.record(m, actor, 'department.merge', `department:${code}`,
        { source: departmentRecord(source), target: departmentRecord(target) },
        { source: departmentRecord(sourceAfter), target: departmentRecord(target), movedPeople, movedMeasures });
      return {
        source: await this.departmentIn(m, sourceAfter),
        target: await this.departmentIn(m, target),
        movedPeople,
        movedMeasures,
        openMeasures: (await this.organization.openMeasuresOf(movedPeople, m)).map(toOpenMeasure),
      };
    });
    // Committed: the running workflows of the moved measures learn whose head may now 交办 them.
    await signalSuggestedDepartment(this.client, merged.movedMeasures.flatMap((id) => parseMeasureId(id) ?? []), into);
    return merged;
  }

  /** A new department of the same kind, and the chosen people moved into it. */
  async split(actor: AuthenticatedUser, code: string, body: SplitDepartmentBody): Promise<DepartmentSplitDto> {
    return this.inTransaction(async (m) => {
      const source = await this.lockExistingDepartment(m, code);
      if (!source.active) throw new DomainError(ErrorCode.DepartmentInactive, `处室「${source.name}」已停用，不能拆分`);
      if (await this.organization.lockDepartment(m, body.code)) throw new DomainError(ErrorCode.DepartmentCodeTaken, `处室代码 ${body.code} 已被使用`);
      const members = new Map((await this.organization.lockPeopleOf(m, code)).map((p) => [p.username, p]));
      const strangers = [...new Set(body.people)].filter((u) => !members.has(u));
      if (strangers.length) throw new DomainError(ErrorCode.DepartmentMergeInvalid, `以下人员不在「${source.name}」：${strangers.join('、')}`);
      await this.organization.insertDepartment(m, { code: body.code, name: body.name, kind: source.kind });
      const created = (await this.organization.lockDepartment(m, body.code))!;
      await this.record(m, actor, 'department.create', `department:${body.code}`, undefined, { ...departmentRecord(created), splitFrom: code });
      const movedPeople = await this.organization.movePeople(m, [...new Set(body.people)], body.code);
      for (const username of movedPeople) {
        const person = members.get(username)!;
        await this.record(m, actor, 'user.move', `user:${username}`, personRecord(person), { ...personRecord({ ...person, departmentCode: body.code }), tokensRevoked: true, reason: `department.split:${code}` });
      }
      await this.record(m, actor, 'department.split', `department:${code}`, departmentRecord(source), { source: departmentRecord(source), created: departmentRecord(created), movedPeople });
      return {
        source: await this.departmentIn(m, source),
        department: await this.departmentIn(m, created),
        movedPeople,
        openMeasures: (await this.organization.openMeasuresOf(movedPeople, m)).map(toOpenMeasure),
      };
    });
  }

  // ── import ──

  /**
   * A dry run lists every problem and changes nothing; the real run refuses while there is any
   * problem, and otherwise writes everything (with an audit row each) in one transaction.
   */
  async importFile(actor: AuthenticatedUser, bytes: Buffer, fileName: string, dryRun: boolean): Promise<PeopleImportDto> {
    const rows = await readImportFile(bytes, fileName);
    const check = async (m: EntityManager) => {
      const existing = await this.organization.snapshot(m);
      const plan = planImport(rows, {
        departments: existing.departments.map((d) => ({ code: d.code, name: d.name, kind: d.kind as DepartmentKind, active: d.active })),
        people: existing.users.map((u) => ({ username: u.username, displayName: u.displayName, role: asRole(u.role), departmentCode: u.departmentCode, email: u.email, mobile: u.mobile })),
      });
      const byName = new Map(existing.users.map((u) => [u.username, u]));
      for (const planned of plan.updatePeople) {
        const before = byName.get(planned.username)!;
        if (before.role === 'admin' && planned.role !== 'admin') {
          const row = rows.people.find((r) => r.username.trim() === planned.username)!;
          if (planned.username === actor.username) plan.problems.push({ sheet: row.sheet, row: row.row, reason: '不能通过导入修改自己的角色' });
        }
      }
      const admins = existing.users.filter((u) => u.active && u.role === 'admin' && !plan.updatePeople.some((p) => p.username === u.username && p.role !== 'admin'));
      if (!admins.length && existing.users.some((u) => u.role === 'admin')) {
        plan.problems.push({ sheet: rows.people[0]?.sheet ?? '', row: 1, reason: '导入后将没有任何在岗的系统管理员' });
      }
      return { plan, byName };
    };
    const summary = (plan: ReturnType<typeof planImport>, problems: ImportProblem[], applied: boolean): PeopleImportDto => ({
      dryRun,
      applied,
      problems,
      departments: { created: plan.createDepartments.map((d) => d.code), renamed: plan.renameDepartments.map((d) => d.code) },
      people: { created: plan.createPeople.map((p) => p.username), updated: plan.updatePeople.map((p) => p.username) },
      unchanged: plan.unchanged,
      oneTimePasswords: [],
      openMeasures: [],
    });

    if (dryRun) {
      const { plan } = await check(this.dataSource.manager);
      return summary(plan, plan.problems, false);
    }
    const passwords = new Map<string, string>();
    const hashes = new Map<string, string>();
    return this.inTransaction(async (m) => {
      const { plan, byName } = await check(m);
      if (plan.problems.length) {
        const first = plan.problems.slice(0, 3).map((p) => `第 ${p.row} 行：${p.reason}`).join('；');
        throw new DomainError(ErrorCode.PeopleImportInvalid, `导入文件有 ${plan.problems.length} 处问题，未导入任何数据（${first}${plan.problems.length > 3 ? '…' : ''}）`, { problems: plan.problems });
      }
      // Hashing is slow (scrypt): done before the writes, all at once.
      for (const p of plan.createPeople) passwords.set(p.username, generatePassword());
      await Promise.all([...passwords].map(async ([u, pw]) => hashes.set(u, await hashPassword(pw))));
      for (const d of plan.createDepartments) {
        await this.organization.insertDepartment(m, d);
        await this.record(m, actor, 'department.create', `department:${d.code}`, undefined, { ...d, active: true, mergedInto: null, source: 'import' });
      }
      const known = new Map((await this.organization.snapshot(m)).departments.map((d) => [d.code, d]));
      for (const d of plan.renameDepartments) {
        const before = known.get(d.code)!;
        await this.organization.renameDepartment(m, d.code, d.name);
        await this.record(m, actor, 'department.rename', `department:${d.code}`, departmentRecord(before), { ...departmentRecord(before), name: d.name, source: 'import' });
      }
      for (const p of plan.createPeople) {
        await this.organization.insertUser(m, { ...p, passwordHash: hashes.get(p.username)!, mustChangePassword: true });
        await this.record(m, actor, 'user.create', `user:${p.username}`, undefined, { ...p, active: true, mustChangePassword: true, source: 'import' });
      }
      const revoked: string[] = [];
      for (const p of plan.updatePeople) {
        const before = byName.get(p.username)!;
        const revoke = before.role !== p.role || before.departmentCode !== p.departmentCode;
        if (revoke) revoked.push(p.username);
        await this.organization.updateUser(m, p.username, { displayName: p.displayName, role: p.role, departmentCode: p.departmentCode, email: p.email, mobile: p.mobile }, { revoke });
        await this.record(m, actor, 'user.update', `user:${p.username}`, personRecord(before), { ...personRecord({ ...before, ...p }), ...(revoke ? { tokensRevoked: true } : {}), source: 'import' });
      }
      await this.record(m, actor, 'people.import', `import:${fileName.slice(0, 120) || 'upload'}`, undefined, {
        departments: { created: plan.createDepartments.length, renamed: plan.renameDepartments.length },
        people: { created: plan.createPeople.length, updated: plan.updatePeople.length },
        unchanged: plan.unchanged,
      });
      return {
        ...summary(plan, [], true),
        oneTimePasswords: [...passwords].map(([username, password]) => ({ username, password })),
        openMeasures: (await this.organization.openMeasuresOf(revoked, m)).map(toOpenMeasure),
      };
    });
  }

  // ── helpers ──

  /** A 统一身份标识 names one person (checked under the people-admin lock, so two saves cannot both take it). */
  private async externalIdFree(externalId: string | null | undefined, username: string): Promise<void> {
    if (!externalId) return;
    const holder = await this.organization.findUserByExternalId(externalId);
    if (holder && holder.username !== username) throw new DomainError(ErrorCode.ExternalIdTaken, `统一身份标识 ${externalId} 已关联到 ${holder.displayName}（${holder.username}）`);
  }

  private async inTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [PEOPLE_ADMIN_LOCK]);
        return work(m);
      });
    } catch (error) {
      // A concurrent writer outside the lock (the seed) won the insert: the same answer as the check.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.UsernameTaken, '用户名或处室代码已被使用');
      }
      throw error;
    }
  }

  private record(m: EntityManager, actor: AuthenticatedUser, action: string, target: string, before: unknown, after: unknown): Promise<void> {
    return this.audit.record({ actorId: actor.username, actorRole: actor.role, action, target, before, after }, m);
  }

  private async lockExisting(m: EntityManager, username: string): Promise<UserEntity> {
    const user = await this.organization.lockUser(m, username);
    if (!user) throw notFoundUser(username);
    return user;
  }

  private async lockExistingDepartment(m: EntityManager, code: string): Promise<DepartmentEntity> {
    const department = await this.organization.lockDepartment(m, code);
    if (!department) throw new DomainError(ErrorCode.DepartmentNotFound, `处室 ${code} 不存在`);
    return department;
  }

  /** The department exists, is active, and the role may sit in it. */
  private async assignable(m: EntityManager, role: Role, departmentCode: string): Promise<void> {
    const department = await this.lockExistingDepartment(m, departmentCode);
    if (!department.active) throw new DomainError(ErrorCode.DepartmentInactive, `处室「${department.name}」已停用，不能再分配人员`);
    const mismatch = roleDepartmentProblem(role, department.kind, department.name);
    if (mismatch) throw new DomainError(ErrorCode.RoleDepartmentMismatch, mismatch);
  }

  /** Nobody locks themselves out, and the last active admin stays one. */
  private async assertKeepsAnAdmin(m: EntityManager, actor: AuthenticatedUser, target: UserEntity, what: 'change' | 'deactivate'): Promise<void> {
    if (target.username === actor.username) {
      throw new DomainError(ErrorCode.AdminLockout, what === 'deactivate' ? '不能停用自己的账号' : '不能修改自己的角色');
    }
    if (target.role === 'admin' && target.active && (await this.organization.countOtherActiveAdmins(m, target.username)) === 0) {
      throw new DomainError(ErrorCode.AdminLockout, '这是最后一名在岗的系统管理员，不能停用或改为其他角色');
    }
  }

  private async change(m: EntityManager, user: UserEntity, revoked: boolean): Promise<PersonChangeDto> {
    return { user: toAdminUser(user), tokensRevoked: revoked, openMeasures: (await this.organization.openMeasuresOf([user.username], m)).map(toOpenMeasure) };
  }

  private async departmentIn(m: EntityManager, d: DepartmentEntity): Promise<AdminDepartmentDto> {
    const [row]: Array<{ active: number; total: number }> = await m.query(
      `SELECT count(*) FILTER (WHERE active)::int AS active, count(*)::int AS total FROM users WHERE department_code = $1`,
      [d.code],
    );
    return this.toAdminDepartment(d, row);
  }

  private toAdminDepartment(d: DepartmentEntity, counts: { active: number; total: number } | undefined): AdminDepartmentDto {
    return { code: d.code, name: d.name, kind: d.kind, active: d.active, mergedInto: d.mergedInto, activePeople: counts?.active ?? 0, people: counts?.total ?? 0 };
  }
}

/** A password the admin gives follows the same rule as one the user chooses. */
function assertStrong(password: string, username: string): void {
  const strength = checkPasswordStrength(password, username);
  if (!strength.ok) throw new DomainError(ErrorCode.PasswordRejected, strength.message, { rule: strength.rule });
}

function notFoundUser(username: string): DomainError {
  return new DomainError(ErrorCode.UserNotFound, `用户 ${username} 不存在`);
}
