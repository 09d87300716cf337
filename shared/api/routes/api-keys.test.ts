import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { hashApiKey } from '../auth/api-keys';

let api: TestApi;
let owner: string;
beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_keys', [{ id: 'k1' }, { id: 'k2' }]);
  await api.seedTenant('t_other', [{ id: 'o1' }]);
  owner = await api.token({ tenantId: 't_keys', role: 'owner' });
});
afterAll(async () => api?.close());

async function createKey(body: Record<string, unknown>, token = owner) {
  const res = await api.request('/api/api-keys', { method: 'POST', token, json: body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('API keys', () => {
  it('shows the key once and keeps only its SHA-256', async () => {
    const { status, body } = await createKey({ name: 'script', role: 'analyst' });
    expect(status).toBe(201);
    const key = String(body.key);
    expect(key).toMatch(/^pp_live_[A-Za-z0-9_-]{43}$/);
    expect(body).not.toHaveProperty('hash');
    const stored = await api.deps.store.apiKeys.get(
      { tenantId: 't_keys', uid: 't', role: 'system' },
      String(body.id),
    );
    expect(stored?.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    const list = await (await api.request('/api/api-keys', { token: owner })).text();
    expect(list).not.toContain(key);
    expect(list).not.toContain(stored!.hash);
  });

  it('authenticates as the tenant with the role and brands it was given', async () => {
    const { body } = await createKey({ name: 'limited', role: 'viewer', brandIds: ['k1'] });
    const key = String(body.key);
    const me = await (await api.request('/api/me', { token: key })).json();
    expect(me).toMatchObject({
      tenantId: 't_keys',
      role: 'viewer',
      brandIds: ['k1'],
      uid: `apikey:${body.id}`,
    });
    expect((await api.request('/api/brands/k1', { headers: { 'x-api-key': key } })).status).toBe(200);
    expect((await api.request('/api/brands/k2', { token: key })).status).toBe(404);
    expect((await api.request('/api/brands/k1/export', { token: key })).status).toBe(403);
  });

  it('stops working once revoked', async () => {
    const { body } = await createKey({ name: 'short-lived', role: 'admin' });
    const key = String(body.key);
    expect((await api.request('/api/brands', { token: key })).status).toBe(200);
    expect((await api.request(`/api/api-keys/${body.id}`, { method: 'DELETE', token: owner })).status).toBe(
      204,
    );
    const res = await api.request('/api/brands', { token: key });
    expect(res.status).toBe(401);
    expect(await api.deps.directory.resolveApiKey(hashApiKey(key))).toBeUndefined();
  });

  it('refuses an expired key', async () => {
    const { body } = await createKey({ name: 'expiring', role: 'viewer', expiresAt: '2026-11-21T00:00:00Z' });
    expect((await api.request('/api/me', { token: String(body.key) })).status).toBe(200);
    api.clock.advance(2 * 86_400_000);
    expect((await api.request('/api/me', { token: String(body.key) })).status).toBe(401);
    api.clock.advance(-2 * 86_400_000);
  });

  it('never grants more than its creator has', async () => {
    const admin = await api.token({ tenantId: 't_keys', role: 'admin' });
    expect((await createKey({ name: 'escalate', role: 'owner' }, admin)).status).toBe(403);
    const limited = await api.token({ tenantId: 't_keys', role: 'admin', brandIds: ['k1'] });
    expect((await createKey({ name: 'wider', role: 'viewer', brandIds: ['k2'] }, limited)).status).toBe(403);
    const inherited = await createKey({ name: 'inherits', role: 'viewer' }, limited);
    expect(inherited.body.brandIds).toEqual(['k1']);
  });

  it("cannot revoke another tenant's key", async () => {
    const { body } = await createKey({ name: 'mine', role: 'viewer' });
    const other = await api.token({ tenantId: 't_other', role: 'owner' });
    expect((await api.request(`/api/api-keys/${body.id}`, { method: 'DELETE', token: other })).status).toBe(
      404,
    );
    expect((await api.request('/api/me', { token: String(body.key) })).status).toBe(200);
  });

  it('never lets a key reach the logs, even when someone logs it by mistake', async () => {
    const { body } = await createKey({ name: 'logged', role: 'viewer' });
    api.logger.info(`debugging with ${String(body.key)}`, { header: `x ${String(body.key)}` });
    expect(api.logger.lines.join('\n')).not.toContain(String(body.key));
  });

  it('rejects made-up and malformed keys', async () => {
    expect((await api.request('/api/me', { token: `pp_live_${'A'.repeat(43)}` })).status).toBe(401);
    expect((await api.request('/api/me', { token: 'pp_live_short' })).status).toBe(401);
  });
});
