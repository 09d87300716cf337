import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSandbox } from '../../infra/sandbox/smtp/server';
import type { TestApi } from '../../test/support/api';
import { createEmailEngagementApi } from '../../test/support/engagement-api';
import { fixture } from '../../test/support/imports';
import { ATTRIBUTE_QUEUE } from '../attribution/attribute-job';
import { systemContext } from '../domain/tenancy';
import type { Engagement } from '../engagement/index';
import { redactCustomer } from '../platforms/shopify/webhooks/privacy';
import { TENANT_TABLES, type TenantTable } from '../ports/warehouse-tables';
import { createReresolveIdentitiesJob } from './identity/reresolve-identities';
import { createCustomerAnalyticsJob } from './job';
import { collectionPath } from './profiles/paths';
import {
  CUSTOMERS_REFRESH_QUEUE,
  createCustomersRefreshJob,
  REFRESH_WINDOW_MS,
} from './refresh-after-import';

/**
 * A store that only imports Shopify's orders export (Email and Billing Name, no customer id):
 * after the import's customers refresh its buyers are store customers keyed by email (decision
 * 1011), with segments and predictions, named in the customer list from their profiles, counted
 * in an audience and messaged only with consent; customers/redact leaves no trace of the email or
 * its key, and another tenant's copy of the same customers is untouched.
 */
const ordersExport = { source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] };
// The export's buyers; Camille's order is cancelled, so she is no customer of the analytics.
const BUYERS = [
  'email:ava.chen@example.com',
  'email:lucia.ramirez@example.com',
  'email:noah.tremblay@example.com',
];

let api: TestApi;
let smtp: SmtpSandbox;
let engagement: Engagement;
let owner: string;
let otherOwner: string;
const mine = { ctx: systemContext('t_mine', 'test'), brandId: 'store' };
const theirs = { ctx: systemContext('t_theirs', 'test'), brandId: 'store' };

beforeAll(async () => {
  ({ api, smtp, engagement } = await createEmailEngagementApi({ now: '2026-04-20T12:00:00Z' }));
  // Noon UTC is outside quiet hours, so a consented message goes at once.
  await api.seedTenant('t_mine', [{ id: 'store', timezone: 'Etc/UTC' }]);
  await api.seedTenant('t_theirs', [{ id: 'store', timezone: 'Etc/UTC' }]);
  owner = await api.token({ tenantId: 't_mine', role: 'owner' });
  otherOwner = await api.token({ tenantId: 't_theirs', role: 'owner' });
  const deps = api.deps;
  const run = createCustomersRefreshJob({
    brands: deps.store.brands,
    reresolve: createReresolveIdentitiesJob({ ...deps, db: deps.documents, brands: deps.store.brands }),
    analytics: createCustomerAnalyticsJob({ ...deps, brands: deps.store.brands }),
    logger: deps.logger,
  });
  api.embedded.tasks.handle(ATTRIBUTE_QUEUE, async () => {});
  api.embedded.tasks.handle(CUSTOMERS_REFRESH_QUEUE, async (payload) => void (await run(payload)));
  for (const token of [owner, otherOwner]) {
    const res = await api.request('/api/brands/store/imports', { method: 'POST', token, json: ordersExport });
    expect(res.status).toBe(201);
  }
  await api.embedded.queue.drain();
  api.clock.advance(REFRESH_WINDOW_MS);
  await api.embedded.queue.drain();
}, 120_000);
afterAll(async () => {
  await engagement?.close();
  await api?.close();
  await smtp?.close();
});

const predicted = async (scope: typeof mine) =>
  (
    await api.deps.warehouse.query<{ customer_id: string }>(
      scope.ctx,
      'SELECT customer_id FROM {{customer_predictions}} WHERE brand_id = @brandId ORDER BY customer_id',
      { brandId: scope.brandId },
    )
  ).map((r) => r.customer_id);

async function get<T>(path: string, token = owner): Promise<T> {
  const res = await api.request(`/api/brands/store${path}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

type ListRow = { customerId: string; name: string | null; email: string | null; segment: string | null };

describe('customers of an imported orders export', () => {
  it('get segments and predicted value, keyed by their email', async () => {
    expect(await predicted(mine)).toEqual(BUYERS);
    const segments = await get<{ model: { customers: number }; segments: Array<{ customers: number }> }>(
      '/customer-analytics/segments',
    );
    expect(segments.model.customers).toBe(3);
    expect(segments.segments.reduce((s, x) => s + x.customers, 0)).toBe(3);
  });

  it('are listed with the names and emails of their profiles and a segment', async () => {
    const list = await get<{ total: number; rows: ListRow[] }>('/customer-list?sort=revenue');
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => [r.name, r.email]).sort()).toEqual([
      ['Ava Chen', 'ava.chen@example.com'],
      ['Lucía Ramírez', 'lucia.ramirez@example.com'],
      ['Noah Tremblay', 'noah.tremblay@example.com'],
    ]);
    expect(list.rows.every((r) => r.segment !== null)).toBe(true);
  });

  it('are counted in an audience, and only the one who consented is emailed', async () => {
    // The importer records no consent (the export's Accepts Marketing is not read): consent comes
    // only from where it is given, here Ava at checkout.
    await engagement.consent.set(mine, 'email', 'ava.chen@example.com', 'opted_in', 'checkout');
    const campaign = {
      name: 'Spring',
      channel: 'email',
      segment: null,
      holdoutShare: 0,
      variants: [
        { id: 'a', name: 'A', weight: 1, subject: 'Hi {{first_name|there}}', text: 'Spring is here' },
      ],
    };
    const path = (p: string) => `/api/brands/store/engagement${p}`;
    const created = await api.request(path('/campaigns'), { method: 'POST', token: owner, json: campaign });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await get<{ audienceCount: number }>(`/engagement/campaigns/${id}`)).toMatchObject({
      audienceCount: 3,
    });
    const sent = await api.request(path(`/campaigns/${id}/send`), { method: 'POST', token: owner, json: {} });
    expect(sent.status).toBe(202);
    const { sendId } = (await sent.json()) as { sendId: string };
    await expect
      .poll(async () => (await engagement.campaignRuns.get(mine, id, sendId)).status, { timeout: 10_000 })
      .toBe('done');
    const run = await engagement.campaignRuns.get(mine, id, sendId);
    expect(run.statuses).toEqual({ sent: 1, skipped: 2 });
    expect(smtp.received.map((m) => m.to)).toEqual([['ava.chen@example.com']]);
  });

  it("are another tenant's own: the same export there makes their customers, not these", async () => {
    expect(await predicted(theirs)).toEqual(BUYERS);
    const list = await get<{ total: number; rows: ListRow[] }>('/customer-list', otherOwner);
    expect(list.total).toBe(3);
    expect(list.rows.every((r) => r.name !== null)).toBe(true);
  });
});

describe('customers/redact of an imported customer', () => {
  const AVA = /ava\.chen@example\.com/i;

  /** Every row of the brand's warehouse tables and documents that still holds Ava's email. */
  async function holding(scope: typeof mine): Promise<string[]> {
    const found: string[] = [];
    for (const table of Object.keys(TENANT_TABLES) as TenantTable[]) {
      const rows = await api.deps.warehouse.query(
        scope.ctx,
        `SELECT * FROM {{${table}}} WHERE brand_id = @brandId`,
        { brandId: scope.brandId },
      );
      for (const r of rows) if (AVA.test(JSON.stringify(r))) found.push(table);
    }
    for (const collection of ['profiles', 'identifiers', 'merges', 'reviews'] as const)
      for (const d of await api.deps.documents.query(collectionPath(scope, collection)))
        if (AVA.test(JSON.stringify(d.data))) found.push(collection);
    return [...new Set(found)];
  }

  it('leaves no row holding her email or its key; she is counted only as an anonymous customer, never messaged', async () => {
    expect(await holding(mine)).toEqual(
      expect.arrayContaining(['orders', 'customer_predictions', 'profiles']),
    );
    const brand = (await api.deps.store.brands.get(mine.ctx, 'store'))!;
    await redactCustomer(api.deps, mine.ctx, brand, {
      shop_domain: brand.shopDomain,
      // Shopify names the customer by its own id and the email as it has it, in any case.
      customer: { id: 7_700_001, email: 'Ava.Chen@Example.com', phone: null },
      orders_to_redact: [],
    });
    expect(await holding(mine)).toEqual([]);
    // Decision 1019: her rows moved to the erasure's pseudonym, so the segment still counts her.
    const erased = (ids: readonly string[]) => ids.filter((id) => id.startsWith('erased:'));
    const known = (ids: readonly string[]) => ids.filter((id) => !id.startsWith('erased:'));
    expect(known(await predicted(mine))).toEqual(BUYERS.slice(1));
    expect(erased(await predicted(mine))).toHaveLength(1);
    const list = await get<{ total: number; rows: ListRow[] }>('/customer-list');
    expect(known(list.rows.map((r) => r.customerId)).sort()).toEqual(BUYERS.slice(1));
    expect(list.rows.filter((r) => r.customerId.startsWith('erased:'))).toMatchObject([
      { name: null, email: null, profileId: null },
    ]);
    expect(await engagement.audience.count(mine, { segment: null })).toBe(2);
    // The other tenant's Ava is theirs to erase.
    expect(await predicted(theirs)).toEqual(BUYERS);
  });
});
