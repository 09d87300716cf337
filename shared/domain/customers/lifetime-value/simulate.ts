/**
 * Draws customers from a BG/NBD + Gamma-Gamma population with a seeded generator: test data with
 * known true parameters, and the bench's generated brand. Deterministic for a given seed.
 */
import type { BgNbdParams } from './bg-nbd';
import type { GammaGammaParams } from './gamma-gamma';

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gammaDraw(rand: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(rand, shape + 1, rate) * (1 - rand()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rand);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function betaDraw(rand: () => number, a: number, b: number): number {
  const x = gammaDraw(rand, a, 1);
  return x / (x + gammaDraw(rand, b, 1));
}

export interface SimulatedCustomer {
  /** Days of each purchase, counted from the first (0, …). */
  readonly purchaseDays: number[];
  /** Value of each purchase in minor units. */
  readonly valuesMinor: number[];
}

/**
 * One customer observed for `observedDays` after their first purchase, plus what they would do in
 * the following `holdoutDays` (returned in the same arrays, days beyond observedDays).
 */
export function simulateCustomer(
  rand: () => number,
  bg: BgNbdParams,
  gg: GammaGammaParams,
  observedDays: number,
): SimulatedCustomer {
  const lambda = gammaDraw(rand, bg.r, bg.alpha);
  const dropout = betaDraw(rand, bg.a, bg.b);
  const nu = gammaDraw(rand, gg.q, gg.gamma);
  const days = [0];
  const values = [Math.max(1, Math.round(gammaDraw(rand, gg.p, nu)))];
  let t = 0;
  let lastDay = 0;
  for (;;) {
    t += -Math.log(1 - rand()) / lambda;
    if (t > observedDays) break;
    const day = Math.floor(t);
    // Purchases on one day count once, as the product counts them.
    if (day !== lastDay) {
      lastDay = day;
      days.push(day);
      values.push(Math.max(1, Math.round(gammaDraw(rand, gg.p, nu))));
    }
    // After each repeat purchase the customer may drop out for good (the "BG" of BG/NBD).
    if (rand() < dropout) break;
  }
  return { purchaseDays: days, valuesMinor: values };
}
