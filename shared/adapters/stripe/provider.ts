import type Stripe from 'stripe';
import {
  AI_OVERAGE_METER_EVENT,
  addOnLookupKey,
  overageLookupKey,
  planLookupKey,
} from '../../domain/billing/catalog';
import { PLANS } from '../../domain/billing/plans';
import { ConflictError, UpstreamError } from '../../kernel/errors';
import type { BillingProvider } from '../../ports/billing-provider';
import { stripeSubscriptionSchema, toInvoice, toSnapshot } from './objects';

export interface StripeBillingDeps {
  stripe: Stripe;
}

/** Stripe's refusal of a meter event it already holds (a re-send after a lost response). */
const DUPLICATE_METER_EVENT = /already exists with identifier/i;

/**
 * BillingProvider over Stripe Billing: Checkout for a new subscription
 * (https://docs.stripe.com/api/checkout/sessions/create), the Customer Portal for changes and
 * cancellation (https://docs.stripe.com/api/customer_portal/sessions/create), subscriptions and
 * invoices listed per customer, and AI overage as billing meter events
 * (https://docs.stripe.com/api/billing/meter-event/create) whose `identifier` Stripe keeps unique.
 */
export function createStripeBillingProvider(deps: StripeBillingDeps): BillingProvider {
  const { stripe } = deps;

  async function pricesByLookupKey(keys: string[]): Promise<Map<string, string>> {
    const found = await stripe.prices.list({ lookup_keys: keys, active: true, limit: 100 });
    const byKey = new Map(found.data.flatMap((p) => (p.lookup_key ? [[p.lookup_key, p.id] as const] : [])));
    const missing = keys.filter((k) => !byKey.has(k));
    if (missing.length)
      throw new UpstreamError(`the Stripe account has no active price with lookup key ${missing.join(', ')}`);
    return byKey;
  }

  return {
    kind: 'stripe',

    async startSubscription(ctx, ref, input) {
      if (!PLANS[input.planId].selfServe)
        throw new ConflictError(`the ${PLANS[input.planId].name} plan is sold by contract: contact sales`);
      const customerId =
        ref.customerId ??
        (
          await stripe.customers.create({
            name: input.customer.name,
            ...(input.customer.email ? { email: input.customer.email } : {}),
            metadata: { pp_tenant: ctx.tenantId },
          })
        ).id;
      const planKey = planLookupKey(input.planId, input.currency);
      const addOnKeys = input.addOns.map((a) => addOnLookupKey(a, input.currency));
      const overageKey = overageLookupKey(input.currency);
      const prices = await pricesByLookupKey([planKey, ...addOnKeys, overageKey]);
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customerId,
        client_reference_id: ctx.tenantId,
        line_items: [
          { price: prices.get(planKey)!, quantity: 1 },
          ...addOnKeys.map((k) => ({ price: prices.get(k)!, quantity: 1 })),
          // Metered prices take no quantity: usage comes from the meter.
          ...(PLANS[input.planId].aiOverage ? [{ price: prices.get(overageKey)! }] : []),
        ],
        success_url: input.returnUrl,
        cancel_url: input.cancelUrl,
        subscription_data: {
          metadata: { pp_tenant: ctx.tenantId },
          ...(input.trialDays ? { trial_period_days: input.trialDays } : {}),
        },
      });
      if (!session.url) throw new UpstreamError('Stripe returned a Checkout Session without a URL');
      return { redirectUrl: session.url, ref: { customerId } };
    },

    async manageUrl(_ctx, ref, returnUrl) {
      if (!ref.customerId)
        throw new ConflictError('there is no Stripe customer to manage yet: choose a plan first');
      const session = await stripe.billingPortal.sessions.create({
        customer: ref.customerId,
        return_url: returnUrl,
      });
      return session.url;
    },

    async currentSubscription(_ctx, ref) {
      if (!ref.customerId) return undefined;
      const list = await stripe.subscriptions.list({ customer: ref.customerId, status: 'all', limit: 20 });
      const ours = list.data
        .map((s) => toSnapshot(stripeSubscriptionSchema.parse(s)))
        .filter((s) => s !== undefined)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return ours[0];
    },

    async invoices(_ctx, ref, limit) {
      if (!ref.customerId) return [];
      const list = await stripe.invoices.list({ customer: ref.customerId, limit });
      return list.data.map(toInvoice);
    },

    async reportUsage(_ctx, ref, usage) {
      if (!ref.customerId) throw new ConflictError('AI overage cannot be reported without a Stripe customer');
      try {
        await stripe.billing.meterEvents.create({
          event_name: AI_OVERAGE_METER_EVENT,
          identifier: usage.identifier,
          payload: { stripe_customer_id: ref.customerId, value: String(usage.overageMicros) },
          timestamp: Math.floor(usage.at.getTime() / 1000),
        });
      } catch (err) {
        // Already counted (a re-send after a lost response): that is the outcome we wanted.
        if (
          err instanceof Error &&
          'type' in err &&
          err.type === 'StripeInvalidRequestError' &&
          DUPLICATE_METER_EVENT.test(err.message)
        )
          return;
        throw err;
      }
    },
  };
}
