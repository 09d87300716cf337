import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anAdRow, anAlert, anOrderRow, aRecommendation } from '../../../test/support/builders';
import { localDate } from '../../domain/time';

let api: TestApi;
const ctx = { tenantId: 't_agency', uid: 'test', role: 'system' as const };

beforeAll(async () => {
  api = await createTestApi({ now: '2026-11-20T17:00:00Z' });
  await api.seedTenant('t_agency', [
    { id: 'calm', name: 'Calm' },
    { id: 'burning', name: 'Burning' },
    { id: 'meh', name: 'Meh' },
  ]);
  await api.deps.store.alerts.upsert(
    ctx,
    'burning',
    anAlert('burning', {
      title: 'Spending on a stocked-out SKU',
      dedupeKey: 'spending_on_stockout:gid://shopify/ProductVariant/9',
    }),
  );
  await api.deps.store.recommendations.upsert(
    ctx,
    'meh',
    aRecommendation('meh', { priority: 'high', title: 'Cut spend' }),
  );
  // Calm: ROAS 4 on last week's spend, above the default target of 3.
  const range = { brandId: 'calm', from: localDate('2026-11-14'), to: localDate('2026-11-20') };
  await api.deps.warehouse.replaceRange(ctx, 'ad_performance', range, [
    anAdRow('calm', '2026-11-18', 'meta', 1_000),
  ]);
  await api.deps.warehouse.replaceRange(ctx, 'orders', range, [
    anOrderRow('calm', 'o1', '2026-11-19', 4_000),
  ]);
});
afterAll(async () => api?.close());

describe('agency overview', () => {
  it('puts the most urgent brand first with its top issue', async () => {
    const token = await api.token({ tenantId: 't_agency', role: 'viewer' });
    const { brands } = await (await api.request('/api/agency/overview', { token })).json();
    expect(brands.map((b: { brandId: string }) => b.brandId)).toEqual(['burning', 'meh', 'calm']);
    expect(brands[0]).toMatchObject({
      healthScore: 75,
      openAlerts: { critical: 1, warning: 0, info: 0 },
      topIssue: {
        kind: 'alert',
        title: 'Spending on a stocked-out SKU',
        severity: 'critical',
        // The alert's product, where the merchant acts on it.
        link: '/brands/burning/drilldown/product/gid%3A%2F%2Fshopify%2FProductVariant%2F9',
      },
    });
    expect(brands[1].topIssue).toMatchObject({ kind: 'recommendation', title: 'Cut spend' });
    expect(brands[2]).toMatchObject({
      healthScore: 100,
      topIssue: null,
      kpis: { spendMinor: 1_000, revenueMinor: 4_000, blendedRoas: 4 },
    });
  });

  it('covers the dashboard’s period: the last 7 complete days by default, `days`, or the dates asked for', async () => {
    const token = await api.token({ tenantId: 't_agency', role: 'viewer', brandIds: ['calm'] });
    const calm = async (query: string) => {
      const res = await api.request(`/api/agency/overview${query}`, { token });
      expect(res.status).toBe(200);
      return (await res.json()).brands[0];
    };
    // Now is Nov 20 12:00 in New York (the seeded brands' zone): yesterday ends the default week.
    expect((await calm('')).period).toEqual({ from: '2026-11-13', to: '2026-11-19' });
    expect((await calm('?days=28')).period).toEqual({ from: '2026-10-23', to: '2026-11-19' });
    // Only the day with spend: its ROAS, not the week's; a day without any is a quiet period.
    const day = await calm('?from=2026-11-18&to=2026-11-18');
    expect(day).toMatchObject({
      period: { from: '2026-11-18', to: '2026-11-18' },
      kpis: { spendMinor: 1_000, revenueMinor: 0 },
    });
    const other = await calm('?from=2026-11-19&to=2026-11-19');
    expect(other.kpis).toMatchObject({ spendMinor: 0, revenueMinor: 4_000 });
    expect((await api.request('/api/agency/overview?from=2026-11-19&to=2026-11-01', { token })).status).toBe(
      400,
    );
  });

  it('shows an agency client only their brands', async () => {
    const token = await api.token({ tenantId: 't_agency', role: 'viewer', brandIds: ['calm'] });
    const { brands } = await (await api.request('/api/agency/overview', { token })).json();
    expect(brands.map((b: { brandId: string }) => b.brandId)).toEqual(['calm']);
  });

  it('does not call a brand healthy while Shopify is disconnected and an ad platform fails', async () => {
    const cut = { tenantId: 't_cut_off', uid: 'test', role: 'system' as const };
    await api.seedTenant('t_cut_off', [{ id: 'cut-off', name: 'Cut off' }]);
    const at = '2026-11-19T00:00:00Z';
    await api.deps.store.integrations.upsert(cut, 'cut-off', {
      platform: 'shopify',
      status: 'disconnected',
      accountIds: [],
      lastSyncAt: at,
      updatedAt: at,
    });
    await api.deps.store.integrations.upsert(cut, 'cut-off', {
      platform: 'meta',
      status: 'error',
      accountIds: ['act_1'],
      lastError: 'token expired',
      updatedAt: at,
    });
    const token = await api.token({ tenantId: 't_cut_off', role: 'viewer' });
    const { brands } = await (await api.request('/api/agency/overview', { token })).json();
    expect(brands[0].healthScore).toBeLessThanOrEqual(40);
    expect(brands[0].topIssue).toMatchObject({
      kind: 'integration',
      title: 'Shopify is disconnected: its numbers stopped updating',
      severity: 'critical',
    });
  });

  it('covers the last 7 complete days, as the dashboard does, not today', async () => {
    // 17:00 UTC on 2026-11-20 is still the 20th in every demo timezone: today's order is left out.
    const range = { brandId: 'calm', from: localDate('2026-11-20'), to: localDate('2026-11-20') };
    await api.deps.warehouse.replaceRange(ctx, 'orders', range, [
      anOrderRow('calm', 'today', '2026-11-20', 9_999),
    ]);
    const token = await api.token({ tenantId: 't_agency', role: 'viewer' });
    const { brands } = await (await api.request('/api/agency/overview', { token })).json();
    const calm = brands.find((b: { brandId: string }) => b.brandId === 'calm');
    expect(calm.kpis.revenueMinor).toBe(4_000);
  });

  it('gives the days a brand has data, so a brand imported months ago is not read as a quiet week', async () => {
    await api.seedTenant('t_imported', [{ id: 'imported', name: 'Imported' }]);
    const c = { ...ctx, tenantId: 't_imported' };
    const range = { brandId: 'imported', from: localDate('2026-03-01'), to: localDate('2026-03-31') };
    await api.deps.warehouse.replaceRange(c, 'ad_performance', range, [
      anAdRow('imported', '2026-03-02', 'meta', 1_000),
    ]);
    await api.deps.warehouse.replaceRange(c, 'orders', range, [
      anOrderRow('imported', 'o1', '2026-03-15', 4_000),
    ]);
    const token = await api.token({ tenantId: 't_imported', role: 'viewer' });
    const { brands } = await (await api.request('/api/agency/overview', { token })).json();
    expect(brands[0]).toMatchObject({
      kpis: { spendMinor: 0, revenueMinor: 0, orders: 0 },
      dataDays: { from: '2026-03-02', to: '2026-03-15' },
    });
  });
});
