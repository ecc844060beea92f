// The Temporal worker process: no HTTP server, only workflows and activities.
import { NativeConnection } from '@temporalio/worker';
import { AuditRepository, createDataSource } from '@duban/db';
import { loadConfig, requireConnections, runCli } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';
import { startAnchorTimer } from './anchor-timer';
import { createDubanWorker } from './worker';

runCli(async () => {
  const config = requireConnections(loadConfig());
  installWorkerLogging('WARN');
  const dataSource = createDataSource(config.databaseUrl, { poolSize: config.pgPoolSize });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createDubanWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataSource,
    poolSize: config.pgPoolSize,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`duban worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
  // Audit anchors (every stream's head, chained) every minute, off the command path.
  const audit = new AuditRepository(dataSource);
  const anchors = startAnchorTimer(() => audit.writeAnchor());
  try {
    await worker.run();
  } finally {
    await anchors.stop();
    await connection.close();
    await dataSource.destroy();
  }
});
