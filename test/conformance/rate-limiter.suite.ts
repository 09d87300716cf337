import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/ports/clock';
import type { BucketSpec, RateLimiter } from '../../shared/ports/rate-limiter';

/**
 * What every RateLimiter must do, whatever keeps its counts: refuse past the burst, name a wait
 * after which a request goes through, charge all named allowances or none, keep keys apart, and
 * count exactly under concurrent requests (the point of a shared store on Cloud Functions).
 */
export type RateLimiterFactory = (clock: ReturnType<typeof fixedClock>) => Promise<RateLimiter>;

const spec = (capacity: number, perSecond = 1): BucketSpec => ({ capacity, refillPerSecond: perSecond });
let n = 0;
/** Keys unique per check, so backends that persist across checks never mix them. */
const key = (name: string) => `${name}:${process.pid}:${++n}`;

export const rateLimiterChecks: Record<string, (make: RateLimiterFactory) => Promise<void>> = {
  'allows a burst up to capacity, then refuses with a wait': async (make) => {
    const limiter = await make(fixedClock('2026-11-20T12:00:00Z'));
    const k = key('burst');
    for (let i = 0; i < 5; i++) expect(await limiter.take([{ key: k, spec: spec(5) }])).toEqual({ ok: true });
    const refused = await limiter.take([{ key: k, spec: spec(5) }]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.retryAfterMs).toBeGreaterThan(0);
  },
  'lets a request through once the named wait has passed': async (make) => {
    const clock = fixedClock('2026-11-20T12:00:00Z');
    const limiter = await make(clock);
    const k = key('wait');
    for (let i = 0; i < 3; i++) await limiter.take([{ key: k, spec: spec(3, 3) }]);
    const refused = await limiter.take([{ key: k, spec: spec(3, 3) }]);
    if (refused.ok) throw new Error('expected a refusal');
    clock.advance(refused.retryAfterMs);
    expect(await limiter.take([{ key: k, spec: spec(3, 3) }])).toEqual({ ok: true });
  },
  'charges every named allowance or none': async (make) => {
    const limiter = await make(fixedClock('2026-11-20T12:00:00Z'));
    const [user, tenant] = [key('user'), key('tenant')];
    const both = [
      { key: user, spec: spec(2) },
      { key: tenant, spec: spec(1) },
    ];
    expect((await limiter.take(both)).ok).toBe(true);
    expect((await limiter.take(both)).ok).toBe(false); // tenant is spent; user must not be charged
    expect((await limiter.take([{ key: user, spec: spec(2) }])).ok).toBe(true);
    expect((await limiter.take([{ key: user, spec: spec(2) }])).ok).toBe(false);
  },
  'keeps keys apart': async (make) => {
    const limiter = await make(fixedClock('2026-11-20T12:00:00Z'));
    const [a, b] = [key('a/with slash'), key('b')];
    expect((await limiter.take([{ key: a, spec: spec(1) }])).ok).toBe(true);
    expect((await limiter.take([{ key: a, spec: spec(1) }])).ok).toBe(false);
    expect((await limiter.take([{ key: b, spec: spec(1) }])).ok).toBe(true);
  },
  'counts exactly under concurrent requests': async (make) => {
    const limiter = await make(fixedClock('2026-11-20T12:00:00Z'));
    const k = key('race');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => limiter.take([{ key: k, spec: spec(5, 0.001) }])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  },
};

export function describeRateLimiterConformance(
  backend: string,
  make: RateLimiterFactory,
  gaps: Record<string, string> = {},
): void {
  describe(`RateLimiter conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(rateLimiterChecks))
      if (gaps[name]) it.skip(`${name} (${gaps[name]})`, () => {});
      else it(name, () => check(make), 30_000);
  });
}
