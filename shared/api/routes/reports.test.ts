import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aPerformanceRow } from '../../../test/support/builders';
import { seedTenantWithData } from '../../../test/support/tenants';
import { localDate } from '../../domain/time';

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

describe('a region’s drilldown', () => {
  it('says which channels’ spend is not reported by region, and marks their rows (decision 1001)', async () => {
    // Meta's spend on Nov 10 is in CA (the seed); a TikTok report without regions spent 3,330 that day,
    // and a TikTok order shipped to CA.
    const R = 'regional';
    const { ctx } = await seedTenantWithData(api, 't_reg', [R]);
    await api.deps.warehouse.replaceRange(
      ctx,
      'unified_performance',
      { brandId: R, from: localDate('2026-11-10'), to: localDate('2026-11-10') },
      [
        aPerformanceRow(R),
        aPerformanceRow(R, {
          channel: 'tiktok',
          platform: 'tiktok',
          campaign_id: 'tiktok:7:t',
          region: null,
          spend_minor: 3_330,
          revenue_minor: 0,
          orders: 0,
          units: 0,
        }),
        aPerformanceRow(R, {
          channel: 'tiktok',
          platform: 'tiktok',
          campaign_id: 'tiktok:7:t',
          spend_minor: 0,
          revenue_minor: 9_000,
        }),
      ],
    );
    const res = await api.request(`/api/brands/${R}/drilldown/region/CA?from=2026-11-01&to=2026-11-30`, {
      token: await api.token({ tenantId: 't_reg', role: 'viewer' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      breakdown: { rows: { key: string; spendMinor: number; regionalSpend?: string }[] };
      spendWithoutRegion: unknown;
    };
    expect(body.spendWithoutRegion).toEqual([
      { channel: 'tiktok', spendMinor: 3_330, regionalSpend: 'not_reported' },
    ]);
    expect(body.breakdown.rows.map((r) => [r.key, r.spendMinor, r.regionalSpend])).toEqual([
      ['meta', 10_000, 'reported'],
      ['tiktok', 0, 'not_reported'],
    ]);
  });
});
