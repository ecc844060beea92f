import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, CalendarRepository, PlanPolicyRepository } from '@duban/db';
import { beijingDate, validateOfficialYear, WorkingDayCalendar, mergeCalendarData, type EscalationPolicy } from '@duban/domain';
import { signalCalendarChanged } from '@duban/temporal';
import { bundledCalendarData } from '../../../activities/calendar-data';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { CalendarYearDto, OfficialCalendarYearDto, OfficialYearBody, OfficialYearSavedDto } from './calendar.dto';

/** A plan's 督办规则 is re-read at most this often (a change in this process is seen at once). */
const POLICY_CACHE_MS = 5_000;

/**
 * What deadlines are read with: the working-day calendar — bundled years (2004–2026) and the years
 * an admin loaded officially — and the plans' own 督办规则 (escalation policies).
 */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingDayCalendar; until: number } | undefined;
  private policies: { byYear: ReadonlyMap<number, EscalationPolicy>; until: number } | undefined;

  constructor(
    private readonly calendars: CalendarRepository,
    private readonly client: Client,
    private readonly adminAudit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly planPolicies: PlanPolicyRepository,
  ) {}

  /** The policy in force of every plan that has one of its own, by plan year (others run the default). */
  async currentPolicies(): Promise<ReadonlyMap<number, EscalationPolicy>> {
    if (this.policies && this.policies.until > Date.now()) return this.policies.byYear;
    const byYear = await this.planPolicies.currentAll();
    this.policies = { byYear, until: Date.now() + POLICY_CACHE_MS };
    return byYear;
  }

  /** A plan's policy changed here: the next read takes it. */
  forgetPolicies(): void {
    this.policies = undefined;
  }

  /** The working-day calendar for reads (lights, overdue counts): bundled years plus official ones. */
  async workingDayCalendar(): Promise<WorkingDayCalendar> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.calendar;
    const official = await this.calendars.listOfficial(2000, 2100);
    const calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), official));
    this.cached = { calendar, until: Date.now() + 60_000 };
    return calendar;
  }

  /** Today's date in Beijing (the calendar day every deadline is counted in). */
  today(): string {
    return beijingDate(Date.now());
  }

  async coverage(fromYear: number, toYear: number): Promise<CalendarYearDto[]> {
    const bundled = bundledCalendarData();
    const official = new Map((await this.calendars.listOfficial(fromYear, toYear)).map((o) => [o.year, o]));
    const years: CalendarYearDto[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      const o = official.get(year);
      const b = bundled.years[String(year)];
      if (o) years.push({ year, source: 'official', holidays: o.holidays.length, workdays: o.workdays.length, loadedBy: o.loadedBy, loadedAt: o.loadedAt.toISOString() });
      else if (b) years.push({ year, source: 'bundled', holidays: b.holidays.length, workdays: b.workdays.length });
      else years.push({ year, source: 'none', holidays: 0, workdays: 0 });
    }
    return years;
  }

  /** Every year an administrator loaded, whole: the browser counts working days with them too. */
  async officialYears(): Promise<OfficialCalendarYearDto[]> {
    return (await this.calendars.listOfficial(2000, 2100)).map(({ year, holidays, workdays }) => ({ year, holidays, workdays }));
  }

  /** Validates and stores a year's official list, then has every running measure re-plan. */
  async loadOfficialYear(year: number, body: OfficialYearBody, loadedBy: string, loadedByRole = 'admin'): Promise<OfficialYearSavedDto> {
    const problems = validateOfficialYear(year, body);
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, `节假日安排有误：${problems.join('；')}`, { problems });
    // The load and its admin audit entry commit together.
    await this.dataSource.transaction(async (manager) => {
      const [previous] = await this.calendars.listOfficial(year, year);
      await this.calendars.saveOfficial(year, body.holidays, body.workdays, loadedBy, manager);
      await this.adminAudit.record(
        {
          actorId: loadedBy,
          actorRole: loadedByRole,
          action: 'calendar.load',
          target: `calendar:${year}`,
          before: previous ? { holidays: previous.holidays, workdays: previous.workdays, loadedBy: previous.loadedBy, loadedAt: previous.loadedAt } : null,
          after: { holidays: [...body.holidays].sort(), workdays: [...body.workdays].sort() },
        },
        manager,
      );
    });
    this.cached = undefined;
    const replanned = await signalCalendarChanged(this.client);
    return { year, holidays: body.holidays.length, workdays: body.workdays.length, replanned };
  }
}
