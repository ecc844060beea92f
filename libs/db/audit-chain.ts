import { createHash } from 'node:crypto';
import { canonicalJson } from '@duban/domain';

/** The chain starts from a fixed all-zero hash. */
export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, content: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}
