/**
 * Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", and Fader & Hardie, "The Gamma-Gamma Model of
 * Monetary Value" (2013 note). A customer's transaction values are Gamma(p, ν); ν across customers
 * is Gamma(q, γ). Fitted on customers with at least one repeat purchase, on the mean value of those
 * repeat purchases — the convention of the note and of the `lifetimes` library.
 */
import { inLogBox, type ModelFit } from './bg-nbd';
import { nelderMead } from './nelder-mead';
import { lnGamma } from './special';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface SpendSummary {
  readonly size: number;
  /** Number of transactions the mean is taken over (x ≥ 1). */
  readonly x: Float64Array;
  /** Mean value of those transactions (any positive unit; minor units in the product). */
  readonly mean: Float64Array;
}

export function spendSummaryOf(rows: ReadonlyArray<{ x: number; mean: number }>): SpendSummary {
  const x = new Float64Array(rows.length);
  const mean = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    if (!(row.x >= 1 && row.mean > 0))
      throw new RangeError(
        `row ${i}: Gamma-Gamma needs x ≥ 1 and a positive mean, got x=${row.x} mean=${row.mean}`,
      );
    x[i] = row.x;
    mean[i] = row.mean;
  });
  return { size: rows.length, x, mean };
}

/**
 * Σ ln f(z̄ | x): the mean of x Gamma(p, ν) values is Gamma(px, xν); integrating ν out gives
 *   f(z̄ | p, q, γ, x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · x^(px) · z̄^(px−1) / (γ + x z̄)^(px+q).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NaN;
  const perX = new Map<number, number>();
  let total = 0;
  const constant = q * Math.log(gamma) - lnGamma(q);
  for (let i = 0; i < s.size; i++) {
    const x = s.x[i] as number;
    const z = s.mean[i] as number;
    const px = p * x;
    let cx = perX.get(x);
    if (cx === undefined) {
      cx = lnGamma(px + q) - lnGamma(px) + px * Math.log(x);
      perX.set(x, cx);
    }
    total += cx + (px - 1) * Math.log(z) - (px + q) * Math.log(gamma + x * z);
  }
  return total + constant * s.size;
}

/**
 * Maximum likelihood over log-parameters. Spend is rescaled to a mean of about one first (γ scales
 * with the currency unit, p and q do not), so the simplex starts at the same place for cents or yen.
 */
export function fitGammaGamma(s: SpendSummary): ModelFit<GammaGammaParams> {
  if (s.size === 0) throw new RangeError('Gamma-Gamma needs at least one repeat buyer');
  let sum = 0;
  for (let i = 0; i < s.size; i++) sum += s.mean[i] as number;
  const scale = sum / s.size;
  const scaled: SpendSummary = { size: s.size, x: s.x, mean: s.mean.map((m) => m / scale) };
  const objective = (v: readonly number[]) =>
    inLogBox(v)
      ? -gammaGammaLogLikelihood(
          { p: Math.exp(v[0] as number), q: Math.exp(v[1] as number), gamma: Math.exp(v[2] as number) },
          scaled,
        ) / s.size
      : Number.NaN;
  const result = nelderMead(objective, [0, 0, 0], { fTolerance: 1e-12, xTolerance: 1e-7 });
  const params = {
    p: Math.exp(result.x[0] as number),
    q: Math.exp(result.x[1] as number),
    gamma: Math.exp(result.x[2] as number) * scale,
  };
  return {
    params,
    logLikelihood: gammaGammaLogLikelihood(params, s),
    converged: result.converged && inLogBox(result.x, 0.5),
    evaluations: result.evaluations,
  };
}

/** The population mean spend per transaction, pγ/(q−1); infinite when q ≤ 1. */
export function populationMeanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1): a weighted average of the population mean and the
 * customer's own mean, leaning on their own the more transactions they have. x = 0 gives the
 * population mean (what a one-order customer is expected to spend on a repeat purchase).
 */
export function expectedSpend(params: GammaGammaParams, x: number, mean: number): number {
  const { p, q, gamma } = params;
  if (x === 0) return populationMeanSpend(params);
  return (p * (gamma + x * mean)) / (p * x + q - 1);
}
