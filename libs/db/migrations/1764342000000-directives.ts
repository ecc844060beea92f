import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 跟办事项 (批示, 催办, 督办单, 问责结果): one workflow each, projected here with every event (the
 * events themselves are on the measure's timeline and audit chain). `directive_counters` hands out
 * the ordinal n per measure and kind, once.
 */
export class Directives1764342000000 implements MigrationInterface {
  name = 'Directives1764342000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directives (
        directive_id    text PRIMARY KEY,
        measure_id      text NOT NULL,
        kind            text NOT NULL,
        n               integer NOT NULL,
        workflow_id     text NOT NULL UNIQUE,
        notice_number   text NULL,
        status          text NOT NULL,
        department_code text NULL,
        assignee_id     text NULL,
        issued_by       text NOT NULL,
        issued_at       timestamptz NOT NULL,
        due_date        date NULL,
        outcome_kind    text NULL,
        escalation_level text NULL,
        last_sequence   integer NOT NULL,
        snapshot        jsonb NOT NULL,
        updated_at      timestamptz NOT NULL,
        CONSTRAINT uq_directives_measure_kind_n UNIQUE (measure_id, kind, n),
        CONSTRAINT ck_directives_kind CHECK (kind IN ('instruction', 'urging', 'notice', 'outcome'))
      )`);
    await q.query(`CREATE INDEX ix_directives_department_open ON directives (department_code, kind) WHERE status IN ('issued', 'acknowledged')`);
    await q.query(`CREATE INDEX ix_directives_assignee_open ON directives (assignee_id) WHERE status = 'issued' AND kind = 'urging'`);
    await q.query(`CREATE INDEX ix_directives_outcomes ON directives (issued_at) WHERE kind = 'outcome'`);
    await q.query(`
      CREATE TABLE directive_counters (
        measure_id text NOT NULL,
        kind       text NOT NULL,
        last_n     integer NOT NULL,
        PRIMARY KEY (measure_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directive_counters');
    await q.query('DROP TABLE directives');
  }
}
