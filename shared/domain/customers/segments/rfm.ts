/**
 * RFM scores and named segments. Each score is the customer's quintile (1–5) within the brand:
 * the mid-rank percentile, so customers with equal values share a score (most stores have a
 * large block of one-order customers, and they all get the same frequency score).
 */

export const SEGMENTS = [
  'champions',
  'loyal',
  'new',
  'promising',
  'needs_attention',
  'at_risk',
  'hibernating',
  'lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_LABELS: Readonly<Record<Segment, string>> = {
  champions: 'Champions',
  loyal: 'Loyal',
  new: 'New',
  promising: 'Promising',
  needs_attention: 'Needs attention',
  at_risk: 'At risk',
  hibernating: 'Hibernating',
  lost: 'Lost',
};

/**
 * What puts a customer in each segment, in words: the grid of `segmentOf` (R is the recency
 * quintile, 5 the fifth who ordered most recently; FM the mean of the frequency and spend
 * quintiles). Said by the assistant's answers as the segment's definition; keep it to the grid.
 */
export const SEGMENT_DEFINITIONS: Readonly<Record<Segment, string>> = {
  champions:
    'ordered most recently (the latest fifth by recency) and rank in the top two fifths on orders and spend',
  loyal: 'rank in the top two fifths on orders and spend, with a last order in the middle fifths by recency',
  new: 'ordered recently (the latest two fifths by recency) and only once',
  promising:
    'ordered recently (the latest two fifths by recency) more than once, but are not in the top two fifths on orders and spend',
  needs_attention:
    'last ordered in the middle fifth by recency and are not in the top two fifths on orders and spend',
  at_risk:
    'ordered often and spent well (the top three fifths on orders and spend) but last ordered longest ago (the two fifths with the oldest last order)',
  hibernating:
    'last ordered in the second-oldest fifth by recency and rank in the bottom two fifths on orders and spend',
  lost: 'last ordered longest ago (the oldest fifth by recency) and rank in the bottom two fifths on orders and spend',
};

export interface RfmInput {
  /** Days since the last order, as of the run. */
  readonly recencyDays: number;
  /** Orders (distinct order days). */
  readonly orders: number;
  /** Net revenue, minor units. */
  readonly revenueMinor: number;
}

export interface RfmScore {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: Segment;
}

/**
 * Quintile score of each value by mid-rank: 1 + ⌊5 · (below + equal/2) / n⌋, capped at 5. The
 * values are sorted once as numbers, each distinct value scored from its run, and each customer
 * finds their value's score by bisection: no index array sorted through a comparator, which for
 * a million customers was most of the scoring's time and garbage.
 */
export function quintileScores(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const distinct = new Float64Array(n);
  const runScore = new Uint8Array(n);
  let runs = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    distinct[runs] = sorted[i] as number;
    runScore[runs++] = Math.min(5, 1 + Math.floor((5 * (i + (j - i + 1) / 2)) / n));
    i = j + 1;
  }
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) scores[i] = runScore[runOf(distinct, runs, values[i] as number)] as number;
  return scores;
}

/** The index of `v` among the first `runs` ascending distinct values (-0 and 0 are one value). */
function runOf(distinct: Float64Array, runs: number, v: number): number {
  let lo = 0;
  let hi = runs - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((distinct[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The segment grid, on recency R and the mean of frequency and monetary FM (rounded half up):
 *   R 5, FM ≥ 4 champions · R 3–4, FM ≥ 4 loyal · R ≥ 4 with one order new · R ≥ 4 otherwise promising
 *   R 3, FM ≤ 3 needs attention · R ≤ 2, FM ≥ 3 at risk · R 2, FM ≤ 2 hibernating · R 1, FM ≤ 2 lost
 */
export function segmentOf(r: number, f: number, m: number, orders: number): Segment {
  const fm = Math.floor((f + m) / 2 + 0.5);
  if (r >= 4) {
    if (r === 5 && fm >= 4) return 'champions';
    if (fm >= 4) return 'loyal';
    return orders <= 1 ? 'new' : 'promising';
  }
  if (r === 3) return fm >= 4 ? 'loyal' : 'needs_attention';
  if (fm >= 3) return 'at_risk';
  return r === 2 ? 'hibernating' : 'lost';
}

export function scoreRfm(customers: readonly RfmInput[]): RfmScore[] {
  const scored = scoreRfmColumns({
    recencyDays: customers.map((c) => c.recencyDays),
    orders: customers.map((c) => c.orders),
    revenueMinor: customers.map((c) => c.revenueMinor),
  });
  return customers.map((_, i) => ({
    r: scored.r[i] as number,
    f: scored.f[i] as number,
    m: scored.m[i] as number,
    segment: scored.segment[i] as Segment,
  }));
}

/** `scoreRfm` over columns: the same scores, without an object per customer (a brand has millions). */
export interface RfmColumns {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  readonly segment: readonly Segment[];
}

export function scoreRfmColumns(
  customers: {
    readonly [K in keyof RfmInput]: ArrayLike<number>;
  },
): RfmColumns {
  const n = customers.recencyDays.length;
  // Recent is good: score the negated recency so the most recent buyers get 5.
  const negated = new Float64Array(n);
  for (let i = 0; i < n; i++) negated[i] = -(customers.recencyDays[i] as number);
  const r = quintileScores(negated);
  const f = quintileScores(customers.orders);
  const m = quintileScores(customers.revenueMinor);
  const segment = new Array<Segment>(n);
  for (let i = 0; i < n; i++)
    segment[i] = segmentOf(r[i] as number, f[i] as number, m[i] as number, customers.orders[i] as number);
  return { r, f, m, segment };
}
