// The real services `npm test` started for this run, named in the environment.
import { randomUUID } from 'node:crypto';
import { beijingDate } from '@duban/domain';

export interface TestServices {
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  testServerPath: string;
}

export function testServices(): TestServices {
  const { TEMPORAL_ADDRESS, DATABASE_URL, DUBAN_TEST_SERVER } = process.env;
  if (!TEMPORAL_ADDRESS || !DATABASE_URL || !DUBAN_TEST_SERVER) {
    throw new Error('integration suites need the services `npm test` starts: run them with `npm test -- <pattern>`');
  }
  return {
    temporalAddress: TEMPORAL_ADDRESS,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    databaseUrl: DATABASE_URL,
    testServerPath: DUBAN_TEST_SERVER,
  };
}

/** A task queue of its own per suite, so suites never steal each other's tasks. */
export function uniqueTaskQueue(suite: string): string {
  return `test-${suite}-${randomUUID().slice(0, 8)}`;
}

let counter = 0;
/** A measure code no other test uses (one fresh workflow id per test). */
export function uniqueMeasureCode(): string {
  counter += 1;
  return `${Date.now() % 1_000_000_000}.${process.pid}.${counter}`;
}

/** The Beijing calendar date `days` days from now (YYYY-MM-DD), so fixed dates never drift into the past. */
export function daysFromNow(days: number): string {
  // The Beijing date, as duban reckons "today" (from 16:00 UTC on, the UTC date is a day behind).
  return beijingDate(Date.now() + days * 86_400_000);
}

/**
 * A measure of a test plan (2026, chapter 九十九), suggested for `department` — the plan's word on
 * whose head may 交办 it. Written straight into the plan tables, as an import would; returns its id.
 */
export async function addPlanMeasure(dataSource: { query(sql: string, params?: unknown[]): Promise<unknown> }, department: string | null, year = 2026): Promise<string> {
  const code = uniqueMeasureCode();
  await dataSource.query(`INSERT INTO plans (year, title) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [year, `${year}年测试工作要点`]);
  await dataSource.query(`INSERT INTO plan_chapters (year, code, title, position) VALUES ($1, '99', '测试章', 99) ON CONFLICT DO NOTHING`, [year]);
  await dataSource.query(`INSERT INTO plan_sections (year, code, chapter_code, title, position) VALUES ($1, '99.1', '99', '测试节', 1) ON CONFLICT DO NOTHING`, [year]);
  await dataSource.query(
    `INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code) VALUES ($1, $2, $3, '99.1', $4, $4, 1000, $5)`,
    [`${year}-${code}`, year, code, `测试事项 ${code}`, department],
  );
  return `${year}-${code}`;
}
