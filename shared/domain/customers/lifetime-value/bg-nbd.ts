/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing:
 * Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2).
 * While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b). Times are in whatever unit the summary uses (days here, weeks
 * in the paper); α carries that unit.
 */
import { nelderMead } from './nelder-mead';
import { hyp2f1, integrateUnit, lnBeta, lnGamma, logAddExp } from './special';
import { compressSummary, type RepeatSummary } from './summary';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export const BG_NBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

export function bgNbdFromVector(v: readonly number[]): BgNbdParams {
  return { r: v[0] as number, alpha: v[1] as number, a: v[2] as number, b: v[3] as number };
}

export function bgNbdToVector(p: BgNbdParams): number[] {
  return [p.r, p.alpha, p.a, p.b];
}

/**
 * Total log-likelihood, equation (6) of the paper:
 *   L = Γ(r+x)α^r/Γ(r) · Γ(a+b)Γ(b+x)/(Γ(b)Γ(a+b+x)) · [ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * Terms that depend only on x are computed once per distinct x.
 */
export function bgNbdLogLikelihood(p: BgNbdParams, s: RepeatSummary): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NaN;
  // Per-x terms: lnΓ ratios and ln(a/(b+x−1)), cached by integer x (other x through a map).
  const small = new Float64Array(2 * X_CACHE).fill(Number.NaN);
  const other = new Map<number, [number, number]>();
  const constant = r * Math.log(alpha) - lnGamma(r) + lnGamma(a + b) - lnGamma(b);
  let total = 0;
  for (let i = 0; i < s.size; i++) {
    const x = s.x[i] as number;
    let cx: number;
    let lnOdds: number;
    if (Number.isInteger(x) && x < X_CACHE) {
      cx = small[2 * x] as number;
      if (Number.isNaN(cx)) {
        cx = lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
        small[2 * x] = cx;
        small[2 * x + 1] = x > 0 ? Math.log(a / (b + x - 1)) : 0;
      }
      lnOdds = small[2 * x + 1] as number;
    } else {
      let hit = other.get(x);
      if (!hit) {
        hit = [lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x), x > 0 ? Math.log(a / (b + x - 1)) : 0];
        other.set(x, hit);
      }
      [cx, lnOdds] = hit;
    }
    const rx = r + x;
    const tail = -rx * Math.log(alpha + (s.T[i] as number));
    let last = tail;
    if (x > 0) {
      // ln(A3 + A4) = ln A3 + ln(1 + A4/A3); the ratio is exp(lnOdds + (r+x)·ln((α+T)/(α+t_x))).
      const lnRatio = lnOdds - rx * Math.log(alpha + (s.tx[i] as number)) - tail;
      last = lnRatio < 30 ? tail + Math.log1p(Math.exp(lnRatio)) : logAddExp(tail, tail + lnRatio);
    }
    total += (s.weight[i] as number) * (cx + last);
  }
  return total + constant * totalWeight(s);
}

const X_CACHE = 4096;

export function totalWeight(s: RepeatSummary): number {
  let w = 0;
  for (let i = 0; i < s.size; i++) w += s.weight[i] as number;
  return w;
}

export interface ModelFit<P> {
  readonly params: P;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly evaluations: number;
}

/**
 * Maximum likelihood over log-parameters (so every trial point is a valid model), from the
 * all-ones start the `lifetimes` library also uses. The objective is the mean negative
 * log-likelihood so the simplex tolerances mean the same for ten customers or a million.
 */
export function fitBgNbd(
  data: RepeatSummary,
  start: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 },
): ModelFit<BgNbdParams> {
  const n = totalWeight(data);
  if (n === 0) throw new RangeError('BG/NBD needs at least one customer');
  // Identical customers merged into weights: exact, and far fewer rows to sum per evaluation.
  const s = compressSummary(data);
  const objective = (logV: readonly number[]) =>
    inLogBox(logV) ? -bgNbdLogLikelihood(bgNbdFromVector(logV.map(Math.exp)), s) / n : Number.NaN;
  const result = nelderMead(objective, bgNbdToVector(start).map(Math.log), {
    fTolerance: 1e-12,
    xTolerance: 1e-7,
  });
  const params = bgNbdFromVector(result.x.map(Math.exp));
  return {
    params,
    logLikelihood: bgNbdLogLikelihood(params, s),
    // A parameter pinned at the box's edge is one the data cannot determine (b → ∞ when nobody
    // seems to drop out): not a maximum to report as fitted.
    converged: result.converged && inLogBox(result.x, 0.5),
    evaluations: result.evaluations,
  };
}

/** Log-parameters are searched within ±10 (e^10 ≈ 22,000): beyond it a model is degenerate. */
export const LOG_PARAM_BOUND = 10;
export function inLogBox(logV: readonly number[], margin = 0): boolean {
  return logV.every((v) => Math.abs(v) <= LOG_PARAM_BOUND - margin);
}

/** Odds ratio of "dropped out after the last purchase" to "still alive", the paper's equation (A4) denominator. */
function deadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 0;
  return (p.a / (p.b + x - 1)) * Math.exp((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx)));
}

/** P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  return 1 / (1 + deadOdds(p, x, tx, T));
}

/** Above this z the 2F1 series needs too many terms; quadrature takes over. */
const SERIES_Z_LIMIT = 0.9;

/**
 * Expected purchases in the next t for a customer known to be alive, whose posterior is again a
 * BG/NBD with (r', α', a, b') = (r+x, α+T, a, b+x). The closed form, equation (9) of the paper, is
 *   (a+b'−1)/(a−1) · [1 − (α'/(α'+t))^r' · 2F1(r', b'; a+b'−1; t/(α'+t))];
 * near z = 1 (a short history against a long horizon) or at a = 1 the same quantity is the
 * one-dimensional integral E_p[(1 − (α'/(α'+p t))^r') / p] under p ~ Beta(a, b').
 */
export function expectedPurchasesWhileAlive(
  rP: number,
  alphaP: number,
  a: number,
  bP: number,
  t: number,
): number {
  if (t <= 0) return 0;
  const z = t / (alphaP + t);
  if (z <= SERIES_Z_LIMIT && Math.abs(a - 1) > 1e-6) {
    const c = a + bP - 1;
    const f = hyp2f1(rP, bP, c, z);
    return (c / (a - 1)) * (1 - Math.exp(rP * Math.log(alphaP / (alphaP + t))) * f);
  }
  const lnB = lnBeta(a, bP);
  return integrateUnit((q, oneMinusQ) => {
    const density = Math.exp((a - 1) * Math.log(q) + (bP - 1) * Math.log(oneMinusQ) - lnB);
    // (1 − (α'/(α'+qt))^r')/q, written with expm1/log1p so small q loses no digits.
    const g = -Math.expm1(-rP * Math.log1p((q * t) / alphaP)) / q;
    return density * g;
  });
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T+t], the paper's equation (10). */
export function expectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const alive = probabilityAlive(p, x, tx, T);
  return alive * expectedPurchasesWhileAlive(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

/** E[X(t)] for a newly acquired customer: purchases in their first t after the first purchase. */
export function expectedPurchasesOfNewCustomer(p: BgNbdParams, t: number): number {
  return expectedPurchasesWhileAlive(p.r, p.alpha, p.a, p.b, t);
}
