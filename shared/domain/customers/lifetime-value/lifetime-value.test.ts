import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../kernel/util/random';
import { expectedPurchasesOfNewCustomer, expectedPurchasesWhileAlive, probabilityAlive } from './bg-nbd';
import { spendSummaryOf } from './gamma-gamma';
import { fitLifetimeModel, PRIOR_BG_NBD } from './model';
import { createPredictor } from './predict';
import { simulateCustomer } from './simulate';
import { summaryOf } from './summary';
import { purchasesOverHorizon } from './value';

describe('P(alive)', () => {
  it('is 1 for a customer who never bought again', () => {
    expect(probabilityAlive({ r: 1, alpha: 2, a: 1, b: 3 }, 0, 0, 50)).toBe(1);
  });

  it('is 27/43 for x = 2, t_x = 4, T = 6 under r = 1, α = 2, a = 1, b = 3', () => {
    // odds of having dropped out = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 1/4 · (8/6)^3 = 16/27
    expect(probabilityAlive({ r: 1, alpha: 2, a: 1, b: 3 }, 2, 4, 6)).toBeCloseTo(27 / 43, 12);
  });

  it('falls the longer a customer has been silent', () => {
    const p = { r: 0.5, alpha: 30, a: 0.8, b: 2.5 };
    expect(probabilityAlive(p, 3, 100, 120)).toBeGreaterThan(probabilityAlive(p, 3, 50, 120));
  });
});

describe('expected purchases of a new customer', () => {
  // r = 1, α = 1, a = 2, b = 2: E[X(t)] = 3·[1 − 2F1(1, 2; 3; z)/(1+t)], z = t/(1+t),
  // with 2F1(1, 2; 3; z) = −2(z + ln(1−z))/z² in closed form.
  const closedForm = (t: number) => {
    const z = t / (1 + t);
    return 3 * (1 - (-2 * (z + Math.log(1 - z))) / (z * z) / (1 + t));
  };
  const p = { r: 1, alpha: 1, a: 2, b: 2 };

  it('matches the closed form where the series is used (t = 1, z = 0.5)', () => {
    expect(expectedPurchasesOfNewCustomer(p, 1)).toBeCloseTo(closedForm(1), 10);
    expect(closedForm(1)).toBeCloseTo(0.682234, 6);
  });

  it('matches the closed form where quadrature takes over (t = 19, z = 0.95)', () => {
    expect(expectedPurchasesOfNewCustomer(p, 19)).toBeCloseTo(closedForm(19), 8);
  });

  it('works at a = 1, where the closed form has a removable singularity', () => {
    const near = expectedPurchasesWhileAlive(0.5, 20, 1 + 1e-4, 3, 100);
    expect(expectedPurchasesWhileAlive(0.5, 20, 1, 3, 100)).toBeCloseTo(near, 3);
  });

  it('is zero over an empty horizon', () => {
    expect(expectedPurchasesOfNewCustomer(p, 0)).toBe(0);
  });
});

describe('purchases over a horizon', () => {
  const p = { r: 0.5, alpha: 40, a: 0.8, b: 2.5 };

  it('equals the undiscounted count at a zero rate', () => {
    const h = purchasesOverHorizon(p, 2, 60, 200, 365, 0);
    expect(h.discountedPurchases).toBeCloseTo(h.purchases, 12);
  });

  it('discounts a 90-day horizon by (1 + rate)^(−90/365) in one step', () => {
    const h = purchasesOverHorizon(p, 2, 60, 200, 90, 0.1);
    expect(h.discountedPurchases).toBeCloseTo(h.purchases * 1.1 ** (-90 / 365), 12);
  });
});

function simulatedBrand(customers: number, seed: number) {
  const rand = seededRandom(seed);
  const truth = { bg: { r: 0.6, alpha: 60, a: 0.7, b: 3 }, gg: { p: 5, q: 4, gamma: 1500 } };
  const rows = [];
  const spend = [];
  for (let i = 0; i < customers; i++) {
    const T = 100 + Math.floor(rand() * 500);
    const c = simulateCustomer(rand, truth.bg, truth.gg, T);
    const x = c.purchaseDays.length - 1;
    rows.push({ x, tx: c.purchaseDays[x]!, T });
    if (x > 0) spend.push({ x, mean: c.valuesMinor.slice(1).reduce((s, v) => s + v, 0) / x });
  }
  return { truth, purchases: summaryOf(rows), spend: spendSummaryOf(spend) };
}

describe('fitting a brand', () => {
  it('recovers the parameters of a simulated population', () => {
    const b = simulatedBrand(8000, 7);
    const model = fitLifetimeModel({
      purchases: b.purchases,
      spend: b.spend,
      historyDays: 600,
      meanOrderValueMinor: 2500,
    });
    expect(model.bgNbd.source).toBe('fitted');
    expect(model.gammaGamma.source).toBe('fitted');
    expect(model.bgNbd.params.r).toBeGreaterThan(0.45);
    expect(model.bgNbd.params.r).toBeLessThan(0.8);
    expect(model.bgNbd.params.alpha / model.bgNbd.params.r).toBeGreaterThan(70);
    expect(model.bgNbd.params.alpha / model.bgNbd.params.r).toBeLessThan(130);
    const meanSpend =
      (model.gammaGamma.params.p * model.gammaGamma.params.gamma) / (model.gammaGamma.params.q - 1);
    expect(meanSpend).toBeGreaterThan(2000);
    expect(meanSpend).toBeLessThan(3000);
  });

  it('falls back to the stated priors, saying why, for a store below the data a fit needs', () => {
    const b = simulatedBrand(120, 3);
    const model = fitLifetimeModel({
      purchases: b.purchases,
      spend: b.spend,
      historyDays: 90,
      meanOrderValueMinor: 4000,
    });
    expect(model.bgNbd.source).toBe('prior');
    expect(model.bgNbd.params).toEqual(PRIOR_BG_NBD);
    expect(model.bgNbd.priorBecause).toEqual([
      '120 customers (a fit needs 500)',
      '90 days of history (a fit needs 180)',
    ]);
    expect(model.gammaGamma.source).toBe('prior');
    // The spend prior is centred on the store's own mean order value.
    const { p, q, gamma } = model.gammaGamma.params;
    expect((p * gamma) / (q - 1)).toBeCloseTo(4000, 6);
  });

  it('gives a prior-based prediction a far wider interval than a fitted one', () => {
    const big = simulatedBrand(8000, 11);
    const fitted = fitLifetimeModel({
      purchases: big.purchases,
      spend: big.spend,
      historyDays: 600,
      meanOrderValueMinor: 2500,
    });
    const prior = fitLifetimeModel({
      purchases: summaryOf([]),
      spend: spendSummaryOf([]),
      historyDays: 0,
      meanOrderValueMinor: 2500,
    });
    const width = (m: typeof fitted) => {
      const v = createPredictor(m, { annualDiscountRate: 0.1 })(3, 150, 300, 2500);
      expect(v.value365LowMinor).toBeLessThanOrEqual(v.value365Minor);
      expect(v.value365HighMinor).toBeGreaterThanOrEqual(v.value365Minor);
      return v.value365HighMinor / v.value365LowMinor;
    };
    expect(width(fitted)).toBeLessThan(1.5);
    expect(width(prior)).toBeGreaterThan(3);
  });
});

describe('predictions', () => {
  const model = fitLifetimeModel({
    purchases: summaryOf([]),
    spend: spendSummaryOf([]),
    historyDays: 0,
    meanOrderValueMinor: 3000,
  });
  const predict = createPredictor(model, { annualDiscountRate: 0.1 });

  it('values a customer as discounted purchases times expected order value', () => {
    const v = predict(2, 100, 200, 5000);
    const h = purchasesOverHorizon(model.bgNbd.params, 2, 100, 200, 365, 0.1);
    // Both roundings are to the nearest minor unit, so they differ by at most one.
    expect(Math.abs(v.value365Minor - h.discountedPurchases * v.orderValueMinor)).toBeLessThanOrEqual(1);
    expect(v.purchases365).toBeGreaterThan(v.purchases90);
  });

  it('expects less from a lapsed customer than from a recent one with the same history', () => {
    expect(predict(4, 30, 300, 3000).value365Minor).toBeLessThan(predict(4, 290, 300, 3000).value365Minor);
  });
});
