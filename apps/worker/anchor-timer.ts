import type { AnchorWriteResult } from '@duban/domain';

/** How often the worker writes an anchor (one is written only when something changed). */
export const ANCHOR_EVERY_MS = 60_000;

/**
 * Writes an audit anchor now and then every `everyMs` (AuditRepository.writeAnchor), off the
 * command path. The timer never keeps the process alive; a failure or a refusal is logged, never
 * thrown (a refusal once per distinct reason, not every minute); a run still going when the next is
 * due is not doubled. `stop()` clears the timer and waits for a run in progress.
 */
export function startAnchorTimer(
  writeAnchor: () => Promise<AnchorWriteResult>,
  options: { everyMs?: number; log?: Pick<Console, 'warn' | 'error'> } = {},
): { stop(): Promise<void> } {
  const log = options.log ?? console;
  let running: Promise<void> | undefined;
  let lastRefusal: string | undefined;
  const tick = () => {
    if (running) return;
    running = writeAnchor()
      .then(
        (result) => {
          if (result.refused && result.reason !== lastRefusal) log.warn(`duban worker: ${result.reason ?? '审计锚点未写入'}`);
          lastRefusal = result.refused ? result.reason : undefined;
        },
        (error: unknown) => log.error(`duban worker: 写审计锚点失败 / writing the audit anchor failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everyMs ?? ANCHOR_EVERY_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
