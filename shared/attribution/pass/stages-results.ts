import type { InventoryStatus } from '../../domain/inventory/status';
import { type ReconciliationRow, reconcile } from '../../domain/performance/reconciliation';
import type { SpendFact } from '../../domain/performance/types';
import { addDays, type LocalDate } from '../../domain/time';
import type { WarehouseColumnBatch } from '../../ports/warehouse';
import { buildAdjustments, earlierOrders } from './adjustments';
import { minDate, type PassContext } from './context';
import { computeInventory, inventoryStatusRow, recentSpend, unitSeries } from './inventory';
import type { SpendRow } from './read';
import type { Credited } from './stages-orders';
import { createStockHistory } from './stock';
import { reconciliationRow, unifiedBatches } from './write';

/**
 * The pass's last stages, after every order is credited: refund and cancellation adjustments,
 * unified performance (with spend and stock), inventory intelligence, reconciliation per platform
 * × week, then the writes of the three derived tables (unified rows as they are built).
 */

/** Stage "adjustments": refunds and cancellations (also of orders placed before the range), and spend. */
export async function applyAdjustments(
  pass: PassContext,
  credited: Credited,
  spendRows: readonly SpendRow[],
) {
  const { brand, read, from, to } = pass;
  const earlier = await pass.timed('read', () =>
    earlierOrders(read, {
      refunds: credited.refunds,
      known: new Set(credited.adjusted.keys()),
      model: brand.targets.attributionModel,
      range: { from, to },
    }),
  );
  await pass.timed('unified', () => {
    for (const adj of buildAdjustments(credited.refunds, brand.currency))
      credited.unified.addAdjustment(adj, credited.adjusted.get(adj.orderId) ?? earlier.get(adj.orderId));
    credited.unified.addSpend(spendRows.filter((r) => r.date >= from).map(toSpendFact));
  });
}

/** Stage "unified" (reads): stock history per day, and the collector of recent spend per variant. */
export async function buildUnified(pass: PassContext, credited: Credited) {
  const { deps, ctx, brandId, read, from, to, asOf } = pass;
  const velocityDays = pass.options.velocityDays ?? 90;
  const [dailyUnits, stockRows, levels] = await pass.timed('read', () =>
    Promise.all([
      read.dailyUnits(addDays(minDate(from, asOf), -(velocityDays - 1)), asOf),
      read.stockByDay(from, to),
      deps.store.inventory.list(ctx, brandId),
    ]),
  );
  const stock = createStockHistory({
    snapshots: stockRows,
    levels,
    dailyUnits,
    from: minDate(from, asOf),
    asOf,
    velocityDays,
  });
  return {
    builder: credited.unified,
    stock,
    /** Filled as `writeUnified` hands rows to the warehouse; read by inventory after it. */
    spent: recentSpend(asOf, pass.options.alignmentDays ?? 14),
    levels,
    series: unitSeries(dailyUnits, asOf, velocityDays),
    velocityDays,
  };
}
export type Unified = Awaited<ReturnType<typeof buildUnified>>;

/** Unified rows per batch handed to the warehouse, as columns: a million rows need never be held at once. */
const UNIFIED_BATCH_ROWS = 100_000;

/**
 * Stage "unified" then "write unified": every unified row built and written over the pass's range
 * in batches (one replacement), recent spend per variant gathered on the way. Returns the rows
 * written.
 */
export async function writeUnified(pass: PassContext, unified: Unified): Promise<number> {
  const { deps, ctx, brand, brandId, from, to } = pass;
  let count = 0;
  let building = 0;
  async function* batches(): AsyncGenerator<WarehouseColumnBatch> {
    const batch = unifiedBatches(brand, UNIFIED_BATCH_ROWS);
    let t0 = performance.now();
    for (const r of unified.builder.rows(unified.stock)) {
      batch.add(r);
      unified.spent.add(r);
      if (batch.length < UNIFIED_BATCH_ROWS) continue;
      count += batch.length;
      building += performance.now() - t0;
      yield batch.take();
      t0 = performance.now();
    }
    count += batch.length;
    building += performance.now() - t0;
    if (batch.length) yield batch.take();
  }
  const t0 = performance.now();
  await deps.warehouse.replaceRangeBatches(ctx, 'unified_performance', { brandId, from, to }, batches());
  pass.timings.unified = (pass.timings.unified ?? 0) + building;
  pass.timings['write unified'] = (pass.timings['write unified'] ?? 0) + performance.now() - t0 - building;
  return count;
}

/** Stage "inventory": days of cover, velocity and alignment with recent spend, per variant. */
export function inventoryOf(pass: PassContext, credited: Credited, unified: Unified) {
  return computeInventory(pass.brand, {
    asOf: pass.asOf,
    velocityDays: unified.velocityDays,
    products: credited.products,
    levels: unified.levels,
    series: unified.series,
    recentSpend: unified.spent.byVariant,
  });
}

/** Stage "reconciliation": revenue we attributed vs conversions each platform claimed, per week. */
export function reconciliationOf(pass: PassContext, credited: Credited, spendRows: readonly SpendRow[]) {
  const claimed = spendRows
    .filter((r) => r.date >= pass.from && r.claimed_minor !== 0)
    .map((r) => ({
      date: r.date as LocalDate,
      platform: r.platform as SpendFact['platform'],
      amountMinor: r.claimed_minor,
    }));
  return reconcile(credited.platformRevenue, claimed);
}

/** Writes reconciliation and today's inventory status (each a replaceRange). */
export async function writeResults(
  pass: PassContext,
  reconciliation: readonly ReconciliationRow[],
  inventory: readonly InventoryStatus[],
) {
  const { deps, ctx, brand, brandId, from, to, asOf } = pass;
  await pass.timed('write unified', async () => {
    const range = { brandId, from, to };
    await deps.warehouse.replaceRange(
      ctx,
      'reconciliation',
      range,
      reconciliation.map((r) => reconciliationRow(brand, r)),
    );
    await deps.warehouse.replaceRange(
      ctx,
      'inventory_status',
      { brandId, from: asOf, to: asOf },
      inventory.map((s) => inventoryStatusRow(brandId, asOf, s)),
    );
  });
}

function toSpendFact(r: SpendRow): SpendFact {
  return {
    date: r.date as LocalDate,
    platform: r.platform as SpendFact['platform'],
    campaignId: r.campaign_id,
    region: r.region,
    spendMinor: r.spend_minor,
  };
}
