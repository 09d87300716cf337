import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerBuilders } from '../../../infra/compose/handlers';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aCustomerModelRow, aPredictionRow } from '../../../test/support/customer-analytics';
import { anEventRow } from '../../../test/support/identity-records';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';

/**
 * customer events → identity resolution → in-store alert → notify, on the embedded backends with
 * each function subscribed as the local runtime subscribes it (infra/manifest.ts).
 */
const NOW = '2026-12-01T12:00:00Z';
const A = 't_instore';
const B = 't_instore_other';
const received: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push(body);
    res.writeHead(200).end('ok');
  });
});

let api: TestApi;
let owner: string;
let ownerB: string;

const email = (value: string) => ({ kind: 'email', value });
const cartAdd = (id: string, at: string, who: Record<string, unknown>, productId: string, title: string) => ({
  id,
  type: 'product_added_to_cart',
  occurredAt: at,
  ...who,
  data: {
    cartLine: { quantity: 1, merchandise: { id: `${productId}1`, title, product: { id: productId, title } } },
  },
});
const visit = (id: string, at: string, identifiers: unknown[], locationId = 'Soho') => ({
  id,
  type: 'store_visit',
  occurredAt: at,
  identifiers,
  data: { location_id: locationId },
});

const prediction = (customerId: string, segment: string, value365: number) =>
  aPredictionRow('shop', customerId, {
    date: '2026-11-01',
    last_order_date: '2026-11-01',
    recency_days: 30,
    segment,
    value_365_minor: value365,
    value_365_low_minor: 0,
    value_365_high_minor: value365 * 2,
    currency: 'GBP',
  });

async function post(token: string, events: unknown[]) {
  const res = await api.request('/api/brands/shop/events', { method: 'POST', token, json: { events } });
  expect(res.status).toBe(200);
  await api.embedded.queue.drain();
}
const alertsOf = (tenantId: string) => api.deps.store.alerts.list(systemContext(tenantId, 'test'), 'shop');

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/staff`;
  api = await createTestApi({ now: NOW });
  const brand = { id: 'shop', currency: 'GBP', timezone: 'Europe/London', notificationWebhookUrl: hook };
  const ctx = await api.seedTenant(A, [brand]);
  await api.seedTenant(B, [brand]);
  owner = await api.token({ tenantId: A, role: 'owner' });
  ownerB = await api.token({ tenantId: B, role: 'owner' });
  const options = { version: 'test', startedAt: new Date(NOW) };
  for (const name of ['resolve-identities', 'in-store-alerts', 'notify'] as const) {
    const handler = await handlerBuilders[name](api.deps, options);
    if (handler.kind !== 'topic') throw new Error(`${name} is not a topic function`);
    api.embedded.bus.subscribe(handler.topic, name, handler.handle);
  }
  await api.deps.store.products.upsertMany(ctx, 'shop', [
    {
      id: 'gid://shopify/ProductVariant/11',
      productId: 'gid://shopify/Product/1',
      title: 'Trail Bottle',
      priceMinor: 2_500,
      currency: 'GBP',
      status: 'active',
      updatedAt: NOW,
    },
  ]);
  const day = (d: string) => ({ brandId: 'shop', from: localDate(d), to: localDate(d) });
  await api.deps.warehouse.replaceRange(ctx, 'customer_models', day('2026-11-30'), [
    aCustomerModelRow('shop', { currency: 'GBP' }),
  ]);
  await api.deps.warehouse.replaceRange(ctx, 'customer_predictions', day('2026-11-01'), [
    prediction('gid://shopify/Customer/7', 'champions', 250_000),
    prediction('gid://shopify/Customer/8', 'at_risk', 1_000),
    prediction('gid://shopify/Customer/9', 'promising', 300_000),
    ...Array.from({ length: 8 }, (_, i) => prediction(`gid://shopify/Customer/10${i}`, 'new', 5_000)),
  ]);
  // What identity resolution learns: Jane added a bottle to her cart this morning and scanned the
  // window poster's code last month (history now: no alert, but the code is on her profile); Ben
  // only ever bought, long ago.
  await post(owner, [
    {
      id: 'ev-jane-poster',
      type: 'qr_scan',
      occurredAt: '2026-11-20T15:00:00Z',
      identifiers: [email('jane@example.com')],
      data: { qr_id: 'POSTER-1', placement: 'window' },
    },
    cartAdd(
      'ev-jane-cart',
      '2026-12-01T09:00:00Z',
      {
        identifiers: [email('jane@example.com'), { kind: 'shopify_customer_id', value: '7' }],
        person: { first_name: 'Jane', last_name: 'Doe' },
      },
      '1',
      'Trail Bottle',
    ),
    {
      id: 'ev-cara',
      type: 'customer_updated',
      occurredAt: '2026-11-01T09:00:00Z',
      identifiers: [
        { kind: 'loyalty_id', value: 'card-99' },
        { kind: 'shopify_customer_id', value: '9' },
      ],
      person: { first_name: 'Cara', last_name: 'Top' },
      data: { customer_id: '9' },
    },
    {
      id: 'ev-ben',
      type: 'customer_updated',
      occurredAt: '2026-11-01T09:00:00Z',
      identifiers: [email('ben@example.com'), { kind: 'shopify_customer_id', value: '8' }],
      person: { first_name: 'Ben', last_name: 'Low' },
      data: { customer_id: '8' },
    },
  ]);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('in-store alerts, from the event to the staff channel', () => {
  it('a champion with a bottle in her cart walks in: one alert naming her, her value, the product and the store', async () => {
    await post(owner, [visit('ev-jane-visit', '2026-12-01T11:30:00Z', [email('Jane@Example.com')])]);
    const [alert, ...more] = await alertsOf(A);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      type: 'customer_in_store',
      status: 'open',
      title: 'Jane Doe is in the store at Soho',
    });
    expect(alert!.explanation).toContain('Champions customer, predicted to spend £2,500.00');
    expect(alert!.explanation).toContain('Trail Bottle (intent');
    const [sent, ...again] = received.splice(0).map((b) => JSON.parse(b) as { text: string });
    expect(again).toEqual([]);
    expect(sent!.text).toContain('Jane Doe is in the store at Soho');
    expect(sent!.text).not.toContain('gid://');
  });

  it('another visit the same day, the same event twice and a redelivered message add nothing', async () => {
    const again = visit('ev-jane-visit-2', '2026-12-01T11:45:00Z', [
      { kind: 'shopify_customer_id', value: '7' },
    ]);
    await post(owner, [again, again]);
    await api.deps.bus.publish('customer.events', {
      tenantId: A,
      brandId: 'shop',
      eventIds: ['ev-jane-visit', 'ev-jane-visit-2'],
      idempotencyKey: 'redelivered',
    });
    await api.embedded.queue.drain();
    expect(await alertsOf(A)).toHaveLength(1);
    expect(received.splice(0)).toEqual([]);
  });

  it('the same customer at another store that day is news', async () => {
    await post(owner, [
      visit('ev-jane-covent', '2026-12-01T11:50:00Z', [email('jane@example.com')], 'Covent Garden'),
    ]);
    const titles = (await alertsOf(A)).map((a) => a.title).sort();
    expect(titles).toEqual(['Jane Doe is in the store at Covent Garden', 'Jane Doe is in the store at Soho']);
    expect(received.splice(0)).toHaveLength(1);
  });

  it('a customer in no high-value segment but with the highest predicted value is announced for her value', async () => {
    await post(owner, [
      visit('ev-cara-visit', '2026-12-01T11:55:00Z', [{ kind: 'loyalty_id', value: 'Card-99' }]),
    ]);
    const cara = (await alertsOf(A)).find((a) => a.title === 'Cara Top is in the store at Soho');
    expect(cara?.explanation).toBe(
      'Cara Top is predicted to spend £3,000.00 in the next 365 days (top 10% of customers).',
    );
    expect(cara?.evidence).toMatchObject({ customers_above: 0, customers: 11 });
    expect(received.splice(0)).toHaveLength(1);
  });

  it('an at-risk low spender without open intent, a shared poster code and a visit imported hours late raise nothing', async () => {
    const before = (await alertsOf(A)).length;
    await post(owner, [
      visit('ev-ben-visit', '2026-12-01T11:40:00Z', [email('ben@example.com')]),
      visit('ev-jane-morning', '2026-12-01T08:00:00Z', [email('jane@example.com')], 'Kensington'),
      {
        id: 'ev-poster',
        type: 'qr_scan',
        occurredAt: '2026-12-01T11:41:00Z',
        data: { qr_id: 'POSTER-1', placement: 'window' },
      },
    ]);
    expect(await alertsOf(A)).toHaveLength(before);
  });

  it('a visit sent with the storefront’s public write key is not believed', async () => {
    const ctx = systemContext(A, 'test');
    const forged = anEventRow('shop', 'ev-forged', '2026-12-01T11:58:00Z', {
      type: 'store_visit',
      source: 'pixel',
      identifiers: [email('jane@example.com')],
      properties: { location_id: 'Anywhere' },
    });
    await api.deps.warehouse.replaceKeys(
      ctx,
      'events',
      { brandId: 'shop', keyColumn: 'event_id', keys: ['ev-forged'] },
      [forged],
    );
    await api.deps.bus.publish('customer.events', {
      tenantId: A,
      brandId: 'shop',
      eventIds: ['ev-forged'],
      idempotencyKey: 'forged',
    });
    await api.embedded.queue.drain();
    expect((await alertsOf(A)).map((a) => a.title)).not.toContain('Jane Doe is in the store at Anywhere');
    expect(received.splice(0)).toEqual([]);
  });

  it('another tenant’s visit with the same email finds nobody: profiles never cross tenants', async () => {
    received.splice(0);
    await post(ownerB, [visit('ev-jane-visit', '2026-12-01T11:30:00Z', [email('jane@example.com')])]);
    expect(await alertsOf(B)).toEqual([]);
    expect(received.splice(0)).toEqual([]);
  });
});
