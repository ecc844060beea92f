import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who leads a measure as the plan document says it (（大气处牵头，执法支队配合）, 牵头单位：…):
 * the names as written, kept even when no department matches them, and the co-operating
 * departments that did match (the assignment's default 协办处室). The matched lead itself is the
 * existing suggested_department_code.
 */
export class PlanLeadText1764360000000 implements MigrationInterface {
  name = 'PlanLeadText1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measures
        ADD COLUMN lead_text                      text,
        ADD COLUMN co_text                        text,
        ADD COLUMN suggested_co_department_codes  text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measures DROP COLUMN lead_text, DROP COLUMN co_text, DROP COLUMN suggested_co_department_codes`);
  }
}
