import { amount, days, round4 } from '../phrasing';
import { ranked } from './score';
import { overstockOf } from './stock-rules';
import type { RecommendationDraft, RecommendationInput } from './types';

/**
 * The customers interested in one product (customers/product-interest.ts counts them): `customers`
 * in all, `byIntent` of them with an intent signal on the product itself, the rest through its
 * category.
 */
export interface ProductAudience {
  productId: string;
  /** The variant's parent product, when the catalog knows it (the campaign audience matches both). */
  parentProductId?: string | null;
  customers: number;
  byIntent: number;
  category: string | null;
  /** The product's catalog price, minor units of the brand currency; null when unknown. */
  priceMinor: number | null;
  /** Days back the interest was looked for. */
  windowDays: number;
}

/**
 * Purchase rates per reached customer, stated assumptions (docs/decisions/931): someone who viewed,
 * searched, wishlisted or carted the product buys it at 2 %, someone who only browsed its category
 * at 0.5 %; conservative against published e-commerce email-flow results, and applied once.
 */
export const ENGAGE_RATES = { intent: 0.02, category: 0.005 } as const;
/** A campaign to fewer customers than this is better written by hand. */
export const MIN_ENGAGE_AUDIENCE = 5;
/** Like promote, a short list: the largest expected revenue first. */
export const MAX_ENGAGE_RECOMMENDATIONS = 3;

/** Expected units and revenue of a campaign to this audience: one unit per buyer, at most the stock. */
export function expectedCampaignRevenue(audience: ProductAudience, stockAvailable: number) {
  const buyers =
    audience.byIntent * ENGAGE_RATES.intent +
    (audience.customers - audience.byIntent) * ENGAGE_RATES.category;
  const units = Math.min(buyers, stockAvailable);
  return { units, revenueMinor: Math.round(units * (audience.priceMinor ?? 0)) };
}

/**
 * Overstock meets demand the brand already has: for each overstocked product whose interested
 * customers are enough for a campaign, suggest drafting one to them (nothing is sent: the merchant
 * opens the draft, writes the message and sends it).
 */
export function engageOverstock(
  input: RecommendationInput,
  audiences: ReadonlyMap<string, ProductAudience>,
): RecommendationDraft[] {
  const weeklySpend = Math.round(input.totalSpendMinor / input.windowDays) * 7;
  const out: RecommendationDraft[] = [];
  for (const p of input.products) {
    const over = overstockOf(p, input);
    const audience = audiences.get(p.productId);
    if (!over || !audience || audience.customers < MIN_ENGAGE_AUDIENCE || !audience.priceMinor) continue;
    const stock = over.stock;
    const byCategory = audience.customers - audience.byIntent;
    const { units, revenueMinor } = expectedCampaignRevenue(audience, stock);
    const coverText = Number.isFinite(over.cover) ? `${days(over.cover)} of cover` : 'no sales in the window';
    const who = [
      audience.byIntent > 0 ? `${audience.byIntent} viewed, searched, wishlisted or carted it` : null,
      byCategory > 0 && audience.category ? `${byCategory} browsed ${audience.category}` : null,
    ]
      .filter((s) => s !== null)
      .join(' and ');
    out.push({
      brandId: input.brandId,
      dedupeKey: `engage:${p.productId}`,
      type: 'engage',
      ...ranked('opportunity', revenueMinor, weeklySpend),
      title: `Offer ${p.title} to the ${audience.customers} customers interested in it`,
      action: `Draft a campaign for ${p.title} to the ${audience.customers} customers who showed interest in the last ${audience.windowDays} days (${who}). Nothing is sent until you review and send it.`,
      reason: `${p.title} has ${stock} units (${coverText}, ${over.excessUnits} above the ${input.thresholds.overstockCoverDays}-day overstock line), and ${audience.customers} store customers have shown interest in it or its category.`,
      change: { productId: p.productId, currency: input.currency },
      evidence: {
        product: p.title,
        // Not shown (an id): the pre-filled campaign's audience matches the parent product too.
        parent_product_id: audience.parentProductId ?? null,
        category: audience.category,
        audience_customers: audience.customers,
        audience_by_intent: audience.byIntent,
        audience_by_category: byCategory,
        interest_window_days: audience.windowDays,
        intent_purchase_share: ENGAGE_RATES.intent,
        category_purchase_share: ENGAGE_RATES.category,
        price_minor: audience.priceMinor,
        expected_units: round4(units),
        stock_available: stock,
        days_of_cover: Number.isFinite(over.cover) ? round4(over.cover) : null,
        overstock_threshold_days: input.thresholds.overstockCoverDays,
        excess_units: over.excessUnits,
      },
      expectedImpact: {
        description: `About ${amount(revenueMinor, input.currency)} of ${p.title} sold to the campaign's audience.`,
        amountMinor: revenueMinor,
        currency: input.currency,
        model: `stated assumption (decision 931): ${audience.byIntent} customers with intent on the product × ${ENGAGE_RATES.intent * 100} % + ${byCategory} with interest in its category × ${ENGAGE_RATES.category * 100} % buy one unit each (at most the stock), at the catalog price of ${amount(audience.priceMinor, input.currency)}`,
      },
    });
  }
  return out
    .sort(
      (a, b) =>
        (b.expectedImpact.amountMinor ?? 0) - (a.expectedImpact.amountMinor ?? 0) ||
        a.dedupeKey.localeCompare(b.dedupeKey),
    )
    .slice(0, MAX_ENGAGE_RECOMMENDATIONS);
}
