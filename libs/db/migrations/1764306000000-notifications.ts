import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 站内通知, written with the event that causes them; plus the indexes the supervisors' audit views
 * (overdue list, escalation log, notices, scorecard) need to stay fast on 100,000 measures.
 */
export class Notifications1764306000000 implements MigrationInterface {
  name = 'Notifications1764306000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id          bigserial PRIMARY KEY,
        event_id    text NOT NULL REFERENCES measure_events (event_id),
        recipient   text NOT NULL,
        measure_id  text NOT NULL,
        finding_id  text NULL,
        kind        text NOT NULL,
        level       text NULL,
        title       text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz NULL,
        CONSTRAINT uq_notifications_event_recipient UNIQUE (event_id, recipient)
      )`);
    // A person's inbox, newest first; and its unread part (the badge count).
    await q.query(`CREATE INDEX ix_notifications_recipient ON notifications (recipient, id DESC)`);
    await q.query(`CREATE INDEX ix_notifications_unread ON notifications (recipient, id DESC) WHERE read_at IS NULL`);

    // Escalation log and notices: newest first, optionally one level.
    await q.query(`CREATE INDEX ix_measure_events_escalations ON measure_events (occurred_at DESC, event_id DESC) WHERE type = 'escalation'`);
    await q.query(`CREATE INDEX ix_measure_events_escalation_level ON measure_events ((payload->>'level'), occurred_at DESC, event_id DESC) WHERE type = 'escalation'`);

    // Overdue list: the open work ordered by due date, so a page is read straight off the index.
    await q.query(`
      CREATE INDEX ix_measure_states_open_due ON measure_states (due_date, measure_id)
      WHERE state IN ('assigned', 'in_progress', 'returned', 'under_review')`);
    await q.query(`CREATE INDEX ix_findings_open_due_id ON findings (due_date, finding_id) WHERE status = 'open'`);

    // Scorecard: one plan year of measures (the year is the measure id's prefix; plan-less measures too).
    await q.query(`CREATE INDEX ix_measure_states_year ON measure_states ((split_part(measure_id, '-', 1)), lead_department)`);
    await q.query(`CREATE INDEX ix_findings_year ON findings ((split_part(measure_id, '-', 1)), lead_department) WHERE status <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_findings_year',
      'ix_measure_states_year',
      'ix_findings_open_due_id',
      'ix_measure_states_open_due',
      'ix_measure_events_escalation_level',
      'ix_measure_events_escalations',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TABLE notifications`);
  }
}
