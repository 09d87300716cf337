import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStripeForm } from './form';
import { type StripeSandbox, startStripeSandbox } from './server';
import { stripeSignatureHeader } from './signing';

let sandbox: StripeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Stripe sandbox', () => {
  it('parses Stripe’s bracketed form encoding into objects and arrays', () => {
    const params = new URLSearchParams(
      'mode=subscription&line_items[0][price]=p1&line_items[0][quantity]=1&line_items[1][price]=p2&subscription_data[metadata][pp_tenant]=t1&expand[]=a&expand[]=b',
    );
    expect(parseStripeForm(params)).toEqual({
      mode: 'subscription',
      line_items: [{ price: 'p1', quantity: '1' }, { price: 'p2' }],
      subscription_data: { metadata: { pp_tenant: 't1' } },
      expand: ['a', 'b'],
    });
  });

  it('signs deliveries so that the stripe SDK’s own check accepts them', async () => {
    const received: { body: string; signature: string }[] = [];
    const { serve } = await import('@hono/node-server');
    const server = serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: async (req) => {
        received.push({ body: await req.text(), signature: req.headers.get('stripe-signature') ?? '' });
        return new Response('ok');
      },
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const port = (server.address() as { port: number }).port;
    sandbox = await startStripeSandbox({ webhookUrls: [`http://127.0.0.1:${port}/`] });
    sandbox.state.createCustomer({ name: 'x' });
    await sandbox.settle();
    server.close();
    expect(received).toHaveLength(1);
    const event = new Stripe('sk_test_x').webhooks.constructEvent(
      received[0]!.body,
      received[0]!.signature,
      sandbox.webhookSecret,
    );
    expect(event.type).toBe('customer.created');
    expect(received[0]!.signature).toBe(
      stripeSignatureHeader(sandbox.webhookSecret, received[0]!.body, event.created),
    );
  });

  it('answers in Stripe’s error shape: a bad key is 401, an unknown customer 404, a repeated meter identifier 400', async () => {
    sandbox = await startStripeSandbox();
    const client = (key: string) =>
      new Stripe(key, { host: sandbox!.host, port: sandbox!.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(client('sk_test_wrong').customers.create({})).rejects.toMatchObject({ statusCode: 401 });
    const stripe = client(sandbox.secretKey);
    await expect(stripe.customers.retrieve('cus_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    const customer = await stripe.customers.create({ name: 'x' });
    const event = {
      event_name: 'pp_ai_overage_micros',
      identifier: 'id-1',
      payload: { stripe_customer_id: customer.id, value: '5' },
    };
    await stripe.billing.meterEvents.create(event);
    await expect(stripe.billing.meterEvents.create(event)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/already exists with identifier id-1/),
    });
    await expect(
      stripe.billing.meterEvents.create({
        ...event,
        identifier: 'id-2',
        payload: { ...event.payload, value: '1.5' },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('moves a subscription through past_due to canceled with the events Stripe sends', async () => {
    sandbox = await startStripeSandbox();
    const customer = sandbox.state.createCustomer({});
    const price = sandbox.state.prices.find((p) => p.lookup_key === 'pp_starter_usd_monthly')!;
    const sub = sandbox.state.createSubscription({
      customer: String(customer.id),
      prices: [{ price: price.id }],
    });
    sandbox.state.transition(String(sub.id), 'past_due');
    sandbox.state.transition(String(sub.id), 'canceled');
    expect(sandbox.state.events.map((e) => e.type)).toEqual([
      'customer.created',
      'customer.subscription.created',
      'invoice.created',
      'invoice.paid',
      'invoice.created',
      'invoice.payment_failed',
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]);
    expect(sandbox.state.subscription(String(sub.id))).toMatchObject({ status: 'canceled' });
  });
});
