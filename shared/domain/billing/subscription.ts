import { z } from 'zod';
import { addOnIdSchema, billingCurrencySchema, planIdSchema } from './plans';

/**
 * A subscription as Pulsepoint keeps it, whichever provider bills it (Stripe or Shopify), and the
 * rules that turn its status into access. Statuses are Stripe's (Shopify's map onto them).
 * https://docs.stripe.com/billing/subscriptions/overview#subscription-statuses
 */
export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const;
export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

export const billingProviderKindSchema = z.enum(['stripe', 'shopify']);
export type BillingProviderKind = z.infer<typeof billingProviderKindSchema>;

export const subscriptionSnapshotSchema = z.object({
  provider: billingProviderKindSchema,
  id: z.string().min(1),
  customerId: z.string().optional(),
  status: subscriptionStatusSchema,
  planId: planIdSchema,
  currency: billingCurrencySchema,
  addOns: z.array(addOnIdSchema).default([]),
  /** When the provider created the subscription object (ISO): a newer subscription supersedes an older one. */
  createdAt: z.string(),
  currentPeriodEnd: z.string().optional(),
  trialEnd: z.string().optional(),
  cancelAtPeriodEnd: z.boolean().default(false),
  canceledAt: z.string().optional(),
});
export type SubscriptionSnapshot = z.infer<typeof subscriptionSnapshotSchema>;

/** The stored subscription: the snapshot plus what ordering and the grace period need. */
export const storedSubscriptionSchema = subscriptionSnapshotSchema.extend({
  /** The provider's event time (epoch seconds) the snapshot came from. */
  eventCreated: z.number().int().nonnegative(),
  /** When the subscription first fell past_due (ISO); cleared when it recovers. */
  pastDueSince: z.string().optional(),
});
export type StoredSubscription = z.infer<typeof storedSubscriptionSchema>;

/**
 * Two events stamped in the same second cannot be ordered by time; the one further along the
 * lifecycle wins (a cancellation is never undone by a same-second update).
 */
const LIFECYCLE_RANK: Record<SubscriptionStatus, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  unpaid: 4,
  paused: 4,
  canceled: 5,
  incomplete_expired: 5,
};

export type UpdateDecision =
  | { apply: true; next: StoredSubscription }
  | { apply: false; reason: 'older_event' | 'older_subscription' | 'same_state' };

/**
 * Out-of-order safe: webhooks arrive in any order and more than once, so the latest state wins.
 * A different subscription replaces the stored one only if the provider created it later; the same
 * subscription changes only for a later event (or, within one second, a later lifecycle stage).
 */
export function decideSubscriptionUpdate(
  current: StoredSubscription | undefined,
  incoming: SubscriptionSnapshot,
  eventCreated: number,
): UpdateDecision {
  const next = (): StoredSubscription => {
    const pastDueSince =
      incoming.status !== 'past_due'
        ? undefined
        : current?.id === incoming.id && current.status === 'past_due' && current.pastDueSince
          ? current.pastDueSince
          : new Date(eventCreated * 1000).toISOString();
    return { ...incoming, eventCreated, ...(pastDueSince ? { pastDueSince } : {}) };
  };
  if (!current) return { apply: true, next: next() };
  if (current.id !== incoming.id) {
    const a = Date.parse(current.createdAt);
    const b = Date.parse(incoming.createdAt);
    if (b < a || (b === a && eventCreated <= current.eventCreated))
      return { apply: false, reason: 'older_subscription' };
    return { apply: true, next: next() };
  }
  if (eventCreated < current.eventCreated) return { apply: false, reason: 'older_event' };
  if (eventCreated === current.eventCreated) {
    const rank = LIFECYCLE_RANK[incoming.status] - LIFECYCLE_RANK[current.status];
    if (rank < 0) return { apply: false, reason: 'older_event' };
    if (rank === 0) return { apply: false, reason: 'same_state' };
  }
  return { apply: true, next: next() };
}

export type AccessLevel = 'full' | 'grace' | 'read_only';

export interface Access {
  level: AccessLevel;
  /** Why, for the banner and for a refusal's message. */
  reason:
    | 'no_subscription'
    | 'trialing'
    | 'active'
    | 'past_due_grace'
    | 'past_due_expired'
    | 'ended'
    | 'not_started';
  /** With `grace`: when the tenant becomes read-only (ISO). */
  readOnlyFrom?: string;
}

export const PAST_DUE_GRACE_DAYS = 7;

/**
 * What a subscription lets the tenant do now. No subscription is the free plan (full access within
 * its limits). past_due keeps working for a grace period with a banner, then turns read-only;
 * canceled, unpaid, paused and expired are read-only. Nothing is ever deleted for billing reasons.
 */
export function accessOf(
  sub: StoredSubscription | undefined,
  now: Date,
  graceDays = PAST_DUE_GRACE_DAYS,
): Access {
  if (!sub) return { level: 'full', reason: 'no_subscription' };
  switch (sub.status) {
    case 'trialing':
      return { level: 'full', reason: 'trialing' };
    case 'active':
      return { level: 'full', reason: 'active' };
    case 'past_due': {
      const since = Date.parse(sub.pastDueSince ?? new Date(sub.eventCreated * 1000).toISOString());
      const until = new Date(since + graceDays * 86_400_000);
      return now < until
        ? { level: 'grace', reason: 'past_due_grace', readOnlyFrom: until.toISOString() }
        : { level: 'read_only', reason: 'past_due_expired' };
    }
    case 'incomplete':
      return { level: 'read_only', reason: 'not_started' };
    default:
      return { level: 'read_only', reason: 'ended' };
  }
}
