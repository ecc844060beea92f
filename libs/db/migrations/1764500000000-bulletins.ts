import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办通报 issues. bulletin_series holds each plan year's 文号 prefix, issuing unit and the last 期号
 * given: a draft takes the next number under that row's lock, in the transaction that stores it, so
 * concurrent drafts get distinct numbers and a refused draft leaves no gap. bulletins keeps each
 * issue's frozen figures and summary; once signed (签发) a row can no longer change or go.
 */
export class Bulletins1764500000000 implements MigrationInterface {
  name = 'Bulletins1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletin_series (
        plan_year   integer PRIMARY KEY,
        prefix      text NOT NULL,
        issuer      text NOT NULL,
        last_number integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
        updated_by  text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE bulletins (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan_year       integer NOT NULL,
        month           text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        issue           integer NOT NULL CHECK (issue > 0),
        document_number text NOT NULL,
        issuer          text NOT NULL,
        plan_title      text NOT NULL,
        title           text NOT NULL,
        figures         jsonb NOT NULL,
        summary         text NOT NULL,
        status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
        drafted_by      text NOT NULL,
        drafted_at      timestamptz NOT NULL DEFAULT now(),
        edited_by       text,
        edited_at       timestamptz,
        signed_by       text,
        signed_by_name  text,
        signed_on       date,
        signed_at       timestamptz,
        CONSTRAINT uq_bulletins_issue UNIQUE (plan_year, issue),
        CONSTRAINT uq_bulletins_month UNIQUE (plan_year, month),
        CONSTRAINT ck_bulletins_signed CHECK ((status = 'signed') = (signed_by IS NOT NULL AND signed_on IS NOT NULL AND signed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE FUNCTION bulletins_signed_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'bulletin % is signed and final', OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'bulletins are never deleted (期号 without gaps)';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER bulletins_final BEFORE UPDATE OR DELETE ON bulletins
      FOR EACH ROW EXECUTE FUNCTION bulletins_signed_final()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bulletins');
    await q.query('DROP FUNCTION bulletins_signed_final');
    await q.query('DROP TABLE bulletin_series');
  }
}
