import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { aPerformanceRow } from '../../test/support/builders';
import { seedTenantWithData } from '../../test/support/tenants';
import { recordingBus } from '../../test/support/world-harness';
import { fittedRevenue, type HillParams } from '../domain/curves';
import { systemContext } from '../domain/tenancy';
import { addDays, localDate } from '../domain/time';
import { sequentialIds } from '../ports/clock';
import { createBudgetCurves } from './budget-curves';
import { createRecommendJob } from './recommend-job';

/**
 * A live brand synced up to yesterday, its pass run this morning over a range ending today (the
 * demo's situation): the campaign page's curve (`GET …/budget-curves`) and the recommendation on
 * the same campaign must say the same "today" and be fitted on the same days (decision 977).
 */
const B = 'whole';
const TODAY = localDate('2026-11-20'); // the test clock, 07:00 in New York
const DAYS = 120;
const last = addDays(TODAY, -1);
const first = addDays(last, -(DAYS - 1));
const planted: Array<{ id: string; budget: number; curve: HillParams }> = [
  { id: 'camp_a', budget: 20_000, curve: { top: 90_000, halfSat: 22_000, shape: 1.1, decay: 0.2 } },
  { id: 'camp_b', budget: 10_000, curve: { top: 60_000, halfSat: 9_000, shape: 1, decay: 0.3 } },
];
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ now: '2026-11-20T12:00:00Z' });
  const { ctx } = await seedTenantWithData(api, 't_whole', [B]);
  const rows = planted.flatMap((p, k) => {
    const spend = Array.from({ length: DAYS }, (_, t) =>
      Math.round(p.budget * (1 + 0.5 * Math.sin(Math.floor(t / 7) * 1.7 + k))),
    );
    const revenue = fittedRevenue(spend, p.curve);
    return spend.map((s, t) =>
      aPerformanceRow(B, {
        date: addDays(first, t),
        campaign_id: `meta:act_${B}:${p.id}`,
        product_id: `gid://shopify/Product/${p.id}`,
        variant_id: `gid://shopify/ProductVariant/${p.id}`,
        spend_minor: s,
        revenue_minor: Math.round(revenue[t]!),
        profit_minor: Math.round(revenue[t]! * 0.6) - s,
        stock_available: 500,
        days_of_cover: 60,
      }),
    );
  });
  await api.deps.warehouse.replaceRange(
    ctx,
    'unified_performance',
    { brandId: B, from: first, to: last },
    rows,
  );
  await createRecommendJob({ ...api.deps, bus: recordingBus().bus, ids: sequentialIds('r') })({
    tenantId: 't_whole',
    brandId: B,
    idempotencyKey: 'attribution.completed:whole:1',
    range: { from: addDays(TODAY, -29), to: TODAY },
  });
});
afterAll(async () => {
  await api.close();
});

describe('the budget curves read and the recommendations', () => {
  it('give a campaign the same daily spend and the same fit window', async () => {
    const ctx = systemContext('t_whole', 'test');
    const brand = (await api.deps.store.brands.get(ctx, B))!;
    const read = await createBudgetCurves(api.deps)(ctx, brand);
    expect(read.asOf).toBe(last);
    const recs = (await api.deps.store.recommendations.list(ctx, B)).filter(
      (r) => r.change.campaignId?.startsWith(`meta:act_${B}:camp_`) && r.evidence.curve_from !== undefined,
    );
    expect(recs.length).toBeGreaterThan(0);
    for (const rec of recs) {
      const curve = read.curves.find((c) => c.campaignId === rec.change.campaignId);
      expect(curve, rec.change.campaignId).toBeDefined();
      expect(Math.abs(curve!.currentSpendMinor - rec.change.currentDailySpendMinor!)).toBeLessThanOrEqual(1);
      expect({ from: rec.evidence.curve_from, to: rec.evidence.curve_to }).toEqual(curve!.window);
      expect(curve!.window?.to).toBe(last);
    }
  });
});
