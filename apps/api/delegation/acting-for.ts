import { Injectable } from '@nestjs/common';
import { DelegationRepository, OrganizationRepository } from '@duban/db';
import { actingForProblem, beijingDate, ROLES, USERNAME_PATTERN, type Role } from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';

const asRole = (role: string): Role => ((ROLES as readonly string[]).includes(role) ? (role as Role) : 'staff');

/**
 * 委托代理 at the door: a deputy who sends `X-Acting-For: <head>` acts as that head's department
 * head for this request, if a delegation naming them is active today (Beijing) and both still sit in
 * its department; otherwise 403 DELEGATION_NOT_ACTIVE. The AuthGuard calls it for every signed-in
 * route, so role guards, visibility and services see the effective user and need no change.
 */
@Injectable()
export class ActingFor {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly organization: OrganizationRepository,
  ) {}

  async effectiveUser(user: AuthenticatedUser, principalId: string): Promise<AuthenticatedUser> {
    if (!USERNAME_PATTERN.test(principalId)) throw new DomainError(ErrorCode.ValidationFailed, 'X-Acting-For 应为委托人的用户名');
    const [principal, delegations] = await Promise.all([this.organization.findUser(principalId), this.delegations.between(principalId, user.username)]);
    const problem = actingForProblem({
      deputy: { username: user.username, role: user.role, departmentCode: user.departmentCode },
      principalId,
      principal: principal
        ? { username: principal.username, displayName: principal.displayName, role: asRole(principal.role), departmentCode: principal.departmentCode, active: principal.active }
        : undefined,
      delegations,
      today: beijingDate(Date.now()),
    });
    if (problem || !principal) throw new DomainError(ErrorCode.DelegationNotActive, problem?.message ?? '没有生效的委托代理');
    return {
      username: user.username,
      displayName: user.displayName,
      role: 'department_head',
      departmentCode: principal.departmentCode,
      onBehalfOf: principal.username,
    };
  }
}

/** The X-Acting-For header's value, or undefined when the request acts as the user themselves. */
export function actingForHeader(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['x-acting-for'];
  if (value === undefined) return undefined;
  const text = (Array.isArray(value) ? value.join(',') : value).trim();
  return text === '' ? undefined : text;
}
