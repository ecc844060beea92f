import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { AdminAuditRepository, OrganizationRepository, PlanRepository } from '@duban/db';
import { startMeasureWorkflows } from '@duban/temporal';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import { readPlan, suggestLeadsFor } from './plan-import';
import { outlineOfStored, planOfReviewed, previewOf, reviewProblems } from './plan-preview-rules';
import type { PlanPreviewDto, ReviewedPlanBody } from './plan-preview.dto';
import type { PlanImportResultDto } from './plan.dto';

/** 导入前预览: a document read and parsed without storing anything; the corrected plan imported. */
@Injectable()
export class PlanPreviewService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly organization: OrganizationRepository,
    private readonly client: Client,
    private readonly config: ApiConfig,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  /** The document parsed, with the suggestions the import would make and — a year already imported — the diff. Nothing is written. */
  async preview(document: Buffer | string): Promise<PlanPreviewDto> {
    const { plan, format } = await readPlan(document);
    const [departments, existing] = await Promise.all([this.organization.listDepartments(), this.plans.findPlan(plan.year)]);
    const stored = existing ? await this.plans.listMeasures(plan.year) : undefined;
    return previewOf(plan, format, suggestLeadsFor(plan, departments), stored);
  }

  /** The stored plan of a year as an editable preview, to amend it by hand; nothing is written. */
  async outline(year: number): Promise<PlanPreviewDto> {
    const tree = await this.plans.findTree(year);
    if (!tree) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    return outlineOfStored(tree);
  }

  /**
   * The plan as the admin corrected it: checked as a whole (400 with every problem, nothing written),
   * then stored through the import's one transaction with its audit entry, the admin's suggested
   * departments taking precedence, and a workflow started per new measure. Measures stored before and
   * now missing are reported and left running; a stored measure keeps its stored suggestion (a
   * different one is refused: that change is 设定建议牵头处室's).
   */
  async importReviewed(body: ReviewedPlanBody, actor: AuthenticatedUser): Promise<PlanImportResultDto> {
    const [departments, stored] = await Promise.all([this.organization.listDepartments(), this.plans.listMeasures(body.year)]);
    const problems = reviewProblems(body, departments, stored);
    if (problems.length) {
      throw new DomainError(ErrorCode.ValidationFailed, `工作要点有 ${problems.length} 处需要修改：${problems.slice(0, 5).map((p) => p.message).join('；')}${problems.length > 5 ? '……' : ''}`, { problems });
    }
    const plan = planOfReviewed(body);
    const measures = body.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
    const json = JSON.stringify(body);
    const format = body.format ?? 'txt';
    const report = await this.plans.importPlan(plan, {
      suggestedLeads: Object.fromEntries(measures.flatMap((m) => (m.suggestedDepartment ? [[m.code, m.suggestedDepartment]] : []))),
      suggestCoDepartments: () => Object.fromEntries(measures.map((m) => [m.code, m.coDepartments ?? []])),
      onImported: (manager, imported) =>
        this.adminAudit.record(
          {
            actorId: actor.username,
            actorRole: actor.role,
            action: 'plan.import',
            target: `plan:${plan.year}`,
            after: { reviewed: true, sha256: createHash('sha256').update(json).digest('hex'), bytes: Buffer.byteLength(json), format, report: imported },
          },
          manager,
        ),
    });
    const workflows = await startMeasureWorkflows(this.client, this.config.values.taskQueue, await this.plans.measuresToStart(plan.year));
    const suggestions: PlanImportResultDto['suggestions'] = { plan: 0, named: 0, text: 0, chapter: 0, office: 0, none: 0 };
    // The admin chose each suggestion in the preview: counted as the plan's own.
    for (const m of measures) suggestions[m.suggestedDepartment ? 'plan' : 'none'] += 1;
    return { ...report, format, workflows, suggestions };
  }
}
