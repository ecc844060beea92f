import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read-side projection of inspection findings (检查问题), written by the rectification workflows. */
export class Findings1764302400000 implements MigrationInterface {
  name = 'Findings1764302400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE findings (
        finding_id      text PRIMARY KEY,
        measure_id      text NOT NULL,
        workflow_id     text NOT NULL UNIQUE,
        n               integer NOT NULL,
        description     text NOT NULL,
        status          text NOT NULL CHECK (status IN ('open', 'submitted', 'closed')),
        round           integer NOT NULL,
        due_date        date NOT NULL,
        assignee_id     text NOT NULL,
        inspector_id    text NOT NULL,
        lead_department text,
        escalation_level text,
        last_sequence   integer NOT NULL,
        snapshot        jsonb NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_findings_measure ON findings (measure_id, n)`);
    await q.query(`CREATE INDEX ix_findings_open_due ON findings (due_date) WHERE status <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE findings`);
  }
}
