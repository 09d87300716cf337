import { describe, expect, it } from 'vitest';
import { RetryableError } from '../kernel/errors';
import { createPacer, withRetry } from './pacer';

describe('pacer', () => {
  // Timers may fire a millisecond early against performance.now(): 2 % of slack, far from a burst.
  it('never lets more than the rate through in any one-second window', async () => {
    const pacer = createPacer(50);
    const times: number[] = [];
    for (let i = 0; i < 120; i++) {
      await pacer.wait();
      times.push(performance.now());
    }
    for (let i = 0; i + 50 < times.length; i++)
      expect((times[i + 50] as number) - (times[i] as number)).toBeGreaterThanOrEqual(980);
  });

  it('does not burst to catch up after a slow send', async () => {
    const pacer = createPacer(100);
    await pacer.wait();
    await new Promise((r) => setTimeout(r, 100)); // ten slots missed
    const start = performance.now();
    for (let i = 0; i < 5; i++) await pacer.wait();
    expect(performance.now() - start).toBeGreaterThanOrEqual(35);
  });
});

describe('withRetry', () => {
  it('retries a throttled send after its hint and returns the success', async () => {
    let calls = 0;
    const started = performance.now();
    const result = await withRetry(async () => {
      if (++calls < 3) throw new RetryableError('429', 20);
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(calls).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250 + 500 - 10);
  });

  it('rethrows after the last attempt, and never retries what is not retryable', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new RetryableError('429', 1);
        },
        { maxAttempts: 2, maxDelayMs: 5 },
      ),
    ).rejects.toThrow(RetryableError);
    expect(calls).toBe(2);
    await expect(
      withRetry(async () => {
        throw new Error('bad request');
      }),
    ).rejects.toThrow('bad request');
  });
});
