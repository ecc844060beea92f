import { createHash } from 'node:crypto';
import { canonicalJson, type ChainVerification } from '@duban/domain';

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
