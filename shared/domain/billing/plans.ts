import { z } from 'zod';

/**
 * Pulsepoint's plans as data: what each costs per month in each currency (integer minor units)
 * and what it includes. Limits are per tenant; `aiBudgetMicros` is the AI cost (USD micros, the
 * token ledger's unit) a month's price includes. Anchored on Triple Whale's tiering (brands and
 * seats grow with the plan, AI credits included) and Shopify's own app-billing shape (one
 * recurring price, usage on top). Enterprise is sold by contract, not through Checkout.
 */
export const PLAN_IDS = ['free', 'starter', 'growth', 'agency', 'enterprise'] as const;
export const planIdSchema = z.enum(PLAN_IDS);
export type PlanId = z.infer<typeof planIdSchema>;

export const BILLING_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
export const billingCurrencySchema = z.enum(BILLING_CURRENCIES);
export type BillingCurrency = z.infer<typeof billingCurrencySchema>;

export const FEATURES = [
  'dashboard',
  'recommendations',
  'ai_questions',
  'alerts',
  'mcp',
  'engagement',
  'content_studio',
  'scheduled_publishing',
  'agency_overview',
  'sso',
] as const;
export type Feature = (typeof FEATURES)[number];

export const ADD_ON_IDS = ['posting'] as const;
export const addOnIdSchema = z.enum(ADD_ON_IDS);
export type AddOnId = z.infer<typeof addOnIdSchema>;

export interface PlanLimits {
  brands: number;
  /** Users and API keys together: an API key acts for someone, so it takes a seat. */
  seats: number;
  aiBudgetMicros: number;
  postsPerMonth: number;
  messagesPerMonth: number;
  historyDays: number;
}
export type LimitName = keyof PlanLimits;

export interface Plan {
  id: PlanId;
  name: string;
  /** Monthly price in minor units per currency. */
  monthlyPrice: Readonly<Record<BillingCurrency, number>>;
  limits: Readonly<PlanLimits>;
  features: readonly Feature[];
  /** AI use past the included budget is billed (metered) unless the tenant sets a hard cap. */
  aiOverage: boolean;
  /** Bought through Checkout / Shopify; false = a sales contract. */
  selfServe: boolean;
}

export interface AddOn {
  id: AddOnId;
  name: string;
  monthlyPrice: Readonly<Record<BillingCurrency, number>>;
  adds: Partial<PlanLimits>;
  features: readonly Feature[];
  /** Plans the add-on can be bought on. */
  availableOn: readonly PlanId[];
}

const base: Feature[] = ['dashboard', 'recommendations'];

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: {
    id: 'free',
    name: 'Free',
    monthlyPrice: { USD: 0, EUR: 0, GBP: 0 },
    limits: {
      brands: 1,
      seats: 2,
      aiBudgetMicros: 1_000_000,
      postsPerMonth: 0,
      messagesPerMonth: 500,
      historyDays: 90,
    },
    features: ['dashboard'],
    aiOverage: false,
    selfServe: true,
  },
  starter: {
    id: 'starter',
    name: 'Starter',
    monthlyPrice: { USD: 4_900, EUR: 4_500, GBP: 3_900 },
    limits: {
      brands: 1,
      seats: 3,
      aiBudgetMicros: 10_000_000,
      postsPerMonth: 30,
      messagesPerMonth: 5_000,
      historyDays: 365,
    },
    features: [...base, 'ai_questions', 'alerts'],
    aiOverage: true,
    selfServe: true,
  },
  growth: {
    id: 'growth',
    name: 'Growth',
    monthlyPrice: { USD: 14_900, EUR: 13_900, GBP: 11_900 },
    limits: {
      brands: 3,
      seats: 10,
      aiBudgetMicros: 40_000_000,
      postsPerMonth: 120,
      messagesPerMonth: 25_000,
      historyDays: 730,
    },
    features: [...base, 'ai_questions', 'alerts', 'mcp', 'engagement', 'content_studio'],
    aiOverage: true,
    selfServe: true,
  },
  agency: {
    id: 'agency',
    name: 'Agency',
    monthlyPrice: { USD: 39_900, EUR: 37_900, GBP: 32_900 },
    limits: {
      brands: 15,
      seats: 40,
      aiBudgetMicros: 150_000_000,
      postsPerMonth: 600,
      messagesPerMonth: 100_000,
      historyDays: 1_095,
    },
    features: [...base, 'ai_questions', 'alerts', 'mcp', 'engagement', 'content_studio', 'agency_overview'],
    aiOverage: true,
    selfServe: true,
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    monthlyPrice: { USD: 150_000, EUR: 140_000, GBP: 120_000 },
    limits: {
      brands: 100,
      seats: 500,
      aiBudgetMicros: 1_000_000_000,
      postsPerMonth: 5_000,
      messagesPerMonth: 1_000_000,
      historyDays: 2_555,
    },
    features: [...FEATURES],
    aiOverage: true,
    selfServe: false,
  },
};

export const ADD_ONS: Readonly<Record<AddOnId, AddOn>> = {
  posting: {
    id: 'posting',
    name: 'Posting add-on',
    monthlyPrice: { USD: 2_900, EUR: 2_700, GBP: 2_300 },
    adds: { postsPerMonth: 500 },
    features: ['scheduled_publishing'],
    availableOn: ['starter', 'growth', 'agency'],
  },
};

/** AI overage is billed at the ledger's cost times this markup, in basis points (150%). */
export const AI_OVERAGE_MARKUP_BPS = 15_000;

/** With metered overage, AI use stops at this multiple of the included budget (a runaway guard). */
export const AI_OVERAGE_CEILING_MULTIPLE = 5;

/** Plans in upgrade order. */
export const PLAN_ORDER: readonly PlanId[] = PLAN_IDS;

export function planOf(id: PlanId): Plan {
  return PLANS[id];
}

/**
 * The least of a limit over every plan, add-ons aside (add-ons only add): what any tenant has
 * whatever its plan, so a request within it needs no look-up of the tenant's plan.
 */
export function limitEveryPlanHas(limit: LimitName): number {
  return Math.min(...PLAN_ORDER.map((id) => PLANS[id].limits[limit]));
}

/** The plan's limits with its add-ons on top. */
export function effectiveLimits(planId: PlanId, addOns: readonly AddOnId[] = []): PlanLimits {
  const limits: PlanLimits = { ...PLANS[planId].limits };
  for (const id of new Set(addOns)) {
    const addOn = ADD_ONS[id];
    if (!addOn.availableOn.includes(planId)) continue;
    for (const [k, v] of Object.entries(addOn.adds) as [LimitName, number][]) limits[k] += v;
  }
  return limits;
}

export function effectiveFeatures(planId: PlanId, addOns: readonly AddOnId[] = []): Feature[] {
  const features = new Set<Feature>(PLANS[planId].features);
  for (const id of addOns)
    if (ADD_ONS[id].availableOn.includes(planId)) for (const f of ADD_ONS[id].features) features.add(f);
  return [...features];
}

/** The first plan above `from` whose own limit reaches `needed`, if any. */
export function upgradeFor(from: PlanId, limit: LimitName, needed: number): PlanId | undefined {
  return PLAN_ORDER.slice(PLAN_ORDER.indexOf(from) + 1).find((id) => PLANS[id].limits[limit] >= needed);
}

/** The first plan above `from` that has the feature (add-ons aside). */
export function upgradeForFeature(from: PlanId, feature: Feature): PlanId | undefined {
  return PLAN_ORDER.slice(PLAN_ORDER.indexOf(from) + 1).find((id) => PLANS[id].features.includes(feature));
}
