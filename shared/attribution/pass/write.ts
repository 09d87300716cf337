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
  // Taken into locals once (decision 1007: pushing through the columns object per row was slower).
  const c = batch.columns;
  const { date, channel, platform, campaign_id, region, product_id, variant_id } = c;
  const { spend_minor, revenue_minor, orders, units, cogs_minor, fulfillment_cost_minor, profit_minor } = c;
  const { roas, poas, stock_available, days_of_cover, spend_allocation_method } = c;
  return {
    get length() {
      return batch.length;
    },
    add(r: UnifiedRow): void {
      date.push(r.date);
      channel.push(r.channel);
      platform.push(r.platform);
      campaign_id.push(r.campaignId);
      region.push(r.region);
      product_id.push(r.productId);
      variant_id.push(r.variantId);
      spend_minor.push(r.spendMinor);
      revenue_minor.push(r.revenueMinor);
      orders.push(r.orders);
      units.push(r.units);
      cogs_minor.push(r.cogsMinor);
      fulfillment_cost_minor.push(r.fulfillmentCostMinor);
      profit_minor.push(r.profitMinor);
      roas.push(r.roas);
      poas.push(r.poas);
      stock_available.push(r.stockAvailable);
      days_of_cover.push(r.daysOfCover);
      spend_allocation_method.push(r.spendAllocationMethod);
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
