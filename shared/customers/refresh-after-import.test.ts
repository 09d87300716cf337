import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { fixture } from '../../test/support/imports';
import { ATTRIBUTE_QUEUE } from '../attribution/attribute-job';
import { systemContext } from '../domain/tenancy';
import { createReresolveIdentitiesJob } from './identity/reresolve-identities';
import { createCustomerAnalyticsJob } from './job';
import { collectionPath } from './profiles/paths';
import {
  CUSTOMERS_REFRESH_QUEUE,
  createCustomersRefreshJob,
  REFRESH_WINDOW_MS,
} from './refresh-after-import';

// The orders export carries Email and Billing Name, never a Shopify customer id (SOURCES.md).
const ordersExport = { source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] };
const metaExport = { source: 'meta', account: 'act_1', files: [fixture('valid/meta-usd-adsets-by-day.csv')] };

let api: TestApi;
let owner: string;
let otherOwner: string;
const refreshed: Array<{ tenantId: string; brandId: string }> = [];

beforeAll(async () => {
  api = await createTestApi({ now: '2026-04-20T12:00:00Z' });
  await api.seedTenant('t_mine', [{ id: 'store' }]);
  await api.seedTenant('t_theirs', [{ id: 'store' }]);
  owner = await api.token({ tenantId: 't_mine', role: 'owner' });
  otherOwner = await api.token({ tenantId: 't_theirs', role: 'owner' });
  const deps = api.deps;
  const run = createCustomersRefreshJob({
    brands: deps.store.brands,
    reresolve: createReresolveIdentitiesJob({ ...deps, db: deps.documents, brands: deps.store.brands }),
    analytics: createCustomerAnalyticsJob({ ...deps, brands: deps.store.brands }),
    logger: deps.logger,
  });
  // The attribution pass the import also queues is another feature's; here it only has to leave the queue.
  api.embedded.tasks.handle(ATTRIBUTE_QUEUE, async () => {});
  // What the manifest's `refresh-customers` function does with each task of its queue.
  api.embedded.tasks.handle(CUSTOMERS_REFRESH_QUEUE, async (payload) => {
    const result = await run(payload);
    if (result) refreshed.push(payload as { tenantId: string; brandId: string });
  });
});
afterAll(async () => api?.close());

async function importAs(token: string, json: object) {
  const res = await api.request('/api/brands/store/imports', { method: 'POST', token, json });
  expect(res.status).toBe(201);
}

/** Lets the queued refreshes of this window run: they wait for the rest of a burst of imports. */
async function endOfWindow() {
  await api.embedded.queue.drain();
  api.clock.advance(REFRESH_WINDOW_MS);
  await api.embedded.queue.drain();
}

async function findByEmail(token: string, email: string) {
  const res = await api.request(`/api/brands/store/customers?email=${encodeURIComponent(email)}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()).customers as Array<{ id: string; identifiers: Array<{ kind: string }> }>;
}

const profileCount = async (tenantId: string) =>
  (
    await api.deps.documents.query(
      collectionPath({ ctx: systemContext(tenantId, 'test'), brandId: 'store' }, 'profiles'),
    )
  ).length;

describe('customers after a Shopify orders import, without any sync', () => {
  it('the orders export with emails becomes searchable profiles once the burst of imports is over', async () => {
    await importAs(owner, ordersExport);
    expect(await findByEmail(owner, 'ava.chen@example.com')).toEqual([]); // not before the window ends
    await importAs(owner, metaExport); // a second file of the same burst: still one refresh
    await endOfWindow();
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({ tenantId: 't_mine', brandId: 'store' });
    const found = await findByEmail(owner, 'ava.chen@example.com');
    expect(found).toHaveLength(1);
    expect(found[0]!.identifiers.map((i) => i.kind)).toContain('email');
    expect(await findByEmail(owner, 'lucia.ramirez@example.com')).toHaveLength(1);
  });

  it('importing the same file again makes no second profile for anyone', async () => {
    const before = await profileCount('t_mine');
    expect(before).toBeGreaterThan(0);
    const ava = (await findByEmail(owner, 'ava.chen@example.com'))[0]!.id;
    await importAs(owner, ordersExport);
    await endOfWindow();
    expect(refreshed).toHaveLength(2);
    expect(await profileCount('t_mine')).toBe(before);
    expect((await findByEmail(owner, 'ava.chen@example.com')).map((c) => c.id)).toEqual([ava]);
  });

  it("another tenant's import of the same customers never touches this brand's profiles", async () => {
    const mine = await profileCount('t_mine');
    const ava = (await findByEmail(owner, 'ava.chen@example.com'))[0]!.id;
    expect(await profileCount('t_theirs')).toBe(0);
    await importAs(otherOwner, ordersExport);
    await endOfWindow();
    expect(refreshed.at(-1)).toMatchObject({ tenantId: 't_theirs', brandId: 'store' });
    expect(await profileCount('t_theirs')).toBe(mine);
    expect(await profileCount('t_mine')).toBe(mine);
    expect((await findByEmail(owner, 'ava.chen@example.com')).map((c) => c.id)).toEqual([ava]);
    // Their search sees their own profile, never this tenant's.
    const theirs = await findByEmail(otherOwner, 'ava.chen@example.com');
    expect(theirs).toHaveLength(1);
  });

  it('an ad platform import alone queues no customers refresh', async () => {
    const before = refreshed.length;
    await importAs(owner, metaExport);
    await endOfWindow();
    expect(refreshed).toHaveLength(before);
  });
});
