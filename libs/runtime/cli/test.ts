// `npm test`: type-check and lint, provision and start a private Temporal dev server and PostgreSQL
// (fresh data, free ports, so it never touches a running `npm start`), run Jest, stop everything.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDataSource, migrate } from '@duban/db';
import { seedFirstRun } from '../../../seeds/seed';
import { loadConfig } from '../config';
import { runCli } from '../errors';
import { repoRoot } from '../paths';
import { provisionTemporalCli } from '../provision/temporal-cli';
import { provisionTestServer } from '../provision/test-server';
import { startStack } from '../services/stack';
import { freePort } from '../services/wait';
import { buildWebUi, webBuildNeeded } from '../web-build';

function runStep(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot(), env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const bin = (pkg: string, file: string) => path.join(repoRoot(), 'node_modules', pkg, file);

/**
 * `npm run provision` as a child process, started before the static checks: on a new machine the
 * Go builds (the Temporal CLI and server) take minutes, and tsc and eslint leave a core to spare.
 * Its output is shown when it is waited for.
 */
function provisionInBackground(): { done: Promise<{ code: number; output: string }>; cancel(): void } {
  // Its own process group, so that a cancel reaches the Go and Maven builds it runs as well.
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'libs', 'runtime', 'cli', 'provision.js')], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number; output: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
  // A failed static check ends the run and stops the builds (a build cut off leaves at most a
  // staging folder beside the cache entry; only a whole install is ever renamed into place).
  const cancel = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return { done, cancel };
}

runCli(async () => {
  const jestArgs = process.argv.slice(2);
  const quick = jestArgs.length > 0; // a focused run (`npm test -- <pattern>`) skips the static checks
  const provisioning = provisionInBackground();
  const failed = () => {
    provisioning.cancel();
    return 1;
  };
  if (!quick) {
    if ((await runStep('type-check (tsc --noEmit)', process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit'])) !== 0) return failed();
    if ((await runStep('type-check web UI (tsc -p apps/web)', process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'apps/web/tsconfig.json', '--noEmit'])) !== 0) return failed();
    if ((await runStep('lint (eslint)', process.execPath, [bin('eslint', 'bin/eslint.js'), '.'])) !== 0) return failed();
    const responseSchemas = path.join(repoRoot(), 'tools', 'response-schemas.cjs');
    if ((await runStep('OpenAPI response schemas match the controllers', process.execPath, [responseSchemas, '--check'])) !== 0) return failed();
  }

  // The browser suites drive the built web UI (apps/web/dist): build it when missing or stale.
  // DUBAN_SKIP_WEB_BUILD=1: a focused run of suites that never open a browser leaves the bundle alone.
  const webReason = process.env.DUBAN_SKIP_WEB_BUILD === '1' ? undefined : webBuildNeeded();
  if (webReason) {
    console.log(`\n▶ building the web UI (${webReason})`);
    console.log(`  built web UI in ${buildWebUi().toFixed(1)} s`);
  }

  console.log('\n▶ provisioning Temporal and PostgreSQL');
  const provisioned = await provisioning.done;
  console.log(provisioned.output.trimEnd().replace(/^/gm, '  '));
  if (provisioned.code !== 0) return 1;
  provisionTemporalCli();
  const testServer = provisionTestServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-test-'));
  fs.chmodSync(scratch, 0o755); // PostgreSQL runs as its own user when we are root
  const base = loadConfig();
  const config = {
    ...base,
    temporalAddress: process.env.TEST_TEMPORAL_ADDRESS,
    databaseUrl: process.env.TEST_DATABASE_URL,
    temporalPort: await freePort(),
    postgresPort: await freePort(),
  };
  const stack = await startStack(config, { dataDir: scratch, persistTemporal: false, withUi: false });
  try {
    const dataSource = createDataSource(stack.databaseUrl);
    await dataSource.initialize();
    await migrate(dataSource);
    await seedFirstRun(dataSource);
    await dataSource.destroy();
    console.log(`  Temporal ${stack.temporalAddress} · PostgreSQL ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
    return await runStep('jest', process.execPath, [bin('jest', 'bin/jest.js'), '--ci', ...jestArgs], {
      ...process.env,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: config.temporalNamespace,
      DATABASE_URL: stack.databaseUrl,
      DUBAN_TEST_SERVER: testServer,
      DUBAN_JWT_SECRET: randomBytes(32).toString('base64url'),
      // Every suite signs in from 127.0.0.1 against one database (the fuzz pass fails thousands of
      // sign-ins): the per-address limit would stop them all. test/auth.test.ts checks that limit.
      DUBAN_SIGNIN_ADDRESS_FAILURES: '10000000',
    });
  } finally {
    await stack.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
