// duban on a real Temporal cluster: the four Temporal services on PostgreSQL, N duban workers and M
// API processes, and nginx in front of the APIs (with deploy/nginx/duban.conf, given this run's ports).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';
import { findOnPath, repoRoot } from '../paths';
import { run, tail } from '../provision/process';
import type { TemporalServerBinaries } from '../provision/temporal-server';
import { startChild, type ManagedChild } from './child';
import { startTemporalCluster, type RunningTemporalCluster, type TemporalClusterOptions } from './temporal-cluster';
import { freeLowPort, freePort, portIsOpen, waitFor } from './wait';

export interface DubanClusterOptions {
  /** Config, logs and nginx's files of this cluster. */
  dir: string;
  /** duban's database; Temporal's two databases are created on the same PostgreSQL server. */
  databaseUrl: string;
  temporal: TemporalServerBinaries;
  temporalOptions: Omit<TemporalClusterOptions, 'dir' | 'postgresUrl'>;
  workers: number;
  apiPorts: number[];
  /** Where nginx listens: the one address people open. */
  listenPort: number;
  /** Environment of the duban processes (JWT secret, public URL, task queue, …). */
  env: NodeJS.ProcessEnv;
  /** Migrations and first-run seeding, once Temporal answers and before any duban process starts. */
  prepare?: (temporalAddress: string) => Promise<void>;
  /** A child that dies on its own (not by kill()) — `npm run cluster` stops everything then. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

export type DubanProcess = 'worker' | 'api';

export interface RunningDubanCluster {
  /** nginx's address: the web UI and the API. */
  url: string;
  temporalAddress: string;
  temporal: RunningTemporalCluster;
  /** SIGKILLs one duban process (index from 0). */
  kill(kind: DubanProcess, index: number): Promise<void>;
  /** Starts it again; resolves once it serves. */
  start(kind: DubanProcess, index: number): Promise<void>;
  /** Process ids of duban's processes and nginx running now (worker-1, api-2, nginx, …). */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * A private cluster for a test or a benchmark: every port free right now (membership ports below
 * 32768, where Temporal can store them), a fresh JWT secret, the `default` namespace kept a day.
 */
export async function privateClusterOptions(base: { dir: string; databaseUrl: string; temporal: TemporalServerBinaries; taskQueue: string; historyShards: number }): Promise<DubanClusterOptions> {
  const ports = async () => ({ grpc: await freePort(), membership: await freeLowPort() });
  return {
    dir: base.dir,
    databaseUrl: base.databaseUrl,
    temporal: base.temporal,
    temporalOptions: {
      historyShards: base.historyShards,
      namespace: 'default',
      retentionDays: 1,
      ports: { frontend: await ports(), history: await ports(), matching: await ports(), worker: await ports(), frontendHttp: await freePort() },
    },
    workers: 2,
    apiPorts: [await freePort(), await freePort()],
    listenPort: await freePort(),
    env: { DUBAN_JWT_SECRET: randomBytes(32).toString('base64url'), TEMPORAL_NAMESPACE: 'default', DUBAN_TASK_QUEUE: base.taskQueue },
  };
}

/** The nginx site file the cluster and a bureau's own nginx both use. */
export const NGINX_SITE = path.join(repoRoot(), 'deploy', 'nginx', 'duban.conf');

/** deploy/nginx/duban.conf with this run's listen port and one upstream `server` line per API process. */
export function renderNginxSite(site: string, listenPort: number, apiPorts: number[]): string {
  const servers = /^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;\n/gm;
  const first = servers.exec(site);
  if (!first) throw new PrerequisiteError(`${NGINX_SITE} has no upstream "server 127.0.0.1:<port> …;" line`);
  const [, indent, params = ''] = first;
  const upstream = apiPorts.map((port) => `${indent}server 127.0.0.1:${port}${params};\n`).join('');
  let placed = false;
  const withServers = site.replace(servers, () => (placed ? '' : ((placed = true), upstream)));
  if (!/^\s*listen \d+;/m.test(withServers)) throw new PrerequisiteError(`${NGINX_SITE} has no "listen <port>;" line`);
  return withServers.replace(/^(\s*)listen \d+;/m, `$1listen 127.0.0.1:${listenPort};`);
}

/** nginx's main config for a private instance: everything it writes stays in `dir`. */
export function nginxMainConfig(dir: string, sitePath: string): string {
  const temp = (name: string) => path.join(dir, 'temp', name);
  return [
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'worker_processes 1;',
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${path.join(dir, 'access.log')};`,
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${sitePath};`,
    '}',
    '',
  ].join('\n');
}

export function findNginx(): string {
  const found = findOnPath('nginx') ?? ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => fs.existsSync(p));
  if (!found) throw new PrerequisiteError('nginx is missing: `npm run cluster` puts nginx in front of its API processes; install it (`apt-get install nginx`)');
  return found;
}

/** Writes nginx's files for this run and checks them with `nginx -t`. */
export function prepareNginx(nginx: string, dir: string, listenPort: number, apiPorts: number[]): string {
  fs.mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const site = path.join(dir, 'duban.conf');
  fs.writeFileSync(site, renderNginxSite(fs.readFileSync(NGINX_SITE, 'utf8'), listenPort, apiPorts));
  const main = path.join(dir, 'nginx.conf');
  fs.writeFileSync(main, nginxMainConfig(dir, site));
  const checked = run(nginx, ['-t', '-q', '-p', dir, '-c', main]);
  if (!checked.ok) throw new PrerequisiteError(`nginx refused its configuration (${main}):\n${tail(checked.output)}`);
  return main;
}

export async function startDubanCluster(options: DubanClusterOptions): Promise<RunningDubanCluster> {
  const nginx = findNginx();
  for (const port of [options.listenPort, ...options.apiPorts]) {
    if (await portIsOpen(port)) throw new PrerequisiteError(`port ${port} is already in use: stop what holds it or set PORT to another port`);
  }
  const serverUrl = new URL(options.databaseUrl);
  serverUrl.pathname = '/postgres';
  const temporal = await startTemporalCluster(
    options.temporal,
    { ...options.temporalOptions, dir: path.join(options.dir, 'temporal'), postgresUrl: serverUrl.toString() },
    (service, code) => options.onUnexpectedExit?.(`temporal ${service}`, code),
  );
  const children = new Map<string, ManagedChild>();
  const killed = new Set<string>();
  let stopping = false;
  const stop = async () => {
    stopping = true;
    const order = [...children.keys()].sort((a, b) => rank(a) - rank(b));
    for (const name of order) await children.get(name)!.stop();
    await temporal.stop();
  };
  const logDir = path.join(options.dir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const env = { ...process.env, ...options.env, TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: options.databaseUrl };

  const start = async (kind: DubanProcess, index: number) => {
    const name = `${kind}-${index + 1}`;
    const running = children.get(name);
    if (running && running.process.exitCode === null && running.process.signalCode === null) return;
    killed.delete(name);
    const logFile = path.join(logDir, `${name}.log`);
    // The log is kept across starts: readiness is read from what this start writes after `from`.
    const from = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const log = fs.openSync(logFile, 'a');
    const port = options.apiPorts[index];
    const child = startChild(name, process.execPath, [path.join(repoRoot(), 'dist', 'apps', kind, 'main.js')], {
      env: kind === 'api' ? { ...env, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: 'loopback' } : env,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    children.set(name, child);
    let exited = false;
    child.process.once('exit', (code) => {
      exited = true;
      if (!stopping && !killed.has(name)) options.onUnexpectedExit?.(name, code);
    });
    await waitFor(`duban ${name}`, async () => {
      if (exited) throw new PrerequisiteError(`duban ${name} exited during start-up; see ${logFile}`);
      if (kind === 'api') return httpOk(`http://127.0.0.1:${port}/health`);
      return readFrom(logFile, from).includes('polling task queue');
    }, 120_000);
  };
  const kill = async (kind: DubanProcess, index: number) => {
    const name = `${kind}-${index + 1}`;
    const child = children.get(name);
    if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
    killed.add(name);
    await child.kill();
  };

  try {
    await options.prepare?.(temporal.address);
    const main = prepareNginx(nginx, path.join(options.dir, 'nginx'), options.listenPort, options.apiPorts);
    for (let i = 0; i < options.workers; i++) await start('worker', i);
    for (let i = 0; i < options.apiPorts.length; i++) await start('api', i);
    const nginxLog = fs.openSync(path.join(logDir, 'nginx.log'), 'a');
    const proxy = startChild('nginx', nginx, ['-p', path.join(options.dir, 'nginx'), '-c', main, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', nginxLog] });
    fs.closeSync(nginxLog);
    children.set('nginx', proxy);
    proxy.process.once('exit', (code) => {
      if (!stopping) options.onUnexpectedExit?.('nginx', code);
    });
    await waitFor('nginx', () => httpOk(`http://127.0.0.1:${options.listenPort}/health`), 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = () => Object.fromEntries([...children].filter(([, c]) => c.process.exitCode === null && c.process.signalCode === null).map(([name, c]) => [name, c.process.pid!]));
  return { url: `http://127.0.0.1:${options.listenPort}`, temporalAddress: temporal.address, temporal, kill, start, pids, stop };
}

/** Stop order: nginx, the APIs, then the workers (they finish what the APIs asked of Temporal). */
function rank(name: string): number {
  return name === 'nginx' ? 0 : name.startsWith('api') ? 1 : 2;
}

/** The file's text from byte `from` on. */
function readFrom(file: string, from: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - from));
    fs.readSync(fd, buffer, 0, buffer.length, from);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}
