// A worker on Temporal's time-skipping test server (the Java server the project provisions), with
// the real activities writing to the real PostgreSQL; helpers to skip time and read events.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { SenderOptions } from '@duban/delivery';
import { beijingDate, stepInstant, type AssigneeFacts, type EscalationPolicy } from '@duban/domain';
import { createDataSource, migrate } from '@duban/db';
import { Client } from 'pg';
import { installWorkerLogging, startMeasureWorkflow, type MeasureHandle } from '@duban/temporal';
import { snapshotQuery } from '@duban/workflows';
import { createDubanWorker } from '../../apps/worker/worker';
import { testServices, uniqueMeasureCode, uniqueTaskQueue } from './services';

const HOUR = 3_600_000;

export interface EventRow {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
}

/** Bundles the workflow code as the compiled worker would (dist/), in a child process of that code. */
async function writeWorkflowBundleFromDist(file: string): Promise<void> {
  const script = `require(${JSON.stringify(path.join(__dirname, '..', '..', 'dist', 'libs', 'temporal', 'index.js'))}).writeWorkflowBundle(${JSON.stringify(file)}).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bundling the workflow code failed:\n${errors.slice(-2000)}`))));
  });
}

/** The real worker entry point, built into dist/ by `npm test`. */
const WORKER_MAIN = path.join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'main.js');

export class TimeSkippingHarness {
  private child?: ChildProcess;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly dataSource: DataSource,
    readonly taskQueue: string,
    private readonly worker: Worker | undefined,
    private readonly workerRun: Promise<void> | undefined,
    private readonly processEnv: Record<string, string> | undefined,
  ) {}

  /**
   * With `workerProcess`: starts the real worker process (dist/apps/worker/main.js) against this
   * test server and database; resolves once it polls. It keeps no workflow in memory between tasks
   * (DUBAN_WORKER_CACHED_WORKFLOWS=0): the test server never hands a dead worker's sticky task on.
   */
  async startWorker(): Promise<void> {
    if (!this.processEnv) throw new Error('startWorker: the harness runs its worker in-process');
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn(process.execPath, [WORKER_MAIN], { env: { ...process.env, ...this.processEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // For a diagnosis: the worker process's own output appended to this file.
    if (process.env.DUBAN_WORKER_LOG_FILE) {
      const log = fs.createWriteStream(process.env.DUBAN_WORKER_LOG_FILE, { flags: 'a' });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker process did not start within 60 s:\n${output.slice(-2000)}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('polling task queue')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the worker process exited (${code ?? signal}) during start-up:\n${output.slice(-2000)}`));
      });
    });
    child.removeAllListeners('exit');
  }

  /** SIGKILLs the worker process: no shutdown, no goodbye; whatever it was doing is cut off. */
  async killWorker(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /**
   * `isolatedDatabase`: a fresh, migrated database of the suite's own, for suites that change
   * global data (e.g. a year's official holidays) other suites compute with.
   * `delivery`: the worker kicks delivery lanes through the environment's client (publicUrl: the
   * links and Message-ID domain; senderOptions: e.g. shorter timeouts).
   */
  static async start(
    suite: string,
    options: {
      isolatedDatabase?: boolean;
      delivery?: { publicUrl: string; senderOptions?: SenderOptions };
      beforeWorker?: (dataSource: DataSource) => Promise<void>;
      /** Run the worker as its own process (startWorker / killWorker) instead of in this one. */
      workerProcess?: boolean;
    } = {},
  ): Promise<TimeSkippingHarness> {
    installWorkerLogging();
    const services = testServices();
    const env = await startTimeSkippingServer(services.testServerPath);
    const databaseUrl = options.isolatedDatabase ? await createIsolatedDatabase(services.databaseUrl, suite) : services.databaseUrl;
    const dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    if (options.isolatedDatabase) await migrate(dataSource);
    await options.beforeWorker?.(dataSource);
    const taskQueue = uniqueTaskQueue(suite);
    if (options.workerProcess) {
      // Bundled once here (from the compiled code the process runs); each (re)start then takes a second.
      const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bundle-')), 'workflows.js');
      await writeWorkflowBundleFromDist(bundle);
      const harness = new TimeSkippingHarness(env, dataSource, taskQueue, undefined, undefined, {
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        DATABASE_URL: databaseUrl,
        DUBAN_TASK_QUEUE: taskQueue,
        DUBAN_WORKER_CACHED_WORKFLOWS: '0',
        DUBAN_WORKFLOW_BUNDLE: bundle,
        ...(options.delivery ? { DUBAN_PUBLIC_URL: options.delivery.publicUrl } : {}),
      });
      await harness.startWorker();
      return harness;
    }
    const worker = await createDubanWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dataSource,
      ...(options.delivery ? { client: env.client, publicUrl: options.delivery.publicUrl, senderOptions: options.delivery.senderOptions } : {}),
    });
    return new TimeSkippingHarness(env, dataSource, taskQueue, worker, worker.run(), undefined);
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.workerRun;
    await this.killWorker();
    await this.dataSource.destroy();
    await this.env.teardown();
  }

  /** A measure the plan suggests for 水生态环境处 (water), the department of the tests' cast. */
  async newMeasure(year = 2026, quantityTarget?: { value: number; unit: string; text: string }, policy?: EscalationPolicy): Promise<MeasureHandle> {
    const handle = await startMeasureWorkflow(this.env.client, this.taskQueue, { year, code: uniqueMeasureCode(), quantityTarget, suggestedDepartment: 'water', policy });
    // The time-skipping server loses an update rejected in the very first workflow task ("update not
    // found"); a query first lets that task complete. The dev server has no such quirk.
    await handle.query(snapshotQuery);
    return handle;
  }

  /** Today in Beijing, on the test server's clock. */
  async today(): Promise<string> {
    return beijingDate(await this.env.currentTimeMs());
  }

  /** Skips test-server time to an hour after a ladder step's day begins. */
  async skipTo(date: string): Promise<void> {
    const wait = stepInstant(date) + HOUR - (await this.env.currentTimeMs());
    if (wait > 0) await this.env.sleep(wait);
  }

  async events(workflowId: string): Promise<EventRow[]> {
    return this.dataSource.query('SELECT sequence, type, payload FROM measure_events WHERE workflow_id = $1 ORDER BY sequence', [workflowId]);
  }

  async escalations(workflowId: string): Promise<EventRow[]> {
    return (await this.events(workflowId)).filter((e) => e.type === 'escalation');
  }

  /** The ladder fires from the workflow's own loop after an update returns; wait for it to land. */
  async waitForEscalations(workflowId: string, count: number): Promise<EventRow[]> {
    for (let i = 0; i < 100; i++) {
      const found = await this.escalations(workflowId);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.escalations(workflowId);
  }
}

/**
 * The Java test server, started afresh: the SDK gives a starting JVM 5 s, which several suites
 * starting theirs at once on 2 shared cores sometimes exceed ("did not start within 5s"); a start that
 * timed out is tried again, up to three times, each on a new free port.
 */
async function startTimeSkippingServer(path: string): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (error) {
      if (attempt >= 3 || !/did not start within/.test(String(error))) throw error;
    }
  }
}

/** The failure type an update was rejected with (fails the test if it was accepted). */
export async function rejectionOf(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
    throw error;
  }
  throw new Error('the update was accepted but should have been rejected');
}

/** A new empty database on the suite's PostgreSQL, for a suite that must not share the record. */
export async function createIsolatedDatabase(baseUrl: string, suite: string): Promise<string> {
  const name = `duban_${suite}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The directory's facts of a staff member of 水生态环境处, as the API attaches them to an assignment. */
export function waterStaff(userId: string): AssigneeFacts {
  return { userId, role: 'staff', department: 'water', active: true };
}

/** `<failure type>: <message>` of a rejected update, to assert both the kind and the plain reason. */
export async function refusalOf(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return `${error.cause.type}: ${error.cause.message}`;
    throw error;
  }
  throw new Error('the update was accepted but should have been rejected');
}
