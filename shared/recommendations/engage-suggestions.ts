import { createProductInterest, INTEREST_DAYS } from '../customers/product-interest';
import type { Brand } from '../domain/entities';
import {
  engageOverstock,
  type ProductAudience,
  type RecommendationDraft,
  type RecommendationInput,
} from '../domain/recommendations';
import { overstockOf } from '../domain/recommendations/stock-rules';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';

/** Audiences counted per pass, for the products furthest above the overstock line (a query each). */
export const MAX_AUDIENCE_LOOKUPS = 10;

/**
 * The `engage` recommendations of one pass: the overstocked products' interested customers
 * (customers/product-interest.ts) valued at the catalog price (domain/recommendations/engage-rules.ts).
 */
export function createEngageSuggestions(deps: { store: OperationalStore; warehouse: Warehouse }) {
  const interest = createProductInterest(deps.warehouse);
  return async function engageSuggestions(
    ctx: TenantContext,
    brand: Brand,
    input: RecommendationInput,
    asOf: LocalDate,
  ): Promise<RecommendationDraft[]> {
    const overstocked = input.products
      .map((p) => ({ p, over: overstockOf(p, input) }))
      .filter((x) => x.over !== null)
      .sort((a, b) => (b.over?.excessUnits ?? 0) - (a.over?.excessUnits ?? 0))
      .slice(0, MAX_AUDIENCE_LOOKUPS);
    if (overstocked.length === 0) return [];
    const catalog = new Map((await deps.store.products.list(ctx, brand.id)).map((p) => [p.id, p]));
    const audiences = new Map<string, ProductAudience>();
    for (const { p } of overstocked) {
      const item = catalog.get(p.productId);
      const found = await interest.audience(
        { ctx, brandId: brand.id },
        { variantId: p.productId, productId: item?.productId ?? null },
        asOf,
      );
      audiences.set(p.productId, {
        productId: p.productId,
        parentProductId: item?.productId ?? null,
        ...found,
        // A price in another currency is not comparable with the brand's money: left unvalued.
        priceMinor: item && item.currency === brand.currency ? item.priceMinor : null,
        windowDays: INTEREST_DAYS,
      });
    }
    return engageOverstock(input, audiences);
  };
}
