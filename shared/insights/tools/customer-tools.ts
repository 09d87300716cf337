import { z } from 'zod';
import type { Customer360Prediction } from '../../customers/schemas';
import { defaultRegion } from '../../domain/customers/phone';
import type { CustomerProfile } from '../../domain/customers/profile';
import { intervalLabel } from '../../domain/phrasing';
import { defineTool, major, round } from './types';

const UNAVAILABLE = { error: 'customer profiles are not available here' };

const OPTIONAL_UNITS = {
  'acquisition.channel': 'label',
  'acquisition.platform': 'internal',
  'acquisition.campaignId': 'internal',
  'acquisition.method': 'label',
  'product_intent[].product_id': 'internal',
} as const;

function predictionsOf(p: Customer360Prediction) {
  if (p.status === 'not_computed')
    return {
      not_yet_computed:
        p.reason === 'no_model'
          ? 'customer analytics have not run for this brand yet'
          : 'the latest run made no prediction for this customer (no orders under a store account)',
      as_of: p.asOf,
    };
  return {
    as_of: p.asOf,
    model: p.modelId,
    store_customer_id: p.customerId,
    segment: p.segment,
    orders: p.orders,
    ...(p.orders <= 1
      ? {
          p_alive: null,
          churn_probability: null,
          note: 'one order so far: the model cannot measure churn yet',
        }
      : { p_alive: round(p.pAlive, 3), churn_probability: round(1 - p.pAlive, 3) }),
    expected_purchases_90d: round(p.purchases90, 2),
    predicted_value_90d: major(p.value90Minor, p.currency),
    predicted_value_365d: major(p.value365Minor, p.currency),
    predicted_value_365d_interval_80: [
      major(p.value365LowMinor, p.currency),
      major(p.value365HighMinor, p.currency),
    ],
  };
}

const summary = (p: CustomerProfile) => ({
  customer_id: p.id,
  name: [p.person?.firstName, p.person?.lastName].filter(Boolean).join(' ') || null,
  emails: p.identifiers.filter((i) => i.kind === 'email').map((i) => i.value),
  phones: p.identifiers.filter((i) => i.kind === 'phone').map((i) => i.value),
  profile_strength: p.strength,
  first_seen: p.firstSeenAt,
  last_seen: p.lastSeenAt,
});

export const findCustomer = defineTool({
  name: 'find_customer',
  description:
    'Find customer profiles by email, phone (any format; read in the brand’s country) or part of a name. Returns ids for get_customer.',
  personalData: true,
  input: z.object({
    email: z.string().max(320).optional(),
    phone: z.string().max(40).optional(),
    name: z.string().min(2).max(200).optional(),
    limit: z.number().int().min(1).max(25).default(10),
  }),
  units: { profile_strength: 'count', customer_id: 'internal' },
  async run(tc, input) {
    if (!input.email && !input.phone && !input.name) return { error: 'give an email, a phone or a name' };
    if (!tc.customers) return UNAVAILABLE;
    const found = await tc.customers.search(
      { ctx: tc.ctx, brandId: tc.brand.id },
      input,
      defaultRegion(tc.brand),
    );
    return { customers: found.map(summary) };
  },
});

export const getCustomer = defineTool({
  name: 'get_customer',
  description: `Answers questions about one customer (find them first with find_customer). One customer’s 360: identifiers, order count, revenue net of refunds (brand currency, major units), first and last order, acquisition channel and campaign, top product intent (0–100), category affinity, channel preference, journey stage, and the latest customer-analytics predictions (RFM segment, probability still active, expected purchases in 90 days, predicted 365-day value with its ${intervalLabel}) or why there are none.`,
  personalData: true,
  input: z.object({ customer_id: z.string().describe('An id from find_customer') }),
  units: {
    customer_id: 'internal',
    'identifiers[].kind': 'label',
    journey_stage: 'label',
    'predictions.model': 'internal',
    'predictions.store_customer_id': 'internal',
    'predictions.segment': 'label',
    profile_strength: 'count',
    confidence: 'fraction',
    order_count: 'count',
    revenue: 'money-major',
    currency: 'currency',
    'predictions.orders': 'count',
    'predictions.p_alive': 'fraction',
    'predictions.churn_probability': 'fraction',
    'predictions.expected_purchases_90d': 'number',
    'predictions.predicted_value_90d': 'money-major',
    'predictions.predicted_value_365d': 'money-major',
    'predictions.predicted_value_365d_interval_80[]': 'money-major',
  },
  // Fields only some customers have (an acquisition, products they looked at): declared with the
  // output, since every fixed declaration must match the demo's (assistant-demo.test.ts).
  unitsOf: () => OPTIONAL_UNITS,
  async run(tc, input) {
    if (!tc.customers) return UNAVAILABLE;
    const c = await tc.customers.view(
      { ctx: tc.ctx, brandId: tc.brand.id },
      input.customer_id,
      tc.brand.currency,
    );
    return {
      ...summary(c.profile),
      identifiers: c.profile.identifiers.map((i) => ({
        kind: i.kind,
        value: i.value,
        confidence: i.confidence,
      })),
      order_count: c.orderCount,
      revenue: major(c.revenue.amountMinor, c.revenue.currency),
      currency: c.revenue.currency,
      first_order_at: c.firstOrderAt,
      last_order_at: c.lastOrderAt,
      acquisition: c.acquisition,
      product_intent: c.productIntent.slice(0, 5).map((p) => ({ product_id: p.productId, score: p.score })),
      category_affinity: c.categoryAffinity.slice(0, 5),
      channel_preference: c.channelPreference,
      journey_stage: c.journey.stage,
      predictions: predictionsOf(c.predictions),
    };
  },
});
