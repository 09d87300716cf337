/**
 * Per-customer predictions from a lifetime model: P(alive), expected purchases and discounted value
 * over 90 and 365 days, and an 80 % interval on the 365-day value from the parameters' uncertainty
 * (delta method on log value: Var ≈ g′Σg with g the gradient in log-parameters, by finite
 * differences, per cell of a coarse grid). Customers sharing (x, t_x, T) share the expensive part.
 */
import { type BgNbdParams, bgNbdFromVector, bgNbdToVector, probabilityAlive } from './bg-nbd';
import { expectedSpend, type GammaGammaParams } from './gamma-gamma';
import type { LifetimeModel } from './model';
import { quadraticForm, Z_80 } from './uncertainty';
import { purchasesOverHorizon } from './value';

export interface PredictionOptions {
  readonly annualDiscountRate: number;
}

export interface CustomerPrediction {
  readonly pAlive: number;
  readonly purchases90: number;
  readonly purchases365: number;
  readonly value90Minor: number;
  readonly value365Minor: number;
  readonly value365LowMinor: number;
  readonly value365HighMinor: number;
  /** Expected value of one future order (Gamma-Gamma), minor units. */
  readonly orderValueMinor: number;
}

interface PurchaseForecast {
  pAlive: number;
  purchases90: number;
  purchases365: number;
  discounted90: number;
  discounted365: number;
  /** Variance of ln(discounted 365-day purchases) from the BG/NBD parameters. */
  logVariance: number;
}

const STEP = 1e-3;

export function createPredictor(model: LifetimeModel, options: PredictionOptions) {
  const bg = model.bgNbd.params;
  const gg = model.gammaGamma.params;
  const rate = options.annualDiscountRate;
  const bgLog = bgNbdToVector(bg).map(Math.log);
  const shifted: BgNbdParams[] = bgLog.map((_, i) =>
    bgNbdFromVector(bgLog.map((v, j) => Math.exp(i === j ? v + STEP : v))),
  );
  const ggLog = [Math.log(gg.p), Math.log(gg.q), Math.log(gg.gamma)];
  const ggShifted: GammaGammaParams[] = ggLog.map((_, i) => {
    const v = ggLog.map((w, j) => Math.exp(i === j ? w + STEP : w));
    return { p: v[0]!, q: v[1]!, gamma: v[2]! };
  });
  const cache = new Map<number | string, PurchaseForecast>();
  const variances = new Map<number, number>();

  /**
   * The interval's width changes slowly with a customer's history, so its variance is computed once
   * per cell of a coarse grid (x up to 20 then by doubling, T by 30 days, t_x/T by tenths) at the
   * cell's own first customer: four extra model evaluations per cell instead of per customer.
   */
  function logVarianceOf(x: number, tx: number, T: number, base: number): number {
    const xCell = x <= 20 ? x : 20 + Math.ceil(Math.log2(x / 20));
    const cell = (xCell * 1000 + Math.floor(T / 30)) * 11 + (T > 0 ? Math.floor((10 * tx) / T) : 0);
    const hit = variances.get(cell);
    if (hit !== undefined) return hit;
    const gradient = shifted.map(
      (p) => (Math.log(purchasesOverHorizon(p, x, tx, T, 365, rate).discountedPurchases) - base) / STEP,
    );
    const v = quadraticForm(gradient, model.bgNbd.logCovariance);
    variances.set(cell, v);
    return v;
  }

  function forecast(x: number, tx: number, T: number): PurchaseForecast {
    // Whole days make a numeric key (cheaper than a string for a million customers).
    const key =
      Number.isInteger(x) && Number.isInteger(tx) && Number.isInteger(T) && x < 1e4 && T < 1e4
        ? (x * 1e4 + tx) * 1e4 + T
        : `${x}|${tx}|${T}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const h365 = purchasesOverHorizon(bg, x, tx, T, 365, rate);
    const h90 = purchasesOverHorizon(bg, x, tx, T, 90, rate);
    const f: PurchaseForecast = {
      pAlive: probabilityAlive(bg, x, tx, T),
      purchases90: h90.purchases,
      purchases365: h365.purchases,
      discounted90: h90.discountedPurchases,
      discounted365: h365.discountedPurchases,
      logVariance: logVarianceOf(x, tx, T, Math.log(h365.discountedPurchases)),
    };
    cache.set(key, f);
    return f;
  }

  /** x repeat purchases, t_x and T in days, `repeatMeanMinor` the mean value of the repeat purchases (0 when x = 0). */
  return function predict(x: number, tx: number, T: number, repeatMeanMinor: number): CustomerPrediction {
    const f = forecast(x, tx, T);
    const spend = expectedSpend(gg, x, repeatMeanMinor);
    const spendGradient = ggShifted.map(
      (p) => (Math.log(expectedSpend(p, x, repeatMeanMinor)) - Math.log(spend)) / STEP,
    );
    const sd = Math.sqrt(f.logVariance + quadraticForm(spendGradient, model.gammaGamma.logCovariance));
    const value365 = f.discounted365 * spend;
    const spread = Number.isFinite(sd) ? Math.exp(Z_80 * sd) : 1;
    return {
      pAlive: f.pAlive,
      purchases90: f.purchases90,
      purchases365: f.purchases365,
      value90Minor: Math.round(f.discounted90 * spend),
      value365Minor: Math.round(value365),
      value365LowMinor: Math.round(value365 / spread),
      value365HighMinor: Math.round(value365 * spread),
      orderValueMinor: Math.round(spend),
    };
  };
}

export type Predictor = ReturnType<typeof createPredictor>;
