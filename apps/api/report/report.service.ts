import { Injectable } from '@nestjs/common';
import { ReportRepository, type ReportEventRow, type ReportQuantityRow } from '@duban/db';
import { addCalendarDays, beijingDate, dateProvisional, daysInMonth, ESCALATION_LEVELS, isClosedState, type EscalationLevel, type MeasureSnapshot } from '@duban/domain';
import { CalendarService } from '../calendar/calendar.service';
import { LightReader } from '../measure/light-reader';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { endOfBeijingDay, lightOn, startOfBeijingDay, statusAsOf, statusFromSnapshot } from './as-of';
import { bulletinTables, computeBulletin, type BulletinFigures } from './bulletin';
import { tablesToCsv } from './csv';
import { documentFonts } from '../documents/fonts';
import { ApiConfig } from '../infra/api-config';
import { LEDGER_GROUP_COLUMNS, LEDGER_PDF_WIDTHS, ledgerTable, type LedgerReport } from './ledger';
import { ledgerPdf } from './ledger-pdf';
import type { BulletinQuery, LedgerQuery } from './report.dto';
import type { ReportFile, ReportTable, SpreadsheetFormat } from './table';
import { tablesToXlsx } from './xlsx';

/**
 * The bulletin and the ledger, from the PostgreSQL projection (today) and the recorded events
 * (earlier months). Lights always come from the domain's one rule on the working-day calendar.
 * Who may download is declared on the routes: every report covers the whole plan.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly calendars: CalendarService,
    private readonly config: ApiConfig,
  ) {}

  /**
   * The ledger (台账) as of today: XLSX (print-ready), CSV (the same columns) or PDF. 分管领导 are
   * the leaders overseeing the owning department; 最新进展情况 / 存在问题 / 下步打算 come from the
   * latest written report; 时限 is 暂定 only when its own year has no official holidays.
   */
  async ledger(query: LedgerQuery): Promise<ReportFile> {
    const plan = await this.plan(query.year);
    const [measures, quantities, findings, names, calendar, directives, overseers] = await Promise.all([
      this.reports.listMeasures(plan.year),
      this.reports.listQuantities(plan.year),
      this.reports.listFindings(plan.year),
      this.reports.listNames(),
      this.calendars.workingDayCalendar(),
      this.reports.listDirectives(plan.year),
      this.reports.listOverseers(),
    ]);
    const today = this.calendars.today();
    const policy = (await LightReader.open(this.calendars)).policyFor(plan.year);
    const quantitiesOf = groupBy(quantities, (q) => q.measureCode);
    const findingsOf = groupBy(findings, (f) => f.measureId);
    const directivesOf = groupBy(directives, (d) => d.measureId);
    const rows = measures.map((m) => {
      const status = statusFromSnapshot(m.state, m.snapshot, findingsOf.get(m.id) ?? []);
      const owner = status.leadDepartment ?? m.suggestedDepartmentCode;
      return {
        report: latestReport(m.snapshot),
        overseers: owner ? (overseers.get(owner) ?? []) : [],
        dueProvisional: !isClosedState(status.state) && dateProvisional(status.dueDate, calendar),
        code: m.code,
        title: m.title,
        chapter: `${m.chapterCode} ${m.chapterTitle}`,
        section: `${m.sectionCode} ${m.sectionTitle}`,
        suggestedDepartmentCode: m.suggestedDepartmentCode,
        quantities: quantitiesOf.get(m.code) ?? [],
        status,
        verdict: lightOn(status, today, calendar, policy),
        directives: (directivesOf.get(m.id) ?? []).map((d) => ({
          kind: d.kind,
          text: d.snapshot.text,
          noticeNumber: d.snapshot.noticeNumber,
          dueDate: d.snapshot.dueDate,
          issuedBy: d.snapshot.issuedBy,
          issuedOn: d.snapshot.issuedAt ? beijingDate(Date.parse(d.snapshot.issuedAt)) : null,
          answers: d.snapshot.responses.map((r) => r.text),
        })),
      };
    });
    const table = ledgerTable(plan.title, today, rows, names, query.paper ? { paper: query.paper === 'a3' ? 'A3' : 'A4' } : undefined);
    const name = `${plan.title}台账（${today}）`;
    const asciiName = `duban-ledger-${plan.year}-${today}`;
    if (query.format === 'pdf') {
      const content = await ledgerPdf(table, { fonts: documentFonts(this.config.values), subtitle: `共 ${rows.length} 项工作任务`, groupBy: LEDGER_GROUP_COLUMNS, widths: LEDGER_PDF_WIDTHS });
      return { format: 'pdf', fileName: `${name}.pdf`, asciiFileName: `${asciiName}.pdf`, content };
    }
    return this.render(query.format, [table], { titles: false }, name, asciiName);
  }

  async bulletin(query: BulletinQuery): Promise<ReportFile> {
    const { plan, figures } = await this.bulletinFigures(query);
    return this.render(query.format, bulletinTables(figures), { titles: true }, figures.title, `duban-bulletin-${plan.year}-${query.month}`);
  }

  /** The month's bulletin figures (and its plan): what the spreadsheet shows and a 督办通报 issue freezes. */
  async bulletinFigures(query: Pick<BulletinQuery, 'month' | 'year'>): Promise<{ plan: { year: number; title: string }; figures: BulletinFigures }> {
    const today = this.calendars.today();
    const thisMonth = today.slice(0, 7);
    if (query.month > thisMonth) throw new DomainError(ErrorCode.ValidationFailed, `${query.month} 尚未到来，只能生成本月（${thisMonth}）及以前的督办通报`);
    const planYear = query.year ?? Number(query.month.slice(0, 4));
    if (query.month.slice(0, 4) < String(planYear)) {
      throw new DomainError(ErrorCode.ValidationFailed, `${query.month} 早于 ${planYear} 年工作要点的执行年度`);
    }
    const plan = await this.plan(planYear);

    const [y, m] = query.month.split('-').map(Number);
    const monthStart = `${query.month}-01`;
    const asOfIsToday = query.month === thisMonth;
    const asOf = asOfIsToday ? today : `${query.month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
    const previousMonthEnd = addCalendarDays(monthStart, -1);
    const cutoff = endOfBeijingDay(asOf);

    const [measures, quantities, findings, events, names, calendar] = await Promise.all([
      this.reports.listMeasures(plan.year),
      this.reports.listQuantities(plan.year),
      this.reports.listFindings(plan.year),
      this.reports.listEvents(plan.year, cutoff),
      this.reports.listNames(),
      this.calendars.workingDayCalendar(),
    ]);
    const target = firstCountTargets(quantities);
    const findingsOf = groupBy(findings, (f) => f.measureId);
    const eventsOf = groupBy(events, (e) => e.measureId);
    const previousCutoff = endOfBeijingDay(previousMonthEnd);

    const figures = computeBulletin({
      planTitle: plan.title,
      month: query.month,
      asOf,
      asOfIsToday,
      previousMonthEnd,
      measures: measures.map((row) => {
        const timeline = eventsOf.get(row.id) ?? [];
        const quantityTarget = target.get(row.code) ?? null;
        return {
          code: row.code,
          title: row.title,
          suggestedDepartmentCode: row.suggestedDepartmentCode,
          // Today's figures come from the projection itself; a past month's are replayed.
          now: asOfIsToday ? statusFromSnapshot(row.state, row.snapshot, findingsOf.get(row.id) ?? []) : statusAsOf(timeline, cutoff, quantityTarget),
          previous: statusAsOf(timeline, previousCutoff, quantityTarget),
        };
      }),
      escalationsInMonth: escalationLevels(events, startOfBeijingDay(monthStart)),
      calendar,
      policy: (await LightReader.open(this.calendars)).policyFor(plan.year),
      names,
    });
    return { plan, figures };
  }

  private async plan(year: number): Promise<{ year: number; title: string }> {
    const plan = await this.reports.findPlan(year);
    if (!plan) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    return plan;
  }

  private async render(format: SpreadsheetFormat, tables: ReportTable[], csv: { titles: boolean }, name: string, asciiName: string): Promise<ReportFile> {
    const content = format === 'xlsx' ? await tablesToXlsx(tables, { title: name, generatedAt: new Date() }) : tablesToCsv(tables, csv);
    return { format, fileName: `${name}.${format}`, asciiFileName: `${asciiName}.${format}`, content };
  }
}

/** The latest report's text as the measure's snapshot keeps it (absent fields: reports from before them). */
function latestReport(stored: Record<string, unknown> | null): LedgerReport {
  const progress = (stored as Partial<MeasureSnapshot> | null)?.progress;
  const reportedAt = progress?.reportedAt ? Date.parse(progress.reportedAt) : NaN;
  return {
    note: progress?.note ?? null,
    problems: progress?.problems ?? null,
    nextSteps: progress?.nextSteps ?? null,
    reportedOn: Number.isFinite(reportedAt) ? beijingDate(reportedAt) : null,
  };
}

/** Levels of the escalation events from `from` on (the events are already cut off at the bulletin date). */
function escalationLevels(events: ReportEventRow[], from: Date): EscalationLevel[] {
  return events
    .filter((e) => e.type === 'escalation' && e.occurredAt.getTime() >= from.getTime())
    .map((e) => ESCALATION_LEVELS.find((l) => l === e.payload.level))
    .filter((l): l is EscalationLevel => l !== undefined);
}

/** Each measure's first counted target (not a percentage): what its workflow derives progress from. */
function firstCountTargets(quantities: ReportQuantityRow[]): Map<string, number> {
  const targets = new Map<string, number>();
  for (const q of quantities) if (q.unit !== '%' && !targets.has(q.measureCode)) targets.set(q.measureCode, q.value);
  return targets;
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
