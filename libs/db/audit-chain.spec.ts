import { chainHash, GENESIS_HASH, walkStreams, type AnchoredHeads, type StreamRow } from './audit-chain';

/** Rows of a few streams, interleaved by id as concurrent appends would leave them. */
function streams(spec: Array<[stream: string, n: number]>): StreamRow[] {
  const rows: StreamRow[] = [];
  const heads = new Map<string, { seq: number; hash: string }>();
  let id = 0;
  const left = new Map(spec);
  while ([...left.values()].some((n) => n > 0)) {
    for (const [stream] of spec) {
      const n = left.get(stream)!;
      if (n === 0) continue;
      left.set(stream, n - 1);
      const head = heads.get(stream);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const content = { eventId: `measure-${stream}#${seq}`, measureId: stream, payload: { n: seq } };
      const hash = chainHash(prevHash, content);
      heads.set(stream, { seq, hash });
      rows.push({ stream, id: String(++id), seq, prevHash, hash, content });
    }
  }
  return rows;
}

/** Reads like the repository: (stream, id) order, after a keyset position. */
function reader(rows: StreamRow[]) {
  const sorted = [...rows].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : Number(BigInt(a.id) - BigInt(b.id))));
  return async (after: { stream: string; id: string } | undefined, limit: number) =>
    sorted
      .filter((r) => !after || r.stream > after.stream || (r.stream === after.stream && BigInt(r.id) > BigInt(after.id)))
      .slice(0, limit);
}

function anchorOf(rows: StreamRow[], anchorId = '1'): AnchoredHeads {
  const heads: AnchoredHeads = { anchorId, streams: {} };
  for (const r of rows) heads.streams[r.stream] = { id: r.id, seq: r.seq, hash: r.hash };
  return heads;
}

const rowsOf = (rows: StreamRow[], stream: string) => rows.filter((r) => r.stream === stream);

describe('walkStreams', () => {
  it('walks every stream, whatever the batch size, and names the newest row', async () => {
    const rows = streams([['2026-1', 5], ['2026-2', 3], ['2026-3', 1]]);
    for (const batchSize of [1, 2, 7, 100]) {
      const walk = await walkStreams(reader(rows), { batchSize });
      expect(walk.chain).toEqual({ ok: true, rows: 9, streams: 3, brokenCount: 0, broken: [], lastId: '9', lastHash: rows[8].hash });
      expect(walk).toMatchObject({ unanchored: 9, unanchoredStreamCount: 3, anchoredStreams: 0, missingCount: 0 });
    }
  });

  it('names an edited, a deleted and a moved row by stream and id, and goes on with the other streams', async () => {
    const rows = streams([['2026-1', 4], ['2026-2', 4]]);
    const a = rowsOf(rows, '2026-1');
    const b = rowsOf(rows, '2026-2');
    const edited = rows.map((r) => (r === a[1] ? { ...r, content: { ...(r.content as object), payload: { n: 99 } } } : r));
    const deleted = edited.filter((r) => r !== b[1]);
    const walk = await walkStreams(reader(deleted), { batchSize: 3 });
    expect(walk.chain).toMatchObject({ ok: false, brokenCount: 2, firstBrokenId: a[1].id, firstBrokenStream: '2026-1', rows: 7 });
    expect(walk.chain.broken).toEqual([
      { stream: '2026-1', id: a[1].id, reason: `事项 2026-1 的审计流的第 ${a[1].id} 条记录的内容与其哈希不符：记录被修改` },
      { stream: '2026-2', id: b[2].id, reason: expect.stringContaining(`第 ${b[2].id} 条记录的前序哈希与上一条（第 ${b[0].id} 条）不符：其间有记录被删除`) },
    ]);
    expect(walk.chain.broken[1].reason).toContain('序号 2 的记录不在此处');

    // Two rows that changed places (ids swapped): named at the first, and said to be out of order.
    const swapped = rows.map((r) => (r === a[1] ? { ...a[2], id: a[1].id } : r === a[2] ? { ...a[1], id: a[2].id } : r));
    const reordered = await walkStreams(reader(swapped), { batchSize: 2 });
    expect(reordered.chain).toMatchObject({ ok: false, firstBrokenId: a[1].id, brokenCount: 1 });
    expect(reordered.chain.reason).toContain('调换了顺序');
    expect(reordered.chain.reason).toContain('顺序被调换');

    // A row carried into another stream.
    const moved = rows.map((r) => (r === b[3] ? { ...r, stream: '2026-1' } : r));
    expect((await walkStreams(reader(moved), { batchSize: 10 })).chain.broken[0].reason).toContain('记录被移动');
  });

  it('checks each stream against the anchored heads: truncated, deleted whole, rewritten, unanchored', async () => {
    const rows = streams([['2026-1', 3], ['2026-2', 2], ['2026-3', 2]]);
    const anchor = anchorOf(rows, '7');
    const whole = await walkStreams(reader(rows), { batchSize: 2, anchored: anchor });
    expect(whole).toMatchObject({ anchoredStreams: 3, missingCount: 0, unanchored: 0, unanchoredStreams: [] });

    // Later rows (and a stream the anchor does not know) are unanchored, not faults.
    const later = [...rows, ...streams([['2026-4', 2]]).map((r, i) => ({ ...r, id: String(100 + i) }))];
    expect(await walkStreams(reader(later), { batchSize: 2, anchored: anchor })).toMatchObject({
      chain: { ok: true },
      anchoredStreams: 3,
      unanchored: 2,
      unanchoredStreams: [{ stream: '2026-4', rows: 2 }],
    });

    const a = rowsOf(rows, '2026-1');
    const b = rowsOf(rows, '2026-2');
    const cut = rows.filter((r) => r !== a[2] && r.stream !== '2026-2');
    const walk = await walkStreams(reader(cut), { batchSize: 2, anchored: anchor });
    expect(walk.chain.ok).toBe(true); // what is left chains correctly
    expect(walk.missing).toEqual([
      { stream: '2026-1', id: a[2].id, reason: expect.stringContaining('末尾 1 条记录被删除（截断）') },
      { stream: '2026-2', id: b[1].id, reason: expect.stringContaining('整个流被删除') },
    ]);
    expect(walk.missing[0].reason).toContain(`锚点第 7 个记其链头为第 ${a[2].id} 条`);

    // A stream rewritten from its first row with every hash recomputed: it chains, but not to the anchor.
    let prev = GENESIS_HASH;
    const rewritten = rows.map((r) => {
      if (r.stream !== '2026-3') return r;
      const content = { ...(r.content as object), payload: { n: 0 } };
      const hash = chainHash(prev, content);
      const row = { ...r, prevHash: prev, hash, content };
      prev = hash;
      return row;
    });
    const rehashed = await walkStreams(reader(rewritten), { batchSize: 2, anchored: anchor });
    expect(rehashed.chain.ok).toBe(true);
    expect(rehashed.missing).toEqual([{ stream: '2026-3', id: expect.any(String), reason: expect.stringContaining('重新计算了哈希') }]);
  });
});
