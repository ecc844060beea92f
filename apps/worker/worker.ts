import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDeliveryActivities, createMeasureActivities } from '@duban/activities';
import type { SenderOptions } from '@duban/delivery';
import { CalendarRepository, DigestRepository, DirectiveRepository, MeasureEventRepository, OutboxRepository } from '@duban/db';
import { kickDeliveryLane, startDirectiveWorkflow, workerWorkflowCode } from '@duban/temporal';
import { createKicker } from './kicker';

export interface DubanWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** The data source's pool size (DUBAN_PG_POOL): activities in flight stay below it. */
  poolSize?: number;
  /** DUBAN_PUBLIC_URL: every link of a pushed message, and the e-mail Message-ID domain. */
  publicUrl?: string;
  /**
   * A client of the same Temporal: after a commit that wrote outbox rows, the kicker wakes those
   * lanes (and every lane with open rows at start). Without it, lanes find new rows on their next timer.
   */
  client?: Client;
  /** Sender options of the delivery lanes (timeouts; tests shorten them). */
  senderOptions?: SenderOptions;
  /** DUBAN_WORKER_CACHED_WORKFLOWS; unset: the SDK's default. */
  maxCachedWorkflows?: number;
  /** DUBAN_WORKFLOW_BUNDLE: a prebuilt workflow bundle; unset: bundled from the code at start. */
  workflowBundlePath?: string;
}

/**
 * Activities that may run at once when the pool has `poolSize` connections: each holds one for its
 * transaction. Events are written by local activities; remote ones are the event writes of runs
 * recorded before that (they finish soon) and the delivery lanes' batches and digests, which hold a
 * connection only per statement (never while sending), so six remote slots: lanes send side by side.
 */
export function activitySlots(poolSize: number): { local: number; remote: number } {
  return { local: Math.max(2, poolSize - 4), remote: 6 };
}

/**
 * What the worker runs with, in one line for its log (the bench reads it): task slots as the SDK
 * compiled them (fixed-size here) and the workflow cache.
 */
export function workerSettings(worker: Worker, poolSize: number): string {
  const { tuner, maxCachedWorkflows } = worker.options;
  const slots = (supplier: { type: string; numSlots?: number }) => (supplier.type === 'fixed-size' ? String(supplier.numSlots) : supplier.type);
  return [
    `workflow tasks ${slots(tuner.workflowTaskSlotSupplier)}`,
    `activities ${slots(tuner.activityTaskSlotSupplier)}`,
    `local activities ${slots(tuner.localActivityTaskSlotSupplier)}`,
    `cached workflows ${maxCachedWorkflows}`,
    `PostgreSQL pool ${poolSize}`,
  ].join(', ');
}

/** The one worker definition, used by the worker process and by integration tests. */
export async function createDubanWorker(options: DubanWorkerOptions): Promise<Worker> {
  const client = options.client;
  // Directive workflows the ladder issues (its own 督办单) are started through the worker's own
  // (native) connection: no JavaScript gRPC stack on the workflow tasks' path.
  const starter = new Client({ connection: options.connection, namespace: options.namespace });
  const kicker = client
    ? createKicker({
        kick: (lane) => kickDeliveryLane(client, options.taskQueue, lane),
        onError: (lane, error) => console.warn(`duban worker: kick of lane ${lane} failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
      })
    : undefined;
  const onOutbox = kicker ? (lanes: string[]) => kicker.kick(lanes) : undefined;
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:3000';
  const calendars = new CalendarRepository(options.dataSource);
  const outbox = new OutboxRepository(options.dataSource);
  const { closeSenders, ...delivery } = createDeliveryActivities({
    outbox,
    calendars,
    digests: new DigestRepository(options.dataSource),
    publicUrl,
    onOutbox,
    senderOptions: options.senderOptions,
  });
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workerWorkflowCode(options.workflowBundlePath),
    // Each activity holds a connection for its transaction: never more in flight than the pool has.
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    maxConcurrentActivityTaskExecutions: activitySlots(options.poolSize ?? 10).remote,
    maxConcurrentLocalActivityExecutions: activitySlots(options.poolSize ?? 10).local,
    activities: {
      ...createMeasureActivities({
        events: new MeasureEventRepository(options.dataSource),
        calendars,
        directives: new DirectiveRepository(options.dataSource),
        delivery: { publicUrl, onOutbox },
        startDirective: (input) => startDirectiveWorkflow(starter, options.taskQueue, input),
      }),
      ...delivery,
    },
  });
  // Kicks lost in a crash: every lane with open rows is woken once the worker runs. When the
  // worker stops, the kicker stops and the lanes' SMTP pools close.
  const run = worker.run.bind(worker);
  worker.run = async () => {
    if (kicker) void outbox.lanesWithPending().then((lanes) => kicker.kick(lanes), (error: unknown) => console.warn(`duban worker: could not list lanes with open messages: ${String(error)}`));
    try {
      return await run();
    } finally {
      kicker?.stop();
      closeSenders();
    }
  };
  return worker;
}
