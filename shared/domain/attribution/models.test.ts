import { describe, expect, it } from 'vitest';
import { heuristicWeights, inWindow, normalize } from './models';

const DAY = 86_400_000;
const T = Date.UTC(2026, 0, 31, 12);
const days = (...ago: number[]) => ago.map((d) => T - d * DAY);

describe('heuristic models', () => {
  it.each([
    ['first_touch', [1, 0, 0, 0]],
    ['last_touch', [0, 0, 0, 1]],
    ['linear', [0.25, 0.25, 0.25, 0.25]],
    ['position_based', [0.4, 0.1, 0.1, 0.4]],
  ] as const)('%s over four touches gives %j', (model, expected) => {
    const w = heuristicWeights(model, days(10, 6, 3, 1), T);
    expect(w).toHaveLength(4);
    for (const [i, x] of w.entries()) expect(x).toBeCloseTo(expected[i]!, 12);
  });

  it('position-based splits two touches evenly and gives one touch everything', () => {
    expect(heuristicWeights('position_based', days(3, 1), T)).toEqual([0.5, 0.5]);
    expect(heuristicWeights('position_based', days(3), T)).toEqual([1]);
  });

  it('time decay halves the weight of a touch one half-life older', () => {
    // Ages 14, 7 and 0 days with a 7-day half-life: raw weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7.
    const w = heuristicWeights('time_decay', days(14, 7, 0), T, 7);
    expect(w[0]).toBeCloseTo(1 / 7, 12);
    expect(w[1]).toBeCloseTo(2 / 7, 12);
    expect(w[2]).toBeCloseTo(4 / 7, 12);
  });

  it('time decay follows the configured half-life', () => {
    // Ages 2 and 0 days, half-life 2 days: 1/2 and 1 → 1/3, 2/3.
    const w = heuristicWeights('time_decay', days(2, 0), T, 2);
    expect(w[0]).toBeCloseTo(1 / 3, 12);
    expect(w[1]).toBeCloseTo(2 / 3, 12);
  });

  it.each(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based'] as const)(
    '%s weights sum to exactly 1 over seven touches',
    (model) => {
      const w = heuristicWeights(model, days(27, 20, 13, 9, 5, 2, 0.5), T, 3);
      expect(w.reduce((a, b) => a + b, 0)).toBe(1);
    },
  );

  it('an empty journey has no weights', () => {
    expect(heuristicWeights('linear', [], T)).toEqual([]);
  });
});

describe('normalize', () => {
  it('turns all-zero weights into equal shares', () => {
    expect(normalize([0, 0])).toEqual([0.5, 0.5]);
  });
  it('makes thirds sum to exactly 1', () => {
    expect(normalize([1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('attribution window', () => {
  it.each([1, 7, 28])('a touch exactly %i days before the order is inside the window', (w) => {
    expect(inWindow(T - w * DAY, T, w)).toBe(true);
  });
  it.each([1, 7, 28])('a touch one second beyond %i days is outside', (w) => {
    expect(inWindow(T - w * DAY - 1000, T, w)).toBe(false);
  });
  it('a touch after the order never counts', () => {
    expect(inWindow(T + 1, T, 28)).toBe(false);
  });
});
