// The bench's own worker, a process of its own like the duban worker (apps/worker/main): the bare
// baseline (bench/bare.workflow — no activity, no database) and the yardstick (bench/yardstick.workflow
// — its one local activity writes through MeasureEventRepository, so DATABASE_URL is needed for it).
// Env: TEMPORAL_ADDRESS, DUBAN_TASK_QUEUE, DATABASE_URL (optional: without it only the bare workflow works).
import * as path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDataSource } from '@duban/db';
import { loadConfig, runCli } from '@duban/runtime';
import { installWorkerLogging, temporalTlsOptions, workflowBundle } from '@duban/temporal';
import { activitySlots } from '../apps/worker/worker';
import { createYardstickActivities } from './yardstick.activities';

runCli(async () => {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS must be set');
  installWorkerLogging('WARN');
  const dataSource = config.databaseUrl ? createDataSource(config.databaseUrl, { poolSize: config.pgPoolSize }) : undefined;
  await dataSource?.initialize();
  const connection = await NativeConnection.connect({ address: config.temporalAddress, ...temporalTlsOptions(config) });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    // The duban worker's bundler options (the @duban/* aliases), with the bench's own workflows.
    ...workflowBundle(),
    workflowsPath: path.join(__dirname, `bench.workflows${path.extname(__filename)}`),
    // The duban worker's pool and local-activity slots (DUBAN_PG_POOL): the yardsticks write as it can.
    maxConcurrentLocalActivityExecutions: activitySlots(config.pgPoolSize).local,
    activities: dataSource ? createYardstickActivities(dataSource) : {},
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`bench worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}${dataSource ? ' (yardstick writes to PostgreSQL)' : ''}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
    await dataSource?.destroy();
  }
});
