import { describe, expect, it } from 'vitest';
import { areaRadius, linearScale, niceTicks } from './scale';

describe('chart scales', () => {
  it.each([
    [0, 97, [0, 20, 40, 60, 80, 100]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-30, 45, [-40, -20, 0, 20, 40, 60]],
    [0, 0, [0, 1]],
    [12, 12, [0, 5, 10, 15]],
  ])('rounds [%d, %d] out to nice ticks', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });

  it('maps the domain onto the range, zero included', () => {
    const y = linearScale([50, 80], 200, 0);
    expect(y.domain).toEqual([0, 80]);
    expect(y(0)).toBe(200);
    expect(y(80)).toBe(0);
    expect(y(40)).toBe(100);
  });

  it('sizes bubbles by area', () => {
    expect(areaRadius(100, 100, 20)).toBe(20);
    expect(areaRadius(25, 100, 20)).toBe(10);
    expect(areaRadius(0, 100, 20)).toBe(3);
  });
});
