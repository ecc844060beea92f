// Issue 17: duban on a real Temporal cluster — the pinned Temporal server on PostgreSQL with its
// frontend, history, matching and worker services as separate processes, two duban workers and two
// API processes behind nginx (deploy/nginx/duban.conf) — exactly as `npm run cluster` starts it.
// Lifecycles are driven through nginx while one duban worker, one API process, the history service
// and the matching service are each SIGKILLed and restarted in turn: every lifecycle completes, every
// event is recorded once, /audit/verify is whole and reconcile finds nothing to repair.
// `npm run cluster:chaos` runs the same with more lifecycles and more rounds of faults.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDataSource, migrate, OrganizationRepository } from '@duban/db';
import { measureWorkflowId } from '@duban/domain';
import { closeClient, connectClient } from '@duban/temporal';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { reconcile } from '../apps/worker/reconcile';
import { castUsers, dueDate, importBenchPlan, startAndSettle, type BenchMeasure } from '../bench/lifecycle';
import { provisionTemporalServer } from '../libs/runtime/provision/temporal-server';
import { privateClusterOptions, startDubanCluster, type DubanClusterOptions, type DubanProcess, type RunningDubanCluster } from '../libs/runtime/services/duban-cluster';
import { startEmbeddedPostgres, type RunningPostgres } from '../libs/runtime/services/embedded-postgres';
import { TEMPORAL_SERVICES, type TemporalService } from '../libs/runtime/services/temporal-cluster';
import { freePort } from '../libs/runtime/services/wait';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';

const FULL = process.env.DUBAN_CLUSTER_CHAOS === '1';
/** Lifecycles (5 commands each) and rounds of the four faults. */
const LIFECYCLES = FULL ? 200 : 24;
const ROUNDS = FULL ? 3 : 1;
const CONCURRENCY = 6;
const YEAR = 2097;
const TASK_QUEUE = 'duban-cluster-test';

jest.setTimeout(FULL ? 3_600_000 : 600_000);

let scratch: string;
let postgres: RunningPostgres;
let cluster: RunningDubanCluster;
let dataSource: DataSource;
let client: Client;
let measures: BenchMeasure[];

let clusterOptions: DubanClusterOptions;
let postgresOptions: Parameters<typeof startEmbeddedPostgres>[0];

/** duban's database and a Temporal client, opened afresh after every start of the cluster. */
async function connect(temporalAddress: string): Promise<void> {
  dataSource = createDataSource(postgres.url);
  await dataSource.initialize();
  client = await connectClient({ address: temporalAddress, namespace: 'default' });
}

beforeAll(async () => {
  const temporal = provisionTemporalServer();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-cluster-'));
  fs.chmodSync(scratch, 0o755); // PostgreSQL runs as its own user when we are root
  postgresOptions = { dataDir: path.join(scratch, 'postgres'), port: await freePort(), database: 'duban' };
  postgres = await startEmbeddedPostgres(postgresOptions);
  clusterOptions = await privateClusterOptions({ dir: path.join(scratch, 'cluster'), databaseUrl: postgres.url, temporal, taskQueue: TASK_QUEUE, historyShards: 4 });
  cluster = await startDubanCluster({
    ...clusterOptions,
    prepare: async (temporalAddress) => {
      await connect(temporalAddress);
      await migrate(dataSource);
      await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
      measures = await importBenchPlan(dataSource, YEAR, LIFECYCLES);
    },
  });
  // The workers poll now: the measures' workflows start and settle on them.
  await startAndSettle(client, TASK_QUEUE, measures);
}, 900_000);

afterAll(async () => {
  if (client) await closeClient(client);
  if (dataSource?.isInitialized) await dataSource.destroy();
  await cluster?.stop();
  await postgres?.stop();
  // DUBAN_KEEP_CLUSTER_LOGS=1 keeps the services' logs and config for a diagnosis.
  if (scratch && process.env.DUBAN_KEEP_CLUSTER_LOGS !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  else if (scratch) process.stderr.write(`cluster suite: logs kept in ${scratch}\n`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client as the web UI is one: every command with an Idempotency-Key, sent again (same key) when
 * the request did not get an answer from duban — nginx's 502/503/504 while an API process is down,
 * a dropped connection, 409 while the first attempt's key is still held — for up to three minutes.
 */
class Caller {
  private readonly tokens = new Map<string, string>();
  retries = 0;

  constructor(private readonly base: string) {}

  async login(username: string): Promise<void> {
    const response = await this.send('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    this.tokens.set(username, ((await response.json()) as { accessToken: string }).accessToken);
  }

  async command(pathname: string, username: string, body: unknown): Promise<void> {
    const key = randomUUID();
    const response = await this.send(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(username)}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
  }

  async get<T>(pathname: string, username: string): Promise<T> {
    const response = await this.send(pathname, { headers: { authorization: `Bearer ${this.tokens.get(username)}` } });
    return (await response.json()) as T;
  }

  private async send(pathname: string, init: RequestInit): Promise<Response> {
    const deadline = performance.now() + 180_000;
    for (let attempt = 0; ; attempt++) {
      let status: number | string;
      try {
        const response = await fetch(`${this.base}${pathname}`, { ...init, signal: AbortSignal.timeout(60_000) });
        if (response.ok) return response;
        status = response.status;
        const text = await response.text();
        if (![409, 502, 503, 504].includes(response.status)) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${response.status} ${text.slice(0, 300)}`);
        if (response.status === 409 && !/IDEMPOTENCY|正在办理/.test(text)) throw new Error(`${pathname}: 409 ${text.slice(0, 300)}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(`${init.method ?? 'GET'} ${pathname}:`)) throw error;
        if (error instanceof Error && error.message.startsWith(`${pathname}: 409`)) throw error;
        status = error instanceof Error ? error.message : String(error);
      }
      if (performance.now() > deadline) throw new Error(`${pathname}: no answer within 3 minutes (last: ${status})`);
      this.retries++;
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
  }
}

/** The faults, in turn: kill, leave it down a moment, start it again and wait until it serves. */
async function faults(rounds: number, log: string[]): Promise<void> {
  const targets: Array<{ name: string; kill: () => Promise<void>; start: () => Promise<void> }> = [
    ...(['worker', 'api'] as DubanProcess[]).map((kind) => ({ name: `${kind}-1`, kill: () => cluster.kill(kind, 0), start: () => cluster.start(kind, 0) })),
    ...(['history', 'matching'] as TemporalService[]).map((service) => ({ name: `temporal ${service}`, kill: () => cluster.temporal.kill(service), start: () => cluster.temporal.start(service) })),
  ];
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      await sleep(2_000);
      const t0 = performance.now();
      await target.kill();
      await sleep(3_000);
      await target.start();
      log.push(`${target.name}: down and back in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}

describe('duban on a Temporal cluster behind nginx, with processes killed under load', () => {
  it('completes every lifecycle, records every event once, keeps the audit chain whole and leaves reconcile nothing to do', async () => {
    expect(TEMPORAL_SERVICES).toEqual(['frontend', 'history', 'matching', 'worker']);
    const api = new Caller(cluster.url);
    for (const user of [...new Set(measures.map((m) => m.cast.head).concat(measures.map((m) => m.cast.staff)))]) await api.login(user);
    expect(castUsers().length).toBeGreaterThan(0);
    await api.login('admin').catch(async () => undefined);
    const due = dueDate();
    const at = (m: BenchMeasure, command: string) => `/measures/${m.year}-${m.code}/${command}`;

    const faultLog: string[] = [];
    let next = 0;
    const started = performance.now();
    const drive = async () => {
      while (next < measures.length) {
        const m = measures[next++];
        await api.command(at(m, 'assign'), m.cast.head, { assigneeId: m.cast.staff, leadDepartment: m.cast.department, dueDate: due });
        await api.command(at(m, 'accept'), m.cast.staff, {});
        await api.command(at(m, 'progress'), m.cast.staff, { percent: 50, note: '已完成过半' });
        await api.command(at(m, 'submit'), m.cast.staff, { note: '已按期完成' });
        await api.command(at(m, 'approve'), m.cast.head, { comment: '同意办结' });
      }
    };
    // The faults run while the lifecycles do; the lifecycles are paced so that they outlast the faults.
    const chaos = faults(ROUNDS, faultLog);
    await Promise.all([...Array.from({ length: CONCURRENCY }, drive), chaos]);
    const seconds = (performance.now() - started) / 1000;

    // Every lifecycle 已办结, as the API reads it.
    for (const m of measures) {
      const detail = await api.get<{ state: string }>(`/measures/${m.year}-${m.code}`, m.cast.head);
      expect([m.code, detail.state]).toEqual([m.code, 'completed']);
    }
    // Every event once: per measure exactly one of each lifecycle event, sequences without gaps.
    const rows: Array<{ measure_id: string; types: string[]; sequences: number[] }> = await dataSource.query(
      `SELECT measure_id, array_agg(type ORDER BY sequence) AS types, array_agg(sequence::int ORDER BY sequence) AS sequences
         FROM measure_events WHERE measure_id LIKE $1 GROUP BY measure_id`,
      [`${YEAR}-%`],
    );
    expect(rows).toHaveLength(measures.length);
    for (const row of rows) {
      expect(new Set(row.types).size).toBe(row.types.length);
      expect(row.sequences).toEqual(row.sequences.map((_, i) => row.sequences[0] + i));
    }
    // The audit chain is whole, and the projections agree with the workflows.
    await api.login('admin');
    const verified = await api.get<{ ok: boolean }>('/audit/verify', 'admin');
    expect(verified.ok).toBe(true);
    const report = await reconcile(client, dataSource, TASK_QUEUE, { recordContext: { publicUrl: cluster.url } });
    expect({ repaired: report.repaired, started: report.started, unresolved: report.unresolved }).toEqual({ repaired: [], started: [], unresolved: [] });
    console.log(
      `cluster chaos: ${measures.length} lifecycles (${measures.length * 5} commands) in ${seconds.toFixed(1)} s through nginx, ${api.retries} retried requests\n  ${faultLog.join('\n  ')}`,
    );
  });

  it('is backed up cold, wiped, restored from the backup, and carries on where it was', async () => {
    const events = async (): Promise<number> => (await dataSource.query(`SELECT count(*)::int AS n FROM measure_events`))[0].n;
    const history = async (): Promise<number> => (await client.workflow.getHandle(measureWorkflowId(YEAR, measures[0].code)).describe()).historyLength;
    const eventsBefore = await events();
    const historyBefore = await history();
    expect(historyBefore).toBeGreaterThan(5);

    // A cold backup: duban and Temporal stopped, then PostgreSQL, so duban's database and Temporal's
    // two (and the evidence files, which live in duban's) are copied at one point in time.
    await closeClient(client);
    await dataSource.destroy();
    await cluster.stop();
    await postgres.stop();
    const archive = path.join(scratch, 'backup.tar');
    const dataDir = postgres.dataDir;
    execFileSync('tar', ['-cf', archive, '-C', path.dirname(dataDir), path.basename(dataDir)]);
    // The wipe: PostgreSQL's data and the cluster's own files are gone.
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(clusterOptions.dir, { recursive: true, force: true });
    expect(fs.existsSync(dataDir)).toBe(false);
    // The restore (as root, tar keeps the files' owner and modes, which PostgreSQL checks).
    execFileSync('tar', ['-xpf', archive, '-C', path.dirname(dataDir)]);
    postgres = await startEmbeddedPostgres(postgresOptions);
    cluster = await startDubanCluster({ ...clusterOptions, prepare: connect });

    expect(await events()).toBe(eventsBefore);
    expect(await history()).toBe(historyBefore);
    const api = new Caller(cluster.url);
    await api.login('admin');
    for (const m of measures.slice(0, 5)) {
      await api.login(m.cast.head);
      expect((await api.get<{ state: string }>(`/measures/${m.year}-${m.code}`, m.cast.head)).state).toBe('completed');
    }
    expect((await api.get<{ ok: boolean }>('/audit/verify', 'admin')).ok).toBe(true);
    const report = await reconcile(client, dataSource, TASK_QUEUE, { recordContext: { publicUrl: cluster.url } });
    expect({ repaired: report.repaired, started: report.started, unresolved: report.unresolved }).toEqual({ repaired: [], started: [], unresolved: [] });
  });
});
