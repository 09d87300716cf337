import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { systemContext } from '../../domain/tenancy';
import { fixedClock } from '../../ports/clock';
import type { IdentityVerifier } from '../../ports/identity';
import { MEMBERSHIP_CACHE_MS, requireMembership } from './membership';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const body = {
  id: 'new-brand',
  name: 'New',
  shopDomain: 'new-brand.myshopify.com',
  currency: 'USD',
  timezone: 'UTC',
};

describe('tenant and membership on every request', () => {
  it('refuses a validly signed token for a tenant that does not exist', async () => {
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    const ghost = systemContext('ghost_tenant', 'test');
    await api.deps.store.users.upsert(ghost, { uid: 'u1', role: 'owner', createdAt: '2026-11-01T00:00:00Z' });
    const token = await api.token({ tenantId: 'ghost_tenant', role: 'owner', uid: 'u1', member: false });
    const brands = await api.request('/api/brands', { method: 'POST', token, json: body });
    expect(brands.status).toBe(401);
    const keys = await api.request('/api/api-keys', {
      method: 'POST',
      token,
      json: { name: 'k', role: 'owner' },
    });
    expect(keys.status).toBe(401);
  });

  it('refuses a token whose user is not a member of the tenant', async () => {
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    await api.seedTenant('t_one', []);
    const token = await api.token({ tenantId: 't_one', role: 'owner', uid: 'stranger', member: false });
    expect((await api.request('/api/me', { token })).status).toBe(401);
  });

  it('takes the role from the membership record, not from the token', async () => {
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    const ctx = await api.seedTenant('t_one', []);
    const token = await api.token({ tenantId: 't_one', role: 'owner', uid: 'u1', member: false });
    await api.deps.store.users.upsert(ctx, { uid: 'u1', role: 'viewer', createdAt: '2026-11-01T00:00:00Z' });
    const me = await api.request('/api/me', { token });
    expect(await me.json()).toMatchObject({ role: 'viewer' });
    expect((await api.request('/api/brands', { method: 'POST', token, json: body })).status).toBe(403);
  });

  it("stops a removed user's token, and a deleted tenant's, within the cache window", async () => {
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    const ctx = await api.seedTenant('t_one', []);
    const token = await api.token({ tenantId: 't_one', role: 'owner', uid: 'u1' });
    const other = await api.token({ tenantId: 't_one', role: 'owner', uid: 'u2' });
    expect((await api.request('/api/me', { token })).status).toBe(200);
    await api.deps.store.users.delete(ctx, 'u1');
    api.clock.advance(MEMBERSHIP_CACHE_MS + 1);
    expect((await api.request('/api/me', { token })).status).toBe(401);
    expect((await api.request('/api/me', { token: other })).status).toBe(200);
    await api.deps.store.tenants.delete(systemContext('t_one', 'test'));
    api.clock.advance(MEMBERSHIP_CACHE_MS + 1);
    expect((await api.request('/api/me', { token: other })).status).toBe(401);
  });

  it("stops a deleted tenant's API keys", async () => {
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    await api.seedTenant('t_one', []);
    const owner = await api.token({ tenantId: 't_one', role: 'owner', uid: 'u1' });
    const created = await api.request('/api/api-keys', {
      method: 'POST',
      token: owner,
      json: { name: 'k', role: 'admin' },
    });
    const { key } = (await created.json()) as { key: string };
    expect((await api.request('/api/me', { headers: { 'x-api-key': key } })).status).toBe(200);
    await api.deps.store.tenants.delete(systemContext('t_one', 'test'));
    api.clock.advance(MEMBERSHIP_CACHE_MS + 1);
    expect((await api.request('/api/me', { headers: { 'x-api-key': key } })).status).toBe(401);
  });

  it('refuses a member removed while their look-up was being read, at the next request', async () => {
    const signed: IdentityVerifier = {
      verify: async () => ({ ok: true, value: { uid: 'u1', tenantId: 't_one', role: 'owner' } }),
    };
    let member = true;
    let release: (() => void) | undefined;
    const members = requireMembership(signed, {
      clock: fixedClock('2026-11-20T12:00:00Z'),
      store: {
        tenants: { get: async () => ({ id: 't_one' }) },
        users: {
          get: async () => {
            const found = member ? { uid: 'u1', role: 'owner' } : undefined;
            // Held until the removal below has landed: the look-up read the record before it.
            await new Promise<void>((r) => (release = r));
            return found;
          },
        },
      } as never,
    });
    const inFlight = members.verify('token');
    await Promise.resolve();
    member = false;
    members.forget('t_one', 'u1');
    release?.();
    expect((await inFlight).ok).toBe(true);
    const next = members.verify('token');
    await new Promise((r) => setTimeout(r, 0));
    release?.();
    expect(await next).toMatchObject({ ok: false, reason: 'not_a_member' });
  });
});
