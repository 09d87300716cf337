import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  await api.seedTenant('t_busy', [{ id: 'busy-brand' }]);
  await api.seedTenant('t_nosy', []);
});
afterAll(async () => api?.close());

type Metrics = { routes: Array<{ route: string; count: number }> };

describe('GET /api/admin/metrics', () => {
  it("shows an owner the latencies of their own tenant's requests, none of another tenant's", async () => {
    const busy = await api.token({ tenantId: 't_busy', role: 'owner' });
    for (let i = 0; i < 3; i++) await api.request('/api/brands/busy-brand', { token: busy });
    const nosy = await api.token({ tenantId: 't_nosy', role: 'owner' });
    const seenByNosy = (await (await api.request('/api/admin/metrics', { token: nosy })).json()) as Metrics;
    expect(seenByNosy.routes.map((r) => r.route)).not.toContain('GET /api/brands/{id}');
    const seenByBusy = (await (await api.request('/api/admin/metrics', { token: busy })).json()) as Metrics;
    expect(seenByBusy.routes.find((r) => r.route === 'GET /api/brands/{id}')?.count).toBe(3);
  });
});
