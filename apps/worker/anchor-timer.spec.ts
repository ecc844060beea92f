import type { AnchorWriteResult } from '@duban/domain';
import { startAnchorTimer } from './anchor-timer';

const unchanged: AnchorWriteResult = { written: false, refused: false, problems: [], anchor: null };
const refused: AnchorWriteResult = { written: false, refused: true, reason: '未写入新锚点：截断', problems: [], anchor: null };

describe('startAnchorTimer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes at once and then every interval, logs failures and refusals (once per reason) without throwing, and stops', async () => {
    const log = { warn: jest.fn(), error: jest.fn() };
    const results: Array<AnchorWriteResult | Error> = [unchanged, new Error('connection refused'), refused, refused, unchanged, refused];
    const writeAnchor = jest.fn(async () => {
      const next = results.shift() ?? unchanged;
      if (next instanceof Error) throw next;
      return next;
    });
    const timer = startAnchorTimer(writeAnchor, { everyMs: 1_000, log });
    expect(writeAnchor).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(1_000);
    expect(writeAnchor).toHaveBeenCalledTimes(6);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0][0]).toContain('connection refused');
    // The same refusal twice in a row is said once; said again after it had cleared.
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls[0][0]).toContain('截断');
    await timer.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(writeAnchor).toHaveBeenCalledTimes(6);
  });

  it('never runs two writes at once, and stop() waits for the one in progress', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const writeAnchor = jest.fn(
      () =>
        new Promise<AnchorWriteResult>((resolve) => {
          release = () => {
            finished = true;
            resolve(unchanged);
          };
        }),
    );
    const timer = startAnchorTimer(writeAnchor, { everyMs: 1_000, log: { warn: jest.fn(), error: jest.fn() } });
    await jest.advanceTimersByTimeAsync(3_000);
    expect(writeAnchor).toHaveBeenCalledTimes(1);
    const stopped = timer.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
  });
});
