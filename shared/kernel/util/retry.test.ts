import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retry';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 1_000, jitter: [0.5, 1] as const };

  it('doubles per retry and stops at the cap', () => {
    const top = { ...policy, random: () => 1 };
    expect([0, 1, 2, 3, 4, 10].map((r) => backoffDelay(top, r))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters within [low, high] of the capped delay', () => {
    expect(backoffDelay({ ...policy, random: () => 0 }, 2)).toBe(200);
    expect(backoffDelay({ ...policy, random: () => 0.5 }, 2)).toBe(300);
    expect(backoffDelay({ ...policy, jitter: [0.8, 1.2], random: () => 0.5 }, 20)).toBe(1_000);
  });
});
