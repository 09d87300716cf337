/**
 * Hill saturation with geometric adstock: the response-curve family of Jin et al., "Bayesian
 * Methods for Media Mix Modeling with Carryover and Shape Effects" (Google, 2017), also used by
 * Meta's Robyn and Google's Meridian.
 *
 *   adstock_t = (1 − λ) · Σ_l λ^l · spend_{t−l}        (normalised: a steady spend S has adstock S)
 *   revenue_t = top · a^s / (a^s + K^s)
 *
 * Because the adstock is normalised, K is the steady daily spend at which a campaign earns half of
 * its ceiling `top`, in the same units as daily spend: "half-saturation spend".
 */
export interface HillParams {
  /** Revenue ceiling per day (minor units). */
  top: number;
  /** Half-saturation daily spend (minor units). */
  halfSat: number;
  /** Shape: ≤ 1 concave from the first unit, > 1 S-shaped. */
  shape: number;
  /** Geometric carry-over λ in [0, 1). */
  decay: number;
}

/** Normalised geometric adstock; days before the first are taken to have the first day's spend. */
export function adstock(spend: readonly number[], decay: number): number[] {
  const out = new Array<number>(spend.length);
  let carry = spend[0] ?? 0;
  for (let t = 0; t < spend.length; t++) {
    carry = (1 - decay) * spend[t]! + decay * carry;
    out[t] = carry;
  }
  return out;
}

/** The Hill factor in [0, 1). */
export function saturation(a: number, halfSat: number, shape: number): number {
  if (a <= 0) return 0;
  const r = (a / halfSat) ** shape;
  return r / (1 + r);
}

/** Expected daily revenue at a steady daily spend. */
export function revenueAt(p: HillParams, dailySpend: number): number {
  return p.top * saturation(dailySpend, p.halfSat, p.shape);
}

/**
 * Marginal ROAS at a steady daily spend: the revenue one more unit of sustained daily spend brings,
 * dR/dS = top · s · S^(s−1) · K^s / (S^s + K^s)².
 */
export function marginalRoasAt(p: HillParams, dailySpend: number): number {
  if (dailySpend <= 0) return p.shape < 1 ? Number.POSITIVE_INFINITY : p.shape === 1 ? p.top / p.halfSat : 0;
  const r = (dailySpend / p.halfSat) ** p.shape;
  return (p.top * p.shape * r) / (dailySpend * (1 + r) ** 2);
}

/** The steady daily spend whose expected revenue is `revenue`; Infinity at or above the ceiling. */
export function spendForRevenue(p: HillParams, revenue: number): number {
  if (revenue <= 0) return 0;
  if (revenue >= p.top) return Number.POSITIVE_INFINITY;
  return p.halfSat * (revenue / (p.top - revenue)) ** (1 / p.shape);
}

/** Where marginal ROAS peaks (0 for concave curves): above it, marginal ROAS only falls. */
export function inflectionSpend(p: HillParams): number {
  return p.shape <= 1 ? 0 : p.halfSat * ((p.shape - 1) / (p.shape + 1)) ** (1 / p.shape);
}
