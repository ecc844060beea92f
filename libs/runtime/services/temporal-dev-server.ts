import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';
import type { TemporalCli } from '../provision/temporal-cli';
import { startChild } from './child';
import { portIsOpen, waitFor } from './wait';

export interface DevServerOptions {
  port: number;
  /** Web UI port; undefined runs headless. */
  uiPort?: number;
  /** SQLite file for persistence; undefined keeps everything in memory (tests). */
  dbFile?: string;
  namespace: string;
  logFile?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  /** The server's process (absent when the SDK runs its own download). */
  pid?: number;
  stop(): Promise<void>;
}

/** Starts the Temporal CLI's dev server (real Temporal, SQLite persistence, Web UI). */
export async function startTemporalDevServer(cli: TemporalCli, options: DevServerOptions): Promise<RunningDevServer> {
  if (await portIsOpen(options.port)) {
    throw new PrerequisiteError(
      `port ${options.port} is already in use, so the embedded Temporal server cannot start: stop what holds it, set TEMPORAL_PORT, or set TEMPORAL_ADDRESS to use that server`,
    );
  }
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;

  if (cli.kind === 'sdk-download') return startWithSdkDownload(options, address, uiUrl);

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace];
  args.push('--log-level', 'warn');
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const log = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child = startChild('temporal', cli.path, args, { stdio: ['ignore', log, log] });
  let exitedEarly = false;
  child.process.once('exit', () => (exitedEarly = true));
  try {
    await waitFor('Temporal dev server', async () => {
      if (exitedEarly) throw new Error(`the Temporal dev server exited during start-up${options.logFile ? `; see ${options.logFile}` : ''}`);
      return portIsOpen(options.port);
    }, 60_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { address, uiUrl, pid: child.process.pid, stop: () => child.stop() };
}

/** Machines with internet and no Go: the SDK downloads and runs its own dev server build. */
async function startWithSdkDownload(options: DevServerOptions, address: string, uiUrl?: string): Promise<RunningDevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        ui: Boolean(options.uiPort),
        uiPort: options.uiPort,
        dbFilename: options.dbFile,
        namespace: options.namespace,
      },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  } catch (error) {
    throw new PrerequisiteError(
      'no Temporal CLI is available and the SDK could not download one: install Go 1.23+ so duban can build it, ' +
        `put a \`temporal\` binary on PATH, or set TEMPORAL_ADDRESS (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
