// The bare baseline's worker, a process of its own like the duban worker (apps/worker/main): only
// bench/bare.workflow — no activities, no database. Env: TEMPORAL_ADDRESS, DUBAN_TASK_QUEUE.
import * as path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, runCli } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';

runCli(async () => {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS must be set');
  installWorkerLogging('WARN');
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowsPath: path.join(__dirname, `bare.workflow${path.extname(__filename)}`),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`bare worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
});
