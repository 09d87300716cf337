import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aSyncRun } from '../../../test/support/builders';

let api: TestApi;
let analyst: string;
const ctx = { tenantId: 't_sync', uid: 'test', role: 'system' as const };
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_sync', [{ id: 'synced' }, { id: 'bare' }]);
  await api.deps.store.integrations.upsert(ctx, 'synced', {
    platform: 'tiktok',
    status: 'connected',
    accountIds: [],
    updatedAt: '2026-11-19T00:00:00Z',
  });
  analyst = await api.token({ tenantId: 't_sync', role: 'analyst' });
});
afterAll(async () => api?.close());

describe('sync', () => {
  it('queues one task per connected platform carrying the caller’s trace', async () => {
    const seen: Array<Record<string, unknown>> = [];
    api.embedded.tasks.handle('sync-tiktok', async (payload) => void seen.push(payload));
    const res = await api.request('/api/brands/synced/sync', {
      method: 'POST',
      token: analyst,
      json: {},
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(202);
    expect((await res.json()).requested.map((r: { platform: string }) => r.platform)).toEqual(['tiktok']);
    await api.embedded.queue.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      tenantId: 't_sync',
      brandId: 'synced',
      platform: 'tiktok',
      mode: 'incremental',
    });
    // Same trace, new span: the job's logs join the request's trace in Cloud Trace.
    expect(String(seen[0]!.traceparent)).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it('says what to do when nothing is connected (a 409 the app shows, not a 404 that reads as a missing page)', async () => {
    const res = await api.request('/api/brands/bare/sync', { method: 'POST', token: analyst, json: {} });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toMatch(/^Nothing is connected yet: connect Shopify or an ad account/);
  });

  it('names the platform asked for when it is not connected', async () => {
    const res = await api.request('/api/brands/bare/sync', {
      method: 'POST',
      token: analyst,
      json: { platform: 'google_ads' },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe('Google Ads is not connected: connect it before syncing.');
  });

  it('lists sync runs newest first', async () => {
    await api.deps.store.syncRuns.upsertMany(ctx, 'synced', [
      aSyncRun('synced', { id: 'old', startedAt: '2026-11-01T00:00:00Z' }),
      aSyncRun('synced', { id: 'new', startedAt: '2026-11-02T00:00:00Z' }),
    ]);
    const res = await api.request('/api/brands/synced/sync-runs?limit=1', { token: analyst });
    expect((await res.json()).runs.map((r: { id: string }) => r.id)).toEqual(['new']);
  });
});
