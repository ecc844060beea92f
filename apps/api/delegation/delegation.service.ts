import { Injectable } from '@nestjs/common';
import { AdminAuditRepository, DelegationRepository, OrganizationRepository, type DelegationRow } from '@duban/db';
import {
  beijingDate,
  canSeeDelegation,
  DELEGATION_STATUS_LABELS,
  delegationStatus,
  newDelegationProblem,
  revokeProblem,
  ROLES,
  type DelegationPerson,
  type DelegationProblem,
  type DelegationProblemKind,
  type Role,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { CreateDelegationBody, DelegationDto } from './delegation.dto';

const asRole = (role: string): Role => ((ROLES as readonly string[]).includes(role) ? (role as Role) : 'staff');

const PROBLEM_CODES: Record<DelegationProblemKind, ErrorCode> = {
  not_allowed: ErrorCode.NotAllowed,
  principal: ErrorCode.DelegationPrincipalInvalid,
  deputy: ErrorCode.DelegationDeputyInvalid,
  dates: ErrorCode.DelegationDatesInvalid,
  overlap: ErrorCode.DelegationOverlap,
  ended: ErrorCode.DelegationEnded,
  not_active: ErrorCode.DelegationNotActive,
};

const refused = (p: DelegationProblem) => new DomainError(PROBLEM_CODES[p.kind], p.message);

/** What the admin audit stream keeps of a delegation. */
const record = (d: DelegationRow) => ({
  id: d.id,
  principalId: d.principalId,
  deputyId: d.deputyId,
  departmentCode: d.departmentCode,
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  reason: d.reason,
  revokedAt: d.revokedAt,
  revokedBy: d.revokedBy,
});

function toDto(d: DelegationRow, today: string): DelegationDto {
  const status = delegationStatus(d, today);
  return {
    id: d.id,
    principalId: d.principalId,
    principalName: d.principalName,
    deputyId: d.deputyId,
    deputyName: d.deputyName,
    departmentCode: d.departmentCode,
    departmentName: d.departmentName,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    status,
    statusLabel: DELEGATION_STATUS_LABELS[status],
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    revokedBy: d.revokedBy,
  };
}

/**
 * 委托代理: heads (or an admin for them) name a deputy for a period and revoke it early; the rules
 * are the domain's (libs/domain/delegation.ts). Every change is a row of the admin audit stream,
 * written in the change's own transaction.
 */
@Injectable()
export class DelegationService {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly organization: OrganizationRepository,
    private readonly audit: AdminAuditRepository,
  ) {}

  async list(user: AuthenticatedUser): Promise<DelegationDto[]> {
    const today = beijingDate(Date.now());
    const rows = await this.delegations.list(user.role === 'admin' ? { all: true } : { username: user.username });
    return rows.map((d) => toDto(d, today));
  }

  async create(user: AuthenticatedUser, body: CreateDelegationBody): Promise<DelegationDto> {
    if (user.role === 'admin' && !body.principalId) throw new DomainError(ErrorCode.ValidationFailed, '系统管理员设置委托代理时须指定委托人（principalId）');
    const principalId = body.principalId ?? user.username;
    const [principal, deputy] = await Promise.all([this.person(principalId), this.person(body.deputyId)]);
    const period = { startsOn: body.startsOn, endsOn: body.endsOn };
    return this.delegations.forPrincipal(principalId, async (m) => {
      const today = beijingDate(Date.now());
      const existing = await this.delegations.ofPrincipal(principalId, m);
      const problem = newDelegationProblem({ caller: user, principal, deputy, period, existing, today });
      if (problem) throw refused(problem);
      const created = await this.delegations.insert(m, {
        principalId,
        deputyId: body.deputyId,
        departmentCode: principal!.departmentCode,
        ...period,
        reason: body.reason ? body.reason : null,
        createdBy: user.username,
      });
      await this.audit.record({ actorId: user.username, actorRole: user.role, action: 'delegation.create', target: `delegation:${created.id}`, after: record(created) }, m);
      return toDto(created, today);
    });
  }

  async revoke(user: AuthenticatedUser, id: string): Promise<DelegationDto> {
    const found = await this.delegations.find(id);
    if (!found || !canSeeDelegation(user, found)) throw new DomainError(ErrorCode.DelegationNotFound, `委托代理 ${id} 不存在`);
    return this.delegations.forPrincipal(found.principalId, async (m) => {
      const today = beijingDate(Date.now());
      const before = (await this.delegations.find(id, m))!;
      const problem = revokeProblem(user, before, today);
      if (problem) throw refused(problem);
      const after = await this.delegations.revoke(m, id, user.username);
      await this.audit.record(
        { actorId: user.username, actorRole: user.role, action: 'delegation.revoke', target: `delegation:${id}`, before: record(before), after: record(after) },
        m,
      );
      return toDto(after, today);
    });
  }

  private async person(username: string): Promise<DelegationPerson | undefined> {
    const u = await this.organization.findUser(username);
    return u ? { username: u.username, displayName: u.displayName, role: asRole(u.role), departmentCode: u.departmentCode, active: u.active } : undefined;
  }
}
