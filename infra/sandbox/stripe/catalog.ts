import {
  AI_OVERAGE_METER_EVENT,
  addOnLookupKey,
  overageLookupKey,
  planLookupKey,
} from '../../../shared/domain/billing/catalog';
import {
  ADD_ONS,
  AI_OVERAGE_MARKUP_BPS,
  BILLING_CURRENCIES,
  PLANS,
} from '../../../shared/domain/billing/plans';

export { AI_OVERAGE_METER_EVENT };

/**
 * The demo Stripe account's catalog: one monthly price per plan × currency and per add-on, and
 * one metered price on the AI-overage meter. Prices carry lookup keys so the product finds them
 * without configured ids (https://docs.stripe.com/products-prices/manage-prices#lookup-keys).
 * Price object fields: https://docs.stripe.com/api/prices/object
 */

export interface SandboxPrice {
  id: string;
  object: 'price';
  active: boolean;
  currency: string;
  unit_amount: number | null;
  unit_amount_decimal: string | null;
  lookup_key: string;
  nickname: string;
  product: string;
  type: 'recurring';
  billing_scheme: 'per_unit';
  recurring: {
    interval: 'month';
    interval_count: 1;
    usage_type: 'licensed' | 'metered';
    meter: string | null;
  };
  livemode: false;
  metadata: Record<string, string>;
  created: number;
}

export function seedCatalog(created: number): SandboxPrice[] {
  const price = (
    lookup_key: string,
    nickname: string,
    currency: string,
    unit: { unit_amount: number } | { unit_amount_decimal: string },
    usage: 'licensed' | 'metered',
  ): SandboxPrice => ({
    id: `price_${lookup_key}`,
    object: 'price',
    active: true,
    currency: currency.toLowerCase(),
    unit_amount: 'unit_amount' in unit ? unit.unit_amount : null,
    unit_amount_decimal: 'unit_amount' in unit ? String(unit.unit_amount) : unit.unit_amount_decimal,
    lookup_key,
    nickname,
    product: `prod_${nickname.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
    type: 'recurring',
    billing_scheme: 'per_unit',
    recurring: {
      interval: 'month',
      interval_count: 1,
      usage_type: usage,
      meter: usage === 'metered' ? 'mtr_ai_overage' : null,
    },
    livemode: false,
    metadata: {},
    created,
  });
  const prices: SandboxPrice[] = [];
  for (const plan of Object.values(PLANS))
    for (const c of BILLING_CURRENCIES)
      prices.push(
        price(planLookupKey(plan.id, c), plan.name, c, { unit_amount: plan.monthlyPrice[c] }, 'licensed'),
      );
  for (const addOn of Object.values(ADD_ONS))
    for (const c of BILLING_CURRENCIES)
      prices.push(
        price(addOnLookupKey(addOn.id, c), addOn.name, c, { unit_amount: addOn.monthlyPrice[c] }, 'licensed'),
      );
  // One micro-USD of AI cost, marked up: 1e-6 USD × 1.5 = 0.00015 cents per unit. Other
  // currencies are set at the Growth plan's own price ratio (finance sets these in Stripe).
  for (const c of BILLING_CURRENCIES) {
    const ratio = PLANS.growth.monthlyPrice[c] / PLANS.growth.monthlyPrice.USD;
    const minorPerMicro = (AI_OVERAGE_MARKUP_BPS / 10_000) * 1e-4 * ratio;
    prices.push(
      price(
        overageLookupKey(c),
        'AI overage',
        c,
        { unit_amount_decimal: minorPerMicro.toFixed(12).replace(/0+$/, '') },
        'metered',
      ),
    );
  }
  return prices;
}
