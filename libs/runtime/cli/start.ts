// `npm start`: the whole system on embedded defaults (or external services named in the env).
import * as path from 'node:path';
import { DEMO_PASSWORD, demoLogins, demoWanted } from '../../../seeds/seed';
import { apiReachableHost, loadConfig, type AppConfig } from '../config';
import { runCli } from '../errors';
import { initialAdminNote, prepareDatabase } from './prepare-database';
import { dataDir, repoRoot } from '../paths';
import { startChild, type ManagedChild } from '../services/child';
import { acquireInstanceLock } from '../services/instance-lock';
import { embeddedJwtSecret } from '../services/jwt-secret';
import { startStack } from '../services/stack';
import { waitFor } from '../services/wait';
import { buildWebUi, webBuildNeeded } from '../web-build';

runCli(async () => {
  const started = Date.now();
  const config = loadConfig();

  // ── web UI: build apps/web into apps/web/dist when it is missing or older than its sources ──
  const webReason = webBuildNeeded();
  if (webReason) {
    console.log(`duban: building the web UI (${webReason})…`);
    console.log(`duban: built web UI in ${buildWebUi().toFixed(1)} s`);
  }

  const dir = dataDir();
  const releaseLock = acquireInstanceLock(dir);
  // A Ctrl-C while Temporal and PostgreSQL start: stop what started, free the lock, exit quietly.
  const starting = startStack(config, { dataDir: dir, persistTemporal: true, withUi: true });
  let interrupted = false;
  const interruptStart = () => {
    if (interrupted) return;
    interrupted = true;
    console.log('\nduban: stopping…');
    void starting
      .then((s) => s.stop(), () => undefined)
      .finally(() => {
        releaseLock();
        console.log('duban: stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', interruptStart).on('SIGTERM', interruptStart);
  const stack = await starting.catch((error: unknown) => {
    if (interrupted) return new Promise<never>(() => undefined);
    releaseLock();
    throw error;
  });
  if (interrupted) await new Promise(() => undefined);
  process.off('SIGINT', interruptStart).off('SIGTERM', interruptStart);

  const children: ManagedChild[] = [];
  let seedNote: string[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number) => {
    stopping ??= (async () => {
      console.log('\nduban: stopping…');
      for (const child of children.reverse()) await child.stop();
      await stack.stop();
      releaseLock();
      console.log('duban: stopped');
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const demo = demoWanted();
    const initialAdmin = await prepareDatabase(stack.databaseUrl, stack.temporalAddress, config, { demo, dataDir: dir });
    const env = {
      ...process.env,
      DUBAN_JWT_SECRET: config.jwtSecret ?? embeddedJwtSecret(dir),
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: config.temporalNamespace,
      DATABASE_URL: stack.databaseUrl,
      PORT: String(config.apiPort),
    };
    for (const app of ['worker', 'api'] as const) {
      const child = startChild(app, process.execPath, [path.join(repoRoot(), 'dist', 'apps', app, 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.process.once('exit', (code) => {
        if (!stopping) {
          console.error(`duban: the ${app} process exited (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
      children.push(child);
    }
    await waitForApi(config);
    seedNote = demo
      ? [`  Demo logins (sample data, password ${DEMO_PASSWORD}):`, ...demoLogins().map((u) => `    ${u.username.padEnd(16)} ${u.role.padEnd(16)} ${u.displayName}`)]
      : initialAdminNote(initialAdmin);
  } catch (error) {
    // Interrupted mid-start (Ctrl-C): what failed was cut short on purpose; shutdown exits quietly.
    if (stopping) await new Promise(() => undefined);
    if (!stopping) {
      for (const child of children.reverse()) await child.stop();
      await stack.stop();
      releaseLock();
    }
    throw error;
  }
  printReady(config, stack.temporalUiUrl, Date.now() - started, seedNote, stack.postgresDataDir);
  await new Promise(() => undefined); // run until a signal arrives
});

async function waitForApi(config: AppConfig): Promise<void> {
  const url = `http://${apiReachableHost(config)}:${config.apiPort}/health`;
  await waitFor('duban API', async () => {
    try {
      return (await fetch(url)).ok;
    } catch {
      return false;
    }
  }, 120_000);
}

function printReady(config: AppConfig, temporalUiUrl: string | undefined, elapsedMs: number, seedNote: string[], postgresDataDir?: string): void {
  const lines = [
    '',
    `duban is ready (${(elapsedMs / 1000).toFixed(1)} s)`,
    `  Web UI       http://${apiReachableHost(config)}:${config.apiPort}/`,
    `  API          http://${apiReachableHost(config)}:${config.apiPort}   (health: /health)`,
    temporalUiUrl ? `  Temporal UI  ${temporalUiUrl}` : `  Temporal     ${config.temporalAddress} (namespace ${config.temporalNamespace})`,
    config.databaseUrl ? '  PostgreSQL   DATABASE_URL' : `  PostgreSQL   embedded, data in ${postgresDataDir ?? path.join(dataDir(), 'postgres')}`,
    ...seedNote,
    '  Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}
