import type { Brand } from '../../domain/entities/brand';
import type { Product } from '../../domain/entities/catalog';
import type { ReconciliationRow } from '../../domain/performance/reconciliation';
import type { UnifiedRow } from '../../domain/performance/types';
import type { WarehouseRow } from '../../ports/warehouse';

export function unifiedRow(brand: Brand, r: UnifiedRow): WarehouseRow {
  return {
    brand_id: brand.id,
    date: r.date,
    channel: r.channel,
    platform: r.platform,
    campaign_id: r.campaignId,
    region: r.region,
    product_id: r.productId,
    variant_id: r.variantId,
    currency: brand.currency,
    spend_minor: r.spendMinor,
    revenue_minor: r.revenueMinor,
    orders: r.orders,
    units: r.units,
    cogs_minor: r.cogsMinor,
    fulfillment_cost_minor: r.fulfillmentCostMinor,
    profit_minor: r.profitMinor,
    roas: r.roas,
    poas: r.poas,
    stock_available: r.stockAvailable,
    days_of_cover: r.daysOfCover,
    spend_allocation_method: r.spendAllocationMethod,
    model: brand.targets.attributionModel,
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
