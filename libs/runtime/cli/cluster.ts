// `npm run cluster`: duban as it runs at a bureau — a real Temporal server on PostgreSQL (frontend,
// history, matching and worker as separate processes), two duban workers, two API processes and
// nginx in front of them. Data persists in <DUBAN_DATA_DIR>/cluster; Ctrl-C stops it all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_PASSWORD, demoLogins, demoWanted } from '../../../seeds/seed';
import { ConfigError, loadConfig } from '../config';
import { runCli } from '../errors';
import { dataDir } from '../paths';
import { provisionTemporalServer, TEMPORAL_SERVER_VERSION } from '../provision/temporal-server';
import { startDubanCluster, type RunningDubanCluster } from '../services/duban-cluster';
import { startEmbeddedPostgres, type RunningPostgres } from '../services/embedded-postgres';
import { acquireInstanceLock } from '../services/instance-lock';
import { embeddedJwtSecret } from '../services/jwt-secret';
import { defaultClusterPorts } from '../services/temporal-cluster';
import { buildWebUi, webBuildNeeded } from '../web-build';
import { initialAdminNote, prepareDatabase } from './prepare-database';

const WORKERS = 2;
const APIS = 2;

runCli(async () => {
  const started = Date.now();
  const config = loadConfig();
  if (config.temporalAddress) {
    throw new ConfigError('invalid configuration: TEMPORAL_ADDRESS is set, but `npm run cluster` runs its own Temporal cluster; unset it (or use `npm start`, which uses that server)');
  }
  const webReason = webBuildNeeded();
  if (webReason) {
    console.log(`duban: building the web UI (${webReason})…`);
    console.log(`duban: built web UI in ${buildWebUi().toFixed(1)} s`);
  }
  const dir = path.join(dataDir(), 'cluster');
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = acquireInstanceLock(dir);

  let postgres: RunningPostgres | undefined;
  let cluster: RunningDubanCluster | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number) => {
    stopping ??= (async () => {
      console.log('\nduban: stopping the cluster…');
      await cluster?.stop();
      await postgres?.stop();
      releaseLock();
      console.log('duban: stopped');
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown(0)).on('SIGTERM', () => void shutdown(0));

  try {
    const temporal = provisionTemporalServer();
    if (!config.databaseUrl) postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: config.postgresPort, database: 'duban' });
    const databaseUrl = config.databaseUrl ?? postgres!.url;
    const demo = demoWanted();
    let seedNote: string[] = [];
    const apiPorts = Array.from({ length: APIS }, (_, i) => config.apiPort + 1 + i);
    cluster = await startDubanCluster({
      dir,
      databaseUrl,
      temporal,
      temporalOptions: {
        historyShards: config.temporalHistoryShards,
        namespace: config.temporalNamespace,
        retentionDays: config.temporalRetentionDays,
        ports: defaultClusterPorts(config.temporalPort),
      },
      workers: WORKERS,
      apiPorts,
      listenPort: config.apiPort,
      env: {
        DUBAN_JWT_SECRET: config.jwtSecret ?? embeddedJwtSecret(dir),
        TEMPORAL_NAMESPACE: config.temporalNamespace,
        DUBAN_PUBLIC_URL: config.publicUrl,
      },
      prepare: async (temporalAddress) => {
        const admin = await prepareDatabase(databaseUrl, temporalAddress, config, { demo, dataDir: dir });
        seedNote = demo
          ? [`  Demo logins (sample data, password ${DEMO_PASSWORD}):`, ...demoLogins().map((u) => `    ${u.username.padEnd(16)} ${u.role.padEnd(16)} ${u.displayName}`)]
          : initialAdminNote(admin);
      },
      onUnexpectedExit: (name, code) => {
        console.error(`duban: ${name} exited (code ${code}); stopping everything (its log: ${path.join(dir, 'logs', `${name}.log`)})`);
        void shutdown(1);
      },
    });
    console.log(
      [
        '',
        `duban cluster is ready (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        `  Web UI / API  ${cluster.url}/   (nginx → API processes on ${apiPorts.map((p) => `127.0.0.1:${p}`).join(', ')})`,
        `  Temporal      ${cluster.temporalAddress}: server ${TEMPORAL_SERVER_VERSION} (${temporal.kind}), frontend · history · matching · worker as processes, ${config.temporalHistoryShards} history shards`,
        `  Workers       ${WORKERS} duban workers on task queue ${config.taskQueue}`,
        config.databaseUrl ? '  PostgreSQL    DATABASE_URL (and its databases temporal, temporal_visibility)' : `  PostgreSQL    embedded, data in ${postgres!.dataDir}`,
        `  Logs          ${path.join(dir, 'logs')}, ${path.join(dir, 'temporal')}`,
        ...seedNote,
        '  Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (stopping) await new Promise(() => undefined);
    await cluster?.stop();
    await postgres?.stop();
    releaseLock();
    throw error;
  }
  await new Promise(() => undefined);
});
