import { addDays, type LocalDate } from '../time';

export const STOCK_STATUSES = ['stockout', 'low', 'healthy', 'overstock'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

export interface CoverThresholds {
  /** Below this many days of cover stock is low (brand.targets.lowCoverDays, default 14). */
  readonly lowCoverDays: number;
  /** Above this many it is overstock (brand.targets.overstockCoverDays, default 90). */
  readonly overstockCoverDays: number;
}

export interface Cover {
  readonly available: number;
  /** Days the stock lasts at `rate`; null when nothing sells (no finite answer, never Infinity). */
  readonly daysOfCover: number | null;
  /** The local day stock runs out at this rate; null when nothing sells. */
  readonly stockoutDate: LocalDate | null;
  readonly status: StockStatus;
}

export function coverOf(
  available: number,
  ratePerDay: number,
  asOf: LocalDate,
  thresholds: CoverThresholds,
): Cover {
  if (available <= 0) return { available, daysOfCover: 0, stockoutDate: asOf, status: 'stockout' };
  if (!(ratePerDay > 0)) return { available, daysOfCover: null, stockoutDate: null, status: 'overstock' };
  const daysOfCover = available / ratePerDay;
  const status: StockStatus =
    daysOfCover < thresholds.lowCoverDays
      ? 'low'
      : daysOfCover > thresholds.overstockCoverDays
        ? 'overstock'
        : 'healthy';
  return { available, daysOfCover, stockoutDate: addDays(asOf, Math.floor(daysOfCover)), status };
}

export interface LocationStock {
  readonly locationId: string;
  readonly available: number;
}

/**
 * Cover in total and per location. Orders do not say which location fulfilled them, so a
 * location's cover is how long its own stock would carry the variant's whole demand: a lower bound
 * that flags the location that empties first.
 */
export function coverByLocation(
  levels: readonly LocationStock[],
  ratePerDay: number,
  asOf: LocalDate,
  thresholds: CoverThresholds,
): { total: Cover; locations: Array<Cover & { locationId: string }> } {
  let total = 0;
  for (const l of levels) total += Math.max(0, l.available);
  return {
    total: coverOf(total, ratePerDay, asOf, thresholds),
    locations: levels.map((l) => ({
      locationId: l.locationId,
      ...coverOf(l.available, ratePerDay, asOf, thresholds),
    })),
  };
}
