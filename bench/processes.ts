// The processes the benchmarks measure, each started as in production (`node dist/…/main.js` with
// its env) so its memory can be read from /proc, and stopped by its own pid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '@duban/runtime';
import { startChild, type ManagedChild } from '../libs/runtime/services/child';

export interface BenchProcess extends ManagedChild {
  readonly pid: number;
  readonly logFile: string;
}

export interface Services {
  temporalAddress: string;
  databaseUrl: string;
}

/** Starts `dist/<entry>.js` with `env` added; resolves once `ready()` holds (or fails with the log's tail). */
export async function startNodeProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  logDir: string,
  ready: (log: () => string) => Promise<boolean>,
  timeoutMs = 180_000,
): Promise<BenchProcess> {
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  // BENCH_CPU_PROF_DIR=<dir>: each process writes V8 CPU profiles into <dir>/<name>/ when it exits,
  // one per thread (the worker's workflow thread has its own), under Node's default file names.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_CPU_PROF_DIR, name)}`] : [];
  // BENCH_V8_PROF_DIR=<dir>: V8's tick log of every isolate, the workflow thread's included (node --prof-process reads it).
  if (process.env.BENCH_V8_PROF_DIR) profile.push('--prof', `--logfile=${path.join(process.env.BENCH_V8_PROF_DIR, `${name}.v8.log`)}`);
  const child = startChild(name, process.execPath, [...profile, path.join(repoRoot(), 'dist', `${entry}.js`)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const pid = child.process.pid;
  if (pid === undefined) throw new Error(`${name}: could not start`);
  const log = () => fs.readFileSync(logFile, 'utf8');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${name} exited during start-up:\n${tail(log())}`);
    }
    if (await ready(log)) break;
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${tail(log())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Object.assign(child, { pid, logFile });
}

/** The duban worker process (apps/worker/main) polling `taskQueue`. */
export function startWorkerProcess(services: Services, taskQueue: string, logDir: string, name = 'worker', env: Record<string, string> = {}): Promise<BenchProcess> {
  return startNodeProcess(
    name,
    'apps/worker/main',
    { ...env, TEMPORAL_ADDRESS: services.temporalAddress, DATABASE_URL: services.databaseUrl, DUBAN_TASK_QUEUE: taskQueue },
    logDir,
    async (log) => log().includes('polling task queue'),
  );
}

/** The bench's own worker process (bench/bare-worker): the bare baseline and the yardstick (which writes to PostgreSQL). */
export function startBareWorkerProcess(services: Services, taskQueue: string, logDir: string, name = 'bare-worker'): Promise<BenchProcess> {
  return startNodeProcess(
    name,
    'bench/bare-worker',
    { TEMPORAL_ADDRESS: services.temporalAddress, DATABASE_URL: services.databaseUrl, DUBAN_TASK_QUEUE: taskQueue },
    logDir,
    async (log) => log().includes('polling task queue'),
  );
}

/** The API process (apps/api/main) on `port`, sending commands to `taskQueue`. */
export function startApiProcess(services: Services, taskQueue: string, port: number, jwtSecret: string, logDir: string): Promise<BenchProcess> {
  return startNodeProcess(
    'api',
    'apps/api/main',
    {
      TEMPORAL_ADDRESS: services.temporalAddress,
      DATABASE_URL: services.databaseUrl,
      DUBAN_TASK_QUEUE: taskQueue,
      DUBAN_JWT_SECRET: jwtSecret,
      DUBAN_ACCESS_TOKEN_MINUTES: String(24 * 60),
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    logDir,
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
      } catch {
        return false;
      }
    },
  );
}

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size so far, MiB. */
  peakRssMiB: number;
}

/** VmRSS / VmHWM of a process from /proc (Linux); undefined elsewhere or once it has exited. */
export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const mib = (n: number) => Math.round((n / 1024) * 10) / 10;
    return { rssMiB: mib(kib('VmRSS')), peakRssMiB: mib(kib('VmHWM')) };
  } catch {
    return undefined;
  }
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}
