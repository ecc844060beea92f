import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

interface IdempotencyContext {
  updateId: string;
}

const storage = new AsyncLocalStorage<IdempotencyContext>();

/**
 * The Temporal Update id of the command being handled, when it came with an `Idempotency-Key`:
 * a retry that reaches Temporal again (e.g. after a 503) attaches to the first update instead of
 * applying the command twice. Undefined without a key (Temporal then picks a random id).
 */
export function currentUpdateId(): string | undefined {
  return storage.getStore()?.updateId;
}

/** Runs `fn` (and everything it starts) with the update id of one idempotent command. */
export function runWithUpdateId<T>(updateId: string, fn: () => T): T {
  return storage.run({ updateId }, fn);
}

/**
 * The update id of a command: user, route, entity, key and the request's fingerprint, hashed to a
 * fixed 69 characters (Temporal allows 255); the same key with another body is another update.
 */
export function updateIdOf(parts: { userId: string; route: string; entity: string; key: string; requestHash: string }): string {
  const digest = createHash('sha256').update(JSON.stringify([parts.userId, parts.route, parts.entity, parts.key, parts.requestHash])).digest('hex');
  return `idem-${digest}`;
}
