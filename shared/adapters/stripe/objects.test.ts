import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeSubscriptionSchema, toInvoice, toSnapshot } from './objects';
import { createStripeWebhookVerifier } from './webhook-verifier';

/**
 * Fixtures written from Stripe's API reference: the event envelope
 * (https://docs.stripe.com/api/events/object), the subscription object with the billing period on
 * its items (https://docs.stripe.com/api/subscriptions/object, API 2025-03-31.basil onwards: "the
 * current_period_start and current_period_end fields moved to subscription items"), and the invoice
 * object (https://docs.stripe.com/api/invoices/object). Lookup keys follow our catalog.
 */
const eventJson = readFileSync(
  new URL('./fixtures/subscription-updated.event.json', import.meta.url),
  'utf8',
);
const stripe = new Stripe('sk_test_fixture');
const SECRET = 'whsec_fixture';
const at = new Date(1_686_089_970_000);

describe('Stripe objects', () => {
  it('reads the plan, currency and period from a subscription’s items', () => {
    const sub = stripeSubscriptionSchema.parse(JSON.parse(eventJson).data.object);
    expect(toSnapshot(sub)).toEqual({
      provider: 'stripe',
      id: 'sub_1NG8Du2eZvKYlo2CgPl2b7ZJ',
      customerId: 'cus_O2CdlB5ibj2ZpM',
      status: 'past_due',
      planId: 'growth',
      currency: 'USD',
      addOns: [],
      createdAt: '2023-06-06T22:19:29.000Z',
      currentPeriodEnd: '2023-07-06T22:19:29.000Z',
      cancelAtPeriodEnd: false,
    });
  });

  it('ignores a subscription to something that is not a Pulsepoint plan', () => {
    const raw = JSON.parse(eventJson).data.object;
    for (const item of raw.items.data) item.price.lookup_key = null;
    expect(toSnapshot(stripeSubscriptionSchema.parse(raw))).toBeUndefined();
  });

  it('reads an invoice in minor units', () => {
    expect(
      toInvoice({
        id: 'in_1',
        object: 'invoice',
        number: 'A1B2-0001',
        status: 'paid',
        currency: 'eur',
        total: 13_900,
        amount_paid: 13_900,
        created: 1_686_089_970,
        period_start: 1_686_089_969,
        period_end: 1_688_681_969,
        hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test_1',
      }),
    ).toMatchObject({ currency: 'EUR', totalMinor: 13_900, status: 'paid', number: 'A1B2-0001' });
  });
});

describe('Stripe webhook verification (stripe.webhooks.constructEvent)', () => {
  const verifier = createStripeWebhookVerifier({ stripe, secret: SECRET });
  const header = (secret: string, t: number) =>
    stripe.webhooks.generateTestHeaderString({ payload: eventJson, secret, timestamp: t });

  it('accepts a genuine delivery and reduces it to what billing acts on', () => {
    const result = verifier.verify(eventJson, header(SECRET, 1_686_089_970), at);
    expect(result).toMatchObject({
      ok: true,
      value: { id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', created: 1_686_089_970, customerId: 'cus_O2CdlB5ibj2ZpM' },
    });
    expect(result.ok && result.value.subscription?.status).toBe('past_due');
  });

  it.each([
    ['a missing header', () => null, 'missing_signature'],
    ['another secret', () => header('whsec_other', 1_686_089_970), 'bad_signature'],
    ['a timestamp older than five minutes', () => header(SECRET, 1_686_089_970 - 301), 'stale_timestamp'],
    ['a garbled header', () => 'nonsense', 'bad_signature'],
  ])('refuses %s', (_name, make, reason) => {
    expect(verifier.verify(eventJson, make(), at)).toMatchObject({ ok: false, reason });
  });

  it('refuses a body changed after signing', () => {
    const changed = eventJson.replace('"past_due"', '"active"');
    expect(verifier.verify(changed, header(SECRET, 1_686_089_970), at)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });
});
