import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

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
});
