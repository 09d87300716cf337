import { createHmac } from 'node:crypto';

/**
 * How Stripe signs a webhook delivery (https://docs.stripe.com/webhooks#verify-manually):
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the HMAC is keyed with the
 * endpoint's signing secret (`whsec_…`) over `<t>.<raw JSON body>`.
 */
export function stripeSignatureHeader(secret: string, payload: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}
