import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One command of a measure in flight at a time, across API processes: a lease per measure, taken
 * before an Update is sent and given back once it is answered (or running out at its deadline, should
 * the process die). Not part of the record: rows live only while a command is in flight (and a
 * moment after, see MeasureRepository.underCommandLock), so the
 * table is UNLOGGED — taking and giving back a lease writes no WAL and waits for no disk flush (two
 * of them per command otherwise), and a crash of PostgreSQL only empties it.
 */
export class CommandLeases1764338400000 implements MigrationInterface {
  name = 'CommandLeases1764338400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE command_leases (
        measure_id text PRIMARY KEY,
        holder     text NOT NULL,
        until      timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE command_leases');
  }
}
