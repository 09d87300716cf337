import type { Clock } from '../../ports/clock';
import type { BucketSpec, RateLimiter } from '../../ports/rate-limiter';

export type { BucketSpec, RateLimiter, TakeResult } from '../../ports/rate-limiter';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in process memory (the embedded runtime, and one instance's view on Cloud
 * Functions — see docs/decisions/502-rate-limits.md). Idle buckets are full again anyway, so the
 * least recently used ones are dropped beyond `maxKeys` to bound memory.
 */
export function createMemoryRateLimiter(options: { clock: Clock; maxKeys?: number }): RateLimiter {
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, Bucket>();

  const refilled = (key: string, spec: BucketSpec, now: number): Bucket => {
    const b = buckets.get(key);
    if (!b) return { tokens: spec.capacity, at: now };
    const tokens = Math.min(spec.capacity, b.tokens + ((now - b.at) / 1000) * spec.refillPerSecond);
    return { tokens, at: now };
  };

  return {
    async take(wanted) {
      const now = options.clock.now().getTime();
      const states = wanted.map(({ key, spec }) => ({ key, spec, bucket: refilled(key, spec, now) }));
      const short = states.filter((s) => s.bucket.tokens < 1);
      if (short.length > 0) {
        const waits = short.map((s) => ((1 - s.bucket.tokens) / s.spec.refillPerSecond) * 1000);
        return { ok: false, retryAfterMs: Math.ceil(Math.max(...waits)) };
      }
      for (const s of states) {
        buckets.delete(s.key);
        buckets.set(s.key, { tokens: s.bucket.tokens - 1, at: now });
      }
      while (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest === undefined) break;
        buckets.delete(oldest);
      }
      return { ok: true };
    },
  };
}
