import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { seedTenantWithData } from '../../../test/support/tenants';

const B = 'named';
let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await createTestApi();
  const { ctx } = await seedTenantWithData(api, 't_rep', [B]);
  // The latest pass's inventory status is per variant; the catalog knows the variant by name and SKU.
  await api.deps.store.products.upsert(ctx, B, {
    id: `variant-act_${B}`,
    productId: `gid://shopify/Product/${B}`,
    title: 'Trail Tee',
    variantTitle: 'M',
    sku: 'TT-M',
    priceMinor: 2500,
    currency: 'USD',
    status: 'active',
    updatedAt: '2026-11-10T00:00:00.000Z',
  });
  token = await api.token({ tenantId: 't_rep', role: 'viewer' });
});
afterAll(async () => api?.close());

describe('dashboard', () => {
  it("lists SKUs with the latest pass's stock and alignment, named as the catalog names them", async () => {
    const res = await api.request(`/api/brands/${B}/dashboard?from=2026-11-01&to=2026-11-30`, { token });
    expect(res.status).toBe(200);
    const { inventory } = (await res.json()) as { inventory: { productId: string; title?: string }[] };
    expect(inventory).toEqual([
      expect.objectContaining({
        productId: `variant-act_${B}`,
        title: 'Trail Tee — M',
        sku: 'TT-M',
        stockAvailable: 5,
        daysOfCover: 5,
        alignment: 'overspending_low_stock',
      }),
    ]);
  });
});
