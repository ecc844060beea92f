import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createMeasureActivities } from '@duban/activities';
import { CalendarRepository, MeasureEventRepository } from '@duban/db';
import { workflowBundle } from '@duban/temporal';

export interface DubanWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
}

/** The one worker definition, used by the worker process and by integration tests. */
export function createDubanWorker(options: DubanWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowBundle(),
    activities: createMeasureActivities({
      events: new MeasureEventRepository(options.dataSource),
      calendars: new CalendarRepository(options.dataSource),
    }),
  });
}
