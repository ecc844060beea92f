import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A year's official holiday list (国务院办公厅 notice), loaded by an admin; overrides bundled data. */
export class OfficialCalendars1764298800000 implements MigrationInterface {
  name = 'OfficialCalendars1764298800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE official_calendars (
        year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        holidays   text[] NOT NULL,
        workdays   text[] NOT NULL,
        loaded_by  text NOT NULL,
        loaded_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE official_calendars`);
  }
}
