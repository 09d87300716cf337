import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_audit', [{ id: 'a1' }, { id: 'a2' }]);
});
afterAll(async () => api?.close());

describe('audit events', () => {
  it('records changes made through the API, newest first, with the actor and request id', async () => {
    const owner = await api.token({ tenantId: 't_audit', role: 'owner', uid: 'olivia' });
    await api.request('/api/brands/a1', { method: 'PATCH', token: owner, json: { name: 'Renamed' } });
    api.clock.advance(1_000);
    await api.request('/api/api-keys', {
      method: 'POST',
      token: owner,
      json: { name: 'ci', role: 'viewer' },
    });
    api.clock.advance(1_000);
    await api.request('/api/brands/a2', {
      method: 'PATCH',
      token: owner,
      json: { name: 'Other' },
      headers: { 'x-request-id': 'req-a2' },
    });
    const { events } = await (await api.request('/api/audit-events', { token: owner })).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'brand.updated',
      'api_key.created',
      'brand.updated',
    ]);
    expect(events[0]).toMatchObject({
      actor: 'olivia',
      brandId: 'a2',
      details: { requestId: 'req-a2', fields: ['name'] },
    });
  });

  it('shows a user limited to some brands only those brands’ events', async () => {
    const limited = await api.token({ tenantId: 't_audit', role: 'admin', brandIds: ['a1'] });
    const { events } = await (await api.request('/api/audit-events', { token: limited })).json();
    expect(events.map((e: { brandId?: string }) => e.brandId)).toEqual(['a1']);
  });
});
