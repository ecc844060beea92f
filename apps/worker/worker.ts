import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createMeasureActivities } from '@duban/activities';
import { CalendarRepository, DirectiveRepository, MeasureEventRepository } from '@duban/db';
import { workflowBundle } from '@duban/temporal';

export interface DubanWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** The data source's pool size (DUBAN_PG_POOL): activities in flight stay below it. */
  poolSize?: number;
}

/**
 * Activities that may run at once when the pool has `poolSize` connections: each holds one for its
 * transaction. Events are written by local activities; remote ones are only the event writes of runs
 * recorded before that (and they finish soon), so they get two slots; two connections stay free.
 */
export function activitySlots(poolSize: number): { local: number; remote: number } {
  return { local: Math.max(2, poolSize - 4), remote: 2 };
}

/** The one worker definition, used by the worker process and by integration tests. */
export function createDubanWorker(options: DubanWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowBundle(),
    // Each activity holds a connection for its transaction: never more in flight than the pool has.
    maxConcurrentActivityTaskExecutions: activitySlots(options.poolSize ?? 10).remote,
    maxConcurrentLocalActivityExecutions: activitySlots(options.poolSize ?? 10).local,
    activities: createMeasureActivities({
      events: new MeasureEventRepository(options.dataSource),
      calendars: new CalendarRepository(options.dataSource),
      directives: new DirectiveRepository(options.dataSource),
    }),
  });
}
