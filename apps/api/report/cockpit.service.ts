import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, CockpitRepository, ReportRepository, type OutcomeRow, type ReportMeasureRow } from '@duban/db';
import {
  cockpitTotals,
  DEPARTMENT_SCORE_RULE,
  indicatorProgress,
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  overdueOn,
  rankDepartments,
  topOverdue,
  trendMonthEnds,
  type CockpitMeasure,
  type MeasureState,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { LightReader } from '../measure/light-reader';
import { endOfBeijingDay, statusAsOf, statusFromSnapshot, type MeasureStatus } from './as-of';
import type { CockpitDto, CockpitQuery, CockpitScope, IndicatorMeasuresDto } from './cockpit.dto';

const stateLabel = (state: string) => MEASURE_STATE_LABELS[(MEASURE_STATES as readonly string[]).includes(state) ? (state as MeasureState) : 'imported'];

/**
 * 领导驾驶舱: one plan year's figures for leaders and supervisors, from the projection (today) and
 * the recorded events (each month end of the trend). The definitions are the domain's
 * (libs/domain/cockpit.ts); the list filters of 全部事项 apply the same ones, so each number opens
 * exactly the measures it counts.
 */
@Injectable()
export class CockpitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
    private readonly cockpit: CockpitRepository,
    private readonly calendars: CalendarService,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  async figures(user: AuthenticatedUser, query: CockpitQuery): Promise<CockpitDto> {
    const plan = await this.reports.findPlan(query.year);
    if (!plan) throw new DomainError(ErrorCode.PlanNotFound, `${query.year} 年的工作要点尚未导入`);
    const lights = await LightReader.open(this.calendars);
    const today = lights.today;
    const [measures, findings, events, outcomes, names, mine, targets, links] = await Promise.all([
      this.reports.listMeasures(plan.year),
      this.reports.listFindings(plan.year),
      this.reports.listEvents(plan.year, endOfBeijingDay(today)),
      this.cockpit.outcomes(plan.year, endOfBeijingDay(today)),
      this.reports.listNames(),
      user.role === 'leader' ? this.cockpit.leaderDepartments(user.username) : Promise.resolve([]),
      this.cockpit.targets(plan.year),
      this.cockpit.indicatorLinks(plan.year),
    ]);
    // 分管 scope by default for a leader who has departments; the whole plan otherwise.
    const scope: CockpitScope = (query.scope ?? 'mine') === 'mine' && mine.length > 0 ? 'mine' : 'all';
    const inScope = (department: string | null) => scope === 'all' || (department !== null && mine.includes(department));
    const departmentName = (code: string | null) => (code === null ? null : (names.departments.get(code) ?? code));

    const findingsOf = groupBy(findings, (f) => f.measureId);
    const outcomesOf = groupBy(outcomes, (o) => o.measureId);
    const now = measures.map((row) => {
      const status = statusFromSnapshot(row.state, row.snapshot, findingsOf.get(row.id) ?? []);
      return { row, status, cockpit: toCockpit(row, status, outcomesOf.get(row.id) ?? [], endOfBeijingDay(today)) };
    });
    const scoped = now.filter((m) => inScope(m.cockpit.department));
    const ranking = rankDepartments(scoped.map((m) => m.cockpit), today);

    const overdue = scoped
      .filter((m) => overdueOn(m.cockpit, today))
      .map((m) => ({
        id: m.row.id,
        code: m.row.code,
        title: m.row.title,
        department: m.cockpit.department,
        departmentName: departmentName(m.cockpit.department),
        assigneeName: m.status.assigneeId ? (names.users.get(m.status.assigneeId) ?? m.status.assigneeId) : null,
        dueDate: m.status.dueDate!,
        workingDaysOverdue: lights.of({ state: m.status.state, dueDate: m.status.dueDate, assignedOn: m.status.assignedOn, progressPercent: m.status.progressPercent, openFindingDueDates: [] }).workingDaysOverdue,
        escalationLevel: m.status.escalationLevel,
      }));

    // The trend: each month end's ranking score, from the events recorded before it.
    const eventsOf = groupBy(events, (e) => e.measureId);
    const months = trendMonthEnds(plan.year, today);
    const trendScores = months.map(({ asOf }) => {
      const cutoff = endOfBeijingDay(asOf);
      const then = measures
        .map((row) => toCockpit(row, statusAsOf(eventsOf.get(row.id) ?? [], cutoff, null), outcomesOf.get(row.id) ?? [], cutoff))
        .filter((m) => inScope(m.department));
      return new Map(rankDepartments(then, asOf).map((r) => [r.department, r.score]));
    });
    const trendDepartments = [...new Set([...ranking.map((r) => r.department), ...trendScores.flatMap((s) => [...s.keys()])])];

    const byId = new Map(now.map((m) => [m.row.id, m]));
    const linksOf = groupBy(links, (l) => l.indicatorCode);
    return {
      year: plan.year,
      title: plan.title,
      asOf: today,
      scope,
      departments: scope === 'mine' ? mine.map((code) => ({ code, name: departmentName(code)! })) : [],
      myDepartments: mine.map((code) => ({ code, name: departmentName(code)! })),
      totals: cockpitTotals(scoped.map((m) => m.cockpit), today),
      topOverdue: topOverdue(overdue),
      ranking: ranking.map((r) => ({ department: r.department, name: departmentName(r.department)!, rank: r.rank, score: r.score, totals: r.totals })),
      scoreRule: DEPARTMENT_SCORE_RULE,
      trend: {
        months: months.map((m) => m.month),
        departments: trendDepartments.map((department) => ({
          department,
          name: departmentName(department)!,
          scores: trendScores.map((s) => s.get(department) ?? null),
        })),
      },
      indicators: targets.map((t) => {
        const linked = (linksOf.get(t.code) ?? []).flatMap((l) => byId.get(l.measureId) ?? []);
        return {
          code: t.code,
          text: t.text,
          quantities: t.quantities,
          progress: indicatorProgress(linked.map((m) => ({ state: m.status.state, progressPercent: m.status.progressPercent }))),
          measures: linked.map((m) => ({
            id: m.row.id,
            code: m.row.code,
            title: m.row.title,
            state: m.status.state,
            stateLabel: stateLabel(m.status.state),
            progressPercent: m.status.state === 'completed' ? 100 : m.status.progressPercent,
            department: m.cockpit.department,
          })),
        };
      }),
    };
  }

  /** Links the measures serving a target indicator (the whole list; empty clears it); audited. */
  async linkIndicator(actor: AuthenticatedUser, year: number, code: string, measureIds: string[]): Promise<IndicatorMeasuresDto> {
    if (!(await this.reports.findPlan(year))) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    if (!(await this.cockpit.targetExists(year, code))) throw new DomainError(ErrorCode.ValidationFailed, `${year} 年工作要点没有编号为（${code}）的主要目标指标`);
    const known = new Set(await this.cockpit.planMeasureIds(year, measureIds));
    const strangers = measureIds.filter((id) => !known.has(id));
    if (strangers.length) throw new DomainError(ErrorCode.ValidationFailed, `以下事项不是 ${year} 年工作要点的措施：${strangers.join('、')}`, { unknown: strangers });
    await this.dataSource.transaction(async (m) => {
      const before = (await this.cockpit.indicatorLinks(year, m)).filter((l) => l.indicatorCode === code).map((l) => l.measureId);
      await this.cockpit.replaceIndicatorLinks(m, year, code, measureIds);
      await this.adminAudit.record(
        { actorId: actor.username, actorRole: actor.role, action: 'indicator.measures', target: `indicator:${year}:${code}`, before: { measureIds: before }, after: { measureIds } },
        m,
      );
    });
    return { year, code, measureIds };
  }
}

/** The cockpit's view of a measure's status; its outcomes recorded before `cutoff` count. */
function toCockpit(row: ReportMeasureRow, status: MeasureStatus, outcomes: OutcomeRow[], cutoff: Date): CockpitMeasure {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    department: status.leadDepartment ?? row.suggestedDepartmentCode,
    state: status.state,
    dueDate: status.dueDate,
    completedOn: status.completedOn,
    escalationLevel: status.escalationLevel,
    outcomes: outcomes.filter((o) => o.issuedAt.getTime() < cutoff.getTime()).length,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
