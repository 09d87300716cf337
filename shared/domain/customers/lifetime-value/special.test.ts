import { describe, expect, it } from 'vitest';
import { hyp2f1, integrateUnit, lnBeta, lnGamma, logAddExp } from './special';

describe('lnGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [10.5, Math.log(1133278.3889487856)],
    [0.1, Math.log(9.513507698668732)],
    [101, 363.73937555556347], // ln(100!)
  ])('lnΓ(%f) matches the tabulated value', (x, expected) => {
    expect(lnGamma(x)).toBeCloseTo(expected, 9);
  });

  it('rejects a non-positive argument', () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
  });
});

describe('hyp2f1', () => {
  it('reduces to (1 − z)^−a when b = c', () => {
    expect(hyp2f1(2.3, 1.7, 1.7, 0.6)).toBeCloseTo(0.4 ** -2.3, 10);
  });

  it('matches −ln(1 − z)/z for 2F1(1, 1; 2; z)', () => {
    const z = 0.85;
    expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
  });

  it('converges for a heavy buyer under a model with almost no dropout (b ≈ c, huge)', () => {
    // With b = c the series is (1 − z)^−a exactly; b a hair above c stays within a relative 1e-6.
    const v = hyp2f1(271.4, 3_878_866.19, 3_878_865.19, 0.1);
    expect(v / 0.9 ** -271.4).toBeCloseTo(1, 3);
  });

  it('refuses z outside the series disc', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('integrateUnit', () => {
  it('integrates a Beta density with singular ends to one', () => {
    const a = 0.4;
    const b = 0.7;
    const lnB = lnBeta(a, b);
    const total = integrateUnit((x, y) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(y) - lnB));
    expect(total).toBeCloseTo(1, 7);
  });
});

it('logAddExp adds in log space without overflow', () => {
  expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
  expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
});
