// The real services `npm test` started for this run, named in the environment.
import { randomUUID } from 'node:crypto';

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

/** A calendar date `days` days from now (YYYY-MM-DD), so fixed dates never drift into the past. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
