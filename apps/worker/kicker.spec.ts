import { createKicker } from './kicker';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createKicker', () => {
  it('turns a burst of asks into one kick per lane', async () => {
    const sent: string[] = [];
    const kicker = createKicker({ kick: async (lane) => void sent.push(lane), minIntervalMs: 50 });
    for (let i = 0; i < 100; i++) kicker.kick(['email', 'robot-1', 'email']);
    await kicker.idle();
    expect(sent.sort()).toEqual(['email', 'robot-1']);
    kicker.stop();
  });

  it('keeps kicks of one lane at least minIntervalMs apart, and follows a kick asked while one was in flight', async () => {
    const at: number[] = [];
    let release: () => void = () => undefined;
    const kicker = createKicker({
      kick: async () => {
        at.push(Date.now());
        if (at.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      minIntervalMs: 80,
    });
    kicker.kick(['email']);
    await pause(10);
    kicker.kick(['email']); // in flight: remembered, sent after it
    kicker.kick(['email']);
    release();
    await kicker.idle();
    expect(at).toHaveLength(2);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(75);
    kicker.stop();
  });

  it('retries a failed kick, backing off, until it goes through', async () => {
    let calls = 0;
    const errors: string[] = [];
    const kicker = createKicker({
      kick: async () => {
        calls++;
        if (calls < 3) throw new Error('temporal unavailable');
      },
      retryMs: 20,
      onError: (lane, error) => errors.push(`${lane}: ${(error as Error).message}`),
    });
    kicker.kick(['sms']);
    await kicker.idle();
    expect(calls).toBe(3);
    expect(errors).toEqual(['sms: temporal unavailable', 'sms: temporal unavailable']);
    kicker.stop();
  });

  it('sends nothing more once stopped', async () => {
    const sent: string[] = [];
    const kicker = createKicker({ kick: async (lane) => void sent.push(lane), minIntervalMs: 50 });
    kicker.kick(['email']);
    await kicker.idle();
    kicker.kick(['email']); // waits out the interval …
    kicker.stop(); // … and is dropped
    kicker.kick(['robot-1']);
    await pause(100);
    await kicker.idle();
    expect(sent).toEqual(['email']);
  });
});
