// One audit chain per measure (stream), anchored every minute off the command path: on the real
// Temporal dev server and PostgreSQL, in a database of this suite's own (it tampers with the record,
// which every other suite's /audit/verify would rightly report). What verify finds and names: an
// edited row, a deleted row (middle and tail), two rows that changed places, a stream deleted whole
// or rewritten, a tampered anchor; what it counts as unanchored; and that two measures' events are
// recorded without waiting for each other.
import { DataSource } from 'typeorm';
import type { RecordVerification } from '@duban/domain';
import { AdminAuditRepository, AUDIT_CHAIN_LOCK, AuditRepository, chainHash, createDataSource, GENESIS_HASH, migrate, MIGRATIONS, walkChain } from '@duban/db';
import { seedFirstRun } from '../seeds/seed';
import { addPlanMeasure, daysFromNow, testServices } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';
import { createIsolatedDatabase } from './helpers/time-skipping';

jest.setTimeout(90_000);

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'audit_chains');
  const setup = createDataSource(databaseUrl);
  await setup.initialize();
  await migrate(setup);
  await seedFirstRun(setup);
  await setup.destroy();
  system = await startTestSystem('audit-chains', { services: { temporalAddress: testServices().temporalAddress, databaseUrl } });
  for (const user of ['admin', 'supervisor1', 'law.head', 'law.staff1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });
const get = (path: string, user = 'supervisor1') => system.call('GET', path, { token: tokens[user] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface AuditRow {
  id: string;
  seq: number;
  prev_hash: string;
  hash: string;
  content: { payload: Record<string, unknown> } & Record<string, unknown>;
}

/** A stream's rows in order. */
async function streamOf(measureId: string): Promise<AuditRow[]> {
  // Ordered by the bigint column, not the text alias (which would put 10 before 2).
  return system.dataSource.query(
    `SELECT a.id::text AS id, a.stream_seq AS seq, a.prev_hash, a.hash, a.content FROM audit_log a WHERE a.stream = $1 ORDER BY a.id`,
    [measureId],
  );
}

let progress = 0;
/** A plan measure of 法规处 (law), assigned and accepted, with `reports` progress reports: 2 + reports audit rows. */
async function measureWith(reports: number): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, 'law');
  expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
  expect((await post(`/measures/${id}/assign`, 'law.head', { assigneeId: 'law.staff1', leadDepartment: 'law', dueDate: daysFromNow(80) })).status).toBe(200);
  expect((await post(`/measures/${id}/accept`, 'law.staff1')).status).toBe(200);
  for (let i = 0; i < reports; i++) expect((await post(`/measures/${id}/progress`, 'law.staff1', { percent: ++progress % 100 })).status).toBe(200);
  return id;
}

/**
 * Tampers inside a transaction that is always rolled back, with the append-only triggers off for
 * that transaction only (session_replication_role, as the superuser), and verifies the whole record
 * in the same transaction, 3 rows per read (so every batch edge is crossed).
 */
async function verifyAfter(tamper: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<unknown>): Promise<RecordVerification> {
  const runner = system.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query(`SET LOCAL session_replication_role = replica`);
    await tamper((sql, params) => runner.query(sql, params));
    const admin = await new AdminAuditRepository(system.dataSource).verify({ manager: runner.manager });
    return await new AuditRepository(system.dataSource).verifyRecord({ manager: runner.manager, admin, batchSize: 3 });
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

// Three measures' streams: a (4 rows), b (3 rows), c (2 rows).
let a: string;
let b: string;
let c: string;

describe('one audit chain per measure, anchored', () => {
  beforeAll(async () => {
    [a, b, c] = await Promise.all([measureWith(2), measureWith(1), measureWith(0)]);
  }, 60_000);

  it('chains each measure on its own, and reports every row unanchored before the first anchor', async () => {
    for (const [id, n] of [[a, 4], [b, 3], [c, 2]] as const) {
      const rows = await streamOf(id);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(rows[0].prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    }
    expect(await get('/audit/head')).toMatchObject({ status: 200, body: { id: null, hash: null, streamCount: 0, heads: null, admin: { count: expect.any(Number) } } });
    const verified = await get('/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, streams: 3, rows: 9, brokenCount: 0, unanchored: 9, anchors: { ok: true, anchors: 0, latest: null, unanchored: 9, unanchoredStreamCount: 3 } });
    expect((verified.body.anchors as { unanchoredStreams: unknown[] }).unanchoredStreams).toEqual(
      expect.arrayContaining([{ stream: a, rows: 4 }, { stream: b, rows: 3 }, { stream: c, rows: 2 }]),
    );
  });

  it('writes an anchor on demand only when something changed, and verifies against it', async () => {
    const first = await post('/audit/anchor', 'admin');
    expect(first).toMatchObject({ status: 200, body: { written: true, refused: false, problems: [], anchor: { streamCount: 3, prevHash: GENESIS_HASH } } });
    const anchor = first.body.anchor as { id: string; hash: string; createdAt: string };
    // Nothing new since: no second anchor.
    expect(await post('/audit/anchor', 'supervisor1')).toMatchObject({ status: 200, body: { written: false, refused: false, anchor: { id: anchor.id }, reason: expect.stringContaining('没有新的审计记录') } });
    for (const user of ['law.head', 'law.staff1']) expect((await post('/audit/anchor', user)).status).toBe(403);

    const head = await get('/audit/head');
    expect(head.body).toMatchObject({ id: anchor.id, hash: anchor.hash, createdAt: anchor.createdAt, streamCount: 3 });
    const heads = head.body.heads as { streams: Record<string, unknown>; admin: unknown };
    const lastOf = async (id: string) => {
      const rows = await streamOf(id);
      return { id: rows.at(-1)!.id, seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash };
    };
    expect(heads.streams).toEqual({ [a]: await lastOf(a), [b]: await lastOf(b), [c]: await lastOf(c) });
    const [admin] = await system.dataSource.query(`SELECT a.id::text AS id, a.hash FROM admin_audit_log a ORDER BY a.id DESC LIMIT 1`);
    expect(heads.admin).toEqual(admin ?? null);
    expect(chainHash(GENESIS_HASH, { createdAt: anchor.createdAt, heads })).toBe(anchor.hash);

    expect((await get('/audit/verify')).body).toMatchObject({ ok: true, unanchored: 0, anchors: { ok: true, anchors: 1, anchoredStreams: 3, missingCount: 0, latest: { id: anchor.id } } });

    // A newer row is chained and verified, counted as unanchored until the next anchor.
    expect((await post(`/measures/${c}/progress`, 'law.staff1', { percent: 90 })).status).toBe(200);
    const later = await get('/audit/verify');
    expect(later.body).toMatchObject({ ok: true, unanchored: 1, anchors: { ok: true, anchoredStreams: 3, unanchored: 1, unanchoredStreamCount: 1, unanchoredStreams: [{ stream: c, rows: 1 }] } });
    const second = await post('/audit/anchor', 'supervisor1');
    expect(second.body).toMatchObject({ written: true, anchor: { prevHash: anchor.hash } });
    expect((await get('/audit/verify')).body).toMatchObject({ ok: true, unanchored: 0, anchors: { ok: true, anchors: 2 } });
  });

  it('records an event of one measure while another measure’s stream is held', async () => {
    // Hold measure a's stream lock, as a long append to a would.
    const holder = system.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let waiting: Promise<{ status: number }> | undefined;
    try {
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK, a]);
      const before = (await streamOf(b)).length;
      const started = Date.now();
      // b records at once, a's stream held or not.
      expect((await post(`/measures/${b}/progress`, 'law.staff1', { percent: 61 })).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await streamOf(b)).toHaveLength(before + 1);
      // a's own event waits for its stream (the lock is the one its append takes).
      let done = false;
      waiting = post(`/measures/${a}/progress`, 'law.staff1', { percent: 62 }).then((r) => {
        done = true;
        return r;
      });
      await sleep(1_500);
      expect(done).toBe(false);
      expect(await streamOf(a)).toHaveLength(4);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect((await waiting)?.status).toBe(200);
    expect((await streamOf(a)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await post('/audit/anchor', 'supervisor1')).body).toMatchObject({ written: true });
    expect((await get('/audit/verify')).body).toMatchObject({ ok: true, unanchored: 0 });
  });

  describe('finds and names what was done to the record', () => {
    it('an edited row', async () => {
      const rows = await streamOf(a);
      const report = await verifyAfter((q) => q(`UPDATE audit_log SET content = jsonb_set(content, '{payload,percent}', '99') WHERE id = $1`, [rows[2].id]));
      expect(report).toMatchObject({ ok: false, firstBrokenId: rows[2].id, firstBrokenStream: a, brokenCount: 1, chain: { ok: false }, anchors: { ok: true } });
      expect(report.reason).toContain(`事项 ${a} 的审计流的第 ${rows[2].id} 条记录的内容与其哈希不符：记录被修改`);
      // The other streams hold.
      expect(report.broken.map((x) => x.stream)).toEqual([a]);
    });

    it('a deleted row in the middle, at the row after it', async () => {
      const rows = await streamOf(a);
      const report = await verifyAfter((q) => q(`DELETE FROM audit_log WHERE id = $1`, [rows[1].id]));
      expect(report).toMatchObject({ ok: false, firstBrokenId: rows[2].id, firstBrokenStream: a, anchors: { ok: true } });
      expect(report.reason).toContain(`第 ${rows[2].id} 条记录的前序哈希与上一条（第 ${rows[0].id} 条）不符：其间有记录被删除`);
      expect(report.reason).toContain('序号 2 的记录不在此处');
    });

    it('a deleted tail, by the anchor: the shorter chain holds, but the anchored head is gone', async () => {
      const rows = await streamOf(a);
      const tail = rows.at(-1)!;
      const report = await verifyAfter((q) => q(`DELETE FROM audit_log WHERE id = $1`, [tail.id]));
      expect(report.chain.ok).toBe(true);
      expect(report).toMatchObject({ ok: false, firstBrokenId: tail.id, firstBrokenStream: a, anchors: { ok: false, missingCount: 1, missing: [{ stream: a, id: tail.id }] } });
      expect(report.reason).toContain(`事项 ${a} 的审计流止于第 ${rows.at(-2)!.id} 条（序号 ${tail.seq - 1}）`);
      expect(report.reason).toContain(`记其链头为第 ${tail.id} 条（序号 ${tail.seq}）：末尾 1 条记录被删除（截断）`);
      // Its event has lost its audit row too.
      expect(report.events).toMatchObject({ ok: false, missingAuditCount: 1 });
    });

    it('two rows that changed places, contents or whole rows', async () => {
      const rows = await streamOf(a);
      const [x, y] = [rows[1].id, rows[2].id];
      // Content and hashes swapped between two ids (the numbers stay).
      const contents = await verifyAfter((q) =>
        q(
          `UPDATE audit_log t SET content = s.content, prev_hash = s.prev_hash, hash = s.hash
             FROM audit_log s WHERE (t.id, s.id) IN (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
          [x, y],
        ),
      );
      expect(contents).toMatchObject({ ok: false, firstBrokenId: x, firstBrokenStream: a, reason: expect.stringContaining('调换了顺序') });
      // The rows themselves moved (ids swapped): the numbers say they are out of order.
      const moved = await verifyAfter(async (q) => {
        await q(`UPDATE audit_log SET id = -id WHERE id IN ($1, $2)`, [x, y]);
        await q(`UPDATE audit_log SET id = $1 WHERE id = -$2::bigint`, [y, x]);
        await q(`UPDATE audit_log SET id = $1 WHERE id = -$2::bigint`, [x, y]);
      });
      expect(moved).toMatchObject({ ok: false, firstBrokenId: x, firstBrokenStream: a });
      expect(moved.reason).toContain(`此条序号为 3，应为 2`);
      expect(moved.reason).toContain(`其后的第 ${y} 条（序号 2）排在序号 3 之后：顺序被调换`);
    });

    it('a stream deleted whole', async () => {
      const report = await verifyAfter((q) => q(`DELETE FROM audit_log WHERE stream = $1`, [b]));
      expect(report.chain).toMatchObject({ ok: true, streams: 2 });
      expect(report).toMatchObject({ ok: false, firstBrokenStream: b, anchors: { ok: false, missing: [{ stream: b }] } });
      expect(report.reason).toMatch(new RegExp(`锚点第 \\d+ 个记有事项 ${b} 的审计流（4 条，链头第 \\d+ 条），现已一条不剩：整个流被删除`));
    });

    it('a stream rewritten with every hash recomputed: it chains, but not to its anchored head', async () => {
      const rows = await streamOf(c);
      const report = await verifyAfter(async (q) => {
        let prev = GENESIS_HASH;
        for (const row of rows) {
          const content = { ...row.content, payload: { ...row.content.payload, note: '改写' } };
          const hash = chainHash(prev, content);
          await q(`UPDATE audit_log SET content = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [row.id, JSON.stringify(content), prev, hash]);
          prev = hash;
        }
      });
      expect(report.chain.ok).toBe(true);
      expect(report).toMatchObject({ ok: false, firstBrokenId: rows.at(-1)!.id, firstBrokenStream: c, anchors: { ok: false, missing: [{ stream: c }] } });
      expect(report.reason).toContain('该流被改写并重新计算了哈希');
    });

    it('a tampered anchor', async () => {
      const [first] = await system.dataSource.query(`SELECT a.id::text AS id FROM audit_anchors a ORDER BY a.id LIMIT 1`);
      const report = await verifyAfter((q) => q(`UPDATE audit_anchors SET heads = jsonb_set(heads, ARRAY['streams', $2, 'seq'], '99') WHERE id = $1`, [first.id, a]));
      expect(report).toMatchObject({ ok: false, chain: { ok: true }, anchors: { ok: false, firstBrokenId: first.id } });
      expect(report.reason).toContain(`审计锚点第 ${first.id} 个的内容与其哈希不符：记录被修改`);
    });

    it('nothing once the tampering is rolled back', async () => {
      expect((await get('/audit/verify', 'admin')).body).toMatchObject({ ok: true, brokenCount: 0, anchors: { ok: true, missingCount: 0 } });
    });
  });

  // Last: this one keeps its tampering (the suite's own database).
  it('reports a committed truncation and refuses to anchor over it', async () => {
    const rows = await streamOf(b);
    const tail = rows.at(-1)!;
    await system.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`DELETE FROM audit_log WHERE id = $1`, [tail.id]);
    });
    const verified = await get('/audit/verify');
    expect(verified.body).toMatchObject({ ok: false, firstBrokenId: tail.id, firstBrokenStream: b, chain: { ok: true }, anchors: { ok: false, missing: [{ stream: b, id: tail.id }] } });
    expect(verified.body.reason).toContain('末尾 1 条记录被删除（截断）');

    // A new anchor would seal the cut: refused, with the stream named, and nothing written.
    const [{ n: anchorsBefore }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM audit_anchors`);
    const refused = await post('/audit/anchor', 'admin');
    expect(refused).toMatchObject({ status: 200, body: { written: false, refused: true, problems: [{ stream: b, id: tail.id }] } });
    expect(refused.body.reason).toContain(`未写入新锚点`);
    expect(refused.body.reason).toContain(`事项 ${b} 的审计流止于第 ${rows.at(-2)!.id} 条`);
    const [{ n: anchorsAfter }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM audit_anchors`);
    expect(anchorsAfter).toBe(anchorsBefore);
    expect((await get('/audit/verify')).body).toMatchObject({ ok: false, firstBrokenStream: b });
  });
});

describe('the migration to one chain per stream', () => {
  const BEFORE = MIGRATIONS.filter((m) => m.name !== 'AuditStreams1764331200000');
  const content = (id: number, measureId: string) => ({ eventId: `measure-${measureId}#${id}`, measureId, type: 'reportProgress', actor: { userId: 'law.staff1', role: 'staff' }, stateAfter: 'in_progress', payload: { percent: id }, occurredAt: new Date(Date.UTC(2026, 0, id)).toISOString() });

  /** A database at the migration before, holding one global chain over two measures, interleaved. */
  async function legacyDatabase(name: string, tamper?: (rows: Array<{ content: unknown; prev: string; hash: string }>) => void): Promise<string> {
    const url = await createIsolatedDatabase(testServices().databaseUrl, name);
    const old = new DataSource({ type: 'postgres', url, migrations: BEFORE, synchronize: false, logging: false });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    const streams = ['2026-901', '2026-902', '2026-901', '2026-902', '2026-902', '2026-901'];
    let prev = GENESIS_HASH;
    const rows = streams.map((measureId, i) => {
      const row = { content: content(i + 1, measureId), prev, hash: chainHash(prev, content(i + 1, measureId)) };
      prev = row.hash;
      return row;
    });
    tamper?.(rows);
    for (const row of rows) {
      await old.query(`INSERT INTO audit_log (event_id, prev_hash, hash, content) VALUES ($1, $2, $3, $4)`, [(row.content as { eventId: string }).eventId, row.prev, row.hash, JSON.stringify(row.content)]);
    }
    await old.destroy();
    return url;
  }

  it('re-links existing rows into per-stream chains over the same content, and back', async () => {
    const url = await legacyDatabase('audit_relink');
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      const before: Array<{ id: string; content: unknown }> = await ds.query(`SELECT a.id::text AS id, a.content FROM audit_log a ORDER BY a.id`);
      expect(await migrate(ds)).toEqual(['AuditStreams1764331200000']);
      const after: Array<{ id: string; stream: string; stream_seq: number; prev_hash: string; hash: string; content: unknown }> = await ds.query(
        `SELECT a.id::text AS id, a.stream, a.stream_seq, a.prev_hash, a.hash, a.content FROM audit_log a ORDER BY a.id`,
      );
      expect(after.map((r) => r.content)).toEqual(before.map((r) => r.content));
      expect(after.map((r) => [r.stream, r.stream_seq])).toEqual([['2026-901', 1], ['2026-902', 1], ['2026-901', 2], ['2026-902', 2], ['2026-902', 3], ['2026-901', 3]]);
      expect(after[0].prev_hash).toBe(GENESIS_HASH);
      expect(after[1].prev_hash).toBe(GENESIS_HASH);
      expect(after[2].prev_hash).toBe(after[0].hash);
      expect(await new AuditRepository(ds).verifyChain({ batchSize: 2 })).toMatchObject({ ok: true, rows: 6, streams: 2, brokenCount: 0 });
      // Append-only again.
      await expect(ds.query(`UPDATE audit_log SET content = '{}' WHERE id = $1`, [after[0].id])).rejects.toThrow(/audit_log is append-only/);
      expect((await new AuditRepository(ds).writeAnchor()).written).toBe(true);
      await expect(ds.query(`DELETE FROM audit_anchors`)).rejects.toThrow(/audit_anchors is append-only/);

      // Down: one chain in id order again, which walks whole.
      await ds.undoLastMigration({ transaction: 'each' });
      const single = await walkChain(
        async (afterId, limit) =>
          ((await ds.query(`SELECT a.id::text AS id, a.prev_hash, a.hash, a.content FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`, [afterId, limit])) as Array<{ id: string; prev_hash: string; hash: string; content: unknown }>).map(
            (r) => ({ id: r.id, prevHash: r.prev_hash, hash: r.hash, content: r.content }),
          ),
        { batchSize: 4, at: (id) => id },
      );
      expect(single).toMatchObject({ ok: true, rows: 6 });
      expect(await migrate(ds)).toEqual(['AuditStreams1764331200000']);
      expect(await new AuditRepository(ds).verifyChain()).toMatchObject({ ok: true, streams: 2 });
    } finally {
      await ds.destroy();
    }
  });

  it('refuses to re-link a chain that does not hold (that would make the tampering verify)', async () => {
    const url = await legacyDatabase('audit_relink_broken', (rows) => {
      (rows[2].content as { payload: { percent: number } }).payload.percent = 100;
    });
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      await expect(migrate(ds)).rejects.toThrow(/审计记录第 3 条与原审计链不符（内容与其哈希不符：记录被修改），拒绝按事项重新链接/);
      // Nothing changed: the migration's transaction was rolled back.
      expect(await ds.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name = 'stream'`)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
