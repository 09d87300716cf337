import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { createMemoryRateLimiter } from './token-bucket';

const spec = { capacity: 3, refillPerSecond: 1 };

describe('token buckets', () => {
  it('allows a burst of the capacity, then refuses with the wait until the next token', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = createMemoryRateLimiter({ clock });
    for (let i = 0; i < 3; i++) expect(await limiter.take([{ key: 'u', spec }])).toEqual({ ok: true });
    expect(await limiter.take([{ key: 'u', spec }])).toEqual({ ok: false, retryAfterMs: 1000 });
    clock.advance(400);
    expect(await limiter.take([{ key: 'u', spec }])).toEqual({ ok: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(await limiter.take([{ key: 'u', spec }])).toEqual({ ok: true });
  });

  it('takes from every bucket or from none', async () => {
    const limiter = createMemoryRateLimiter({ clock: fixedClock('2026-01-01T00:00:00Z') });
    const tenant = { capacity: 1, refillPerSecond: 0.5 };
    expect(
      await limiter.take([
        { key: 'a', spec },
        { key: 't', spec: tenant },
      ]),
    ).toEqual({ ok: true });
    expect(
      await limiter.take([
        { key: 'b', spec },
        { key: 't', spec: tenant },
      ]),
    ).toEqual({ ok: false, retryAfterMs: 2000 });
    // b's token was not spent by the refused call: three remain.
    for (let i = 0; i < 3; i++) expect((await limiter.take([{ key: 'b', spec }])).ok).toBe(true);
  });

  it('forgets the least recently used buckets beyond its bound', async () => {
    const limiter = createMemoryRateLimiter({ clock: fixedClock('2026-01-01T00:00:00Z'), maxKeys: 2 });
    const one = { capacity: 1, refillPerSecond: 0.001 };
    await limiter.take([{ key: 'x', spec: one }]);
    await limiter.take([{ key: 'y', spec: one }]);
    await limiter.take([{ key: 'z', spec: one }]);
    // x was evicted, so it starts full again; z is still empty.
    expect((await limiter.take([{ key: 'x', spec: one }])).ok).toBe(true);
    expect((await limiter.take([{ key: 'z', spec: one }])).ok).toBe(false);
  });
});
