import { salesVelocity } from '../../domain/inventory/velocity';
import type { Stock } from '../../domain/performance/types';
import { addDays, daysBetween, type LocalDate } from '../../domain/time';

export interface StockHistoryInput {
  /** Daily snapshots, summed over locations. */
  readonly snapshots: ReadonlyArray<{ date: string; variant_id: string; available: number }>;
  /** Today's live levels per location. */
  readonly levels: ReadonlyArray<{ variantId: string; available: number }>;
  /** Net units sold per variant and day, from `velocityDays` before `from` up to `asOf`. */
  readonly dailyUnits: ReadonlyArray<{ date: string; variant_id: string; units: number }>;
  readonly from: LocalDate;
  readonly asOf: LocalDate;
  readonly velocityDays: number;
}

/**
 * Stock of a variant at the end of a day, and its days of cover then.
 *
 * A day with a snapshot uses it, today uses the live levels. A day with neither (a first backfill
 * has no snapshot history) is carried back from the nearest later known day by adding back the net
 * units sold in between. That is an estimate: restocks in between are not known, so it can only
 * come out too high, and it is never negative. A variant with no known day after it has no stock.
 * Days of cover divide by the sales velocity as of that day, the same measure inventory status
 * uses, over the days up to it.
 */
export function createStockHistory(
  input: StockHistoryInput,
): (variantId: string, date: LocalDate) => Stock | null {
  const start = addDays(input.from, -(input.velocityDays - 1));
  const length = daysBetween(start, input.asOf) + 1;
  const units = new Map<string, number[]>();
  const known = new Map<string, Array<number | undefined>>();
  const series = <T>(map: Map<string, T[]>, variantId: string, empty: T) => {
    let s = map.get(variantId);
    if (!s) {
      s = new Array<T>(length).fill(empty);
      map.set(variantId, s);
    }
    return s;
  };
  const indexOf = new Map<string, number>();
  const index = (date: string) => {
    let i = indexOf.get(date);
    if (i === undefined) {
      i = daysBetween(start, date as LocalDate);
      indexOf.set(date, i);
    }
    return i;
  };
  for (const u of input.dailyUnits) {
    const i = index(u.date);
    if (i >= 0 && i < length) {
      const s = series(units, u.variant_id, 0);
      s[i] = s[i]! + u.units;
    }
  }
  for (const s of input.snapshots) {
    const i = index(s.date);
    if (i >= 0 && i < length) series<number | undefined>(known, s.variant_id, undefined)[i] = s.available;
  }
  const live = new Map<string, number>();
  for (const l of input.levels)
    live.set(l.variantId, (live.get(l.variantId) ?? 0) + Math.max(0, l.available));
  for (const [variantId, available] of live)
    series<number | undefined>(known, variantId, undefined)[length - 1] = available;

  const history = new Map<string, Array<number | undefined>>();
  const stockSeries = (variantId: string) => {
    let out = history.get(variantId);
    if (out) return out;
    const k = known.get(variantId) ?? [];
    const u = units.get(variantId);
    out = new Array<number | undefined>(length).fill(undefined);
    for (let i = length - 1; i >= 0; i--) {
      const later = out[i + 1];
      out[i] = k[i] ?? (later === undefined ? undefined : Math.max(0, later + (u?.[i + 1] ?? 0)));
    }
    history.set(variantId, out);
    return out;
  };
  const rates = new Map<string, number[]>();
  const rateOn = (variantId: string, i: number) => {
    let ofVariant = rates.get(variantId);
    if (!ofVariant) {
      ofVariant = [];
      rates.set(variantId, ofVariant);
    }
    let rate = ofVariant[i];
    if (rate === undefined) {
      const u = units.get(variantId);
      rate = u ? salesVelocity(u.slice(Math.max(0, i - input.velocityDays + 1), i + 1)).rate : 0;
      ofVariant[i] = rate;
    }
    return rate;
  };

  return (variantId, date) => {
    const i = index(date);
    if (i < 0 || i >= length) return null;
    const available = stockSeries(variantId)[i];
    if (available === undefined) return null;
    const rate = rateOn(variantId, i);
    return { available, daysOfCover: available <= 0 ? 0 : rate > 0 ? available / rate : null };
  };
}
