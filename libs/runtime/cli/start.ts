// `npm start`: the whole system on embedded defaults (or external services named in the env).
import * as path from 'node:path';
import { createDataSource, migrate, PlanRepository } from '@duban/db';
import { closeClient, connectClient, startMeasureWorkflows } from '@duban/temporal';
import { DEMO_PASSWORD, demoLogins, seedFirstRun } from '../../../seeds/seed';
import { loadConfig, type AppConfig } from '../config';
import { runCli } from '../errors';
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
  const stack = await startStack(config, { dataDir: dir, persistTemporal: true, withUi: true }).catch((error: unknown) => {
    releaseLock();
    throw error;
  });

  const children: ManagedChild[] = [];
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
    await prepareDatabase(stack.databaseUrl, stack.temporalAddress, config);
    const env = {
      ...process.env,
      DUBAN_JWT_SECRET: config.jwtSecret ?? embeddedJwtSecret(dir),
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: config.temporalNamespace,
      DATABASE_URL: stack.databaseUrl,
      PORT: String(config.apiPort),
    };
    for (const app of ['worker', 'api'] as const) {
      const child = startChild(app, process.execPath, [path.join(repoRoot(), 'dist', 'apps', app, 'main.js')], { env, stdio: 'inherit' });
      child.process.once('exit', (code) => {
        if (!stopping) {
          console.error(`duban: the ${app} process exited (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
      children.push(child);
    }
    await waitForApi(config);
  } catch (error) {
    if (!stopping) {
      for (const child of children.reverse()) await child.stop();
      await stack.stop();
      releaseLock();
    }
    throw error;
  }
  printReady(config, stack.temporalUiUrl, Date.now() - started);
  await new Promise(() => undefined); // run until a signal arrives
});

/** Migrations, then the sample organization and the 2022 plan (with its workflows) on first run only. */
async function prepareDatabase(url: string, temporalAddress: string, config: AppConfig): Promise<void> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    if (applied.length) console.log(`duban: applied migrations ${applied.join(', ')}`);
    const seeded = await seedFirstRun(dataSource);
    if (seeded) {
      const { counts } = seeded.plan;
      console.log(
        `duban: seeded the sample organization (${seeded.departments} departments, ${seeded.users} users) and the ${seeded.plan.year} plan ` +
          `(${counts.targets} targets, ${counts.sections} sections, ${counts.measures} measures)`,
      );
      const client = await connectClient({ address: temporalAddress, namespace: config.temporalNamespace });
      try {
        const started = await startMeasureWorkflows(client, config.taskQueue, await new PlanRepository(dataSource).measuresToStart(seeded.plan.year));
        console.log(`duban: started ${started} measure workflows`);
      } finally {
        await closeClient(client);
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

async function waitForApi(config: AppConfig): Promise<void> {
  const url = `http://127.0.0.1:${config.apiPort}/health`;
  await waitFor('duban API', async () => {
    try {
      return (await fetch(url)).ok;
    } catch {
      return false;
    }
  }, 120_000);
}

function printReady(config: AppConfig, temporalUiUrl: string | undefined, elapsedMs: number): void {
  const lines = [
    '',
    `duban is ready (${(elapsedMs / 1000).toFixed(1)} s)`,
    `  Web UI       http://127.0.0.1:${config.apiPort}/`,
    `  API          http://127.0.0.1:${config.apiPort}   (health: /health)`,
    temporalUiUrl ? `  Temporal UI  ${temporalUiUrl}` : `  Temporal     ${config.temporalAddress} (namespace ${config.temporalNamespace})`,
    config.databaseUrl ? '  PostgreSQL   DATABASE_URL' : `  PostgreSQL   embedded, data in ${path.join(dataDir(), 'postgres')}`,
    `  Demo logins (sample data, password ${DEMO_PASSWORD}):`,
    ...demoLogins().map((u) => `    ${u.username.padEnd(16)} ${u.role.padEnd(16)} ${u.displayName}`),
    '  Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}
