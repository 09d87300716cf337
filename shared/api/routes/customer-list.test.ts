import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anOrderRow, aRefundRow } from '../../../test/support/builders';
import { aCustomerModelRow, aPredictionRow } from '../../../test/support/customer-analytics';
import { anEventRow } from '../../../test/support/identity-records';
import { createResolveIdentitiesJob } from '../../customers/identity/resolve-identities';
import type { CustomerListResponse } from '../../customers/list-schema';
import { redactCustomerProfiles, redactIndexedEvents } from '../../customers/profiles/privacy';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';

const ctx = systemContext('t_list', 'test');
const gid = (n: number) => `gid://shopify/Customer/${n}`;
let api: TestApi;
let analyst: string;
let viewer: string;
let otherTenant: string;

const range = (from: string, to: string) => ({ brandId: 'shop', from: localDate(from), to: localDate(to) });

beforeAll(async () => {
  api = await createTestApi({ now: '2026-12-02T12:00:00Z' });
  await api.seedTenant('t_list', [{ id: 'shop', currency: 'USD' }]);
  await api.seedTenant('t_list_other', [{ id: 'shop', currency: 'USD' }]);
  analyst = await api.token({ tenantId: 't_list', role: 'analyst' });
  viewer = await api.token({ tenantId: 't_list', role: 'viewer' });
  otherTenant = await api.token({ tenantId: 't_list_other', role: 'owner' });
  const { warehouse } = api.deps;
  const person = (n: number, first: string, last: string) =>
    anEventRow('shop', `ev-${n}`, '2026-11-20T10:00:00Z', {
      identifiers: [
        { kind: 'email', value: `${first.toLowerCase()}@example.com` },
        { kind: 'shopify_customer_id', value: gid(n) },
      ],
      person: { first_name: first, last_name: last },
    });
  // Eve (5) and 6 have no profile: Eve first ordered after the run, 6 was predicted but cancelled since.
  await warehouse.replaceRange(ctx, 'events', range('2026-11-20', '2026-11-20'), [
    person(1, 'Ann', 'Archer'),
    person(2, 'Ben', 'Brook'),
    person(3, 'Cat', 'Cole'),
    person(4, 'Dee', 'Dunn'),
  ]);
  const order = (id: string, date: string, minor: number, n: number, over = {}) =>
    anOrderRow('shop', id, date, minor, { customer_id: gid(n), ...over });
  await warehouse.replaceRange(ctx, 'orders', range('2026-01-01', '2026-12-31'), [
    order('o-a1', '2026-10-01', 5_000, 1),
    order('o-a2', '2026-11-20', 3_000, 1),
    order('o-b1', '2026-06-01', 20_000, 2),
    order('o-c1', '2026-11-25', 1_000, 3),
    order('o-c2', '2026-11-26', 9_999, 3, { cancelled_at: '2026-11-26T16:00:00Z' }),
    order('o-d1', '2026-09-01', 4_000, 4),
    order('o-e1', '2026-12-01', 2_500, 5),
    order('o-f1', '2026-05-01', 7_000, 6, { cancelled_at: '2026-12-01T09:00:00Z' }),
    // An order with neither a customer id nor an email names no store customer: it is nobody's
    // row (an email alone would make one, decision 1011: shared/customers/imported-customers.test.ts).
    anOrderRow('shop', 'o-guest', '2026-11-01', 50_000, { email: null }),
  ]);
  await warehouse.replaceRange(ctx, 'refunds', range('2026-11-21', '2026-11-21'), [
    aRefundRow('shop', 'o-a2', '2026-11-21', 1_000),
  ]);
  await warehouse.replaceRange(ctx, 'customer_models', range('2026-01-01', '2026-12-31'), [
    aCustomerModelRow('shop'),
  ]);
  await warehouse.replaceRange(ctx, 'customer_predictions', range('2000-01-01', '2026-12-31'), [
    aPredictionRow('shop', gid(1), { segment: 'loyal', value_365_minor: 8_800 }),
    aPredictionRow('shop', gid(2), { segment: 'at_risk', value_365_minor: 1_200 }),
    aPredictionRow('shop', gid(3), { segment: 'new', value_365_minor: 3_000 }),
    aPredictionRow('shop', gid(4), { segment: 'at_risk', value_365_minor: 500 }),
    aPredictionRow('shop', gid(6), { segment: 'at_risk', value_365_minor: 100 }),
  ]);
  const job = createResolveIdentitiesJob({
    ...api.deps,
    db: api.deps.documents,
    brands: api.deps.store.brands,
  });
  await job({
    tenantId: 't_list',
    brandId: 'shop',
    idempotencyKey: 'k',
    eventIds: ['ev-1', 'ev-2', 'ev-3', 'ev-4'],
  });
}, 60_000);
afterAll(async () => api?.close());

async function list(query = '', token = analyst): Promise<CustomerListResponse> {
  const res = await api.request(`/api/brands/shop/customer-list${query}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as CustomerListResponse;
}
const ids = (r: CustomerListResponse) => r.rows.map((x) => Number(x.customerId.split('/').at(-1)));

describe('the customer list', () => {
  it('lists every store customer by revenue net of refunds, with the profile’s name and email and the run’s segment', async () => {
    const page = await list();
    expect(page).toMatchObject({ currency: 'USD', asOf: '2026-11-30', total: 6, page: 1, size: 25 });
    expect(ids(page)).toEqual([2, 1, 4, 5, 3, 6]);
    expect(page.rows[1]).toEqual({
      customerId: gid(1),
      profileId: expect.any(String),
      name: 'Ann Archer',
      email: 'ann@example.com',
      orders: 2,
      revenueMinor: 7_000,
      lastOrderAt: expect.stringMatching(/^2026-11-20T15:00:00/),
      segment: 'loyal',
      segmentLabel: 'Loyal',
      value365Minor: 8_800,
    });
    // A cancelled order counts for nothing; a customer who first ordered after the run has no segment.
    expect(page.rows.find((r) => r.customerId === gid(3))).toMatchObject({ orders: 1, revenueMinor: 1_000 });
    expect(page.rows.find((r) => r.customerId === gid(5))).toMatchObject({
      profileId: null,
      name: null,
      segment: null,
      value365Minor: null,
    });
  });

  it('shows the revenue and orders Customer 360 shows for the same person', async () => {
    const ann = (await list()).rows.find((r) => r.customerId === gid(1))!;
    const view = await (
      await api.request(`/api/brands/shop/customers/${ann.profileId}`, { token: analyst })
    ).json();
    expect(view.revenue.amountMinor).toBe(ann.revenueMinor);
    expect(view.orderCount).toBe(ann.orders);
    expect(view.lastOrderAt).toBe(ann.lastOrderAt);
    expect(view.predictions.segment).toBe(ann.segment);
  });

  it.each([
    ['value_365', 'desc', [1, 3, 2, 4, 6, 5]],
    ['value_365', 'asc', [6, 4, 2, 3, 1, 5]],
    ['last_order', 'desc', [5, 3, 1, 4, 2, 6]],
    ['orders', 'desc', [1, 2, 3, 4, 5, 6]],
    ['revenue', 'asc', [6, 3, 5, 4, 1, 2]],
  ])('sorts by %s %s, customers without a value last and ties by id', async (sort, order, expected) => {
    expect(ids(await list(`?sort=${sort}&order=${order}`))).toEqual(expected);
  });

  it('filters by segment: exactly the run’s customers in it, the total counting them all', async () => {
    const atRisk = await list('?segment=at_risk&size=2');
    expect(atRisk.total).toBe(3);
    expect(ids(atRisk)).toEqual([2, 4]);
    expect(atRisk.rows.every((r) => r.segmentLabel === 'At risk')).toBe(true);
    expect(ids(await list('?segment=at_risk&size=2&page=2'))).toEqual([6]);
    expect((await list('?segment=champions')).total).toBe(0);
  });

  it('pages: the second page continues the first, a page past the end is empty with the total', async () => {
    expect(ids(await list('?size=4&page=2'))).toEqual([3, 6]);
    expect(await list('?size=4&page=3')).toMatchObject({ total: 6, rows: [] });
    const refused = await api.request('/api/brands/shop/customer-list?size=500', { token: analyst });
    expect(refused.status).toBe(400);
  });

  it('shows another tenant nothing of this one and keeps names from viewers', async () => {
    const other = await list('', otherTenant);
    expect(other).toMatchObject({ total: 0, rows: [] });
    const foreign = await api.request('/api/brands/nope/customer-list', { token: analyst });
    expect(foreign.status).toBe(404);
    expect((await api.request('/api/brands/shop/customer-list', { token: viewer })).status).toBe(403);
  });

  it('never shows an erased customer’s name, email or id again: the store customer stays, pseudonymous and unlinked', async () => {
    const { documents: db, warehouse, store } = api.deps;
    await redactCustomerProfiles(
      { db, warehouse, redactEvents: redactIndexedEvents({ db, warehouse }), alerts: store.alerts },
      { ctx, brandId: 'shop' },
      { shopifyCustomerId: gid(4), email: 'dee@example.com' },
      'US',
      'erased:p1',
    );
    const res = await api.request('/api/brands/shop/customer-list?segment=at_risk', { token: analyst });
    const text = await res.text();
    expect(text).not.toMatch(/dee|dunn/i);
    const page = JSON.parse(text) as CustomerListResponse;
    expect(page.total).toBe(3);
    expect(page.rows.some((r) => r.customerId === gid(4))).toBe(false);
    expect(page.rows.find((r) => r.customerId === 'erased:p1')).toMatchObject({
      profileId: null,
      name: null,
      email: null,
      revenueMinor: 4_000,
    });
  });
});
