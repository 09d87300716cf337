import type { Brand } from '../../domain/entities/brand';
import type { InventoryLevel, Product } from '../../domain/entities/catalog';
import { type InventoryStatus, inventoryStatuses } from '../../domain/inventory/status';
import type { UnifiedRow } from '../../domain/performance/types';
import { addDays, daysBetween, type LocalDate } from '../../domain/time';
import type { WarehouseRow } from '../../ports/warehouse';

export interface InventoryInputs {
  readonly asOf: LocalDate;
  readonly velocityDays: number;
  readonly products: readonly Product[];
  readonly levels: readonly InventoryLevel[];
  readonly series: ReadonlyMap<string, readonly number[]>;
  /** Spend per variant over the alignment days (`recentSpend`). */
  readonly recentSpend: ReadonlyMap<string, number>;
}

/** Sums each variant's spend over the `alignmentDays` up to `asOf`, row by row. */
export function recentSpend(asOf: LocalDate, alignmentDays: number) {
  const from = addDays(asOf, -(alignmentDays - 1));
  const byVariant = new Map<string, number>();
  return {
    add(r: UnifiedRow): void {
      if (r.variantId && r.spendMinor !== 0 && r.date >= from && r.date <= asOf)
        byVariant.set(r.variantId, (byVariant.get(r.variantId) ?? 0) + r.spendMinor);
    },
    byVariant: byVariant as ReadonlyMap<string, number>,
  };
}

/** Net units per variant as a daily series of `days` entries ending on `asOf` (zeros included). */
export function unitSeries(
  dailyUnits: ReadonlyArray<{ date: string; variant_id: string; units: number }>,
  asOf: LocalDate,
  days: number,
): Map<string, number[]> {
  const start = addDays(asOf, -(days - 1));
  const series = new Map<string, number[]>();
  for (const r of dailyUnits) {
    const i = daysBetween(start, r.date as LocalDate);
    if (i < 0 || i >= days) continue;
    let s = series.get(r.variant_id);
    if (!s) {
      s = new Array<number>(days).fill(0);
      series.set(r.variant_id, s);
    }
    s[i] = s[i]! + r.units;
  }
  return series;
}

/** Every variant the store knows: current levels, its unit series, recent spend from unified rows. */
export function computeInventory(brand: Brand, input: InventoryInputs): InventoryStatus[] {
  const series = input.series;
  const spend = input.recentSpend;
  const levelsOf = new Map<string, Array<{ locationId: string; available: number }>>();
  for (const l of input.levels) {
    const list = levelsOf.get(l.variantId) ?? [];
    list.push({ locationId: l.locationId, available: l.available });
    levelsOf.set(l.variantId, list);
  }
  return inventoryStatuses(
    input.products
      .filter((p) => p.status !== 'archived')
      .map((p) => ({
        variantId: p.id,
        productId: p.productId,
        sku: p.sku ?? null,
        levels: levelsOf.get(p.id) ?? [],
        dailyUnits: series.get(p.id) ?? new Array<number>(input.velocityDays).fill(0),
        spendMinor: spend.get(p.id) ?? 0,
      })),
    input.asOf,
    { lowCoverDays: brand.targets.lowCoverDays, overstockCoverDays: brand.targets.overstockCoverDays },
  );
}

export function inventoryStatusRow(brandId: string, asOf: LocalDate, s: InventoryStatus): WarehouseRow {
  return {
    brand_id: brandId,
    date: asOf,
    variant_id: s.variantId,
    product_id: s.productId,
    sku: s.sku,
    location_id: s.locationId,
    available: s.available,
    velocity_30d: s.velocity.trailing30,
    velocity_recent: s.velocity.recentWeighted,
    velocity_sba: s.velocity.sba,
    velocity_rate: s.velocity.rate,
    velocity_method: s.velocity.method,
    days_of_cover: s.daysOfCover,
    stockout_date: s.stockoutDate,
    status: s.status,
    spend_minor: s.spendMinor,
    spend_share: s.spendShare,
    alignment: s.alignment,
  };
}
