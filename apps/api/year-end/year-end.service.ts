import { Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AdminAuditRepository, MeasureEventRepository, MeasureRepository, PlanRepository, YearEndRepository, type CarryOverLinkRow } from '@duban/db';
import {
  carriedPlanTitle,
  carryOverRequestProblem,
  completionFigures,
  MEASURE_STATE_LABELS,
  notCarriedReason,
  parseMeasureId,
  successorFor,
  type SuccessorCandidate,
} from '@duban/domain';
import { MeasureClosedError, startMeasureWorkflow } from '@duban/temporal';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import { TIMELINE_PAGE } from '../measure/measure.dto';
import { asMeasureState, assertMeasureVisible, toEventDto } from '../measure/measure-read';
import { MeasureService } from '../measure/measure.service';
import { PlanService } from '../plan/plan.service';
import { tablesToXlsx } from '../report/xlsx';
import type { ReportFile } from '../report/table';
import type {
  CarriedMeasureDto,
  CarryOverBody,
  CarryOverLinkDto,
  CarryOverLinksDto,
  CarryOverResultDto,
  CompletionLineDto,
  CompletionReportDto,
  CompletionReportViewDto,
  FailedMeasureDto,
  SkippedMeasureDto,
} from './year-end.dto';

/**
 * 年终结转: every unfinished measure of a plan (or the listed ones) continues in next year's plan —
 * in the measure of the same title it already has, or in one appended to it — started as a new
 * workflow pointing back; then the old measure gets its carryOver command (已结转, pointing on). One
 * measure at a time, so a failure stops nothing else and says which and why; a measure already
 * carried is skipped, so the request may be sent again. Afterwards the plan's 完成情况 is frozen.
 */
@Injectable()
export class YearEndService {
  private readonly logger = new Logger('YearEnd');
  /** One carry-over of a plan at a time in this process (two at once could append a successor twice). */
  private readonly running = new Map<number, Promise<unknown>>();

  constructor(
    private readonly yearEnd: YearEndRepository,
    private readonly plans: PlanRepository,
    private readonly planService: PlanService,
    private readonly measureService: MeasureService,
    private readonly measures: MeasureRepository,
    private readonly events: MeasureEventRepository,
    private readonly adminAudit: AdminAuditRepository,
    private readonly client: Client,
    private readonly config: ApiConfig,
  ) {}

  async carryOver(year: number, body: CarryOverBody, user: AuthenticatedUser): Promise<CarryOverResultDto> {
    const before = this.running.get(year) ?? Promise.resolve();
    const turn = before.catch(() => undefined).then(() => this.carryOverNow(year, body, user));
    this.running.set(year, turn);
    try {
      return await turn;
    } finally {
      if (this.running.get(year) === turn) this.running.delete(year);
    }
  }

  private async carryOverNow(year: number, body: CarryOverBody, user: AuthenticatedUser): Promise<CarryOverResultDto> {
    const problem = carryOverRequestProblem({ fromYear: year, toYear: body.toYear, reason: body.reason, measureIds: body.measureIds });
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    if (!(await this.plans.findPlan(year))) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    const { toYear } = body;
    const reason = body.reason.trim();
    const listed = body.measureIds ? [...new Set(body.measureIds)] : undefined;
    const rows = await this.yearEnd.measuresOf(year, listed);

    const failed: FailedMeasureDto[] = (listed ?? [])
      .filter((id) => !rows.some((r) => r.id === id))
      .map((id) => ({ measureId: id, title: null, code: ErrorCode.MeasureNotFound, reason: `事项 ${id} 不存在` }));
    const skipped: SkippedMeasureDto[] = [];
    const carried: CarriedMeasureDto[] = [];
    const toCarry = rows.filter((r) => {
      const why = notCarriedReason(r.state, MEASURE_STATE_LABELS);
      // Listing none: the finished ones are simply not part of it (only what was asked for is reported).
      if (why && (listed || r.state === 'carried_over')) skipped.push({ measureId: r.id, title: r.title, reason: why, successorId: r.successorId });
      return why === undefined;
    });

    const createdPlan = toCarry.length > 0 && (await this.yearEnd.ensurePlan(toYear, carriedPlanTitle(toYear)));
    const candidates: SuccessorCandidate[] = toCarry.length ? await this.yearEnd.successorCandidates(toYear) : [];
    const actor = toActor(user);
    for (const row of toCarry) {
      try {
        const existing = successorFor(row, candidates);
        // The department in charge goes with it: the one leading it, or still only suggested.
        const successorId = existing?.id ?? (await this.yearEnd.appendSuccessor(toYear, { ...row, suggestedDepartmentCode: row.leadDepartment ?? row.suggestedDepartmentCode }));
        if (existing) existing.predecessorId = row.id;
        else candidates.push({ id: successorId, title: row.title, predecessorId: row.id });
        await this.startSuccessor(successorId, row.id);
        // A measure imported but never started has no workflow yet to take the command.
        if (row.state === 'imported') await this.startOld(row.year, row.code);
        await this.measureService.carryOver(row.id, actor, { successorId, toYear, reason });
        carried.push({ measureId: row.id, title: row.title, successorId, linked: existing !== undefined });
      } catch (error) {
        if (!(error instanceof DomainError)) this.logger.warn(`carry-over of ${row.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        failed.push({
          measureId: row.id,
          title: row.title,
          code: error instanceof DomainError ? error.code : ErrorCode.ServiceUnavailable,
          reason: error instanceof DomainError ? error.message : '流程服务暂时不可用，本事项未结转，请稍后重试',
        });
      }
    }

    let reportTakenAt: string | null = null;
    if (carried.length > 0) {
      await this.adminAudit.record({
        actorId: user.username,
        actorRole: user.role,
        action: 'plan.carryOver',
        target: `plan:${year}`,
        after: { toYear, reason, createdPlan, carried: carried.map((c) => ({ from: c.measureId, to: c.successorId, linked: c.linked })), failed: failed.map((f) => f.measureId) },
      });
      reportTakenAt = (await this.takeReport(year, toYear, reason, user.username)).toISOString();
    }
    return { year, toYear, createdPlan, carried, skipped, failed, reportTakenAt };
  }

  async completionReport(year: number): Promise<CompletionReportViewDto> {
    if (!(await this.plans.findPlan(year))) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    const { report, takenAts } = await this.yearEnd.latestReport(year);
    return { year, report: (report?.body as CompletionReportDto | undefined) ?? null, takenAts: takenAts.map((t) => t.toISOString()) };
  }

  /** The frozen report as a workbook: 按章节, 按处室, 事项明细. */
  async completionReportFile(year: number): Promise<ReportFile> {
    const { report } = await this.completionReport(year);
    if (!report) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年工作要点尚未年终结转，还没有完成情况报告`);
    const notes = [`${report.title} · 年终结转时冻结：${beijingTime(report.takenAt)}（${report.takenBy}）`, `办结率 = 已办结 ÷（事项总数 − 已撤销）；结转至 ${report.toYear} 年`];
    const figureColumns = [
      { header: '事项总数', width: 10 },
      { header: '已办结', width: 10 },
      { header: '已结转', width: 10 },
      { header: '已撤销', width: 10 },
      { header: '未完成', width: 10 },
      { header: '办结率（%）', width: 12 },
    ];
    const figureCells = (f: CompletionLineDto | CompletionReportDto['summary']) => [f.total, f.completed, f.carriedOver, f.cancelled, f.unfinished, f.completionRate];
    const lines = (sheet: string, title: string, first: string, rows: CompletionLineDto[]) => ({
      sheet,
      title,
      notes,
      columns: [{ header: first, width: 36 }, ...figureColumns],
      rows: [...rows.map((r) => ({ cells: [r.code ? `${r.code} ${r.name}` : r.name, ...figureCells(r)] })), { cells: ['合计', ...figureCells(report.summary)], bold: true }],
    });
    const content = await tablesToXlsx(
      [
        lines('按章节', `${report.year}年工作要点完成情况（按章节）`, '章节', report.chapters),
        lines('按处室', `${report.year}年工作要点完成情况（按处室）`, '处室', report.departments),
        {
          sheet: '事项明细',
          title: `${report.year}年工作要点事项完成情况`,
          notes,
          columns: [
            { header: '编号', width: 12 },
            { header: '事项', width: 48 },
            { header: '处室', width: 18 },
            { header: '状态', width: 10 },
            { header: '结转至', width: 14 },
          ],
          rows: report.measures.map((m) => ({ cells: [m.code, m.title, m.departmentName, m.stateLabel, m.successorId ?? ''] })),
        },
      ],
      { title: `${report.year}年工作要点完成情况`, generatedAt: new Date(report.takenAt) },
    );
    return { format: 'xlsx', fileName: `${report.year}年工作要点完成情况.xlsx`, asciiFileName: `completion-report-${report.year}.xlsx`, content };
  }

  /** 结转自 / 已结转至 of a measure the user may see, each with its newest history. */
  async links(id: string, user: AuthenticatedUser): Promise<CarryOverLinksDto> {
    await assertMeasureVisible(this.measures, id, user);
    const { predecessor, successor } = await this.yearEnd.links(id);
    const [before, after] = await Promise.all([this.link(predecessor), this.link(successor)]);
    return { measureId: id, predecessor: before, successor: after };
  }

  private async link(row: CarryOverLinkRow | null): Promise<CarryOverLinkDto | null> {
    if (!row) return null;
    const page = await this.events.pageForMeasure(row.id, { offset: 0, limit: TIMELINE_PAGE });
    const state = asMeasureState(row.state);
    return { id: row.id, title: row.title, state, stateLabel: MEASURE_STATE_LABELS[state], events: page.rows.map(toEventDto), eventTotal: page.total };
  }

  /** The successor's workflow, started with the link back (one already running keeps its own state). */
  private async startSuccessor(successorId: string, predecessorId: string): Promise<void> {
    const { year, code } = parseMeasureId(successorId)!;
    const facts = (await this.plans.measureToStart(year, code)) ?? { year, code };
    try {
      await this.client.withDeadline(Date.now() + 20_000, () => startMeasureWorkflow(this.client, this.config.values.taskQueue, { ...facts, predecessorId }));
    } catch (error) {
      // The same-title measure of the new plan was finished already: it is linked all the same.
      if (!(error instanceof MeasureClosedError)) throw error;
    }
  }

  private async startOld(year: number, code: string): Promise<void> {
    const facts = (await this.plans.measureToStart(year, code)) ?? { year, code };
    try {
      await this.client.withDeadline(Date.now() + 20_000, () => startMeasureWorkflow(this.client, this.config.values.taskQueue, facts));
    } catch (error) {
      if (!(error instanceof MeasureClosedError)) throw error;
    }
  }

  /** The plan's 完成情况 per chapter and department now, stored as it is (never recomputed). */
  private async takeReport(year: number, toYear: number, reason: string, takenBy: string): Promise<Date> {
    const [tree, rows] = await Promise.all([this.planService.tree(year), this.yearEnd.measuresOf(year)]);
    const successors = new Map(rows.map((r) => [r.id, r.successorId]));
    const departmentNames = new Map(tree.departments.map((d) => [d.code, d.name]));
    const measures = tree.chapters.flatMap((c) =>
      c.sections.flatMap((s) =>
        s.measures.map((m) => {
          const department = m.leadDepartment ?? m.suggestedDepartmentCode;
          const state = asMeasureState(m.state);
          return {
            id: m.id,
            code: m.code,
            title: m.title,
            chapterCode: c.code,
            department,
            departmentName: departmentNames.get(department) ?? '未指定处室',
            state,
            stateLabel: MEASURE_STATE_LABELS[state],
            successorId: successors.get(m.id) ?? null,
          };
        }),
      ),
    );
    const line = (code: string | null, name: string, states: string[]): CompletionLineDto => ({ code, name, ...completionFigures(states) });
    const body: Omit<CompletionReportDto, 'takenAt'> = {
      year,
      title: tree.title,
      takenBy,
      toYear,
      reason,
      summary: completionFigures(measures.map((m) => m.state)),
      chapters: tree.chapters.map((c) => line(c.code, c.title, measures.filter((m) => m.chapterCode === c.code).map((m) => m.state))),
      departments: tree.departments.map((d) => line(d.code, d.name, measures.filter((m) => m.department === d.code).map((m) => m.state))),
      measures,
    };
    // The stored body carries its own taken-at (the row's), so the JSON and the download agree.
    const takenAt = new Date();
    const saved = await this.yearEnd.saveReport(year, takenBy, { ...body, takenAt: takenAt.toISOString() }, takenAt);
    return saved.takenAt;
  }
}

function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The timeline's event shape (as GET /measures/:id/events gives it). */
