import type { LocalDate } from '../time';
import { adstock, type HillParams } from './hill';
import { nelderMead } from './nelder-mead';

/**
 * Fitting a Hill-with-adstock curve to one campaign's days. The carry-over λ is searched on a grid
 * (the loss is ragged in λ); for each λ, Nelder–Mead searches log K and log s while the ceiling
 * `top` is solved exactly by least squares (revenue is linear in it). A prior — the brand's pooled
 * curve, see pooled.ts — pulls log K and log s towards it with the weight of `priorWeight` days, so
 * a campaign whose spend barely moved borrows the brand's shape instead of inventing one.
 * Censored days (stock out: see censor.ts) still feed the adstock, because their spend carries over,
 * but are left out of the loss: their revenue says nothing about the curve.
 * Warm-up days — up to WARM_UP_DAYS before the window, read with it — do the same for the window's
 * first weeks: their spend is the carry-over the window starts with. Nothing else reads them (not
 * the loss, the day counts, the mean spend or the window); without them the adstock starts from
 * the window's first day's spend, which is right only for a campaign that starts on that day.
 */
export interface CurveDay {
  date?: LocalDate;
  spendMinor: number;
  revenueMinor: number;
  /** True when sales were capped by stock: excluded from the fit, never read as saturation. */
  censored?: boolean;
  /** True for a day before the fitted window: its spend feeds the adstock, nothing else is read. */
  warmUp?: boolean;
}

export interface CurvePrior {
  /** Half-saturation spend as a multiple of the campaign's mean daily spend. */
  relHalfSat: number;
  shape: number;
  decay: number;
}

export interface FitQuality {
  r2: number;
  /** Mean absolute percentage error on days with revenue. */
  mape: number;
  days: number;
  daysUsed: number;
  daysCensored: number;
}

export interface FittedCurve {
  model: typeof HILL_MODEL;
  params: HillParams;
  quality: FitQuality;
  window: { from: LocalDate; to: LocalDate } | null;
  meanSpendMinor: number;
  /** Whether the brand's pooled curve regularised this fit. */
  pooled: boolean;
  /** Mean squared residual relative to mean revenue: what weighs the prior when refitting. */
  noiseVariance: number;
  /**
   * The prior pull this fit was made with (when pooled): a bootstrap refit must use the same one,
   * or its intervals are of another estimator than the point they are printed beside (991).
   */
  penalty?: Penalty;
}

export type CurveFit = { ok: true; curve: FittedCurve } | { ok: false; reason: string; days: number };

export const HILL_MODEL = 'hill-adstock/v1';
export const DECAY_GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] as const;
/**
 * Days of spend read before the window for its carry-over: at the grid's largest λ, 0.8^28 ≈ 0.002
 * of the spend before them still reaches the window's first day.
 */
export const WARM_UP_DAYS = 28;
const MIN_DAYS = 14;
/** Below this coefficient of variation of spend, K is not identifiable without a prior. */
const MIN_SPEND_CV = 0.05;
const SHAPE_BOUNDS = [0.3, 4] as const;
/**
 * Residuals are weighted by (fitted / mean fitted)^−q: revenue made of orders is noisier on bigger
 * days (variance ∝ mean for counts, q = 1), so big-spend days must not drown the small ones.
 */
export const WEIGHT_POWER = 1;

export interface FitOptions {
  prior?: CurvePrior;
  decays?: readonly number[];
}

/**
 * How far a campaign may stray from the pooled curve before the data must pay for it: prior
 * standard deviations of log K (×1.65), log s (×1.35) and λ. The penalty is the Gaussian
 * log-prior scaled by the fit's own residual variance, so noisy campaigns lean on the brand more.
 */
export const PRIOR_SD = { logHalfSat: 0.5, logShape: 0.3, decay: 0.2 } as const;

/** A prior and the residual variance (of revenue relative to its mean) that weighs it. */
export interface Penalty {
  prior: CurvePrior;
  noiseVariance: number;
}

interface Prepared {
  spend: number[];
  revenue: number[];
  used: number[];
  meanSpend: number;
  meanRevenue: number;
}

function prepare(days: readonly CurveDay[]): Prepared {
  const used: number[] = [];
  days.forEach((d, i) => {
    if (!d.censored && !d.warmUp) used.push(i);
  });
  const active = used.filter((i) => days[i]!.spendMinor > 0);
  const meanSpend = active.reduce((s, i) => s + days[i]!.spendMinor, 0) / Math.max(1, active.length);
  const meanRevenue = used.reduce((s, i) => s + days[i]!.revenueMinor, 0) / Math.max(1, used.length);
  return {
    spend: days.map((d) => d.spendMinor),
    revenue: days.map((d) => d.revenueMinor),
    used,
    meanSpend,
    meanRevenue,
  };
}

interface Solved {
  params: HillParams;
  loss: number;
}

/** Best K, s (and exact top) for one carry-over λ, from a starting point in log space. */
export function solveForDecay(
  p: Prepared,
  decay: number,
  start: readonly [number, number],
  penalty?: Penalty,
): Solved {
  const logA = adstock(p.spend, decay).map((a) => (a > 0 ? Math.log(a) : Number.NEGATIVE_INFINITY));
  const n = p.used.length;
  const scale = p.meanRevenue > 0 ? p.meanRevenue : 1;
  const prior = penalty?.prior;
  const w = (penalty?.noiseVariance ?? 0) / n;
  const priorK = prior ? Math.log(prior.relHalfSat * p.meanSpend) : 0;
  const priorS = prior ? Math.log(prior.shape) : 0;
  const h = new Float64Array(p.spend.length);
  const weight = new Float64Array(p.spend.length);
  const topFor = (u: readonly number[]): { top: number; sse: number } => {
    const logK = u[0]!;
    const s = Math.exp(u[1]!);
    let hSum = 0;
    for (const i of p.used) {
      const x = s * (logA[i]! - logK);
      const v = x > 50 ? 1 : 1 / (1 + Math.exp(-x));
      h[i] = v;
      hSum += v;
    }
    if (!(hSum > 0)) return { top: 0, sse: Number.POSITIVE_INFINITY };
    const hMean = hSum / n;
    let hy = 0;
    let hh = 0;
    for (const i of p.used) {
      const v = h[i]!;
      const wt = Math.max(0.05, v / hMean) ** -WEIGHT_POWER;
      weight[i] = wt;
      hy += wt * v * p.revenue[i]!;
      hh += wt * v * v;
    }
    const top = hh > 0 ? Math.max(0, hy / hh) : 0;
    let sse = 0;
    for (const i of p.used) {
      const e = (p.revenue[i]! - top * h[i]!) / scale;
      sse += weight[i]! * e * e;
    }
    return { top, sse };
  };
  const bounds = [Math.log(p.meanSpend / 50), Math.log(p.meanSpend * 50)] as const;
  const objective = (u: readonly number[]) => {
    const s = Math.exp(u[1]!);
    const out =
      (u[0]! < bounds[0] ? bounds[0] - u[0]! : 0) +
      (u[0]! > bounds[1] ? u[0]! - bounds[1] : 0) +
      (s < SHAPE_BOUNDS[0] ? SHAPE_BOUNDS[0] - s : 0) +
      (s > SHAPE_BOUNDS[1] ? s - SHAPE_BOUNDS[1] : 0);
    const { sse } = topFor(u);
    const pull = prior
      ? w * (((u[0]! - priorK) / PRIOR_SD.logHalfSat) ** 2 + ((u[1]! - priorS) / PRIOR_SD.logShape) ** 2)
      : 0;
    return sse / n + pull + out * 10;
  };
  const best = nelderMead(objective, start, { step: 0.4, maxIterations: 200, tolerance: 1e-10 });
  const { top } = topFor(best.x);
  return {
    params: { top, halfSat: Math.exp(best.x[0]!), shape: Math.exp(best.x[1]!), decay },
    loss: best.value,
  };
}

export function prepareDays(days: readonly CurveDay[]) {
  return prepare(days);
}

/** The days of the window, warm-up left out. */
function windowOf(days: readonly CurveDay[]): readonly CurveDay[] {
  return days.filter((d) => !d.warmUp);
}

export function fitHillCurve(days: readonly CurveDay[], options: FitOptions = {}): CurveFit {
  const p = prepare(days);
  const inWindow = windowOf(days);
  const daysCensored = inWindow.length - p.used.length;
  if (p.used.length < MIN_DAYS)
    return {
      ok: false,
      reason: `only ${p.used.length} uncensored days (${daysCensored} censored for stock)`,
      days: inWindow.length,
    };
  if (!(p.meanSpend > 0) || !(p.meanRevenue > 0))
    return { ok: false, reason: 'no spend or no attributed revenue in the window', days: inWindow.length };
  const cv = coefficientOfVariation(p.used.map((i) => p.spend[i]!));
  if (!options.prior && cv < MIN_SPEND_CV)
    return {
      ok: false,
      reason: 'daily spend barely varied and there is no brand curve to lean on',
      days: inWindow.length,
    };

  const start: [number, number] = options.prior
    ? [Math.log(options.prior.relHalfSat * p.meanSpend), Math.log(options.prior.shape)]
    : [Math.log(p.meanSpend), 0];
  const penalty = options.prior && {
    prior: options.prior,
    // The residual variance of an unpenalised fit at the prior's λ weighs the prior.
    noiseVariance: Math.max(1e-4, solveForDecay(p, options.prior.decay, start).loss),
  };
  const tried = new Map<number, Solved>();
  const tryDecay = (decay: number) => {
    if (tried.has(decay)) return;
    // Neighbouring λ have neighbouring K and s: start from the best found so far.
    const from = bestOf(tried);
    const at: readonly [number, number] = from
      ? [Math.log(from.params.halfSat), Math.log(from.params.shape)]
      : start;
    const solved = solveForDecay(p, decay, at, penalty);
    const loss =
      solved.loss +
      (penalty
        ? (penalty.noiseVariance / p.used.length) * ((decay - penalty.prior.decay) / PRIOR_SD.decay) ** 2
        : 0);
    tried.set(decay, { ...solved, loss });
  };
  if (options.decays) options.decays.forEach(tryDecay);
  else {
    // Coarse to fine: every other grid point, then the neighbours of the best.
    DECAY_GRID.filter((_, i) => i % 2 === 0).forEach(tryDecay);
    const coarse = bestOf(tried)!.params.decay;
    DECAY_GRID.filter((d) => Math.abs(d - coarse) < 0.15).forEach(tryDecay);
  }
  const params = bestOf(tried)!.params;
  return {
    ok: true,
    curve: {
      model: HILL_MODEL,
      params,
      quality: qualityOf(p, params, inWindow.length, daysCensored),
      window:
        inWindow[0]?.date && inWindow.at(-1)?.date
          ? { from: inWindow[0].date, to: inWindow.at(-1)!.date! }
          : null,
      meanSpendMinor: p.meanSpend,
      pooled: options.prior !== undefined,
      noiseVariance: qualityNoise(p, params),
      ...(penalty ? { penalty } : {}),
    },
  };
}

/** Fitted daily revenue for every day (censored ones included, as the uncapped expectation). */
export function fittedRevenue(spend: readonly number[], params: HillParams): number[] {
  return adstock(spend, params.decay).map((a) => {
    if (a <= 0) return 0;
    const r = (a / params.halfSat) ** params.shape;
    return (params.top * r) / (1 + r);
  });
}

function qualityOf(p: Prepared, params: HillParams, days: number, daysCensored: number): FitQuality {
  const fitted = fittedRevenue(p.spend, params);
  let sse = 0;
  let sst = 0;
  let ape = 0;
  let withRevenue = 0;
  for (const i of p.used) {
    const y = p.revenue[i]!;
    sse += (y - fitted[i]!) ** 2;
    sst += (y - p.meanRevenue) ** 2;
    if (y > 0) {
      ape += Math.abs(y - fitted[i]!) / y;
      withRevenue++;
    }
  }
  return {
    r2: sst > 0 ? 1 - sse / sst : 0,
    mape: withRevenue > 0 ? ape / withRevenue : 0,
    days,
    daysUsed: p.used.length,
    daysCensored,
  };
}

function bestOf(tried: ReadonlyMap<number, Solved>): Solved | undefined {
  let best: Solved | undefined;
  for (const s of tried.values()) if (!best || s.loss < best.loss) best = s;
  return best;
}

function qualityNoise(p: Prepared, params: HillParams): number {
  const fitted = fittedRevenue(p.spend, params);
  const scale = p.meanRevenue > 0 ? p.meanRevenue : 1;
  const sse = p.used.reduce((s, i) => s + ((p.revenue[i]! - fitted[i]!) / scale) ** 2, 0);
  return Math.max(1e-4, sse / Math.max(1, p.used.length));
}

function coefficientOfVariation(values: readonly number[]): number {
  const m = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  if (m <= 0) return 0;
  const v = values.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, values.length);
  return Math.sqrt(v) / m;
}
