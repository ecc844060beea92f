import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans as imported from the document (keyed by year + the document's own codes) and the organization. */
export class PlansAndOrganization1764291600000 implements MigrationInterface {
  name = 'PlansAndOrganization1764291600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('business', 'leadership', 'discipline'))
      )`);
    await q.query(`
      CREATE TABLE users (
        username        text PRIMARY KEY,
        display_name    text NOT NULL,
        role            text NOT NULL CHECK (role IN ('admin', 'department_head', 'staff', 'supervisor')),
        department_code text NOT NULL REFERENCES departments (code),
        password_hash   text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_users_department ON users (department_code)`);
    await q.query(`
      CREATE TABLE plans (
        year        integer PRIMARY KEY,
        title       text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_targets (
        year     integer NOT NULL REFERENCES plans (year),
        code     text NOT NULL,
        text     text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (year, code)
      )`);
    await q.query(`
      CREATE TABLE plan_chapters (
        year     integer NOT NULL REFERENCES plans (year),
        code     text NOT NULL,
        title    text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (year, code)
      )`);
    await q.query(`
      CREATE TABLE plan_sections (
        year         integer NOT NULL,
        code         text NOT NULL,
        chapter_code text NOT NULL,
        title        text NOT NULL,
        position     integer NOT NULL,
        PRIMARY KEY (year, code),
        FOREIGN KEY (year, chapter_code) REFERENCES plan_chapters (year, code)
      )`);
    await q.query(`
      CREATE TABLE measures (
        id                        text PRIMARY KEY,
        year                      integer NOT NULL,
        code                      text NOT NULL,
        section_code              text NOT NULL,
        title                     text NOT NULL,
        body                      text NOT NULL,
        position                  integer NOT NULL,
        suggested_department_code text REFERENCES departments (code),
        UNIQUE (year, code),
        FOREIGN KEY (year, section_code) REFERENCES plan_sections (year, code)
      )`);
    await q.query(`CREATE INDEX ix_measures_year_position ON measures (year, position)`);
    await q.query(`
      CREATE TABLE plan_quantities (
        year       integer NOT NULL REFERENCES plans (year),
        owner_kind text NOT NULL CHECK (owner_kind IN ('target', 'measure')),
        owner_code text NOT NULL,
        position   integer NOT NULL,
        value      numeric NOT NULL,
        unit       text NOT NULL,
        text       text NOT NULL,
        PRIMARY KEY (year, owner_kind, owner_code, position)
      )`);
    await q.query(`
      CREATE TABLE seed_runs (
        name   text PRIMARY KEY,
        ran_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['seed_runs', 'plan_quantities', 'measures', 'plan_sections', 'plan_chapters', 'plan_targets', 'plans', 'users', 'departments']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
