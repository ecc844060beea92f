import { createHash } from 'node:crypto';
import { canonicalJson, type AnchorHeads, type AnchorVerification, type ChainVerification, type StreamHead, type StreamProblem, type StreamsVerification } from '@duban/domain';

/** The chain starts from a fixed all-zero hash. */
export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, content: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** One row of a hash chain as the walk sees it: `content` is what its hash was computed over. */
export interface ChainRow {
  id: string;
  prevHash: string;
  hash: string;
  content: unknown;
}

/**
 * Walks a hash chain in id order, `batchSize` rows per read (never the whole table at once), and
 * stops at the first row that does not hold: its content does not give its hash (edited), or its
 * prev_hash is not the previous row's hash (a row deleted, inserted or moved before it).
 * `readBatch` must order by the numeric id column; `at` names a row in the messages.
 */
export async function walkChain(
  readBatch: (afterId: string, limit: number) => Promise<ChainRow[]>,
  options: { batchSize: number; at: (id: string) => string },
): Promise<ChainVerification> {
  const { batchSize, at } = options;
  let previous = GENESIS_HASH;
  let lastId: string | undefined;
  let rows = 0;
  for (;;) {
    const batch = await readBatch(lastId ?? '0', batchSize);
    for (const row of batch) {
      rows++;
      if (row.prevHash !== previous) {
        return {
          ok: false,
          rows,
          firstBrokenId: row.id,
          reason: lastId === undefined
            ? `${at(row.id)}本应是链首，但其前序哈希不是起始值：之前的记录被删除`
            : `${at(row.id)}的前序哈希与上一条（第 ${lastId} 条）不符：其间有记录被删除、插入或调换了顺序`,
        };
      }
      if (chainHash(row.prevHash, row.content) !== row.hash) {
        return { ok: false, rows, firstBrokenId: row.id, reason: `${at(row.id)}的内容与其哈希不符：记录被修改` };
      }
      previous = row.hash;
      lastId = row.id;
    }
    if (batch.length < batchSize) break;
  }
  return { ok: true, rows, ...(lastId === undefined ? {} : { lastId, lastHash: previous }) };
}

/** One row of the measure audit log as the per-stream walk sees it. */
export interface StreamRow extends ChainRow {
  stream: string;
  /** 1, 2, 3 … within the stream. */
  seq: number;
}

/** The latest anchor's heads, against which the walk checks each stream. */
export interface AnchoredHeads {
  /** The anchor's id, to name it in the messages. */
  anchorId: string;
  streams: Record<string, StreamHead>;
}

/** What the per-stream walk found: the chains, and the streams against the anchored heads. */
export type StreamsWalk = { chain: StreamsVerification } & Pick<
  AnchorVerification,
  'anchoredStreams' | 'missingCount' | 'missing' | 'unanchored' | 'unanchoredStreamCount' | 'unanchoredStreams'
>;

/** How many problems (and unanchored streams) a verification names; the counts say how many in all. */
export const LISTED_PROBLEMS = 20;
const LISTED_UNANCHORED = 50;

/** How a stream is named in the messages (a stream is a measure: its findings' events are on it). */
export const streamLabel = (stream: string) => `事项 ${stream} 的审计流`;

interface StreamState {
  stream: string;
  /** The seq the next row must have. */
  nextSeq: number;
  previousHash: string;
  lastId?: string;
  broken: boolean;
  /** The stream's problem once broken (amended when the walk on finds its rows out of order). */
  problem?: StreamProblem;
  reorderNoted: boolean;
  /** The highest seq met so far. */
  maxSeq: number;
  head?: StreamHead;
  /** 'pending' until the anchored head is met; 'reached' once it is; 'failed' when reported. */
  anchor: 'none' | 'pending' | 'reached' | 'failed';
  unanchored: number;
}

/**
 * Walks every stream's chain, `batchSize` rows per read in (stream, id) order (never the whole table
 * at once; `readBatch` must order by stream, then by the numeric id, and continue after `after`).
 * Within a stream, each row must link to the previous one (the first to the genesis hash), give
 * its hash from its content, carry the next number (seq), and belong to the stream by its content.
 * A stream that breaks is reported at its first broken row and the walk goes on with the others.
 *
 * With `anchored` (the latest anchor's heads), each anchored head must be met on its stream with the
 * same seq and hash: a stream that ends before it was cut short (truncated), a stream that is gone
 * was deleted whole, and a later row where the head should be means it was removed and re-linked.
 * Rows after the anchored head (or in a stream the anchor does not know) are counted as unanchored.
 */
export async function walkStreams(
  readBatch: (after: { stream: string; id: string } | undefined, limit: number) => Promise<StreamRow[]>,
  options: { batchSize: number; anchored?: AnchoredHeads; streamOf?: (content: unknown) => string | undefined },
): Promise<StreamsWalk> {
  const { batchSize, anchored } = options;
  const streamOf = options.streamOf ?? measureIdOf;
  const broken: StreamProblem[] = [];
  let brokenCount = 0;
  const missing: StreamProblem[] = [];
  let missingCount = 0;
  const unanchoredStreams: Array<{ stream: string; rows: number }> = [];
  let unanchoredStreamCount = 0;
  let unanchored = 0;
  let anchoredStreams = 0;
  let rows = 0;
  let streams = 0;
  let newest: { id: bigint; text: string; hash: string } | undefined;
  const seen = new Set<string>();

  const breakAt = (state: StreamState, id: string, reason: string) => {
    state.broken = true;
    state.problem = { stream: state.stream, id, reason };
    brokenCount++;
    if (broken.length < LISTED_PROBLEMS) broken.push(state.problem);
  };
  const anchorProblem = (stream: string, id: string, reason: string) => {
    missingCount++;
    if (missing.length < LISTED_PROBLEMS) missing.push({ stream, id, reason });
  };
  const anchorName = anchored ? `锚点第 ${anchored.anchorId} 个` : '';

  const finish = (state: StreamState) => {
    const { head } = state;
    if (head && state.anchor === 'pending') {
      // The stream ends before the head the anchor holds for it: its tail was cut off.
      state.anchor = 'failed';
      const lastSeq = state.nextSeq - 1;
      anchorProblem(
        state.stream,
        head.id,
        `${streamLabel(state.stream)}止于第 ${state.lastId} 条（序号 ${lastSeq}），而${anchorName}记其链头为第 ${head.id} 条（序号 ${head.seq}）：末尾 ${Math.max(head.seq - lastSeq, 1)} 条记录被删除（截断）`,
      );
    }
    if (state.anchor === 'reached') anchoredStreams++;
    if (state.unanchored > 0) {
      unanchored += state.unanchored;
      unanchoredStreamCount++;
      if (unanchoredStreams.length < LISTED_UNANCHORED) unanchoredStreams.push({ stream: state.stream, rows: state.unanchored });
    }
  };

  let state: StreamState | undefined;
  let after: { stream: string; id: string } | undefined;
  for (;;) {
    const batch = await readBatch(after, batchSize);
    for (const row of batch) {
      rows++;
      if (state?.stream !== row.stream) {
        if (state) finish(state);
        streams++;
        seen.add(row.stream);
        const head = anchored && Object.hasOwn(anchored.streams, row.stream) ? anchored.streams[row.stream] : undefined;
        state = { stream: row.stream, nextSeq: 1, previousHash: GENESIS_HASH, broken: false, reorderNoted: false, maxSeq: 0, head, anchor: head ? 'pending' : 'none', unanchored: 0 };
      }
      const id = BigInt(row.id);
      if (!newest || id > newest.id) newest = { id, text: row.id, hash: row.hash };
      const at = `${streamLabel(row.stream)}的第 ${row.id} 条记录`;

      if (!state.broken) {
        const owner = streamOf(row.content);
        if (owner !== undefined && owner !== row.stream) {
          breakAt(state, row.id, `${at}的内容属于事项 ${owner}，却记在${streamLabel(row.stream)}中：记录被移动`);
        } else if (row.prevHash !== state.previousHash) {
          const expected = state.nextSeq;
          const hint =
            row.seq > expected
              ? `（此条序号为 ${row.seq}，应为 ${expected}：序号 ${expected}${row.seq - 1 > expected ? `–${row.seq - 1}` : ''} 的记录不在此处）`
              : row.seq < expected
                ? `（此条序号 ${row.seq} 排在序号 ${expected - 1} 之后：顺序被调换）`
                : '';
          breakAt(
            state,
            row.id,
            state.lastId === undefined
              ? `${at}本应是该流链首，但其前序哈希不是起始值：之前的记录被删除或调换了顺序${hint}`
              : `${at}的前序哈希与上一条（第 ${state.lastId} 条）不符：其间有记录被删除、插入或调换了顺序${hint}`,
          );
        } else if (chainHash(row.prevHash, row.content) !== row.hash) {
          breakAt(state, row.id, `${at}的内容与其哈希不符：记录被修改`);
        } else if (row.seq !== state.nextSeq) {
          breakAt(state, row.id, `${at}的序号应为 ${state.nextSeq}，实为 ${row.seq}：序号被改动，或记录被删除后重新链接`);
        }
      } else if (state.problem && !state.reorderNoted && row.seq < state.maxSeq) {
        // Past the break: a number lower than one already met means rows changed places.
        state.reorderNoted = true;
        state.problem.reason += `；其后的第 ${row.id} 条（序号 ${row.seq}）排在序号 ${state.maxSeq} 之后：顺序被调换`;
      }
      state.previousHash = row.hash;
      state.lastId = row.id;
      state.nextSeq = row.seq + 1;
      state.maxSeq = Math.max(state.maxSeq, row.seq);

      const { head } = state;
      if (!head) state.unanchored++;
      else if (state.anchor === 'reached') state.unanchored++;
      else if (state.anchor === 'pending') {
        if (row.id === head.id) {
          if (row.hash === head.hash && row.seq === head.seq) state.anchor = 'reached';
          else {
            state.anchor = 'failed';
            anchorProblem(row.stream, row.id, `${at}与${anchorName}所记的链头（序号 ${head.seq}）不符：该流被改写并重新计算了哈希`);
          }
        } else if (id > BigInt(head.id)) {
          state.anchor = 'failed';
          anchorProblem(
            row.stream,
            head.id,
            `${anchorName}所记${streamLabel(row.stream)}的链头（第 ${head.id} 条，序号 ${head.seq}）已不在该流中：记录被删除后重新链接`,
          );
        }
      }
    }
    if (batch.length < batchSize) break;
    const last = batch[batch.length - 1];
    after = { stream: last.stream, id: last.id };
  }
  if (state) finish(state);

  // Streams the anchor holds that have no row left at all.
  for (const [stream, head] of Object.entries(anchored?.streams ?? {})) {
    if (seen.has(stream)) continue;
    anchorProblem(stream, head.id, `${anchorName}记有${streamLabel(stream)}（${head.seq} 条，链头第 ${head.id} 条），现已一条不剩：整个流被删除`);
  }

  const first = broken[0];
  const more = brokenCount > broken.length ? `；另有 ${brokenCount - broken.length} 个审计流不完整` : '';
  const chain: StreamsVerification = {
    ok: brokenCount === 0,
    rows,
    streams,
    brokenCount,
    broken,
    ...(first ? { firstBrokenId: first.id, firstBrokenStream: first.stream, reason: broken.map((b) => b.reason).join('；') + more } : {}),
    ...(newest ? { lastId: newest.text, lastHash: newest.hash } : {}),
  };
  return { chain, anchoredStreams, missingCount, missing, unanchored, unanchoredStreamCount, unanchoredStreams };
}

/** The measure a measure audit row's content belongs to (its stream), if it says. */
function measureIdOf(content: unknown): string | undefined {
  const value = content && typeof content === 'object' ? (content as { measureId?: unknown }).measureId : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** What an anchor's hash covers: when it was written, and the heads it ties together. */
export function anchorContent(createdAt: Date, heads: AnchorHeads): { createdAt: string; heads: AnchorHeads } {
  return { createdAt: createdAt.toISOString(), heads };
}
