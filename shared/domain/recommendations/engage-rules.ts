import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { amount, days, round4, share } from '../phrasing';
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
/**
 * The brand's own campaigns over the last `MEASURED_WINDOW_DAYS` (engagement/campaign-conversion.ts
 * sums them): treated messages delivered, and the orders and revenue their recipients placed in each
 * campaign's attribution window.
 */
export interface CampaignConversion {
  campaigns: number;
  delivered: number;
  orders: number;
  revenueMinor: number;
}
/** Campaigns whose results count: sent within this many days, attribution window closed. */
export const MEASURED_WINDOW_DAYS = 180;
/**
 * Delivered messages from which the brand's own rate replaces the assumption (decision 951): at a
 * 2 % order rate that is about 10 orders, and the rate's standard error is ±0.6 points — coarse,
 * but the brand's own, against an assumption that may be off by a factor of several.
 */
export const MIN_MEASURED_DELIVERED = 500;

/** What a campaign's buyers are expected from: the brand's measured rate and AOV, or the stated rates. */
export type ConversionBasis =
  | {
      kind: 'measured';
      campaigns: number;
      delivered: number;
      /** Orders per delivered message. */
      orderRate: number;
      /** Revenue per order, minor units; null with no order (then nothing is expected). */
      aovMinor: number | null;
    }
  | { kind: 'assumed'; campaigns: number; delivered: number };

export function conversionBasis(measured: CampaignConversion | null): ConversionBasis {
  if (!measured || measured.delivered < MIN_MEASURED_DELIVERED)
    return { kind: 'assumed', campaigns: measured?.campaigns ?? 0, delivered: measured?.delivered ?? 0 };
  return {
    kind: 'measured',
    campaigns: measured.campaigns,
    delivered: measured.delivered,
    orderRate: measured.orders / measured.delivered,
    aovMinor: measured.orders > 0 ? measured.revenueMinor / measured.orders : null,
  };
}

/** A campaign to fewer customers than this is better written by hand. */
export const MIN_ENGAGE_AUDIENCE = 5;
/** Like promote, a short list: the largest expected revenue first. */
export const MAX_ENGAGE_RECOMMENDATIONS = 3;

/**
 * Expected units and revenue of a campaign to this audience, one unit per buyer and at most the
 * stock. Assumed: the stated rates, each buyer at the catalog price. Measured: every customer of the
 * audience orders at the brand's rate per delivered message, each order worth its measured AOV.
 */
export function expectedCampaignRevenue(
  audience: ProductAudience,
  stockAvailable: number,
  basis: ConversionBasis = { kind: 'assumed', campaigns: 0, delivered: 0 },
) {
  if (basis.kind === 'measured') {
    const units = Math.min(audience.customers * basis.orderRate, stockAvailable);
    return { units, revenueMinor: Math.round(units * (basis.aovMinor ?? 0)) };
  }
  const buyers =
    audience.byIntent * ENGAGE_RATES.intent +
    (audience.customers - audience.byIntent) * ENGAGE_RATES.category;
  const units = Math.min(buyers, stockAvailable);
  return { units, revenueMinor: Math.round(units * (audience.priceMinor ?? 0)) };
}

/** The sentence that says which rate the expectation used, and the model line behind it. */
function basisWords(basis: ConversionBasis, audience: ProductAudience, currency: string) {
  const byCategory = audience.customers - audience.byIntent;
  if (basis.kind === 'measured') {
    const aov = basis.aovMinor === null ? null : amount(Math.round(basis.aovMinor), currency);
    return {
      sentence: `Expected revenue is based on your last ${basis.campaigns} campaign${basis.campaigns === 1 ? '' : 's'}: ${share(basis.orderRate)} of recipients ordered${aov ? `, ${aov} per order on average` : ''}.`,
      model: `measured (decision 951): ${audience.customers} customers × your order rate of ${share(basis.orderRate)} per delivered message (${basis.delivered} delivered over ${basis.campaigns} campaigns in ${MEASURED_WINDOW_DAYS} days, at most the stock) × your average order of ${aov ?? 'nothing (no order yet)'}`,
    };
  }
  return {
    sentence: `Expected revenue uses an assumed rate of ${share(ENGAGE_RATES.intent)} (${share(ENGAGE_RATES.category)} for category interest) — your campaigns have too few sends to measure yet (${basis.delivered} delivered in ${MEASURED_WINDOW_DAYS} days, ${MIN_MEASURED_DELIVERED} needed).`,
    model: `stated assumption (decision 931): ${audience.byIntent} customers with intent on the product × ${share(ENGAGE_RATES.intent)} + ${byCategory} with interest in its category × ${share(ENGAGE_RATES.category)} buy one unit each (at most the stock), at the catalog price of ${amount(audience.priceMinor ?? 0, currency)}`,
  };
}

/** What an engage suggestion's evidence measures (shared/domain/evidence.ts). */
export const ENGAGE_EVIDENCE = {
  product: { unit: 'text', label: 'Product to offer' },
  // An id: the pre-filled campaign's audience matches the parent product too.
  parent_product_id: { unit: 'internal', label: 'Parent product (id)' },
  category: { unit: 'text', label: 'Product category' },
  audience_customers: { unit: 'count', label: 'Interested customers' },
  audience_by_intent: { unit: 'count', label: 'Showed interest in the product' },
  audience_by_category: { unit: 'count', label: 'Browsed its category' },
  interest_window_days: { unit: 'days', label: 'Interest counted over' },
  conversion_basis: { unit: 'text', label: 'Buy rate based on' },
  measured_campaigns: { unit: 'count', label: 'Your campaigns measured' },
  measured_delivered: { unit: 'count', label: 'Messages delivered (measured)' },
  measured_order_rate: { unit: 'fraction', label: 'Orders per delivered message' },
  measured_aov_minor: { unit: 'money-minor', label: 'Average order from campaigns' },
  intent_purchase_share: { unit: 'fraction', label: 'Assumed buy rate, product interest' },
  category_purchase_share: { unit: 'fraction', label: 'Assumed buy rate, category interest' },
  price_minor: { unit: 'money-minor', label: 'Catalog price' },
  expected_units: { unit: 'count', label: 'Units expected to sell' },
  stock_available: { unit: 'count', label: 'Units in stock' },
  days_of_cover: { unit: 'days', label: 'Days of stock at current sales' },
  overstock_threshold_days: { unit: 'days', label: 'Overstock line (days of cover)' },
  excess_units: { unit: 'count', label: 'Units above the overstock line' },
} as const satisfies EvidenceDeclaration;

/**
 * Overstock meets demand the brand already has: for each overstocked product whose interested
 * customers are enough for a campaign, suggest drafting one to them (nothing is sent: the merchant
 * opens the draft, writes the message and sends it).
 */
export function engageOverstock(
  input: RecommendationInput,
  audiences: ReadonlyMap<string, ProductAudience>,
  measured: CampaignConversion | null = null,
): RecommendationDraft[] {
  const basis = conversionBasis(measured);
  const weeklySpend = Math.round(input.totalSpendMinor / input.windowDays) * 7;
  const out: RecommendationDraft[] = [];
  for (const p of input.products) {
    const over = overstockOf(p, input);
    const audience = audiences.get(p.productId);
    if (!over || !audience || audience.customers < MIN_ENGAGE_AUDIENCE || !audience.priceMinor) continue;
    const stock = over.stock;
    const byCategory = audience.customers - audience.byIntent;
    const { units, revenueMinor } = expectedCampaignRevenue(audience, stock, basis);
    const words = basisWords(basis, audience, input.currency);
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
      reason: `${p.title} has ${stock} units (${coverText}, ${over.excessUnits} above the ${input.thresholds.overstockCoverDays}-day overstock line), and ${audience.customers} store customers have shown interest in it or its category. ${words.sentence}`,
      change: { productId: p.productId, currency: input.currency },
      ...declareEvidence(ENGAGE_EVIDENCE, {
        product: p.title,
        // Not shown (an id): the pre-filled campaign's audience matches the parent product too.
        parent_product_id: audience.parentProductId ?? null,
        category: audience.category,
        audience_customers: audience.customers,
        audience_by_intent: audience.byIntent,
        audience_by_category: byCategory,
        interest_window_days: audience.windowDays,
        conversion_basis: basis.kind,
        ...(basis.kind === 'measured'
          ? {
              measured_campaigns: basis.campaigns,
              measured_delivered: basis.delivered,
              measured_order_rate: round4(basis.orderRate),
              measured_aov_minor: basis.aovMinor === null ? null : Math.round(basis.aovMinor),
            }
          : {
              intent_purchase_share: ENGAGE_RATES.intent,
              category_purchase_share: ENGAGE_RATES.category,
              measured_delivered: basis.delivered,
            }),
        price_minor: audience.priceMinor,
        expected_units: round4(units),
        stock_available: stock,
        days_of_cover: Number.isFinite(over.cover) ? round4(over.cover) : null,
        overstock_threshold_days: input.thresholds.overstockCoverDays,
        excess_units: over.excessUnits,
      }),
      expectedImpact: {
        description: `About ${amount(revenueMinor, input.currency)} of ${p.title} sold to the campaign's audience.`,
        amountMinor: revenueMinor,
        currency: input.currency,
        model: words.model,
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
