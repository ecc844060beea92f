import * as path from 'node:path';
import type { AppConfig } from '../config';
import { provisionTemporalCli } from '../provision/temporal-cli';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { startTemporalDevServer, type RunningDevServer } from './temporal-dev-server';

export interface StackOptions {
  dataDir: string;
  /** Keep Temporal's history in SQLite under dataDir (npm start) or in memory (tests). */
  persistTemporal: boolean;
  withUi: boolean;
}

export interface RunningStack {
  temporalAddress: string;
  temporalUiUrl?: string;
  /** The embedded Temporal dev server's process, when this stack started one. */
  temporalPid?: number;
  databaseUrl: string;
  /** Where the embedded PostgreSQL keeps its data (relocated when its user cannot reach dataDir). */
  postgresDataDir?: string;
  /** Stops what this stack started, newest first. */
  stop(): Promise<void>;
}

/**
 * Starts what the config does not point elsewhere: the Temporal dev server unless TEMPORAL_ADDRESS
 * is set, embedded PostgreSQL unless DATABASE_URL is set.
 */
export async function startStack(config: AppConfig, options: StackOptions): Promise<RunningStack> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let temporal: RunningDevServer | undefined;
    if (!config.temporalAddress) {
      temporal = await startTemporalDevServer(provisionTemporalCli(), {
        port: config.temporalPort,
        uiPort: options.withUi ? config.temporalUiPort : undefined,
        dbFile: options.persistTemporal ? path.join(options.dataDir, 'temporal.sqlite') : undefined,
        namespace: config.temporalNamespace,
        logFile: path.join(options.dataDir, 'temporal.log'),
      });
      stops.push(() => temporal!.stop());
    }
    let postgres: RunningPostgres | undefined;
    if (!config.databaseUrl) {
      postgres = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'postgres'), port: config.postgresPort, database: 'duban' });
      stops.push(() => postgres!.stop());
    }
    return {
      temporalAddress: config.temporalAddress ?? temporal!.address,
      temporalUiUrl: temporal?.uiUrl,
      temporalPid: temporal?.pid,
      databaseUrl: config.databaseUrl ?? postgres!.url,
      postgresDataDir: postgres?.dataDir,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
