import type Stripe from 'stripe';
import { fail, ok } from '../../kernel/result';
import type { BillingEvent, BillingWebhookVerifier } from '../../ports/billing-provider';
import { stripeEventSchema, stripeSubscriptionSchema, toInvoice, toSnapshot } from './objects';

export interface StripeWebhookVerifierDeps {
  stripe: Stripe;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Oldest signature timestamp accepted, seconds (Stripe's default: 300). */
  toleranceSeconds?: number;
}

/**
 * Verifies a delivery with Stripe's own check, `stripe.webhooks.constructEvent` (HMAC-SHA256 of
 * `t.payload` compared in constant time, timestamp within the tolerance:
 * https://docs.stripe.com/webhooks#verify-official-libraries), then reduces the event to what
 * billing acts on.
 */
export function createStripeWebhookVerifier(deps: StripeWebhookVerifierDeps): BillingWebhookVerifier {
  const tolerance = deps.toleranceSeconds ?? 300;
  return {
    verify(rawBody, header, receivedAt) {
      if (!header) return fail('missing_signature', 'the Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = deps.stripe.webhooks.constructEvent(
          rawBody,
          header,
          deps.secret,
          tolerance,
          undefined,
          receivedAt.getTime(),
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (/tolerance/i.test(message)) return fail('stale_timestamp', 'the signature timestamp is too old');
        return fail('bad_signature', 'the signature does not match the payload');
      }
      const parsed = stripeEventSchema.safeParse(event);
      if (!parsed.success) return fail('malformed', 'the event is not a Stripe event object');
      const object = parsed.data.data.object;
      const customer = typeof object.customer === 'string' ? object.customer : undefined;
      const out: BillingEvent = {
        id: parsed.data.id,
        type: parsed.data.type,
        created: parsed.data.created,
        provider: 'stripe',
        ...(customer ? { customerId: customer } : {}),
      };
      if (parsed.data.type.startsWith('customer.subscription.')) {
        const sub = stripeSubscriptionSchema.safeParse(object);
        if (!sub.success) return fail('malformed', 'the event does not carry a subscription object');
        const snapshot = toSnapshot(sub.data);
        if (snapshot) out.subscription = snapshot;
      }
      if (parsed.data.type === 'invoice.paid') {
        try {
          out.paidInvoice = toInvoice(object);
        } catch {
          return fail('malformed', 'the event does not carry an invoice object');
        }
      }
      return ok(out);
    },
  };
}
