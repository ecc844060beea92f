// `npm run fuzz`: the whole API fuzzed from its own OpenAPI document with schemathesis, against a
// private stack on this machine (free ports, throw-away data, like `npm run bench`). One pass per
// role (admin, department head, staff, supervisor), over measures prepared in every state. Every
// 5xx, and every status, content type or body the document does not describe, is a failure; the
// run exits non-zero on any. Reports: test/artifacts/fuzz/.
//   FUZZ_EXAMPLES  examples per operation in the fuzzing phase (default 100)
//   FUZZ_SEED      schemathesis' seed (default fixed, so a run is repeatable)
//   FUZZ_PASSES    comma-separated subset of admin,head,staff,supervisor
//   FUZZ_SERVE=1   prepare the stack and data, print the URL and tokens, and serve until Ctrl-C
//                  (to replay a failure from the pytest file in the report by hand)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { createDataSource, migrate } from '@duban/db';
import { freePort, loadConfig, repoRoot, runCli } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';
import { startStack } from '../../libs/runtime/services/stack';
import { createApiApp } from '../../apps/api/create-app';
import { ApiConfig } from '../../apps/api/infra/api-config';
import { createDubanWorker } from '../../apps/worker/worker';
import { seedFirstRun } from '../../seeds/seed';
import { FUZZ_USERS, prepareFuzzData, signIn } from './fixtures';
import { provisionSchemathesis, runSchemathesis, SCHEMATHESIS_VERSION, type FuzzResult } from './schemathesis';

const EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20220101);
const PASSES = (process.env.FUZZ_PASSES ?? 'admin,head,staff,supervisor').split(',').map((p) => p.trim()) as Array<keyof typeof FUZZ_USERS>;

// Ctrl-C / SIGTERM: stop the current pass, skip the rest, and still stop the stack in order. Nest's
// shutdown hook and the Temporal worker answer the signal too (closing the app, draining the
// worker) and Nest re-raises it: these listeners stay, so it lands here rather than kill the process.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop.abort());

runCli(async () => {
  for (const pass of PASSES) if (!(pass in FUZZ_USERS)) throw new Error(`FUZZ_PASSES: unknown pass ${pass} (admin, head, staff, supervisor)`);
  const python = provisionSchemathesis();
  installWorkerLogging('ERROR');
  const reportRoot = path.join(repoRoot(), 'test', 'artifacts', 'fuzz');
  fs.rmSync(reportRoot, { recursive: true, force: true });
  fs.mkdirSync(reportRoot, { recursive: true });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-fuzz-'));
  fs.chmodSync(scratch, 0o755); // PostgreSQL runs as its own user when we are root
  const base = loadConfig({});
  const config = { ...base, temporalPort: await freePort(), postgresPort: await freePort() };
  const stack = await startStack(config, { dataDir: scratch, persistTemporal: false, withUi: false });
  const dataSource = createDataSource(stack.databaseUrl);
  let stopApp = async () => undefined as void;
  const quietly = async (step: () => unknown) => {
    try {
      await step();
    } catch {
      // already stopped by the signal that ends the run
    }
  };
  try {
    await dataSource.initialize();
    await migrate(dataSource);
    await seedFirstRun(dataSource);
    const taskQueue = 'fuzz-duban';
    const connection = await NativeConnection.connect({ address: stack.temporalAddress });
    const worker = await createDubanWorker({ connection, namespace: config.temporalNamespace, taskQueue, dataSource });
    const workerRun = worker.run();
    const app = await createApiApp(
      new ApiConfig({ ...base, temporalAddress: stack.temporalAddress, databaseUrl: stack.databaseUrl, taskQueue, jwtSecret: randomBytes(32).toString('base64url') }),
    );
    stopApp = async () => {
      await quietly(() => app.close());
      await quietly(() => worker.shutdown());
      await quietly(() => workerRun);
      await quietly(() => connection.close());
    };
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

    const tokens = {} as Record<keyof typeof FUZZ_USERS, string>;
    for (const [role, username] of Object.entries(FUZZ_USERS) as Array<[keyof typeof FUZZ_USERS, string]>) tokens[role] = await signIn(baseUrl, username);
    const data = await prepareFuzzData(baseUrl, tokens);
    fs.writeFileSync(path.join(reportRoot, 'openapi.json'), await (await fetch(`${baseUrl}/docs-json`)).text());

    if (process.env.FUZZ_SERVE) {
      console.log(`duban fuzz: serving ${baseUrl} (Ctrl-C stops)`);
      for (const [role, token] of Object.entries(tokens)) console.log(`  ${role} (${FUZZ_USERS[role as keyof typeof FUZZ_USERS]}): ${token}`);
      console.log(`  measures: ${data.measureIds.join(' ')}`);
      await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
      return 0;
    }

    console.log(`duban fuzz: schemathesis ${SCHEMATHESIS_VERSION} against ${baseUrl} (≤ ${EXAMPLES} examples per operation, seed ${SEED})`);
    const results: Array<FuzzResult & { seconds: number }> = [];
    for (const pass of PASSES) {
      if (stop.signal.aborted) break;
      console.log(`\n▶ pass "${pass}" (signed in as ${FUZZ_USERS[pass]})`);
      const started = Date.now();
      const result = await runSchemathesis(python, {
        label: pass,
        baseUrl,
        token: tokens[pass],
        maxExamples: EXAMPLES,
        seed: SEED,
        reportDir: path.join(reportRoot, pass),
        data,
        // Signing out would end the pass's own session: every later request would be a (documented) 401.
        excludeOperations: ['^/auth/logout$'],
        echo: true,
        signal: stop.signal,
      });
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`  ${pass}: exit ${result.exitCode}, ${result.generated} requests in ${seconds} s`);
      results.push({ ...result, seconds });
    }

    const failed = results.filter((r) => r.exitCode !== 0);
    const report = {
      ranAt: new Date().toISOString(),
      schemathesis: SCHEMATHESIS_VERSION,
      examplesPerOperation: EXAMPLES,
      seed: SEED,
      generated: results.reduce((n, r) => n + r.generated, 0),
      result: failed.length === 0 ? 'passed' : 'failed',
      passes: results.map((r) => ({ label: r.label, user: FUZZ_USERS[r.label as keyof typeof FUZZ_USERS], exitCode: r.exitCode, generated: r.generated, seconds: r.seconds, command: r.command })),
    };
    fs.writeFileSync(path.join(reportRoot, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    const summary = results.map((r) => `${r.label} ${r.generated}${r.exitCode === 0 ? '' : ' FAILED'}`).join(', ');
    console.log(`\nduban fuzz: ${report.generated} requests (${summary}) — ${failed.length === 0 ? 'no failures' : 'FAILURES'}; report in test/artifacts/fuzz/`);
    if (stop.signal.aborted) console.log('duban fuzz: interrupted');
    return failed.length === 0 && !stop.signal.aborted ? 0 : 1;
  } finally {
    await stopApp();
    await quietly(() => dataSource.isInitialized && dataSource.destroy());
    await quietly(() => stack.stop());
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
