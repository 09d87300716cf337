import { z } from 'zod';
import { parseLookupKey } from '../../domain/billing/catalog';
import type { AddOnId, BillingCurrency, PlanId } from '../../domain/billing/plans';
import { type SubscriptionSnapshot, subscriptionStatusSchema } from '../../domain/billing/subscription';
import type { Invoice } from '../../ports/billing-provider';

/**
 * The parts of Stripe's objects billing reads, validated (parse, don't trust). Field names and
 * types from the API reference: subscriptions https://docs.stripe.com/api/subscriptions/object
 * (the billing period sits on each item since API 2025-03-31.basil), invoices
 * https://docs.stripe.com/api/invoices/object, events https://docs.stripe.com/api/events/object.
 */
const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)]);
const unix = z.number().int();

export const stripeSubscriptionSchema = z.object({
  id: z.string(),
  object: z.literal('subscription'),
  customer: idOf,
  status: subscriptionStatusSchema,
  created: unix,
  cancel_at_period_end: z.boolean(),
  canceled_at: unix.nullable().optional(),
  trial_end: unix.nullable().optional(),
  items: z.object({
    data: z.array(
      z.object({
        current_period_end: unix.optional(),
        price: z.object({ id: z.string(), lookup_key: z.string().nullable().optional() }),
      }),
    ),
  }),
});
export type StripeSubscription = z.infer<typeof stripeSubscriptionSchema>;

export const stripeInvoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable().optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).nullable(),
  currency: z.string(),
  total: z.number().int(),
  amount_paid: z.number().int(),
  created: unix,
  period_start: unix.optional(),
  period_end: unix.optional(),
  hosted_invoice_url: z.string().nullable().optional(),
});

export const stripeEventSchema = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.string(),
  created: unix,
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const iso = (s: number) => new Date(s * 1000).toISOString();

/**
 * Pulsepoint's view of a Stripe subscription: the plan and add-ons from the prices' lookup keys.
 * Undefined when no item is one of our plans (a subscription to something else on the account).
 */
export function toSnapshot(sub: StripeSubscription): SubscriptionSnapshot | undefined {
  let planId: PlanId | undefined;
  let currency: BillingCurrency | undefined;
  const addOns: AddOnId[] = [];
  for (const item of sub.items.data) {
    const entry = parseLookupKey(item.price.lookup_key);
    if (entry?.kind === 'plan') {
      planId = entry.planId;
      currency = entry.currency;
    } else if (entry?.kind === 'add_on') addOns.push(entry.addOnId);
  }
  if (!planId || !currency) return undefined;
  const periodEnd = sub.items.data.map((i) => i.current_period_end).find((x) => x !== undefined);
  return {
    provider: 'stripe',
    id: sub.id,
    customerId: sub.customer,
    status: sub.status,
    planId,
    currency,
    addOns,
    createdAt: iso(sub.created),
    ...(periodEnd ? { currentPeriodEnd: iso(periodEnd) } : {}),
    ...(sub.trial_end ? { trialEnd: iso(sub.trial_end) } : {}),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    ...(sub.canceled_at ? { canceledAt: iso(sub.canceled_at) } : {}),
  };
}

export function toInvoice(raw: unknown): Invoice {
  const inv = stripeInvoiceSchema.parse(raw);
  return {
    id: inv.id,
    ...(inv.number ? { number: inv.number } : {}),
    status: inv.status ?? 'draft',
    currency: inv.currency.toUpperCase(),
    totalMinor: inv.total,
    amountPaidMinor: inv.amount_paid,
    createdAt: iso(inv.created),
    ...(inv.period_start ? { periodStart: iso(inv.period_start) } : {}),
    ...(inv.period_end ? { periodEnd: iso(inv.period_end) } : {}),
    ...(inv.hosted_invoice_url ? { hostedUrl: inv.hosted_invoice_url } : {}),
  };
}
