import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAuditRepository, CockpitRepository, OrganizationRepository, type UserEntity } from '@duban/db';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { LeaderDepartmentsDto } from './leader.dto';

/** Serializes 分管 changes (rare, admin-only) like the other people changes. */
const LEADER_DEPARTMENTS_LOCK = 0x6c656164; // "lead"

/**
 * 分管领导: the departments each bureau leader oversees. They scope the leader's default views
 * (cockpit, 全部事项), never what the leader may see or do: a leader sees and acts on everything.
 */
@Injectable()
export class LeaderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organization: OrganizationRepository,
    private readonly cockpit: CockpitRepository,
    private readonly audit: AdminAuditRepository,
  ) {}

  /** The signed-in user's own 分管 list (empty for anyone who is not a leader, or has none). */
  async mine(user: AuthenticatedUser): Promise<LeaderDepartmentsDto> {
    const departments = user.role === 'leader' ? await this.cockpit.leaderDepartments(user.username) : [];
    return { username: user.username, displayName: user.displayName, departments: await this.named(departments) };
  }

  async of(username: string): Promise<LeaderDepartmentsDto> {
    const leader = await this.leader(username);
    return { username, displayName: leader.displayName, departments: await this.named(await this.cockpit.leaderDepartments(username)) };
  }

  /** Replaces the whole list: every code must be an active business department; audited with before and after. */
  async replace(actor: AuthenticatedUser, username: string, codes: string[]): Promise<LeaderDepartmentsDto> {
    const leader = await this.leader(username);
    const known = new Map((await this.organization.listDepartments()).map((d) => [d.code, d]));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new DomainError(ErrorCode.ValidationFailed, `以下处室不存在：${unknown.join('、')}`, { unknown });
    const inactive = codes.filter((c) => !known.get(c)!.active);
    if (inactive.length) throw new DomainError(ErrorCode.DepartmentInactive, `以下处室已停用，不能分管：${inactive.map((c) => known.get(c)!.name).join('、')}`);
    const notBusiness = codes.filter((c) => known.get(c)!.kind !== 'business');
    if (notBusiness.length) {
      throw new DomainError(ErrorCode.ValidationFailed, `只能分管业务处室，以下不是：${notBusiness.map((c) => known.get(c)!.name).join('、')}`);
    }
    const sorted = [...codes].sort();
    await this.dataSource.transaction(async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [LEADER_DEPARTMENTS_LOCK]);
      const before = await this.cockpit.leaderDepartments(username, m);
      await this.cockpit.replaceLeaderDepartments(m, username, sorted);
      if (before.join() !== sorted.join()) {
        await this.audit.record(
          { actorId: actor.username, actorRole: actor.role, action: 'leader.departments', target: `user:${username}`, before: { departments: before }, after: { departments: sorted } },
          m,
        );
      }
    });
    return { username, displayName: leader.displayName, departments: sorted.map((code) => ({ code, name: known.get(code)!.name })) };
  }

  private async leader(username: string): Promise<UserEntity> {
    const user = await this.organization.findUser(username);
    if (!user) throw new DomainError(ErrorCode.UserNotFound, `用户 ${username} 不存在`);
    if (user.role !== 'leader') throw new DomainError(ErrorCode.ValidationFailed, `${user.displayName}（${username}）不是局领导，不能设置分管处室`);
    return user;
  }

  private async named(codes: string[]): Promise<Array<{ code: string; name: string }>> {
    if (!codes.length) return [];
    const names = new Map((await this.organization.listDepartments()).map((d) => [d.code, d.name]));
    return codes.map((code) => ({ code, name: names.get(code) ?? code }));
  }
}
