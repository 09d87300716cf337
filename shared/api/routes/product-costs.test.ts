import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import type { Product } from '../../domain/entities';
import { createProductCostCounts } from './product-costs';

let api: TestApi;
let viewer: string;
const T = 't_costs';
const ctx = { tenantId: T, uid: 'test', role: 'system' as const };

const variant = (id: string, extra: { unitCostMinor?: number; status?: 'active' | 'archived' } = {}) => ({
  id: `gid://shopify/ProductVariant/${id}`,
  productId: 'gid://shopify/Product/1',
  title: 'Trail Tee',
  variantTitle: id,
  priceMinor: 2500,
  currency: 'USD',
  status: extra.status ?? ('active' as const),
  ...(extra.unitCostMinor === undefined ? {} : { unitCostMinor: extra.unitCostMinor }),
  updatedAt: '2026-11-10T00:00:00.000Z',
});

beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant(T, [{ id: 'costed' }, { id: 'bare' }]);
  await api.deps.store.products.upsertMany(ctx, 'costed', [
    variant('S', { unitCostMinor: 900 }),
    variant('M', { unitCostMinor: 0 }),
    variant('L'),
    variant('XL', { status: 'archived' }),
  ]);
  viewer = await api.token({ tenantId: T, role: 'viewer' });
});
afterAll(async () => api?.close());

describe('product costs', () => {
  it('counts the products sold and those with a unit cost (a zero cost is a cost; archived ones are left out)', async () => {
    const res = await api.request('/api/brands/costed/product-costs', { token: viewer });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ products: 3, withUnitCost: 2 });
  });

  it('says a brand with no products has none', async () => {
    const res = await api.request('/api/brands/bare/product-costs', { token: viewer });
    await expect(res.json()).resolves.toEqual({ products: 0, withUnitCost: 0 });
  });

  it('is another tenant’s brand to nobody else', async () => {
    await api.seedTenant('t_costs_other', [{ id: 'other' }]);
    const stranger = await api.token({ tenantId: 't_costs_other', role: 'owner' });
    const res = await api.request('/api/brands/costed/product-costs', { token: stranger });
    expect(res.status).toBe(404);
  });

  it('is kept between requests: a repeated one lists no products', async () => {
    const first = await api.request('/api/brands/costed/product-costs', { token: viewer });
    const list = vi.spyOn(api.deps.store.products, 'list');
    try {
      const again = await api.request('/api/brands/costed/product-costs', { token: viewer });
      await expect(again.json()).resolves.toEqual(await first.json());
      expect(list).not.toHaveBeenCalled();
    } finally {
      list.mockRestore();
    }
  });

  it('counts again after any product write: a cost added, a variant archived', async () => {
    const counts = async () =>
      (await api.request('/api/brands/costed/product-costs', { token: viewer })).json();
    await expect(counts()).resolves.toEqual({ products: 3, withUnitCost: 2 });
    await api.deps.store.products.upsert(ctx, 'costed', variant('L', { unitCostMinor: 1_100 }));
    await expect(counts()).resolves.toEqual({ products: 3, withUnitCost: 3 });
    // The products/update webhook writes inside a transaction.
    await api.deps.store.transaction(ctx, (tx) =>
      tx.products.upsertMany(ctx, 'costed', [variant('M', { unitCostMinor: 0, status: 'archived' })]),
    );
    await expect(counts()).resolves.toEqual({ products: 2, withUnitCost: 2 });
  });

  it('keeps each tenant’s count apart, even for a brand id two tenants share', async () => {
    const twin = 't_costs_twin';
    await api.seedTenant(twin, [{ id: 'costed' }]);
    await api.deps.store.products.upsertMany({ ...ctx, tenantId: twin }, 'costed', [variant('S')]);
    const owner = await api.token({ tenantId: twin, role: 'owner' });
    const mine = await api.request('/api/brands/costed/product-costs', { token: viewer });
    const theirs = await api.request('/api/brands/costed/product-costs', { token: owner });
    await expect(theirs.json()).resolves.toEqual({ products: 1, withUnitCost: 0 });
    await expect(mine.json()).resolves.not.toEqual({ products: 1, withUnitCost: 0 });
  });

  it('keeps tenants apart for brands written before catalogue versions existed (no version yet)', async () => {
    const catalogues: Record<string, Product[]> = {
      t_one: [variant('S', { unitCostMinor: 900 })],
      t_two: [variant('S'), variant('M')],
    };
    const counts = createProductCostCounts({
      store: { products: { version: async () => null, list: async (c) => catalogues[c.tenantId] ?? [] } },
    });
    const as = (tenantId: string) => ({ tenantId, uid: 'u', role: 'viewer' as const });
    await expect(counts(as('t_one'), 'shop')).resolves.toEqual({ products: 1, withUnitCost: 1 });
    await expect(counts(as('t_two'), 'shop')).resolves.toEqual({ products: 2, withUnitCost: 0 });
  });
});
