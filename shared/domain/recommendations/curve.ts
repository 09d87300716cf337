import { ratio } from '../phrasing';

/**
 * Response curves for "what happens to revenue if this campaign spends more or less".
 *
 * The default model is the diminishing-returns power curve revenue = a·spend^b (0 < b ≤ 1), the
 * simplest form used in media-mix modelling (Jin et al., "Bayesian Methods for Media Mix Modeling
 * with Carryover and Shape Effects", Google 2017, use Hill curves; a power curve is their
 * one-parameter special case and can be fitted by least squares on logs). It is fitted per
 * campaign from its own daily history. When the history is too short or too flat to identify b,
 * we say so and fall back to a stated constant-ROAS assumption instead of inventing a curve.
 */
export interface SpendRevenuePoint {
  spendMinor: number;
  revenueMinor: number;
}

export type ResponseCurve =
  | { kind: 'power'; a: number; b: number; r2: number; days: number }
  | { kind: 'constant_roas'; roas: number; days: number; why: string };

const MIN_DAYS = 7;
/** Standard deviation of log(spend) below which spend barely moved and b is not identifiable. */
const MIN_LOG_SPREAD = 0.05;

/** The stated assumption that nearby spend returns the average ROAS of a period, and why no curve is used. */
export function constantRoasCurve(
  total: { spendMinor: number; revenueMinor: number },
  days: number,
  why: string,
): ResponseCurve {
  const roas = total.spendMinor > 0 ? total.revenueMinor / total.spendMinor : 0;
  return { kind: 'constant_roas', roas, days, why };
}

export function fitResponseCurve(points: readonly SpendRevenuePoint[]): ResponseCurve {
  const usable = points.filter((p) => p.spendMinor > 0 && p.revenueMinor > 0);
  const total = {
    spendMinor: points.reduce((s, p) => s + p.spendMinor, 0),
    revenueMinor: points.reduce((s, p) => s + p.revenueMinor, 0),
  };
  const fallback = (why: string): ResponseCurve => constantRoasCurve(total, points.length, why);
  if (usable.length < MIN_DAYS) return fallback(`only ${usable.length} days with both spend and revenue`);

  const xs = usable.map((p) => Math.log(p.spendMinor));
  const ys = usable.map((p) => Math.log(p.revenueMinor));
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (Math.sqrt(sxx / n) < MIN_LOG_SPREAD) return fallback('daily spend barely varied');
  const b = sxy / sxx;
  // b ≤ 0: revenue fell as spend rose; b > 1: it grew faster than spend. Neither is diminishing returns.
  if (!(b > 0 && b <= 1))
    return fallback(
      b > 1
        ? `revenue grew faster than spend, which no diminishing-returns curve fits (exponent ${b.toFixed(2)})`
        : `revenue did not rise with spend (exponent ${b.toFixed(2)})`,
    );
  const a = Math.exp(my - b * mx);
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { kind: 'power', a, b, r2, days: n };
}

/** Expected daily revenue (minor units) at a daily spend. */
export function predictRevenue(curve: ResponseCurve, dailySpendMinor: number): number {
  if (dailySpendMinor <= 0) return 0;
  return curve.kind === 'power' ? curve.a * dailySpendMinor ** curve.b : curve.roas * dailySpendMinor;
}

/** The daily spend at which the curve's average ROAS equals `roas`; undefined for a constant curve. */
export function spendForAverageRoas(curve: ResponseCurve, roas: number): number | undefined {
  // a·s^(b-1) = roas  ⇒  s = (roas / a)^(1 / (b - 1)); b = 1 has no unique answer.
  if (curve.kind !== 'power' || curve.b >= 0.999) return undefined;
  return (roas / curve.a) ** (1 / (curve.b - 1));
}

export function describeCurve(curve: ResponseCurve): string {
  return curve.kind === 'power'
    ? // The fitted parameters travel in the evidence (curve_b, curve_days); the sentence is for people.
      `diminishing-returns curve fitted on ${curve.days} days of this campaign's spend and revenue`
    : `stated assumption: constant ROAS of ${ratio(curve.roas)} at nearby spend levels (${curve.why})`;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
