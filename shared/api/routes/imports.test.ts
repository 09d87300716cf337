import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { fixture } from '../../../test/support/imports';
import { REQUEST_WINDOW_MS } from '../../attribution/request-pass';
import { CUSTOMERS_REFRESH_QUEUE } from '../../customers/refresh-after-import';

let api: TestApi;
let owner: string;
const ctx = { tenantId: 't_imp', uid: 'test', role: 'system' as const };

beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_imp', [{ id: 'store' }]);
  await api.seedTenant('t_other', [{ id: 'theirs' }]);
  owner = await api.token({ tenantId: 't_imp', role: 'owner' });
});
afterAll(async () => api?.close());

const orders = { source: 'shopify', files: [fixture('valid/shopify-orders-2026-03.jsonl')] };

describe('imports', () => {
  it('previews what would be written, with samples, and writes nothing', async () => {
    const res = await api.request('/api/brands/store/imports/preview', {
      method: 'POST',
      token: owner,
      json: orders,
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      valid: true,
      problemCount: 0,
      kinds: ['orders (bulk-operation JSONL)'],
      counts: { orders: 3, lineItems: 2, refunds: 1 },
      range: { from: '2026-03-02', to: '2026-03-09' },
    });
    expect(body.sample.columns).toEqual([
      { header: 'Order', kind: 'text' },
      { header: 'Date', kind: 'date' },
      { header: 'Total', kind: 'text' },
      { header: 'Currency', kind: 'text' },
      { header: 'Country', kind: 'text' },
      { header: 'UTM campaign', kind: 'text' },
    ]);
    expect(body.sample.rows[0]).toEqual(['#5001', '2026-03-02', '128.40', 'USD', 'US', 'Spring Sale']);
    expect(await api.deps.warehouse.query(ctx, 'SELECT order_id FROM {{orders}}')).toEqual([]);
  });

  it('a preview with problems is a normal answer listing them all', async () => {
    const res = await api.request('/api/brands/store/imports/preview', {
      method: 'POST',
      token: owner,
      json: { source: 'tiktok', files: [fixture('invalid/tiktok-bad.csv')] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ valid: false, problemCount: 2 });
  });

  it('runs the import, queues the attribution pass and the customers refresh, and records who imported what', async () => {
    const queued: unknown[] = [];
    const refreshes: unknown[] = [];
    api.embedded.tasks.handle('attribute', async (payload) => void queued.push(payload));
    api.embedded.tasks.handle(CUSTOMERS_REFRESH_QUEUE, async (payload) => void refreshes.push(payload));
    const res = await api.request('/api/brands/store/imports', {
      method: 'POST',
      token: owner,
      json: orders,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      attributionQueued: true,
      customersRefreshQueued: true,
      preview: { counts: { orders: 3 } },
    });
    expect(await api.deps.warehouse.query(ctx, 'SELECT COUNT(*) AS n FROM {{orders}}')).toEqual([{ n: 3 }]);
    await api.embedded.queue.drain();
    expect(queued).toEqual([]); // the pass waits for the rest of a burst of imports
    expect(refreshes).toEqual([]);
    api.clock.advance(REQUEST_WINDOW_MS);
    await api.embedded.queue.drain();
    expect(queued).toEqual([expect.objectContaining({ tenantId: 't_imp', brandId: 'store' })]);
    expect(refreshes).toEqual([expect.objectContaining({ tenantId: 't_imp', brandId: 'store' })]);
    const audit = await api.deps.store.auditEvents.list(ctx, { brandId: 'store' });
    expect(audit[0]).toMatchObject({ action: 'import.completed', details: { source: 'shopify' } });
  });

  it('refuses an invalid import as 400 with every problem in the details', async () => {
    const res = await api.request('/api/brands/store/imports', {
      method: 'POST',
      token: owner,
      json: { source: 'meta', account: 'act_9', files: [fixture('invalid/meta-bad.csv')] },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.total).toBe(4);
    expect(body.error.details.problems[0]).toEqual({
      file: 'meta-bad.csv',
      line: 3,
      column: 68,
      message: '"Amount spent (USD)" should be an amount like 1,234.50, not "twelve"',
    });
    expect(await api.deps.store.adAccounts.list(ctx, 'store')).toEqual([]);
  });

  it.each([
    [{ source: 'bing', files: [{ name: 'a.csv', content: 'x' }] }, 'source'],
    [{ source: 'meta', files: [] }, 'files'],
    [{ source: 'tiktok', currency: 'usd', files: [{ name: 'a.csv', content: 'x' }] }, 'currency'],
    [{ source: 'meta', timezone: 'Mars/Olympus', files: [{ name: 'a.csv', content: 'x' }] }, 'timezone'],
  ])('validates the request body: %j', async (json, field) => {
    const res = await api.request('/api/brands/store/imports/preview', {
      method: 'POST',
      token: owner,
      json,
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('lets only owners and admins import, and never into another tenant’s brand', async () => {
    const analyst = await api.token({ tenantId: 't_imp', role: 'analyst' });
    const asAnalyst = await api.request('/api/brands/store/imports', {
      method: 'POST',
      token: analyst,
      json: orders,
    });
    expect(asAnalyst.status).toBe(403);
    const elsewhere = await api.request('/api/brands/theirs/imports', {
      method: 'POST',
      token: owner,
      json: orders,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('lists the brand’s ad accounts with their currency and timezone', async () => {
    await api.request('/api/brands/store/imports', {
      method: 'POST',
      token: owner,
      json: {
        source: 'tiktok',
        account: '7000000001',
        currency: 'USD',
        timezone: 'Europe/Paris',
        files: [fixture('valid/tiktok-custom-report.csv')],
      },
    });
    const res = await api.request('/api/brands/store/ad-accounts', { token: owner });
    expect((await res.json()).accounts).toEqual([
      expect.objectContaining({ id: 'tiktok:7000000001', currency: 'USD', timezone: 'Europe/Paris' }),
    ]);
  });
});
