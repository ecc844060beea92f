import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, OrganizationRepository, PlanPolicyRepository, PlanRepository, type PlanPolicyVersion } from '@duban/db';
import {
  DEFAULT_ESCALATION_POLICY,
  describePolicyChanges,
  policyChanges,
  policyProblems,
  policyReasonProblem,
  toEscalationPolicy,
  type PolicyField,
} from '@duban/domain';
import { signalPolicyChanged } from '@duban/temporal';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { PlanPolicyChangeDto, PlanPolicyDto, PlanPolicyVersionDto, PlanPolicyVersionsDto, PolicyBody } from './plan-policy.dto';

/**
 * 督办规则 per plan: the thresholds in force, their versions, a change (a new version with its admin
 * audit entry, then every running workflow of the plan re-plans the steps it has not fired yet).
 * Reads (lights, task due dates, the detail page's ladder) take the policies from CalendarService.
 */
@Injectable()
export class PlanPolicyService {
  constructor(
    private readonly policies: PlanPolicyRepository,
    private readonly plans: PlanRepository,
    private readonly organization: OrganizationRepository,
    private readonly adminAudit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly calendar: CalendarService,
  ) {}

  async current(year: number): Promise<PlanPolicyDto> {
    await this.assertPlan(year);
    return this.toDto(year, await this.policies.current(year));
  }

  async versions(year: number): Promise<PlanPolicyVersionsDto> {
    await this.assertPlan(year);
    const versions = await this.policies.versions(year);
    const names = await this.names(versions.map((v) => v.changedBy));
    return {
      year,
      versions: versions.map((v, i): PlanPolicyVersionDto => ({
        version: v.version,
        policy: v.policy,
        reason: v.reason,
        changedBy: v.changedBy,
        changedByName: names.get(v.changedBy) ?? null,
        changedAt: v.changedAt.toISOString(),
        changes: describePolicyChanges(versions[i + 1]?.policy ?? DEFAULT_ESCALATION_POLICY, v.policy),
      })),
    };
  }

  /**
   * A new version of the plan's policy (when it differs from the one in force) and its admin audit
   * entry, in one transaction; then every running measure and open finding workflow of the plan is
   * told. A repeated request (same thresholds) stores nothing and tells them again.
   */
  async change(year: number, body: PolicyBody, user: AuthenticatedUser): Promise<PlanPolicyChangeDto> {
    await this.assertPlan(year);
    const problems = [...policyProblems(body), ...[policyReasonProblem(body.reason)].filter((p) => p !== undefined)];
    if (problems.length) {
      throw new DomainError(ErrorCode.ValidationFailed, `督办规则有误：${problems.map((p) => p.message).join('；')}`, { problems });
    }
    const policy = toEscalationPolicy(body as Record<PolicyField, number>);
    const reason = body.reason.trim();
    const result = await this.dataSource.transaction(async (manager) => {
      const current = await this.policies.current(year, manager);
      if (policyChanges(current?.policy ?? DEFAULT_ESCALATION_POLICY, policy).length === 0) return { created: false, version: current };
      const { before, after } = await this.policies.append(manager, { year, policy, reason, changedBy: user.username });
      await this.adminAudit.record(
        {
          actorId: user.username,
          actorRole: user.role,
          action: 'plan.policy',
          target: `plan:${year}`,
          before: { version: before?.version ?? 0, policy: before?.policy ?? DEFAULT_ESCALATION_POLICY },
          after: { version: after.version, policy: after.policy, reason },
        },
        manager,
      );
      return { created: true, version: after };
    });
    this.calendar.forgetPolicies();
    let replanned: PlanPolicyChangeDto['replanned'];
    try {
      const [measures, findingWorkflowIds, directiveWorkflowIds] = await Promise.all([
        this.policies.openMeasures(year),
        this.policies.openFindingWorkflowIds(year),
        this.policies.openDirectiveWorkflowIds(year),
      ]);
      replanned = await signalPolicyChanged(this.client, { measures, findingWorkflowIds, directiveWorkflowIds }, result.version?.policy ?? policy);
    } catch {
      // Stored either way; sending the same thresholds again tells the workflows without a new version.
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        `督办规则已保存（第 ${result.version?.version ?? 0} 版），但流程服务暂时不可用，正在办理的事项尚未重新计算督办时间；请稍后再次保存相同的规则`,
      );
    }
    return { ...(await this.toDto(year, result.version)), created: result.created, replanned };
  }

  private async toDto(year: number, version: PlanPolicyVersion | undefined): Promise<PlanPolicyDto> {
    const name = version ? (await this.names([version.changedBy])).get(version.changedBy) : undefined;
    return {
      year,
      version: version?.version ?? 0,
      isDefault: !version,
      policy: version?.policy ?? DEFAULT_ESCALATION_POLICY,
      defaults: DEFAULT_ESCALATION_POLICY,
      reason: version?.reason ?? null,
      changedBy: version?.changedBy ?? null,
      changedByName: name ?? null,
      changedAt: version?.changedAt.toISOString() ?? null,
    };
  }

  private async names(usernames: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const username of new Set(usernames)) {
      const user = await this.organization.findUser(username);
      if (user) names.set(username, user.displayName);
    }
    return names;
  }

  private async assertPlan(year: number): Promise<void> {
    if (!(await this.plans.findPlan(year))) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
  }
}
