import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anInventoryStatusRow } from '../../../test/support/builders';
import { seedTenantWithData } from '../../../test/support/tenants';
import { localDate } from '../../domain/time';

const B = 'stocked';
let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await createTestApi();
  const { ctx } = await seedTenantWithData(api, 't_an', [B]);
  await api.deps.warehouse.replaceRange(
    ctx,
    'inventory_status',
    { brandId: B, from: localDate('2026-11-10'), to: localDate('2026-11-10') },
    [
      anInventoryStatusRow(B),
      anInventoryStatusRow(B, {
        variant_id: 'v-healthy',
        status: 'healthy',
        alignment: 'aligned',
        days_of_cover: 40,
      }),
    ],
  );
  token = await api.token({ tenantId: 't_an', role: 'viewer' });
});
afterAll(async () => api?.close());

const get = async (path: string) => (await api.request(path, { token })).json();

describe('analytics read models', () => {
  it('lists SKUs by stock status and alignment from the latest pass', async () => {
    const all = await get(`/api/brands/${B}/inventory`);
    expect(all.rows.map((r: { variant_id: string }) => r.variant_id)).toEqual([
      `variant-act_${B}`,
      'v-healthy',
    ]);
    const low = await get(`/api/brands/${B}/inventory?status=low`);
    expect(low.rows).toHaveLength(1);
    expect(low.rows[0]).toMatchObject({
      status: 'low',
      alignment: 'overspending_low_stock',
      days_of_cover: 5,
    });
    expect((await api.request(`/api/brands/${B}/inventory?status=empty`, { token })).status).toBe(400);
  });

  it('reports campaign performance and platform over-claim for the period asked', async () => {
    const campaigns = await get(`/api/brands/${B}/campaigns?from=2026-11-01&to=2026-11-30`);
    expect(campaigns.rows).toEqual([
      expect.objectContaining({
        channel: 'meta',
        campaign_id: `meta:act_${B}:camp_1`,
        spend_minor: 10_000,
        roas: 3,
      }),
    ]);
    const recon = await get(`/api/brands/${B}/reconciliation?from=2026-11-01&to=2026-11-30`);
    expect(recon.rows).toEqual([
      {
        week_start: '2026-11-09',
        platform: 'meta',
        attributed_revenue_minor: 30_000,
        claimed_value_minor: 45_000,
        over_claim_ratio: 1.5,
      },
    ]);
    expect((await get(`/api/brands/${B}/reconciliation?from=2026-10-01&to=2026-10-31`)).rows).toEqual([]);
  });
});
