import {
  ADD_ON_IDS,
  type AddOnId,
  BILLING_CURRENCIES,
  type BillingCurrency,
  PLAN_IDS,
  type PlanId,
} from './plans';

/**
 * How plans are named in a provider's catalog: Stripe prices carry these lookup keys
 * (https://docs.stripe.com/products-prices/manage-prices#lookup-keys), so the product finds them
 * without configured price ids, and a price seen on a subscription maps back to its plan.
 */
export const AI_OVERAGE_METER_EVENT = 'pp_ai_overage_micros';

export const planLookupKey = (plan: PlanId, currency: BillingCurrency) =>
  `pp_${plan}_${currency.toLowerCase()}_monthly`;
export const addOnLookupKey = (addOn: AddOnId, currency: BillingCurrency) =>
  `pp_addon_${addOn}_${currency.toLowerCase()}_monthly`;
export const overageLookupKey = (currency: BillingCurrency) => `pp_ai_overage_${currency.toLowerCase()}`;

export type CatalogEntry =
  | { kind: 'plan'; planId: PlanId; currency: BillingCurrency }
  | { kind: 'add_on'; addOnId: AddOnId; currency: BillingCurrency }
  | { kind: 'overage'; currency: BillingCurrency };

const currencyOf = (s: string) => BILLING_CURRENCIES.find((c) => c.toLowerCase() === s);

export function parseLookupKey(key: string | null | undefined): CatalogEntry | undefined {
  if (!key) return undefined;
  let m = /^pp_addon_([a-z]+)_([a-z]{3})_monthly$/.exec(key);
  if (m) {
    const addOnId = ADD_ON_IDS.find((a) => a === m?.[1]);
    const currency = currencyOf(m[2]!);
    return addOnId && currency ? { kind: 'add_on', addOnId, currency } : undefined;
  }
  m = /^pp_ai_overage_([a-z]{3})$/.exec(key);
  if (m) {
    const currency = currencyOf(m[1]!);
    return currency ? { kind: 'overage', currency } : undefined;
  }
  m = /^pp_([a-z]+)_([a-z]{3})_monthly$/.exec(key);
  if (m) {
    const planId = PLAN_IDS.find((p) => p === m?.[1]);
    const currency = currencyOf(m[2]!);
    return planId && currency ? { kind: 'plan', planId, currency } : undefined;
  }
  return undefined;
}
