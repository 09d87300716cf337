/**
 * Sales velocity from a daily unit series (oldest first, one entry per brand-local day, zeros
 * included). Three estimates, and the one days-of-cover uses:
 * - trailing 30-day mean, the number merchants recognise;
 * - a recent-weighted mean (exponential, 7-day half-life) that reacts when a campaign takes off;
 * - Croston's method with the Syntetos–Boylan bias correction (SBA) for intermittent sellers, where
 *   a plain mean over mostly-zero days is badly biased (Croston 1972; Syntetos & Boylan 2005,
 *   "The accuracy of intermittent demand estimates", IJF 21(2)).
 * A series is intermittent when its average inter-demand interval exceeds 1.32 days, the ADI
 * cut-off of the Syntetos–Boylan–Croston demand classification.
 */
export interface Velocity {
  readonly trailing30: number;
  readonly recentWeighted: number;
  readonly sba: number;
  readonly intermittent: boolean;
  /** Units per day used for cover: SBA when intermittent, else the recent-weighted rate. */
  readonly rate: number;
  readonly method: 'recent_weighted' | 'sba';
}

export const VELOCITY_DEFAULTS = {
  trailingDays: 30,
  halfLifeDays: 7,
  crostonAlpha: 0.1,
  intermittentAdi: 1.32,
} as const;

export function salesVelocity(dailyUnits: readonly number[], options = VELOCITY_DEFAULTS): Velocity {
  const window = dailyUnits.slice(-options.trailingDays);
  const trailing30 = window.length ? sum(window) / window.length : 0;
  const recentWeighted = exponentialMean(window, options.halfLifeDays);
  // Days before the first sale are no history (not launched, not yet synced), not zero demand.
  const first = dailyUnits.findIndex((u) => u > 0);
  const history = first < 0 ? [] : dailyUnits.slice(first);
  const demandDays = history.filter((u) => u > 0).length;
  const adi = demandDays ? history.length / demandDays : Number.POSITIVE_INFINITY;
  const intermittent = demandDays > 0 && adi > options.intermittentAdi;
  const sba = crostonSba(history, options.crostonAlpha);
  return {
    trailing30,
    recentWeighted,
    sba,
    intermittent,
    rate: intermittent ? sba : recentWeighted,
    method: intermittent ? 'sba' : 'recent_weighted',
  };
}

/** Mean where a day one half-life older weighs half as much; the newest day has weight 1. */
export function exponentialMean(series: readonly number[], halfLifeDays: number): number {
  const weight = weightsByAge(halfLifeDays, series.length);
  let num = 0;
  let den = 0;
  for (let i = 0; i < series.length; i++) {
    const w = weight[series.length - 1 - i]!;
    num += w * series[i]!;
    den += w;
  }
  return den ? num / den : 0;
}

/**
 * 2^(−age / half-life) for ages 0 … at least `count` − 1, each computed once per half-life: the
 * attribution pass's stock history takes a velocity per variant and day, and the powers were most
 * of its time (decision 987). The same expression, so the same values.
 */
const weightTables = new Map<number, number[]>();
function weightsByAge(halfLifeDays: number, count: number): readonly number[] {
  let table = weightTables.get(halfLifeDays);
  if (!table) {
    if (weightTables.size >= 16) weightTables.clear();
    table = [];
    weightTables.set(halfLifeDays, table);
  }
  for (let age = table.length; age < count; age++) table.push(2 ** (-age / halfLifeDays));
  return table;
}

/**
 * Croston: smooth demand sizes z and inter-demand intervals p separately, only on demand days;
 * the rate is z / p, and SBA multiplies by (1 − α/2) to remove Croston's upward bias.
 * Initialised with the first demand and the interval up to it.
 */
export function crostonSba(series: readonly number[], alpha: number): number {
  let z = 0;
  let p = 0;
  let last = -1;
  for (let i = 0; i < series.length; i++) {
    const x = series[i]!;
    if (x <= 0) continue;
    if (last < 0) {
      z = x;
      p = i + 1;
    } else {
      z += alpha * (x - z);
      p += alpha * (i - last - p);
    }
    last = i;
  }
  return p > 0 ? (1 - alpha / 2) * (z / p) : 0;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
