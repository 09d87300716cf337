import type { LocalDate } from '../time';
import { ALIGNMENT_DEFAULTS, type Alignment, type AlignmentThresholds, spendAlignment } from './alignment';
import { type CoverThresholds, coverByLocation, type StockStatus } from './cover';
import { salesVelocity, type Velocity } from './velocity';

export interface VariantStockInput {
  readonly variantId: string;
  readonly productId: string | null;
  readonly sku: string | null;
  readonly levels: ReadonlyArray<{ locationId: string; available: number }>;
  /** Net units sold per local day, oldest first, ending on `asOf`. */
  readonly dailyUnits: readonly number[];
  /** Spend allocated to the variant over the alignment window. */
  readonly spendMinor: number;
}

/** The location id of the all-locations row. */
export const ALL_LOCATIONS = '*';

export interface InventoryStatus {
  readonly variantId: string;
  readonly productId: string | null;
  readonly sku: string | null;
  readonly locationId: string;
  readonly available: number;
  readonly velocity: Velocity;
  readonly daysOfCover: number | null;
  readonly stockoutDate: LocalDate | null;
  readonly status: StockStatus;
  readonly spendMinor: number;
  readonly spendShare: number;
  readonly alignment: Alignment;
}

/**
 * Inventory intelligence for every variant: velocity, cover and status per location and in total
 * (location `*`), and whether the variant's share of spend fits its stock. Alignment is judged
 * on the total; a location row carries the variant's alignment too, so a filter on either finds it.
 */
export function inventoryStatuses(
  variants: readonly VariantStockInput[],
  asOf: LocalDate,
  thresholds: CoverThresholds,
  alignmentThresholds: AlignmentThresholds = ALIGNMENT_DEFAULTS,
): InventoryStatus[] {
  let totalSpend = 0;
  for (const v of variants) totalSpend += Math.max(0, v.spendMinor);
  const out: InventoryStatus[] = [];
  for (const v of variants) {
    const velocity = salesVelocity(v.dailyUnits);
    const cover = coverByLocation(v.levels, velocity.rate, asOf, thresholds);
    const spendShare = totalSpend > 0 ? Math.max(0, v.spendMinor) / totalSpend : 0;
    const alignment = spendAlignment(cover.total.status, v.spendMinor, spendShare, alignmentThresholds);
    const base = {
      variantId: v.variantId,
      productId: v.productId,
      sku: v.sku,
      velocity,
      spendMinor: v.spendMinor,
      spendShare,
      alignment,
    };
    out.push({ ...base, locationId: ALL_LOCATIONS, ...cover.total });
    for (const l of cover.locations) out.push({ ...base, ...l });
  }
  return out;
}
