import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { ApiConfig } from '../infra/api-config';
import { PlanRepository, type PlanQuantityEntity } from '@duban/db';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { importPlanDocument } from './plan-import';
import type { PlanImportResultDto, PlanSummaryDto, PlanTreeDto, QuantityDto } from './plan.dto';

@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly client: Client,
    private readonly config: ApiConfig,
  ) {}

  /** Parses and stores a plan document; an unreadable one is refused and nothing is written. */
  importDocument(document: Buffer | string): Promise<PlanImportResultDto> {
    return importPlanDocument(this.plans, { client: this.client, taskQueue: this.config.values.taskQueue }, document);
  }

  async list(): Promise<PlanSummaryDto[]> {
    return (await this.plans.listPlans()).map((p) => ({ year: p.year, title: p.title, measures: p.measures, importedAt: p.importedAt.toISOString() }));
  }

  async tree(year: number): Promise<PlanTreeDto> {
    const rows = await this.plans.findTree(year);
    if (!rows) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    const quantities = groupQuantities(rows.quantities);
    return {
      year,
      title: rows.plan.title,
      targets: rows.targets.map((t) => ({ code: t.code, text: t.text, quantities: quantities.get(`target:${t.code}`) ?? [] })),
      chapters: rows.chapters.map((c) => ({
        code: c.code,
        title: c.title,
        sections: rows.sections
          .filter((s) => s.chapterCode === c.code)
          .map((s) => ({
            code: s.code,
            title: s.title,
            measures: rows.measures
              .filter((m) => m.sectionCode === s.code)
              .map((m) => ({ ...m, quantities: quantities.get(`measure:${m.code}`) ?? [] })),
          })),
      })),
    };
  }
}

function groupQuantities(rows: PlanQuantityEntity[]): Map<string, QuantityDto[]> {
  const map = new Map<string, QuantityDto[]>();
  for (const q of rows) {
    const key = `${q.ownerKind}:${q.ownerCode}`;
    map.set(key, [...(map.get(key) ?? []), { value: Number(q.value), unit: q.unit, text: q.text }]);
  }
  return map;
}
