import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_ten', []);
});
afterAll(async () => api?.close());

describe('tenant settings', () => {
  it('lets the owner change the AI budget and alert webhook, and clear the webhook', async () => {
    const owner = await api.token({ tenantId: 't_ten', role: 'owner' });
    const res = await api.request('/api/tenant', {
      method: 'PATCH',
      token: owner,
      json: { aiMonthlyBudgetMicros: 5_000_000, notificationWebhookUrl: 'https://hooks.example.com/t' },
    });
    expect(await res.json()).toMatchObject({
      id: 't_ten',
      aiMonthlyBudgetMicros: 5_000_000,
      notificationWebhookUrl: 'https://hooks.example.com/t',
    });
    const cleared = await api.request('/api/tenant', {
      method: 'PATCH',
      token: owner,
      json: { notificationWebhookUrl: null },
    });
    expect((await cleared.json()).notificationWebhookUrl).toBeUndefined();
    const stored = await api.deps.store.tenants.get({ tenantId: 't_ten', uid: 't', role: 'system' });
    expect(stored?.aiMonthlyBudgetMicros).toBe(5_000_000);
  });

  it('shows the tenant to everyone in it but lets only the owner change it', async () => {
    const admin = await api.token({ tenantId: 't_ten', role: 'admin' });
    expect((await api.request('/api/tenant', { token: admin })).status).toBe(200);
    const res = await api.request('/api/tenant', {
      method: 'PATCH',
      token: admin,
      json: { aiMonthlyBudgetMicros: 1e12 },
    });
    expect(res.status).toBe(403);
    const limitedOwner = await api.token({ tenantId: 't_ten', role: 'owner', brandIds: ['b1'] });
    const limited = await api.request('/api/tenant', {
      method: 'PATCH',
      token: limitedOwner,
      json: { name: 'Mine now' },
    });
    expect(limited.status).toBe(403);
  });
});
