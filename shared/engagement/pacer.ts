import { RetryableError } from '../kernel/errors';

/**
 * Spaces sends to at most `ratePerSecond`, the channel's configured limit (Twilio queues a
 * sender's messages at its account's rate and answers 429 / 20429 past it). Each send gets its own
 * slot `1/rate` after the previous one; a pacer that fell behind (a slow send) does not burst to
 * catch up, because a burst is exactly what the provider's per-second window refuses.
 */
export function createPacer(ratePerSecond: number, now: () => number = Date.now) {
  if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
  const interval = 1000 / ratePerSecond;
  let next = 0;
  return {
    async wait(): Promise<void> {
      const t = now();
      const slot = Math.max(next, t);
      next = slot + interval;
      if (slot > t) await sleep(slot - t);
    },
    /** After a 429: no send before `ms` from now (Retry-After), whatever the slots said. */
    pushBack(ms: number) {
      next = Math.max(next, now() + ms);
    },
  };
}
export type Pacer = ReturnType<typeof createPacer>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it does not throw a `RetryableError`, at most `maxAttempts` times, waiting
 * the error's hint (capped) doubled on each retry; the pacer is pushed back so the sends behind it
 * wait too. The last error is rethrown: the caller records the message as `retry` for a later run.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: { maxAttempts?: number; maxDelayMs?: number; pacer?: Pacer; onRetry?: () => void } = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof RetryableError) || n >= maxAttempts) throw err;
      const delay = Math.min(Math.max(err.retryAfterMs, 250) * 2 ** (n - 1), options.maxDelayMs ?? 10_000);
      options.onRetry?.();
      options.pacer?.pushBack(delay);
      await sleep(delay);
    }
  }
}
