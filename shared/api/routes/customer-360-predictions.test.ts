import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anOrderRow } from '../../../test/support/builders';
import { aCustomerModelRow, aPredictionRow } from '../../../test/support/customer-analytics';
import { anEventRow } from '../../../test/support/identity-records';
import { createResolveIdentitiesJob } from '../../customers/identity/resolve-identities';
import { createCustomer360 } from '../../customers/profiles/customer-360';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { runTool } from '../../insights/tools';
import { toolContextFor } from '../../insights/tools/context';
import type { WarehouseRow } from '../../ports/warehouse';
import { createPerformanceQueries } from '../../reporting/read-model/performance-queries';

const ctx = systemContext('t_pred', 'test');
let api: TestApi;
let analyst: string;

const model = aCustomerModelRow('shop');
const prediction = (customerId: string, over: Partial<WarehouseRow>) =>
  aPredictionRow('shop', customerId, over);

beforeAll(async () => {
  api = await createTestApi({ now: '2026-12-01T12:00:00Z' });
  await api.seedTenant('t_pred', [{ id: 'shop', currency: 'USD' }]);
  analyst = await api.token({ tenantId: 't_pred', role: 'analyst' });
  const id = (kind: string, value: string) => ({ kind, value });
  const events = [
    // Ann: one Shopify customer. Ben: an email only. Cat: two Shopify customers, one person.
    anEventRow('shop', 'ev-ann', '2026-11-20T10:00:00Z', {
      identifiers: [id('email', 'ann@example.com'), id('shopify_customer_id', 'gid://shopify/Customer/7')],
    }),
    anEventRow('shop', 'ev-ben', '2026-11-20T10:00:00Z', { identifiers: [id('email', 'ben@example.com')] }),
    // Dan: an email only, but his order under that email belongs to Shopify customer 10.
    anEventRow('shop', 'ev-dan', '2026-11-20T10:00:00Z', { identifiers: [id('email', 'dan@example.com')] }),
    anEventRow('shop', 'ev-cat', '2026-11-20T10:00:00Z', {
      identifiers: [
        id('email', 'cat@example.com'),
        id('shopify_customer_id', 'gid://shopify/Customer/8'),
        id('shopify_customer_id', 'gid://shopify/Customer/9'),
      ],
    }),
  ];
  await api.deps.warehouse.replaceRange(
    ctx,
    'events',
    { brandId: 'shop', from: localDate('2026-11-20'), to: localDate('2026-11-20') },
    events,
  );
  await api.deps.warehouse.replaceRange(
    ctx,
    'orders',
    { brandId: 'shop', from: localDate('2026-10-01'), to: localDate('2026-10-01') },
    [
      anOrderRow('shop', 'o-dan', '2026-10-01', 4_000, {
        email: 'dan@example.com',
        customer_id: 'gid://shopify/Customer/10',
        currency: 'USD',
      }),
    ],
  );
  const job = createResolveIdentitiesJob({
    ...api.deps,
    db: api.deps.documents,
    brands: api.deps.store.brands,
  });
  await job({
    tenantId: 't_pred',
    brandId: 'shop',
    idempotencyKey: 'k',
    eventIds: ['ev-ann', 'ev-ben', 'ev-cat', 'ev-dan'],
  });
}, 60_000);
afterAll(async () => api?.close());

async function predictionsOf(email: string) {
  const found = await (
    await api.request(`/api/brands/shop/customers?email=${encodeURIComponent(email)}`, { token: analyst })
  ).json();
  expect(found.customers).toHaveLength(1);
  const res = await api.request(`/api/brands/shop/customers/${found.customers[0].id}`, { token: analyst });
  expect(res.status).toBe(200);
  return (await res.json()).predictions;
}

describe('Customer 360 predictions', () => {
  it('say "not yet computed" before the first customer-analytics run, not zeros', async () => {
    expect(await predictionsOf('ann@example.com')).toEqual({
      status: 'not_computed',
      reason: 'no_model',
      asOf: null,
    });
  });

  it("show the latest run's segment, P(alive), 90-day purchases and value for the profile's store customer", async () => {
    const range = { brandId: 'shop', from: localDate('2026-01-01'), to: localDate('2026-12-31') };
    await api.deps.warehouse.replaceRange(ctx, 'customer_models', range, [model]);
    await api.deps.warehouse.replaceRange(ctx, 'customer_predictions', range, [
      prediction('gid://shopify/Customer/7', {}),
      prediction('gid://shopify/Customer/8', {
        segment: 'at_risk',
        p_alive: 0.3,
        last_order_date: '2026-04-01',
      }),
      prediction('gid://shopify/Customer/9', {
        segment: 'champions',
        p_alive: 0.95,
        last_order_date: '2026-11-28',
      }),
      prediction('gid://shopify/Customer/10', { segment: 'new', orders: 1 }),
      prediction('gid://shopify/Customer/99', { segment: 'lost' }),
    ]);
    expect(await predictionsOf('ann@example.com')).toEqual({
      status: 'computed',
      customerId: 'gid://shopify/Customer/7',
      storeCustomers: 1,
      segment: 'loyal',
      segmentLabel: 'Loyal',
      orders: 2,
      pAlive: 0.82,
      purchases90: 0.61,
      value90Minor: 2_900,
      value365Minor: 8_800,
      value365LowMinor: 6_000,
      value365HighMinor: 12_500,
      currency: 'USD',
      modelId: 'ltv-2026-11-30',
      asOf: '2026-11-30',
    });
  });

  it('take the store customer who ordered most recently when a person has two', async () => {
    expect(await predictionsOf('cat@example.com')).toMatchObject({
      status: 'computed',
      customerId: 'gid://shopify/Customer/9',
      storeCustomers: 2,
      segment: 'champions',
    });
  });

  it('find the store customer through the orders an email-only profile matched', async () => {
    expect(await predictionsOf('dan@example.com')).toMatchObject({
      status: 'computed',
      customerId: 'gid://shopify/Customer/10',
      segment: 'new',
    });
  });

  it('say "not yet computed" for a profile the run has no prediction for', async () => {
    expect(await predictionsOf('ben@example.com')).toEqual({
      status: 'not_computed',
      reason: 'no_prediction',
      asOf: '2026-11-30',
    });
  });

  it('reach the assistant through get_customer, in major units', async () => {
    const found = await (
      await api.request('/api/brands/shop/customers?email=ann@example.com', { token: analyst })
    ).json();
    const brand = (await api.deps.store.brands.get(ctx, 'shop'))!;
    const tc = await toolContextFor(
      {
        queries: createPerformanceQueries(api.deps.warehouse),
        store: api.deps.store,
        clock: api.clock,
        customers: createCustomer360({
          db: api.deps.documents,
          warehouse: api.deps.warehouse,
          clock: api.clock,
        }),
      },
      ctx,
      brand,
    );
    const out = await runTool(tc, 'get_customer', { customer_id: found.customers[0].id });
    expect((out as { output: { predictions: unknown } }).output.predictions).toEqual({
      as_of: '2026-11-30',
      model: 'ltv-2026-11-30',
      store_customer_id: 'gid://shopify/Customer/7',
      segment: 'loyal',
      orders: 2,
      p_alive: 0.82,
      churn_probability: 0.18,
      expected_purchases_90d: 0.61,
      predicted_value_90d: 29,
      predicted_value_365d: 88,
      predicted_value_365d_interval_80: [60, 125],
    });
  });
});
