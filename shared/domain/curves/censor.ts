import type { CurveDay } from './fit';

/**
 * Stock censoring. On a day the campaign's promoted products were out (or nearly: less than
 * `nearZeroCoverDays` of cover), its revenue is capped by the shelf, not by the auction, so a fit
 * that reads it would mistake a stockout for saturation. Such days are marked censored: fit.ts
 * keeps their spend (it carries over) and drops their revenue.
 */
export interface StockDay {
  /**
   * Share (0–1) of the campaign's promoted revenue that comes from products that were out of stock
   * or under the near-zero cover on that day. 0 for campaigns that promote no particular product.
   */
  unavailableShare: number;
}

export interface CensorOptions {
  /** A day is censored when at least this share of what the campaign sells was unavailable. */
  maxUnavailableShare?: number;
}

export const NEAR_ZERO_COVER_DAYS = 1;

export function censorForStock(
  days: readonly CurveDay[],
  stock: readonly (StockDay | undefined)[],
  options: CensorOptions = {},
): CurveDay[] {
  const limit = options.maxUnavailableShare ?? 0.25;
  return days.map((d, i) => {
    const s = stock[i];
    return s && s.unavailableShare >= limit ? { ...d, censored: true } : d;
  });
}

/** Whether one product counts as unavailable on a day, from its stock and days of cover. */
export function isUnavailable(stockAvailable: number | null, daysOfCover: number | null): boolean {
  if (stockAvailable !== null && stockAvailable <= 0) return true;
  return daysOfCover !== null && daysOfCover < NEAR_ZERO_COVER_DAYS;
}
