import type { Brand } from '../../domain/entities/brand';
import type { Product } from '../../domain/entities/catalog';
import type { ReconciliationRow } from '../../domain/performance/reconciliation';
import type { UnifiedRow } from '../../domain/performance/types';
import type { WarehouseColumnBatch, WarehouseRow } from '../../ports/warehouse';

/**
 * Unified rows gathered as `unified_performance` columns, at most `capacity` per batch: no object
 * per row on the way to the warehouse (decision 985). `take` hands the batch over and starts the next.
 */
export function unifiedBatches(brand: Brand, capacity: number) {
  const currency = brand.currency;
  const model = brand.targets.attributionModel;
  const start = () => ({
    length: 0,
    brand_id: [] as string[],
    date: [] as string[],
    channel: [] as string[],
    platform: [] as Array<string | null>,
    campaign_id: [] as Array<string | null>,
    region: [] as Array<string | null>,
    product_id: [] as Array<string | null>,
    variant_id: [] as Array<string | null>,
    currency: [] as string[],
    spend_minor: new Float64Array(capacity),
    revenue_minor: new Float64Array(capacity),
    orders: new Float64Array(capacity),
    units: new Float64Array(capacity),
    cogs_minor: new Float64Array(capacity),
    fulfillment_cost_minor: [] as Array<number | null>,
    profit_minor: new Float64Array(capacity),
    roas: [] as Array<number | null>,
    poas: [] as Array<number | null>,
    stock_available: [] as Array<number | null>,
    days_of_cover: [] as Array<number | null>,
    spend_allocation_method: [] as Array<string | null>,
    model: [] as string[],
  });
  let b = start();
  return {
    get length() {
      return b.length;
    },
    add(r: UnifiedRow): void {
      const i = b.length++;
      b.brand_id.push(brand.id);
      b.date.push(r.date);
      b.channel.push(r.channel);
      b.platform.push(r.platform);
      b.campaign_id.push(r.campaignId);
      b.region.push(r.region);
      b.product_id.push(r.productId);
      b.variant_id.push(r.variantId);
      b.currency.push(currency);
      b.spend_minor[i] = r.spendMinor;
      b.revenue_minor[i] = r.revenueMinor;
      b.orders[i] = r.orders;
      b.units[i] = r.units;
      b.cogs_minor[i] = r.cogsMinor;
      b.fulfillment_cost_minor.push(r.fulfillmentCostMinor);
      b.profit_minor[i] = r.profitMinor;
      b.roas.push(r.roas);
      b.poas.push(r.poas);
      b.stock_available.push(r.stockAvailable);
      b.days_of_cover.push(r.daysOfCover);
      b.spend_allocation_method.push(r.spendAllocationMethod);
      b.model.push(model);
    },
    take(): WarehouseColumnBatch {
      const { length, ...columns } = b;
      b = start();
      const filled = (c: Float64Array) => c.subarray(0, length);
      return {
        rowCount: length,
        columns: {
          ...columns,
          spend_minor: filled(columns.spend_minor),
          revenue_minor: filled(columns.revenue_minor),
          orders: filled(columns.orders),
          units: filled(columns.units),
          cogs_minor: filled(columns.cogs_minor),
          profit_minor: filled(columns.profit_minor),
        },
      };
    },
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
