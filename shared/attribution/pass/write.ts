import type { Brand } from '../../domain/entities/brand';
import type { Product } from '../../domain/entities/catalog';
import type { ReconciliationRow } from '../../domain/performance/reconciliation';
import type { UnifiedRow } from '../../domain/performance/types';
import type { WarehouseColumnBatch, WarehouseRow } from '../../ports/warehouse';
import { columnBatchBuilder } from '../../ports/warehouse-batch';
import { TENANT_TABLES } from '../../ports/warehouse-tables';

/**
 * Unified rows gathered as `unified_performance` columns (built from the table's definition), at
 * most `capacity` per batch: no object per row on the way to the warehouse (decision 985). `take`
 * hands the batch over and starts the next.
 */
export function unifiedBatches(brand: Brand, capacity: number) {
  const batch = columnBatchBuilder(
    TENANT_TABLES.unified_performance,
    { brand_id: brand.id, currency: brand.currency, model: brand.targets.attributionModel },
    capacity,
  );
  const c = batch.columns;
  return {
    get length() {
      return batch.length;
    },
    add(r: UnifiedRow): void {
      c.date.push(r.date);
      c.channel.push(r.channel);
      c.platform.push(r.platform);
      c.campaign_id.push(r.campaignId);
      c.region.push(r.region);
      c.product_id.push(r.productId);
      c.variant_id.push(r.variantId);
      c.spend_minor.push(r.spendMinor);
      c.revenue_minor.push(r.revenueMinor);
      c.orders.push(r.orders);
      c.units.push(r.units);
      c.cogs_minor.push(r.cogsMinor);
      c.fulfillment_cost_minor.push(r.fulfillmentCostMinor);
      c.profit_minor.push(r.profitMinor);
      c.roas.push(r.roas);
      c.poas.push(r.poas);
      c.stock_available.push(r.stockAvailable);
      c.days_of_cover.push(r.daysOfCover);
      c.spend_allocation_method.push(r.spendAllocationMethod);
    },
    take: (): WarehouseColumnBatch => batch.take(),
  };
}

export function reconciliationRow(brand: Brand, r: ReconciliationRow): WarehouseRow {
  return {
    brand_id: brand.id,
    date: r.weekStart,
    platform: r.platform,
    model: brand.targets.attributionModel,
    currency: brand.currency,
    attributed_revenue_minor: r.attributedRevenueMinor,
    claimed_value_minor: r.claimedValueMinor,
    over_claim_ratio: r.overClaimRatio,
  };
}

/**
 * campaigns.promoted_product_ids is a comma-separated list of whatever the platform names:
 * variant ids, product ids (all their variants) or SKUs (catalog ads key on SKU).
 */
export function resolvePromoted(
  campaigns: ReadonlyArray<{ campaign_id: string; promoted_product_ids: string | null }>,
  products: readonly Product[],
): Map<string, string[]> {
  const variantsOf = new Map<string, string[]>();
  const add = (key: string, variantId: string) => {
    const list = variantsOf.get(key) ?? [];
    list.push(variantId);
    variantsOf.set(key, list);
  };
  for (const p of products) {
    add(p.id, p.id);
    add(p.productId, p.id);
    if (p.sku) add(p.sku, p.id);
  }
  const out = new Map<string, string[]>();
  for (const c of campaigns) {
    const ids = (c.promoted_product_ids ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const variants = [...new Set(ids.flatMap((id) => variantsOf.get(id) ?? []))];
    if (variants.length) out.set(c.campaign_id, variants);
  }
  return out;
}
