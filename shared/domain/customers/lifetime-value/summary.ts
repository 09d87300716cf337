/**
 * Customers reduced to what the BG/NBD and Gamma-Gamma models read (the "RFM summary" of
 * Fader, Hardie & Lee 2005): x repeat purchases, t_x the time of the last one measured from the
 * first, T the time from the first purchase to the end of the window, and the mean value of the
 * repeat purchases. Columnar so a million customers is four typed arrays, not a million objects.
 */
export interface RepeatSummary {
  readonly size: number;
  /** Repeat purchases (purchases after the first, on distinct days). */
  readonly x: Float64Array;
  /** Time of the last purchase since the first (same unit as T). */
  readonly tx: Float64Array;
  /** Time from the first purchase to the end of the observation window. */
  readonly T: Float64Array;
  /** How many identical customers each row stands for (1 when rows are customers). */
  readonly weight: Float64Array;
}

export interface SummaryRow {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

export function summaryOf(rows: readonly SummaryRow[]): RepeatSummary {
  const size = rows.length;
  const s = {
    size,
    x: new Float64Array(size),
    tx: new Float64Array(size),
    T: new Float64Array(size),
    weight: new Float64Array(size).fill(1),
  };
  rows.forEach((row, i) => {
    if (!(row.x >= 0 && row.tx >= 0 && row.T >= row.tx)) {
      throw new RangeError(`row ${i}: need x ≥ 0 and 0 ≤ t_x ≤ T, got x=${row.x} t_x=${row.tx} T=${row.T}`);
    }
    if (row.x === 0 && row.tx !== 0)
      throw new RangeError(`row ${i}: a customer without repeat purchases has t_x = 0`);
    s.x[i] = row.x;
    s.tx[i] = row.tx;
    s.T[i] = row.T;
  });
  return s;
}

/**
 * Merges identical (x, t_x, T) rows into one weighted row: the likelihood is a sum over customers,
 * so this is exact, and with times in whole days a store's million customers collapse to far fewer.
 */
export function compressSummary(s: RepeatSummary): RepeatSummary {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < s.size; i++) {
    const key = `${s.x[i]}|${s.tx[i]}|${s.T[i]}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, x.length);
      x.push(s.x[i] as number);
      tx.push(s.tx[i] as number);
      T.push(s.T[i] as number);
      w.push(s.weight[i] as number);
    } else {
      w[at] = (w[at] as number) + (s.weight[i] as number);
    }
  }
  return {
    size: x.length,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(w),
  };
}
