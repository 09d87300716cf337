import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const r = nelderMead((x) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2 + 1, [0, 0]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 5);
    expect(r.x[1]).toBeCloseTo(-1, 5);
    expect(r.value).toBeCloseTo(1, 10);
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('solves a four-dimensional problem, the size of BG/NBD', () => {
    const target = [0.5, -1.5, 2, 0.25];
    const r = nelderMead(
      (x) => x.reduce((s, xi, i) => s + (i + 1) * (xi - target[i]!) ** 2, 0),
      [0, 0, 0, 0],
    );
    for (const [i, xi] of r.x.entries()) expect(xi).toBeCloseTo(target[i]!, 5);
  });

  it('treats points outside the domain as infinitely bad', () => {
    const r = nelderMead((x) => (x[0]! <= 0 ? Number.NaN : x[0]! - Math.log(x[0]!)), [3]);
    expect(r.x[0]).toBeCloseTo(1, 5);
  });

  it('stops at the iteration budget and says it did not converge', () => {
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1], {
      maxIterations: 5,
      maxRestarts: 0,
    });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBeLessThanOrEqual(5);
  });
});
