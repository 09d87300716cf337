import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { aBrand } from '../../test/support/builders';
import { NO_RATE_LIMITS } from '../../test/support/rate-limits';
import type { Brand } from '../domain/entities';
import { systemContext, type TenantContext } from '../domain/tenancy';
import { BRAND_CACHE_MS, createBrandCache } from './brand-cache';

let api: TestApi;
afterEach(async () => api?.close());

const setUp = async () => {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  const ctx = await api.seedTenant('t_one', [{ id: 'shop', name: 'Shop One' }]);
  return { ctx, cache: createBrandCache(api.deps) };
};
const renamed = (brand: Brand | undefined, name: string) => aBrand(brand!.id, { ...brand, name });

describe('the brand cache', () => {
  it('serves a brand written elsewhere as it was for at most BRAND_CACHE_MS, then as written', async () => {
    const { ctx, cache } = await setUp();
    expect((await cache.get(ctx, 'shop'))?.name).toBe('Shop One');
    // Another instance (or a job) writes straight to the store: this cache does not hear of it.
    await api.deps.store.brands.upsert(ctx, renamed(await api.deps.store.brands.get(ctx, 'shop'), 'Renamed'));
    api.clock.advance(BRAND_CACHE_MS - 1);
    expect((await cache.get(ctx, 'shop'))?.name).toBe('Shop One');
    api.clock.advance(1);
    expect((await cache.get(ctx, 'shop'))?.name).toBe('Renamed');
  });

  it('serves a brand written or deleted through its own store fresh at once', async () => {
    const { ctx, cache } = await setUp();
    const before = await cache.get(ctx, 'shop');
    await cache.store.brands.upsert(ctx, renamed(before, 'Renamed'));
    expect((await cache.get(ctx, 'shop'))?.name).toBe('Renamed');
    await cache.store.brands.delete(ctx, 'shop');
    expect(await cache.get(ctx, 'shop')).toBeUndefined();
  });

  it('forgets every brand of a tenant deleted through its own store', async () => {
    const { ctx, cache } = await setUp();
    expect(await cache.get(ctx, 'shop')).toBeDefined();
    await cache.store.tenants.delete(ctx);
    expect(await cache.get(ctx, 'shop')).toBeUndefined();
  });

  it('keeps tenants apart and judges the allow-list of each caller, cached or not', async () => {
    const { ctx, cache } = await setUp();
    const other = await api.seedTenant('t_two', [{ id: 'shop', name: 'Shop Two' }]);
    expect((await cache.get(ctx, 'shop'))?.name).toBe('Shop One');
    expect((await cache.get(other, 'shop'))?.name).toBe('Shop Two');
    const limited: TenantContext = {
      ...systemContext('t_one', 'test'),
      role: 'analyst',
      brandIds: ['elsewhere'],
    };
    expect(await cache.get(limited, 'shop')).toBeUndefined();
    expect(await cache.get({ ...limited, brandIds: ['shop'] }, 'shop')).toBeDefined();
  });

  it('reads once for requests that miss together, and shares a frozen document', async () => {
    const { ctx, cache } = await setUp();
    let reads = 0;
    const counting = createBrandCache({
      ...api.deps,
      store: {
        ...api.deps.store,
        brands: {
          ...api.deps.store.brands,
          get: (c, id) => {
            reads++;
            return api.deps.store.brands.get(c, id);
          },
        },
      },
    });
    const all = await Promise.all(Array.from({ length: 8 }, () => counting.get(ctx, 'shop')));
    expect(reads).toBe(1);
    expect(new Set(all).size).toBe(1);
    const brand = all[0]!;
    expect(() => {
      (brand.targets as { roasTarget: number }).roasTarget = 99;
    }).toThrow(TypeError);
    expect((await cache.get(ctx, 'shop'))?.targets).toEqual(brand.targets);
  });

  it('does not keep a failed read', async () => {
    const { ctx } = await setUp();
    let fail = true;
    const flaky = createBrandCache({
      ...api.deps,
      store: {
        ...api.deps.store,
        brands: {
          ...api.deps.store.brands,
          get: (c, id) => (fail ? Promise.reject(new Error('store down')) : api.deps.store.brands.get(c, id)),
        },
      },
    });
    await expect(flaky.get(ctx, 'shop')).rejects.toThrow('store down');
    fail = false;
    expect((await flaky.get(ctx, 'shop'))?.name).toBe('Shop One');
  });
});

describe('brand-scoped requests', () => {
  it('see a brand renamed or deleted through the API at once', async () => {
    await setUp();
    const token = await api.token({ tenantId: 't_one', role: 'owner' });
    expect(await (await api.request('/api/brands/shop', { token })).json()).toMatchObject({
      name: 'Shop One',
    });
    const patched = await api.request('/api/brands/shop', {
      method: 'PATCH',
      token,
      json: { name: 'Renamed' },
    });
    expect(patched.status).toBe(200);
    expect(await (await api.request('/api/brands/shop', { token })).json()).toMatchObject({
      name: 'Renamed',
    });
    expect((await api.request('/api/brands/shop', { method: 'DELETE', token })).status).toBe(204);
    expect((await api.request('/api/brands/shop', { token })).status).toBe(404);
    expect((await api.request('/api/brands/shop/dashboard', { token })).status).toBe(404);
  });

  it('edit a brand changed elsewhere from the stored document, not the cached one', async () => {
    await setUp();
    const token = await api.token({ tenantId: 't_one', role: 'owner' });
    const ctx = systemContext('t_one', 'test');
    expect((await api.request('/api/brands/shop', { token })).status).toBe(200);
    // Another instance changes the currency; this one's cached copy still holds the old one.
    await api.deps.store.brands.upsert(
      ctx,
      aBrand('shop', { ...(await api.deps.store.brands.get(ctx, 'shop')), currency: 'EUR' }),
    );
    const patched = await api.request('/api/brands/shop', {
      method: 'PATCH',
      token,
      json: { name: 'Renamed' },
    });
    expect(await patched.json()).toMatchObject({ name: 'Renamed', currency: 'EUR' });
  });
});
