import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anOrderRow } from '../../../test/support/builders';
import { anEventRow, plantedClusterOfFour } from '../../../test/support/identity-records';
import { createResolveIdentitiesJob } from '../../customers/identity/resolve-identities';
import { createIdentityResolver } from '../../customers/identity/resolver';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';

let api: TestApi;
let owner: string;
let analyst: string;
let viewer: string;
let otherTenant: string;
const ctx = systemContext('t_cust', 'test');
const scope = { ctx, brandId: 'shop' };

beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_cust', [{ id: 'shop', currency: 'GBP' }]);
  await api.seedTenant('t_other', [{ id: 'shop', currency: 'GBP' }]);
  owner = await api.token({ tenantId: 't_cust', role: 'owner' });
  analyst = await api.token({ tenantId: 't_cust', role: 'analyst' });
  viewer = await api.token({ tenantId: 't_cust', role: 'viewer' });
  otherTenant = await api.token({ tenantId: 't_other', role: 'owner' });
  const { warehouse } = api.deps;
  await warehouse.ensureTenant(ctx);
  const events = [
    anEventRow('shop', 'ev-1', '2026-11-01T10:00:00Z', {
      type: 'product_viewed',
      clientId: 'cid-1',
      productId: 'gid://shopify/Product/7',
      properties: { product_type: 'Shoes' },
    }),
    anEventRow('shop', 'ev-2', '2026-11-01T10:05:00Z', {
      type: 'product_added_to_cart',
      clientId: 'cid-1',
      productId: 'gid://shopify/Product/7',
      identifiers: [{ kind: 'email', value: 'Maya@Example.com' }],
      person: { first_name: 'Maya', last_name: 'Patel', city: 'Leeds' },
      properties: { product_type: 'Shoes' },
    }),
  ];
  await warehouse.replaceRange(
    ctx,
    'events',
    { brandId: 'shop', from: localDate('2026-11-01'), to: localDate('2026-11-01') },
    events,
  );
  await warehouse.replaceRange(
    ctx,
    'orders',
    { brandId: 'shop', from: localDate('2026-11-02'), to: localDate('2026-11-03') },
    [
      anOrderRow('shop', 'o1', '2026-11-02', 4500, {
        email: 'maya@example.com',
        currency: 'GBP',
        order_number: '#1001',
      }),
      anOrderRow('shop', 'o2', '2026-11-03', 2500, { email: 'maya@example.com', currency: 'GBP' }),
    ],
  );
  await warehouse.replaceRange(
    ctx,
    'refunds',
    { brandId: 'shop', from: localDate('2026-11-03'), to: localDate('2026-11-03') },
    [
      {
        brand_id: 'shop',
        refund_id: 'r1',
        order_id: 'o1',
        date: '2026-11-03',
        created_at: '2026-11-03T12:00:00Z',
        quantity: 1,
        amount_minor: 1000,
        currency: 'GBP',
        kind: 'refund',
      },
    ],
  );
  const job = createResolveIdentitiesJob({
    ...api.deps,
    db: api.deps.documents,
    brands: api.deps.store.brands,
  });
  await job({ tenantId: 't_cust', brandId: 'shop', idempotencyKey: 'k', eventIds: ['ev-1', 'ev-2'] });
  const resolver = createIdentityResolver({ db: api.deps.documents, clock: api.deps.clock });
  for (const r of plantedClusterOfFour()) await resolver.resolve(scope, r);
});
afterAll(async () => api?.close());

async function findMaya(token = analyst) {
  return api.request('/api/brands/shop/customers?email=%20MAYA@example.com', { token });
}

describe('customers API', () => {
  it('finds a customer by email, normalised, and by name', async () => {
    const res = await findMaya();
    expect(res.status).toBe(200);
    const { customers } = await res.json();
    expect(customers).toHaveLength(1);
    expect(customers[0].person).toMatchObject({ firstName: 'Maya', lastName: 'Patel' });
    const byName = await (
      await api.request('/api/brands/shop/customers?name=maya%20pat', { token: analyst })
    ).json();
    expect(byName.customers.map((c: { id: string }) => c.id)).toEqual([customers[0].id]);
  });

  it('shows the 360: orders, refunds, revenue net of refunds, intent expired by nothing bought, journey', async () => {
    const { customers } = await (await findMaya()).json();
    const res = await api.request(`/api/brands/shop/customers/${customers[0].id}`, { token: analyst });
    expect(res.status).toBe(200);
    const c = await res.json();
    expect(c.orderCount).toBe(2);
    expect(c.revenue).toEqual({ amountMinor: 6000, currency: 'GBP' });
    expect(c.firstOrderAt).toBe('2026-11-02T15:00:00.000Z');
    expect(c.refunds).toHaveLength(1);
    expect(c.journey.stage).toBe('retention');
    expect(c.categoryAffinity[0].key).toBe('Shoes');
    expect(c.productIntent[0].productId).toBe('gid://shopify/Product/7');
    const timeline = await (
      await api.request(`/api/brands/shop/customers/${customers[0].id}/timeline`, { token: analyst })
    ).json();
    expect(timeline.events.map((e: { event_id: string }) => e.event_id)).toEqual(['ev-2', 'ev-1']);
  });

  it('keeps personal data from viewers and from other tenants', async () => {
    expect((await findMaya(viewer)).status).toBe(403);
    const other = await api.request('/api/brands/shop/customers?email=maya@example.com', {
      token: otherTenant,
    });
    expect(other.status).toBe(200);
    expect((await other.json()).customers).toEqual([]);
  });

  it('rejects a search with nothing to search by, and a malformed phone, with the error shape', async () => {
    const none = await api.request('/api/brands/shop/customers', { token: analyst });
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe('invalid_request');
    const phone = await api.request('/api/brands/shop/customers?phone=call-me', { token: analyst });
    expect(phone.status).toBe(400);
  });

  it('lists the cluster of four for review; an analyst may not decide it, an owner approves it', async () => {
    const { reviews } = await (
      await api.request('/api/brands/shop/customer-reviews', { token: analyst })
    ).json();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ reason: 'cluster_too_large', status: 'pending' });
    const denied = await api.request(`/api/brands/shop/customer-reviews/${reviews[0].id}/approve`, {
      method: 'POST',
      token: analyst,
    });
    expect(denied.status).toBe(403);
    const approved = await api.request(`/api/brands/shop/customer-reviews/${reviews[0].id}/approve`, {
      method: 'POST',
      token: owner,
    });
    expect(approved.status).toBe(200);
    const review = await approved.json();
    expect(review).toMatchObject({ status: 'approved' });
    const again = await api.request(`/api/brands/shop/customer-reviews/${reviews[0].id}/reject`, {
      method: 'POST',
      token: owner,
    });
    expect(again.status).toBe(409);

    const survivor = (
      await (await api.request('/api/brands/shop/customers?email=ana@example.com', { token: owner })).json()
    ).customers[0];
    const history = await (
      await api.request(`/api/brands/shop/customers/${survivor.id}/merges`, { token: owner })
    ).json();
    expect(history.merges).toHaveLength(1);
    expect(history.merges[0].before).toBeUndefined();
    const undo = await api.request(`/api/brands/shop/customer-merges/${review.mergeId}/unmerge`, {
      method: 'POST',
      token: owner,
    });
    expect(undo.status).toBe(200);
    const split = await (
      await api.request('/api/brands/shop/customers?email=a.wong@example.com', { token: owner })
    ).json();
    expect(split.customers[0].id).not.toBe(survivor.id);
  });
});
