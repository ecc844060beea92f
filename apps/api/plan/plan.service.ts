import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { ApiConfig } from '../infra/api-config';
import { AdminAuditRepository, MeasureRepository, OrganizationRepository, PlanRepository, type PlanQuantityEntity } from '@duban/db';
import { isClosedState, MEASURE_STATES, parseMeasureId, STATUS_LIGHTS, type MeasureState, type StatusLight } from '@duban/domain';
import { signalSuggestedDepartment } from '@duban/temporal';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { LightReader } from '../measure/light-reader';
import { asMeasureState } from '../measure/measure-read';
import { importPlanDocument } from './plan-import';
import type {
  DepartmentRollupDto,
  PlanImportResultDto,
  PlanMeasureDto,
  PlanSummaryDto,
  PlanTreeDto,
  QuantityDto,
  RollupDto,
  SuggestedDepartmentsBody,
  SuggestedDepartmentsResultDto,
} from './plan.dto';

@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly client: Client,
    private readonly config: ApiConfig,
    private readonly measures: MeasureRepository,
    private readonly organization: OrganizationRepository,
    private readonly calendar: CalendarService,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  /** Parses and stores a plan document; an unreadable one is refused and nothing is written. */
  importDocument(document: Buffer | string, actor: AuthenticatedUser): Promise<PlanImportResultDto> {
    return importPlanDocument(this.plans, { client: this.client, taskQueue: this.config.values.taskQueue }, document, {
      repository: this.adminAudit,
      actorId: actor.username,
      actorRole: actor.role,
    });
  }

  /**
   * Sets the suggested lead department of the chosen measures (all or nothing, in the admin audit
   * stream), then tells their running workflows, so that department's head may 交办 them.
   */
  async setSuggestedDepartments(year: number, body: SuggestedDepartmentsBody, actor: AuthenticatedUser): Promise<SuggestedDepartmentsResultDto> {
    if (!(await this.plans.findPlan(year))) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    const department = (await this.organization.listDepartments()).find((d) => d.code === body.department);
    if (!department) throw new DomainError(ErrorCode.DepartmentNotFound, `处室 ${body.department} 不存在`);
    if (!department.active) throw new DomainError(ErrorCode.DepartmentInactive, `处室「${department.name}」已停用，不能牵头`);
    if (department.kind !== 'business') throw new DomainError(ErrorCode.ValidationFailed, `「${department.name}」不是业务处室，不能牵头办理事项`);

    const ids = body.measureIds ? [...new Set(body.measureIds)] : undefined;
    const selected = await this.plans.selectMeasures(year, { ids, chapterCode: body.chapterCode, sectionCode: body.sectionCode });
    if (ids) {
      const found = new Set(selected.map((m) => m.id));
      const unknown = ids.filter((id) => !found.has(id));
      if (unknown.length) throw new DomainError(ErrorCode.ValidationFailed, `以下事项不在 ${year} 年工作要点中：${unknown.join('、')}`, { unknown });
    }
    if (selected.length === 0) {
      const what = body.chapterCode ? `第 ${body.chapterCode} 章` : `第 ${body.sectionCode} 节`;
      throw new DomainError(ErrorCode.ValidationFailed, `${year} 年工作要点${what}没有事项`);
    }

    const changed = await this.plans.setSuggestedDepartment(selected.map((m) => m.id), department.code, (manager, rows) =>
      this.adminAudit.record(
        {
          actorId: actor.username,
          actorRole: actor.role,
          action: 'plan.suggested_departments',
          target: `plan:${year}`,
          before: { measures: Object.fromEntries(rows.map((r) => [r.id, r.before])) },
          after: { department: department.code, measures: rows.map((r) => r.id).sort() },
        },
        manager,
      ),
    );
    // Committed: the running workflows learn whose head may now 交办 them (closed ones never run again).
    const open = selected.filter((m) => !isClosedState(m.state)).flatMap((m) => parseMeasureId(m.id) ?? []);
    await signalSuggestedDepartment(this.client, open, department.code);
    const updated = new Set(changed.map((r) => r.id));
    return {
      year,
      department: department.code,
      departmentName: department.name,
      updated: selected.filter((m) => updated.has(m.id)).map((m) => m.id),
      unchanged: selected.filter((m) => !updated.has(m.id)).map((m) => m.id),
    };
  }

  async list(): Promise<PlanSummaryDto[]> {
    return (await this.plans.listPlans()).map((p) => ({ year: p.year, title: p.title, measures: p.measures, importedAt: p.importedAt.toISOString() }));
  }

  /** The plan's tree with each measure's light, and roll-ups per section, chapter and department. */
  async tree(year: number): Promise<PlanTreeDto> {
    const [rows, lightRows, departments, lights] = await Promise.all([
      this.plans.findTree(year),
      this.measures.planLightRows(year),
      this.organization.listDepartments(),
      LightReader.open(this.calendar),
    ]);
    if (!rows) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    const quantities = groupQuantities(rows.quantities);
    const live = new Map(lightRows.map((r) => [r.id, r]));
    const measures: Array<PlanMeasureDto & { sectionCode: string }> = rows.measures.map((m) => {
      const row = live.get(m.id);
      const verdict = lights.of(row ?? { id: m.id, state: m.state, dueDate: m.dueDate, assignedOn: null, progressPercent: null, openFindingDueDates: [] });
      return {
        ...m,
        quantities: quantities.get(`measure:${m.code}`) ?? [],
        leadDepartment: row?.leadDepartment ?? null,
        escalationLevel: row?.escalationLevel ?? null,
        light: verdict.light,
        lightReasons: verdict.reasons,
        workingDaysOverdue: verdict.workingDaysOverdue,
      };
    });

    // A measure counts for the department leading it, or — not assigned yet — the one suggested.
    const byDepartment = new Map<string | null, typeof measures>();
    for (const m of measures) {
      const code = m.leadDepartment ?? m.suggestedDepartmentCode;
      byDepartment.set(code, [...(byDepartment.get(code) ?? []), m]);
    }
    const position = new Map(departments.map((d, i) => [d.code, { i, name: d.name }]));
    const rank = (code: string | null) => (code === null ? departments.length + 1 : (position.get(code)?.i ?? departments.length));
    const departmentRollups: DepartmentRollupDto[] = [...byDepartment.keys()]
      .sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
      .map((code) => ({ code, name: code === null ? '未指定处室' : (position.get(code)?.name ?? code), ...rollup(byDepartment.get(code) ?? []) }));

    return {
      year,
      title: rows.plan.title,
      targets: rows.targets.map((t) => ({ code: t.code, text: t.text, quantities: quantities.get(`target:${t.code}`) ?? [] })),
      chapters: rows.chapters.map((c) => {
        const sections = rows.sections
          .filter((s) => s.chapterCode === c.code)
          .map((s) => {
            const inSection = measures.filter((m) => m.sectionCode === s.code);
            return { code: s.code, title: s.title, ...rollup(inSection), measures: inSection };
          });
        return { code: c.code, title: c.title, ...rollup(sections.flatMap((s) => s.measures)), sections };
      }),
      summary: rollup(measures),
      departments: departmentRollups,
    };
  }
}

/** Counts by light and by state, and the completion rate (cancelled measures are not expected to complete). */
function rollup(measures: Array<{ state: string; light: StatusLight }>): RollupDto {
  const lights = Object.fromEntries(STATUS_LIGHTS.map((l) => [l, 0])) as Record<StatusLight, number>;
  const states = Object.fromEntries(MEASURE_STATES.map((s) => [s, 0])) as Record<MeasureState, number>;
  for (const m of measures) {
    lights[m.light] += 1;
    states[asMeasureState(m.state)] += 1;
  }
  const expected = measures.length - states.cancelled;
  return {
    total: measures.length,
    lights,
    states,
    completed: states.completed,
    completionRate: expected > 0 ? Math.round((states.completed / expected) * 1000) / 10 : 0,
  };
}

function groupQuantities(rows: PlanQuantityEntity[]): Map<string, QuantityDto[]> {
  const map = new Map<string, QuantityDto[]>();
  for (const q of rows) {
    const key = `${q.ownerKind}:${q.ownerCode}`;
    map.set(key, [...(map.get(key) ?? []), { value: Number(q.value), unit: q.unit, text: q.text }]);
  }
  return map;
}
