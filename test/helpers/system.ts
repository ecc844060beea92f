// The whole system in-process for a suite: API (NestJS) and worker against the real Temporal dev
// server and PostgreSQL that `npm test` started, with a task queue of the suite's own.
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/db';
import { loadConfig } from '@duban/runtime';
import { installWorkerLogging } from '@duban/temporal';
import { createApiApp } from '../../apps/api/create-app';
import { ApiConfig } from '../../apps/api/infra/api-config';
import { createDubanWorker } from '../../apps/worker/worker';
import { DEMO_PASSWORD } from '../../seeds/seed';
import { testServices, uniqueTaskQueue } from './services';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface TestSystem {
  app: INestApplication;
  dataSource: DataSource;
  baseUrl: string;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** Signs in a demo user of the sample organization; returns the access token. */
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `inProcessWorker: false` leaves the worker to the suite (e.g. a separate process it can kill);
 * `services` points the system at a suite's own Temporal and PostgreSQL (fault-injection suites).
 */
export async function startTestSystem(
  suite: string,
  options: {
    inProcessWorker?: boolean;
    taskQueue?: string;
    services?: { temporalAddress: string; databaseUrl: string };
    /** Extra settings (e.g. DUBAN_OIDC_*), as the environment would give them. */
    env?: Record<string, string>;
    /** Listen on this port (default: any free one), for settings that name the API's own address. */
    port?: number;
  } = {},
): Promise<TestSystem & { taskQueue: string }> {
  installWorkerLogging();
  const services = { ...testServices(), ...options.services };
  const taskQueue = options.taskQueue ?? uniqueTaskQueue(suite);
  const dataSource = createDataSource(services.databaseUrl);
  await dataSource.initialize();
  let stopWorker = async () => undefined as void;
  if (options.inProcessWorker ?? true) {
    const connection = await NativeConnection.connect({ address: services.temporalAddress });
    const worker: Worker = await createDubanWorker({ connection, namespace: services.namespace, taskQueue, dataSource });
    const workerRun = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await workerRun;
      await connection.close();
    };
  }
  const config = loadConfig({ ...process.env, ...options.env, TEMPORAL_ADDRESS: services.temporalAddress, DATABASE_URL: services.databaseUrl, DUBAN_TASK_QUEUE: taskQueue });
  const app = await createApiApp(new ApiConfig({ ...config, temporalAddress: services.temporalAddress, databaseUrl: services.databaseUrl }));
  await app.listen(options.port ?? 0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const call: TestSystem['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    app,
    dataSource,
    baseUrl,
    taskQueue,
    call,
    async login(username) {
      const response = await call('POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async stop() {
      await app.close();
      await stopWorker();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
