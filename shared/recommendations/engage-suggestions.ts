import { createProductInterest, INTEREST_DAYS } from '../customers/product-interest';
import type { Brand } from '../domain/entities';
import {
  type CampaignConversion,
  engageOverstock,
  MEASURED_WINDOW_DAYS,
  type ProductAudience,
  type RecommendationDraft,
  type RecommendationInput,
} from '../domain/recommendations';
import { overstockOf } from '../domain/recommendations/stock-rules';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import type { BrandScope } from '../ports/warehouse-rows';

/**
 * The brand's own campaign results, which engagement measures (engagement/campaign-conversion.ts;
 * declared here by shape so recommendations do not depend on engagement, and the composition root
 * passes it in).
 */
export type EngagementConversion = (
  scope: BrandScope,
  asOf: LocalDate,
  timeZone: string,
  days: number,
) => Promise<CampaignConversion>;

/** Audiences counted per pass, for the products furthest above the overstock line (a query each). */
export const MAX_AUDIENCE_LOOKUPS = 10;

/**
 * The `engage` recommendations of one pass: the overstocked products' interested customers
 * (customers/product-interest.ts) valued at the brand's measured campaign conversion when it has
 * sent enough, otherwise at the stated rates and the catalog price (domain/recommendations/engage-rules.ts).
 */
export function createEngageSuggestions(deps: {
  store: OperationalStore;
  warehouse: Warehouse;
  /** Absent where engagement is not wired: the stated rates of decision 931 apply. */
  engagementConversion?: EngagementConversion;
}) {
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
    const measured = deps.engagementConversion
      ? await deps.engagementConversion(
          { ctx, brandId: brand.id },
          asOf,
          brand.timezone,
          MEASURED_WINDOW_DAYS,
        )
      : null;
    return engageOverstock(input, audiences, measured);
  };
}
