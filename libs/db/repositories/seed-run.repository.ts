import type { DataSource } from 'typeorm';

/** Remembers which one-time seeds ran, so `npm start` seeds on first run and never again. */
export class SeedRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hasRun(name: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM seed_runs WHERE name = $1', [name]);
    return rows.length > 0;
  }

  async markRun(name: string): Promise<void> {
    await this.dataSource.query('INSERT INTO seed_runs (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
  }
}
