// The Temporal worker process: no HTTP server, only workflows and activities.
import { NativeConnection } from '@temporalio/worker';
import { createDataSource } from '@duban/db';
import { loadConfig, requireConnections, runCli } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';
import { createDubanWorker } from './worker';

runCli(async () => {
  const config = requireConnections(loadConfig());
  installWorkerLogging('WARN');
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createDubanWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataSource,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`duban worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
});
