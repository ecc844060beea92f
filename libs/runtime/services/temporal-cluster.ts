// A real Temporal server on PostgreSQL: its four services (frontend, history, matching, worker) as
// separate processes of the pinned server build, with their schemas set up by the server's own SQL
// tool from its own versioned schema files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { PrerequisiteError } from '../errors';
import { run, tail } from '../provision/process';
import type { TemporalServerBinaries } from '../provision/temporal-server';
import { startChild, type ManagedChild } from './child';
import { portIsOpen, sleep, waitFor } from './wait';

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ServicePorts {
  grpc: number;
  membership: number;
}

export interface TemporalClusterOptions {
  /** Where the generated config and the services' logs go. */
  dir: string;
  /** A PostgreSQL server: its `temporal` and `temporal_visibility` databases are created if missing. */
  postgresUrl: string;
  /** Fixed for the life of the persistence database: Temporal cannot change it later. */
  historyShards: number;
  namespace: string;
  /** Days Temporal keeps a closed workflow's history in the namespace created at first start. */
  retentionDays: number;
  ports: Record<TemporalService, ServicePorts> & { frontendHttp: number };
}

export interface RunningTemporalCluster {
  /** The frontend, where clients and workers connect. */
  address: string;
  /** SIGKILLs one service process (no goodbye: the chaos suite's fault). */
  kill(service: TemporalService): Promise<void>;
  /** Starts a service that is not running and waits until it listens. */
  start(service: TemporalService): Promise<void>;
  /** Process ids of the services running now (for per-process CPU figures). */
  pids(): Partial<Record<TemporalService, number>>;
  stop(): Promise<void>;
}

/** Temporal keeps membership ports in a smallint column. */
const MAX_MEMBERSHIP_PORT = 32_767;

export const PERSISTENCE_DATABASE = 'temporal';
export const VISIBILITY_DATABASE = 'temporal_visibility';

/** The ports of a cluster whose frontend is at `frontend`: Temporal's own layout (7233 → 7234, 7235, 7239). */
export function defaultClusterPorts(frontend: number): TemporalClusterOptions['ports'] {
  const at = (offset: number): ServicePorts => ({ grpc: frontend + offset, membership: frontend - 300 + offset });
  return { frontend: at(0), history: at(1), matching: at(2), worker: at(6), frontendHttp: frontend + 10 };
}

interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

function pgTarget(url: string): PgTarget {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** The server's config file (JSON is YAML): generated from duban's validated settings, readable by its owner only. */
export function temporalClusterConfig(options: TemporalClusterOptions): Record<string, unknown> {
  const pg = pgTarget(options.postgresUrl);
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${pg.host}:${pg.port}`,
      connectProtocol: 'tcp',
      user: pg.user,
      password: pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (service: TemporalService) => ({
    rpc: {
      grpcPort: options.ports[service].grpc,
      membershipPort: options.ports[service].membership,
      bindOnLocalHost: true,
      ...(service === 'frontend' ? { httpPort: options.ports.frontendHttp } : {}),
    },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: options.historyShards,
      datastores: { default: store(PERSISTENCE_DATABASE, 20), visibility: store(VISIBILITY_DATABASE, 10) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(TEMPORAL_SERVICES.map((s) => [s, rpc(s)])),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${options.ports.frontend.grpc}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: path.join(options.dir, 'config', 'dynamicconfig.yaml'), pollInterval: '60s' },
  };
}

/** Creates the two databases when missing, sets up a new schema, and applies newer schema versions. */
export async function setupTemporalSchemas(bin: TemporalServerBinaries, postgresUrl: string): Promise<void> {
  const pg = pgTarget(postgresUrl);
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (const [database, versioned] of [
      [PERSISTENCE_DATABASE, bin.schemaDir.persistence],
      [VISIBILITY_DATABASE, bin.schemaDir.visibility],
    ] as const) {
      const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
      if (!exists) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
      const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--db', database];
      // The password goes by the environment (SQL_PASSWORD), never on a command line others can read.
      const env = { ...process.env, SQL_PASSWORD: pg.password };
      if (!(await hasSchemaVersion(postgresUrl, database))) {
        const setup = run(bin.sqlTool, [...base, 'setup-schema', '-v', '0.0'], { env });
        if (!setup.ok) throw new PrerequisiteError(`temporal-sql-tool could not set up the schema of ${database}:\n${tail(setup.output)}`);
      }
      const update = run(bin.sqlTool, [...base, 'update-schema', '-d', versioned], { env });
      if (!update.ok) throw new PrerequisiteError(`temporal-sql-tool could not update the schema of ${database}:\n${tail(update.output)}`);
    }
  } finally {
    await admin.end();
  }
}

async function hasSchemaVersion(postgresUrl: string, database: string): Promise<boolean> {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'`)).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Writes the config, sets up the schemas and starts the four services; resolves once the namespace answers. */
export async function startTemporalCluster(
  bin: TemporalServerBinaries,
  options: TemporalClusterOptions,
  /** A service that dies on its own (not by kill() or stop()). */
  onUnexpectedExit?: (service: TemporalService, code: number | null) => void,
): Promise<RunningTemporalCluster> {
  for (const service of TEMPORAL_SERVICES) {
    if (options.ports[service].membership > MAX_MEMBERSHIP_PORT) {
      throw new PrerequisiteError(
        `Temporal ${service}'s membership port ${options.ports[service].membership} is above ${MAX_MEMBERSHIP_PORT} (the server stores it as a smallint): set TEMPORAL_PORT to at most ${MAX_MEMBERSHIP_PORT + 300 - 6}`,
      );
    }
    if (await portIsOpen(options.ports[service].grpc)) {
      throw new PrerequisiteError(`port ${options.ports[service].grpc} (Temporal ${service}) is already in use: stop what holds it or set TEMPORAL_PORT to another base port`);
    }
  }
  const configDir = path.join(options.dir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'cluster.yaml'), `${JSON.stringify(temporalClusterConfig(options), null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(path.join(configDir, 'cluster.yaml'), 0o600);
  fs.writeFileSync(path.join(configDir, 'dynamicconfig.yaml'), '{}\n');
  await setupTemporalSchemas(bin, options.postgresUrl);

  const children = new Map<TemporalService, ManagedChild>();
  const killed = new Set<TemporalService>();
  let stopping = false;
  const start = async (service: TemporalService) => {
    const running = children.get(service);
    if (running && running.process.exitCode === null && running.process.signalCode === null) return;
    const log = fs.openSync(path.join(options.dir, `${service}.log`), 'a');
    const child = startChild(`temporal ${service}`, bin.server, ['--root', options.dir, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start', '--service', service], {
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    children.set(service, child);
    killed.delete(service);
    let exited = false;
    let ready = false;
    child.process.once('exit', (code) => {
      exited = true;
      if (ready && !stopping && !killed.has(service)) onUnexpectedExit?.(service, code);
    });
    await waitFor(`Temporal ${service}`, async () => {
      if (exited) {
        throw new PrerequisiteError(
          `the Temporal ${service} service exited during start-up (a port in use, PostgreSQL refusing it, or a changed DUBAN_TEMPORAL_HISTORY_SHARDS); see ${path.join(options.dir, `${service}.log`)}`,
        );
      }
      // Temporal's own worker service serves no gRPC: it is up once it listens for its membership ring.
      return portIsOpen(service === 'worker' ? options.ports.worker.membership : options.ports[service].grpc);
    }, 120_000);
    ready = true;
  };
  const stop = async () => {
    stopping = true;
    for (const service of [...TEMPORAL_SERVICES].reverse()) await children.get(service)?.stop();
  };
  try {
    // History first (it owns the shards), then matching, the frontend, and Temporal's own worker.
    for (const service of ['history', 'matching', 'frontend', 'worker'] as const) await start(service);
    await ensureNamespace(`127.0.0.1:${options.ports.frontend.grpc}`, options.namespace, options.retentionDays);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: `127.0.0.1:${options.ports.frontend.grpc}`,
    start,
    pids: () => Object.fromEntries([...children].filter(([, c]) => c.process.exitCode === null && c.process.signalCode === null).map(([name, c]) => [name, c.process.pid!])),
    async kill(service) {
      const child = children.get(service);
      if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
      killed.add(service);
      await child.kill();
    },
    stop,
  };
}

/** Registers the namespace on first start (a real server has none but its own), then waits until it serves. */
async function ensureNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const { msNumberToTs } = await import('@temporalio/common');
  const connection = await Connection.connect({ address, connectTimeout: '10 seconds' });
  try {
    const service = connection.workflowService;
    const deadline = Date.now() + 120_000;
    const known = async (): Promise<boolean> => {
      for (;;) {
        try {
          await service.describeNamespace({ namespace });
          return true;
        } catch (error) {
          const code = (error as { code?: number }).code;
          if (code === 5) return false; // NOT_FOUND
          // UNAVAILABLE, DEADLINE_EXCEEDED: the services are still joining their ring.
          if ((code !== 14 && code !== 4) || Date.now() > deadline) throw error;
          await sleep(500);
        }
      }
    };
    let registered = await known();
    while (!registered) {
      try {
        await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msNumberToTs(retentionDays * 86_400_000) });
      } catch (error) {
        const code = (error as { code?: number }).code;
        // ALREADY_EXISTS: a parallel start won; UNAVAILABLE, DEADLINE_EXCEEDED: the services are still joining their ring.
        if (code !== 6 && code !== 14 && code !== 4) throw error;
        if (code !== 6) {
          if (Date.now() > deadline) throw error;
          await sleep(500);
          continue;
        }
      }
      registered = true;
    }
    // The frontend and history learn of a new namespace on their next cache refresh (every 2 s).
    await waitFor(`the Temporal namespace ${namespace}`, async () => {
      try {
        await service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1 });
        return true;
      } catch {
        return false;
      }
    }, 60_000);
  } finally {
    await connection.close();
  }
}
