import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_STEPS, type DepthCount, summariseFunnel } from './funnels';

const steps = DEFAULT_FUNNEL_STEPS.slice(0, 3); // visit → product → cart

/** Deepest-step counts per (channel, device), as the warehouse returns them. */
const DEPTHS: DepthCount[] = [
  { channel: 'meta', device: 'mobile', depth: 3, visitors: 4 },
  { channel: 'meta', device: 'mobile', depth: 1, visitors: 6 },
  { channel: 'meta', device: 'desktop', depth: 2, visitors: 2 },
  { channel: 'direct', device: 'desktop', depth: 3, visitors: 3 },
  { channel: 'direct', device: 'tablet', depth: 1, visitors: 1 },
  { channel: 'direct', device: 'unknown', depth: 2, visitors: 1 },
];

const visitors = (s: ReadonlyArray<{ visitors: number }>) => s.map((x) => x.visitors);

describe('summariseFunnel', () => {
  it('splits the same visitors by device: each row is the depths of that device alone', () => {
    const f = summariseFunnel(steps, DEPTHS, 'device');
    expect(f.by).toBe('device');
    // mobile: 4 at 3, 6 at 1 → 10, 4, 4. desktop: 2 at 2, 3 at 3 → 5, 5, 3.
    // tablet: 1 at 1 → 1, 0, 0. unknown: 1 at 2 → 1, 1, 0.
    expect(f.breakdown.map((r) => [r.key, visitors(r.steps)])).toEqual([
      ['mobile', [10, 4, 4]],
      ['desktop', [5, 5, 3]],
      ['tablet', [1, 0, 0]],
      ['unknown', [1, 1, 0]],
    ]);
    expect(f.breakdown[0]!.steps[1]!.conversionFromPrevious).toBe(4 / 10);
  });

  it('splits by channel by default, and either split adds up to the whole funnel', () => {
    const byChannel = summariseFunnel(steps, DEPTHS);
    expect(byChannel.by).toBe('channel');
    // meta: 4 at 3, 6 at 1, 2 at 2 → 12, 6, 4. direct: 3 at 3, 1 at 1, 1 at 2 → 5, 4, 3.
    expect(byChannel.breakdown.map((r) => [r.key, visitors(r.steps)])).toEqual([
      ['meta', [12, 6, 4]],
      ['direct', [5, 4, 3]],
    ]);
    const whole = [17, 10, 7];
    expect(visitors(byChannel.steps)).toEqual(whole);
    expect(visitors(summariseFunnel(steps, DEPTHS, 'device').steps)).toEqual(whole);
  });
});
