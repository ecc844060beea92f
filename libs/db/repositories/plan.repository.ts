import type { Plan, Quantity } from '@duban/plan-parser';
import { CLOSED_STATES, measureId, sqlStateList, storedMeasureBody, type EscalationPolicy, type PlanImportReport, type PlanItemKind } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { DepartmentEntity } from '../entities/organization.entities';
import {
  MeasureEntity,
  PlanChapterEntity,
  PlanEntity,
  PlanQuantityEntity,
  PlanSectionEntity,
  PlanTargetEntity,
} from '../entities/plan.entities';
import { PlanPolicyRepository } from './plan-policy.repository';

export type { PlanChange, PlanImportReport, PlanItemKind } from '@duban/domain';

/** Rows per INSERT (8 columns each stays far below PostgreSQL's 65,535 bind parameters). */
const INSERT_SLICE = 1_000;

interface Row {
  code: string;
  [field: string]: unknown;
}

export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Imports a parsed plan in one transaction, keyed by year + code: the same document again changes
   * nothing; a changed one updates titles, bodies and quantities and says what changed; a failure
   * rolls back everything.
   */
  /** `onImported` runs in the import's transaction (e.g. its audit entry: both commit or neither). */
  async importPlan(
    plan: Plan,
    options: {
      suggestedLeads?: Record<string, string>;
      /** Suggestions for the measures `suggestedLeads` leaves out, from the organization's departments (e.g. matched by topic). */
      suggestLeads?: (departments: DepartmentEntity[]) => Record<string, string | null>;
      /** Co-operating departments the plan's own text names (（…牵头，X配合）), by measure code. */
      suggestCoDepartments?: (departments: DepartmentEntity[]) => Record<string, string[]>;
      onImported?: (manager: EntityManager, report: PlanImportReport) => Promise<void>;
    } = {},
  ): Promise<PlanImportReport> {
    return this.dataSource.transaction(async (manager) => {
      // Imports of the same year run one at a time, so two concurrent ones cannot interleave.
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [0x706c616e, plan.year]);
      const report: PlanImportReport = {
        year: plan.year,
        title: plan.title,
        createdPlan: false,
        created: [],
        updated: [],
        missing: [],
        unchanged: 0,
        counts: {
          targets: plan.targets.length,
          chapters: plan.chapters.length,
          sections: plan.chapters.reduce((n, c) => n + c.sections.length, 0),
          measures: plan.chapters.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.measures.length, 0), 0),
        },
      };
      const year = plan.year;
      const existingPlan = await manager.getRepository(PlanEntity).findOne({ where: { year } });
      if (!existingPlan) {
        await manager.getRepository(PlanEntity).insert({ year, title: plan.title });
        report.createdPlan = true;
      } else if (existingPlan.title !== plan.title) {
        await manager.getRepository(PlanEntity).update({ year }, { title: plan.title, updatedAt: new Date() });
        report.updated.push({ kind: 'plan', code: String(year), fields: ['title'] });
      }

      const quantities = await this.loadQuantities(manager, year);
      const departmentRows = await manager.getRepository(DepartmentEntity).find();
      const departments = new Set(departmentRows.map((d) => d.code));
      const matched = options.suggestLeads?.(departmentRows) ?? {};
      const coMatched = options.suggestCoDepartments?.(departmentRows) ?? {};
      const co = (code: string) => {
        const codes = (coMatched[code] ?? []).filter((c) => departments.has(c));
        return codes.length > 0 ? codes : null;
      };
      const lead = (code: string) => {
        const suggested = options.suggestedLeads?.[code] ?? matched[code];
        return suggested && departments.has(suggested) ? suggested : null;
      };

      await this.sync(manager, report, 'target', PlanTargetEntity, year,
        plan.targets.map((t, position) => ({ code: t.code, text: t.text, position })), ['text']);
      await this.sync(manager, report, 'chapter', PlanChapterEntity, year,
        plan.chapters.map((c, position) => ({ code: c.code, title: c.title, position })), ['title']);
      await this.sync(manager, report, 'section', PlanSectionEntity, year,
        plan.chapters.flatMap((c) => c.sections.map((s) => ({ code: s.code, chapterCode: c.code, title: s.title }))).map((s, position) => ({ ...s, position })),
        ['title']);
      const measures = plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => ({ m, sectionCode: s.code }))));
      await this.sync(manager, report, 'measure', MeasureEntity, year,
        measures.map(({ m, sectionCode }, position) => ({
          id: measureId(year, m.code),
          code: m.code,
          sectionCode,
          title: m.title,
          body: storedMeasureBody(m),
          position,
          suggestedDepartmentCode: lead(m.code),
          leadText: m.leadText ?? null,
          coText: m.coText ?? null,
          suggestedCoDepartmentCodes: co(m.code),
        })),
        ['title', 'body'],
        ['suggestedDepartmentCode', 'suggestedCoDepartmentCodes'],
        { fillWhenEmpty: true });

      const owners: Array<{ kind: 'target' | 'measure'; code: string; list: Quantity[] }> = [
        ...plan.targets.map((t) => ({ kind: 'target' as const, code: t.code, list: t.quantities })),
        ...measures.map(({ m }) => ({ kind: 'measure' as const, code: m.code, list: m.quantities })),
      ];
      for (const owner of owners) {
        const key = `${owner.kind}:${owner.code}`;
        const before = quantities.get(key) ?? [];
        if (sameQuantities(before, owner.list)) continue;
        await manager.getRepository(PlanQuantityEntity).delete({ year, ownerKind: owner.kind, ownerCode: owner.code });
        if (owner.list.length) {
          await manager.getRepository(PlanQuantityEntity).insert(
            owner.list.map((q, position) => ({ year, ownerKind: owner.kind, ownerCode: owner.code, position, value: String(q.value), unit: q.unit, text: q.text })),
          );
        }
        if (!report.created.some((c) => c.kind === owner.kind && c.code === owner.code)) {
          const change = report.updated.find((u) => u.kind === owner.kind && u.code === owner.code);
          if (change) change.fields.push('quantities');
          else {
            report.updated.push({ kind: owner.kind, code: owner.code, fields: ['quantities'] });
            report.unchanged -= 1;
          }
        }
      }
      await options.onImported?.(manager, report);
      return report;
    });
  }

  /** Inserts new rows, updates changed compared fields, and records what happened in the report. */
  private async sync<E extends object>(
    manager: EntityManager,
    report: PlanImportReport,
    kind: PlanItemKind,
    entity: new () => E,
    year: number,
    rows: Row[],
    compared: string[],
    /** Set on insert only (e.g. a suggestion an admin may since have changed). */
    insertOnly: string[] = [],
    /** …and on a stored row where they are still empty (a plan imported before it had suggestions). */
    { fillWhenEmpty = false }: { fillWhenEmpty?: boolean } = {},
  ): Promise<void> {
    const repository = manager.getRepository(entity);
    const stored = (await repository.find({ where: { year } as never })) as unknown as Row[];
    const byCode = new Map(stored.map((r) => [r.code, r]));
    const toInsert: Row[] = [];
    for (const row of rows) {
      const before = byCode.get(row.code);
      if (!before) {
        toInsert.push({ ...row, year });
        report.created.push({ kind, code: row.code });
        continue;
      }
      byCode.delete(row.code);
      const fields = compared.filter((f) => before[f] !== row[f]);
      const moved = Object.keys(row).filter(
        (f) => !compared.includes(f) && f !== 'code' && before[f] !== row[f] && (!insertOnly.includes(f) || (fillWhenEmpty && before[f] == null && row[f] != null)),
      );
      if (fields.length || moved.length) {
        const patch = Object.fromEntries([...fields, ...moved].map((f) => [f, row[f]]));
        await repository.update({ year, code: row.code } as never, patch as never);
      }
      if (fields.length) report.updated.push({ kind, code: row.code, fields });
      else report.unchanged += 1;
    }
    // PostgreSQL takes at most 65,535 parameters per statement: insert large plans in slices.
    for (let i = 0; i < toInsert.length; i += INSERT_SLICE) await repository.insert(toInsert.slice(i, i + INSERT_SLICE) as never);
    for (const code of byCode.keys()) report.missing.push({ kind, code });
  }

  private async loadQuantities(manager: EntityManager, year: number): Promise<Map<string, Quantity[]>> {
    const rows = await manager.getRepository(PlanQuantityEntity).find({ where: { year }, order: { position: 'ASC' } });
    const map = new Map<string, Quantity[]>();
    for (const row of rows) {
      const key = `${row.ownerKind}:${row.ownerCode}`;
      map.set(key, [...(map.get(key) ?? []), { value: Number(row.value), unit: row.unit, text: row.text }]);
    }
    return map;
  }

  async listPlans(): Promise<Array<PlanEntity & { measures: number }>> {
    const rows: Array<{ year: number; title: string; imported_at: Date; updated_at: Date; measures: number }> = await this.dataSource.query(
      `SELECT p.year, p.title, p.imported_at, p.updated_at, (SELECT count(*) FROM measures m WHERE m.year = p.year)::int AS measures
         FROM plans p ORDER BY p.year DESC`,
    );
    return rows.map((r) => ({ year: r.year, title: r.title, importedAt: r.imported_at, updatedAt: r.updated_at, measures: r.measures }));
  }

  /** Everything needed to draw a plan's tree, with each measure's projected workflow state. */
  async findTree(year: number): Promise<PlanTreeRows | undefined> {
    const plan = await this.findPlan(year);
    if (!plan) return undefined;
    const [targets, chapters, sections, measures, quantities] = await Promise.all([
      this.dataSource.getRepository(PlanTargetEntity).find({ where: { year }, order: { position: 'ASC' } }),
      this.dataSource.getRepository(PlanChapterEntity).find({ where: { year }, order: { position: 'ASC' } }),
      this.dataSource.getRepository(PlanSectionEntity).find({ where: { year }, order: { position: 'ASC' } }),
      this.dataSource.query(
        `SELECT m.id, m.code, m.section_code AS "sectionCode", m.title, m.body, m.suggested_department_code AS "suggestedDepartmentCode",
                coalesce(s.state, 'imported') AS state, s.assignee_id AS "assigneeId", to_char(s.due_date, 'YYYY-MM-DD') AS "dueDate"
           FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
          WHERE m.year = $1 ORDER BY m.position`,
        [year],
      ) as Promise<PlanTreeRows['measures']>,
      this.listQuantities(year),
    ]);
    return { plan, targets, chapters, sections, measures, quantities };
  }

  async findPlan(year: number): Promise<PlanEntity | null> {
    return this.dataSource.getRepository(PlanEntity).findOne({ where: { year } });
  }

  /**
   * The measures of a year whose workflow should run: every one not completed or cancelled (a
   * closed measure is only ever continued by reopening it), with its target and suggested department.
   */
  async measuresToStart(year: number): Promise<MeasureStartFacts[]> {
    const [all, quantities, closed, policy] = await Promise.all([this.listMeasures(year), this.listQuantities(year), this.closedMeasureIds(year), this.planPolicy(year)]);
    return startFacts(all.filter((m) => !closed.has(m.id)), quantities, policy);
  }

  /** The one measure's start facts, closed or not (reopening a closed one needs them). */
  async measureToStart(year: number, code: string): Promise<MeasureStartFacts | undefined> {
    const [measure, quantities, policy] = await Promise.all([this.findMeasure(`${year}-${code}`), this.listQuantities(year), this.planPolicy(year)]);
    return measure ? startFacts([measure], quantities, policy)[0] : undefined;
  }

  /** The plan's own escalation policy in force (督办规则), if it has one; new workflows start with it. */
  private async planPolicy(year: number): Promise<EscalationPolicy | undefined> {
    return (await new PlanPolicyRepository(this.dataSource).current(year))?.policy;
  }

  private async closedMeasureIds(year: number): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT m.id FROM measures m JOIN measure_states s ON s.measure_id = m.id WHERE m.year = $1 AND s.state IN ${sqlStateList(CLOSED_STATES)}`,
      [year],
    );
    return new Set(rows.map((r) => r.id));
  }

  async listOpenMeasures(): Promise<Array<{ year: number; code: string }>> {
    return this.dataSource.query(
      `SELECT m.year, m.code FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE coalesce(s.state, 'imported') NOT IN ${sqlStateList(CLOSED_STATES)} ORDER BY m.year, m.position`,
    );
  }

  /**
   * The plan's measures picked by id, chapter or section (in plan order), with what a change of
   * their suggested department needs: the stored suggestion and the projected state.
   */
  async selectMeasures(year: number, selection: { ids?: string[]; chapterCode?: string; sectionCode?: string }): Promise<SelectedMeasureRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.code, m.section_code AS "sectionCode", ps.chapter_code AS "chapterCode",
              m.suggested_department_code AS "suggestedDepartmentCode", coalesce(s.state, 'imported') AS state
         FROM measures m
         LEFT JOIN plan_sections ps ON ps.year = m.year AND ps.code = m.section_code
         LEFT JOIN measure_states s ON s.measure_id = m.id
        WHERE m.year = $1
          AND ($2::text[] IS NULL OR m.id = ANY($2::text[]))
          AND ($3::text IS NULL OR ps.chapter_code = $3)
          AND ($4::text IS NULL OR m.section_code = $4)
        ORDER BY m.position`,
      [year, selection.ids ?? null, selection.chapterCode ?? null, selection.sectionCode ?? null],
    );
  }

  /**
   * Sets the suggested department of these measures in one transaction; `onChanged` (e.g. the admin
   * audit entry) runs in it with what changed. Returns the measures whose suggestion changed.
   */
  async setSuggestedDepartment(
    ids: string[],
    department: string,
    onChanged: (manager: EntityManager, changed: Array<{ id: string; before: string | null }>) => Promise<void>,
  ): Promise<Array<{ id: string; before: string | null }>> {
    return this.dataSource.transaction(async (manager) => {
      const changed: Array<{ id: string; before: string | null }> = await manager.query(
        `UPDATE measures m SET suggested_department_code = $2
           FROM (SELECT id, suggested_department_code AS before FROM measures WHERE id = ANY($1::text[]) FOR UPDATE) old
          WHERE m.id = old.id AND old.before IS DISTINCT FROM $2
          RETURNING m.id, old.before`,
        [ids, department],
      ).then((result: [Array<{ id: string; before: string | null }>, number] | Array<{ id: string; before: string | null }>) =>
        Array.isArray(result[0]) ? (result[0] as Array<{ id: string; before: string | null }>) : (result as Array<{ id: string; before: string | null }>),
      );
      if (changed.length > 0) await onChanged(manager, changed);
      return changed;
    });
  }

  async findMeasure(id: string): Promise<MeasureEntity | null> {
    return this.dataSource.getRepository(MeasureEntity).findOne({ where: { id } });
  }

  async listMeasures(year: number): Promise<MeasureEntity[]> {
    return this.dataSource.getRepository(MeasureEntity).find({ where: { year }, order: { position: 'ASC' } });
  }

  async listQuantities(year: number): Promise<PlanQuantityEntity[]> {
    return this.dataSource.getRepository(PlanQuantityEntity).find({ where: { year }, order: { ownerKind: 'ASC', ownerCode: 'ASC', position: 'ASC' } });
  }

  async countPlanRows(year: number): Promise<Record<'targets' | 'chapters' | 'sections' | 'measures' | 'quantities', number>> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM plan_targets WHERE year = $1)::int AS targets,
              (SELECT count(*) FROM plan_chapters WHERE year = $1)::int AS chapters,
              (SELECT count(*) FROM plan_sections WHERE year = $1)::int AS sections,
              (SELECT count(*) FROM measures WHERE year = $1)::int AS measures,
              (SELECT count(*) FROM plan_quantities WHERE year = $1)::int AS quantities`,
      [year],
    );
    return row;
  }
}

export interface SelectedMeasureRow {
  id: string;
  code: string;
  sectionCode: string;
  chapterCode: string | null;
  suggestedDepartmentCode: string | null;
  state: string;
}

export interface PlanTreeRows {
  plan: PlanEntity;
  targets: PlanTargetEntity[];
  chapters: PlanChapterEntity[];
  sections: PlanSectionEntity[];
  measures: Array<{
    id: string;
    code: string;
    sectionCode: string;
    title: string;
    body: string;
    suggestedDepartmentCode: string | null;
    state: string;
    assigneeId: string | null;
    dueDate: string | null;
  }>;
  quantities: PlanQuantityEntity[];
}

function sameQuantities(a: Quantity[], b: Quantity[]): boolean {
  return a.length === b.length && a.every((q, i) => q.value === b[i].value && q.unit === b[i].unit && q.text === b[i].text);
}

export interface MeasureStartFacts {
  year: number;
  code: string;
  quantityTarget: Quantity | null;
  suggestedDepartment: string | null;
  /** The plan's own policy; absent: the default thresholds. */
  policy?: EscalationPolicy;
}

/** A measure's workflow input from the plan: its first counted target (not a percentage), the plan's policy. */
function startFacts(measures: MeasureEntity[], quantities: PlanQuantityEntity[], policy?: EscalationPolicy): MeasureStartFacts[] {
  const firstCount = new Map<string, Quantity>();
  for (const q of quantities) {
    if (q.ownerKind === 'measure' && q.unit !== '%' && !firstCount.has(q.ownerCode)) {
      firstCount.set(q.ownerCode, { value: Number(q.value), unit: q.unit, text: q.text });
    }
  }
  return measures.map((m) => ({
    year: m.year,
    code: m.code,
    quantityTarget: firstCount.get(m.code) ?? null,
    suggestedDepartment: m.suggestedDepartmentCode,
    ...(policy ? { policy } : {}),
  }));
}
