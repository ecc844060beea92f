import type { DataSource, EntityManager } from 'typeorm';

export interface OfficialCalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
  loadedBy: string;
  loadedAt: Date;
}

export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listOfficial(fromYear: number, toYear: number): Promise<OfficialCalendarYear[]> {
    const rows: Array<{ year: number; holidays: string[]; workdays: string[]; loaded_by: string; loaded_at: Date }> = await this.dataSource.query(
      'SELECT year, holidays, workdays, loaded_by, loaded_at FROM official_calendars WHERE year BETWEEN $1 AND $2 ORDER BY year',
      [fromYear, toYear],
    );
    return rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, loadedBy: r.loaded_by, loadedAt: r.loaded_at }));
  }

  /** Stores (or replaces) a validated year; with `manager`, inside the caller's transaction. */
  async saveOfficial(year: number, holidays: string[], workdays: string[], loadedBy: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      `INSERT INTO official_calendars (year, holidays, workdays, loaded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays,
         loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      [year, [...holidays].sort(), [...workdays].sort(), loadedBy],
    );
  }
}
