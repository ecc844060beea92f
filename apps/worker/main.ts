// The Temporal worker process: no HTTP server, only workflows and activities.
import { NativeConnection } from '@temporalio/worker';
import { AuditRepository, createDataSource } from '@duban/db';
import { loadConfig, requireConnections, runCli } from '@duban/runtime';
import { closeClient, connectClient, ensureDigestWorkflow, installWorkerLogging, temporalTlsOptions } from '@duban/temporal';
import { startAnchorTimer } from './anchor-timer';
import { createDubanWorker, workerSettings } from './worker';

runCli(async () => {
  const config = requireConnections(loadConfig());
  installWorkerLogging('WARN');
  const dataSource = createDataSource(config.databaseUrl, { poolSize: config.pgPoolSize });
  await dataSource.initialize();
  const tlsOptions = temporalTlsOptions(config);
  const connection = await NativeConnection.connect({ address: config.temporalAddress, ...tlsOptions });
  // A client of its own: the kicker wakes delivery lanes, and the digest timer is started once.
  const client = await connectClient({ address: config.temporalAddress, namespace: config.temporalNamespace, ...tlsOptions });
  const worker = await createDubanWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataSource,
    poolSize: config.pgPoolSize,
    publicUrl: config.publicUrl,
    client,
    maxCachedWorkflows: config.workerCachedWorkflows,
    workflowBundlePath: config.workflowBundlePath,
  });
  // 每日汇总: one timer workflow for the deployment; a running one (any worker started it) is fine.
  await ensureDigestWorkflow(client, config.taskQueue);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`duban worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
  console.log(`duban worker: settings: ${workerSettings(worker, config.pgPoolSize)}`);
  // Audit anchors (every stream's head, chained) every minute, off the command path.
  const audit = new AuditRepository(dataSource);
  const anchors = startAnchorTimer(() => audit.writeAnchor());
  try {
    await worker.run();
  } finally {
    await anchors.stop();
    await closeClient(client);
    await connection.close();
    await dataSource.destroy();
  }
});
