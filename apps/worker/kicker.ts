// Wakes delivery lanes after their outbox got rows: debounced per lane (at most one signal per
// `minIntervalMs`, so a burst of events is one kick), retried while the signal fails.

export interface KickerOptions {
  /** Sends one kick (signalWithStart of `delivery-<lane>`). */
  kick: (lane: string) => Promise<void>;
  /** Least time between two kicks of one lane (default 200 ms: ≤ 5 signals a second). */
  minIntervalMs?: number;
  /** First retry delay of a failed kick, doubled up to maxRetryMs (defaults 1 s, 30 s). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Told of a failed kick (it is retried anyway). */
  onError?: (lane: string, error: unknown) => void;
}

export interface Kicker {
  /** Asks for a kick of each lane: soon, once per lane however often asked meanwhile. */
  kick(lanes: readonly string[]): void;
  /** Resolves when no kick is waiting or in flight (tests, shutdown). */
  idle(): Promise<void>;
  /** Drops waiting kicks and retries; later asks are ignored. */
  stop(): void;
}

interface LaneState {
  lastSentAt: number;
  timer?: ReturnType<typeof setTimeout>;
  inFlight: boolean;
  /** Asked again while a kick was in flight: another follows it. */
  again: boolean;
  failures: number;
}

export function createKicker(options: KickerOptions): Kicker {
  const minInterval = options.minIntervalMs ?? 200;
  const retryBase = options.retryMs ?? 1_000;
  const retryMax = options.maxRetryMs ?? 30_000;
  const lanes = new Map<string, LaneState>();
  const waiters: Array<() => void> = [];
  let stopped = false;

  const busy = () => [...lanes.values()].some((s) => s.timer !== undefined || s.inFlight);
  const settle = () => {
    if (busy()) return;
    for (const resolve of waiters.splice(0)) resolve();
  };

  const schedule = (lane: string, state: LaneState, delay: number) => {
    if (stopped || state.timer !== undefined) return;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void send(lane, state);
    }, Math.max(0, delay));
    state.timer.unref?.();
  };

  const send = async (lane: string, state: LaneState) => {
    if (stopped) return settle();
    state.inFlight = true;
    state.again = false;
    state.lastSentAt = Date.now();
    try {
      await options.kick(lane);
      state.failures = 0;
    } catch (error) {
      state.failures++;
      options.onError?.(lane, error);
      state.again = true;
    } finally {
      state.inFlight = false;
    }
    if (state.again) {
      const delay = state.failures > 0 ? Math.min(retryMax, retryBase * 2 ** (state.failures - 1)) : minInterval - (Date.now() - state.lastSentAt);
      schedule(lane, state, delay);
    }
    settle();
  };

  return {
    kick(asked) {
      if (stopped) return;
      for (const lane of new Set(asked)) {
        let state = lanes.get(lane);
        if (!state) lanes.set(lane, (state = { lastSentAt: 0, inFlight: false, again: false, failures: 0 }));
        if (state.inFlight) {
          state.again = true;
          continue;
        }
        schedule(lane, state, minInterval - (Date.now() - state.lastSentAt));
      }
    },
    idle() {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stop() {
      stopped = true;
      for (const state of lanes.values()) {
        if (state.timer !== undefined) clearTimeout(state.timer);
        state.timer = undefined;
      }
      settle();
    },
  };
}
