import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aPerformanceRow } from '../../../test/support/builders';
import { seedTenantWithData } from '../../../test/support/tenants';
import { adSpendRow } from '../../customers/test-store';
import { fittedRevenue, type HillParams } from '../../domain/curves';
import { addDays, localDate } from '../../domain/time';
import { seededRandom } from '../../kernel/util/random';
import type { WarehouseRow } from '../../ports/warehouse';
import type { BudgetCurves } from '../schemas/curves';

const B = 'curvy';
const DAYS = 120;
const first = localDate('2026-07-14');
const last = addDays(first, DAYS - 1);
let api: TestApi;
let token: string;

/** Three campaigns on planted curves with weekly budget tests; the third's product runs out for its last 10 days. */
const planted: Array<{ id: string; budget: number; curve: HillParams }> = [
  { id: 'camp_a', budget: 20_000, curve: { top: 90_000, halfSat: 22_000, shape: 1.1, decay: 0.2 } },
  { id: 'camp_b', budget: 10_000, curve: { top: 60_000, halfSat: 9_000, shape: 1, decay: 0.3 } },
  { id: 'camp_c', budget: 15_000, curve: { top: 80_000, halfSat: 16_000, shape: 1.2, decay: 0.1 } },
];

/** A fourth campaign whose spend moves like the others' but whose revenue is noise around a mean. */
const NOISE = { id: 'camp_noise', name: 'Broad — Lookalike 2 %', budget: 12_000, meanRevenue: 30_000 };
const campaignId = (id: string) => `meta:act_${B}:${id}`;

beforeAll(async () => {
  api = await createTestApi();
  const { ctx } = await seedTenantWithData(api, 't_curves', [B]);
  const rand = seededRandom(11);
  const noise: WarehouseRow[] = [];
  // The ad platform's rows name the noise campaign, as a sync or an import would.
  const named: WarehouseRow[] = [];
  for (let t = 0; t < DAYS; t++) {
    const date = addDays(first, t);
    const spend = Math.round(NOISE.budget * (1 + 0.5 * Math.sin(Math.floor(t / 7) * 1.7 + 3)));
    const revenue = Math.round(NOISE.meanRevenue * (0.4 + 1.2 * rand()));
    noise.push(
      aPerformanceRow(B, {
        date,
        campaign_id: campaignId(NOISE.id),
        product_id: `gid://shopify/Product/${NOISE.id}`,
        variant_id: `gid://shopify/ProductVariant/${NOISE.id}`,
        spend_minor: spend,
        revenue_minor: revenue,
        profit_minor: Math.round(revenue * 0.6) - spend,
        stock_available: 500,
        days_of_cover: 60,
      }),
    );
    named.push(
      adSpendRow({
        brandId: B,
        date,
        platform: 'meta',
        campaignId: campaignId(NOISE.id),
        campaignName: NOISE.name,
        spendMinor: spend,
      }),
    );
  }
  const rows = planted.flatMap((p, k) => {
    const spend = Array.from({ length: DAYS }, (_, t) => {
      const week = Math.floor(t / 7);
      return Math.round(p.budget * (1 + 0.5 * Math.sin(week * 1.7 + k)));
    });
    const revenue = fittedRevenue(spend, p.curve);
    return spend.map((s, t) => {
      const out = p.id === 'camp_c' && t >= DAYS - 10;
      return aPerformanceRow(B, {
        date: addDays(first, t),
        campaign_id: `meta:act_${B}:${p.id}`,
        product_id: `gid://shopify/Product/${p.id}`,
        variant_id: `gid://shopify/ProductVariant/${p.id}`,
        spend_minor: s,
        revenue_minor: out ? 0 : Math.round(revenue[t]!),
        profit_minor: out ? -s : Math.round(revenue[t]! * 0.6) - s,
        stock_available: out ? 0 : 500,
        days_of_cover: out ? 0 : 60,
      });
    });
  });
  const range = { brandId: B, from: first, to: last };
  await api.deps.warehouse.replaceRange(ctx, 'unified_performance', range, [...rows, ...noise]);
  await api.deps.warehouse.replaceRange(ctx, 'ad_performance', range, named);
  token = await api.token({ tenantId: 't_curves', role: 'viewer' });
});
afterAll(async () => api?.close());

const get = async (query = '') =>
  (await (await api.request(`/api/brands/${B}/budget-curves${query}`, { token })).json()) as BudgetCurves;

describe('budget curves', () => {
  it('fits every campaign, censoring the stocked-out days, and allocates today’s budget', async () => {
    const body = await get();
    expect(body.asOf).toBe(last);
    expect(body.curves.map((c) => c.campaignId).sort()).toEqual(
      [...planted.map((p) => p.id), NOISE.id].sort().map(campaignId),
    );
    const c = body.curves.find((x) => x.campaignId.endsWith('camp_c'))!;
    expect(c.daysCensored).toBe(10);
    expect(c.model).toBe('hill-adstock/v1');
    expect(Math.abs(c.halfSaturationMinor / 16_000 - 1)).toBeLessThan(0.15);
    expect(c.points[0]).toEqual({ spendMinor: 0, revenueMinor: 0 });
    // Every card prints its marginal ROAS inside its own 80% interval (decision 991).
    for (const curve of body.curves) {
      expect(curve.marginalRoasInterval.low, curve.campaignName).toBeLessThanOrEqual(curve.marginalRoas);
      expect(curve.marginalRoasInterval.high, curve.campaignName).toBeGreaterThanOrEqual(curve.marginalRoas);
    }
    expect(body.allocatedMinor).toBeCloseTo(body.todayBudgetMinor, -1);
    expect(body.rows.every((r) => r.proposedRevenue !== null)).toBe(true);
  });

  it('keeps the campaign whose revenue did not follow its spend at today’s budget, named, with the reason', async () => {
    const body = await get();
    const held = body.rows.filter((r) => r.binding === 'held');
    expect(held.map((r) => r.campaignName)).toEqual([NOISE.name]);
    expect(held[0]!.proposedSpendMinor).toBe(Math.round(held[0]!.currentSpendMinor));
    expect(held[0]!.heldReason).toMatch(
      /^Not enough signal: over 120 days its revenue did not rise and fall/,
    );
    expect(body.curves.find((c) => c.campaignId === campaignId(NOISE.id))!.r2).toBeLessThan(0.3);
    // The planted campaigns' curves explain their revenue: the optimiser still moves them.
    const moved = body.rows.filter((r) => r.binding !== 'held');
    expect(moved).toHaveLength(planted.length);
    expect(moved.some((r) => Math.abs(r.proposedSpendMinor - r.currentSpendMinor) > 100)).toBe(true);
    expect(body.allocatedMinor).toBeCloseTo(body.todayBudgetMinor, -1);
  });

  it('allocates a budget the merchant types, within each campaign’s daily bounds', async () => {
    const body = await get('?budget=30000');
    expect(body.budgetMinor).toBe(30_000);
    for (const r of body.rows) {
      expect(r.proposedSpendMinor).toBeGreaterThanOrEqual(Math.floor(r.currentSpendMinor * 0.8) - 1);
      expect(r.proposedSpendMinor).toBeLessThanOrEqual(Math.ceil(r.currentSpendMinor * 1.2) + 1);
    }
  });

  it('answers another tenant’s user 404 for this brand, and a request without a token 401', async () => {
    await api.seedTenant('t_curves_other', [{ id: 'elsewhere', name: 'Elsewhere' }]);
    const other = await api.token({ tenantId: 't_curves_other', role: 'owner' });
    const foreign = await api.request(`/api/brands/${B}/budget-curves`, { token: other });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: expect.any(String) } });
    // Its own brand has no campaigns: an empty plan, nothing of this tenant's.
    const own = (await (
      await api.request('/api/brands/elsewhere/budget-curves', { token: other })
    ).json()) as BudgetCurves;
    expect(own.rows).toEqual([]);
    expect(own.unplaced).toBeNull();
    expect((await api.request(`/api/brands/${B}/budget-curves`)).status).toBe(401);
  });

  it('leaves out the curves’ points when asked (the Budget plan page), and nothing else of the plan', async () => {
    const full = await get();
    const lean = await get('?points=false');
    expect(full.curves.every((c) => c.points.length === 41)).toBe(true);
    expect(lean.curves.every((c) => c.points.length === 0)).toBe(true);
    const { curves: _f, ...fullPlan } = full;
    const { curves: _l, ...leanPlan } = lean;
    expect(leanPlan).toEqual(fullPlan);
    expect(lean.curves.map(({ points: _, ...c }) => c)).toEqual(full.curves.map(({ points: _, ...c }) => c));
    const res = await api.request(`/api/brands/${B}/budget-curves?points=none`, { token });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  it('names the days “today” is averaged over: the 14 the recommendations judge, ending on the judged day', async () => {
    const body = await get();
    expect(body.judgedDays).toEqual({ from: addDays(last, -13), to: last });
    expect(body.restockDays).toBe(14);
  });

  it('rejects a budget that is not a positive amount with a JSON error', async () => {
    const res = await api.request(`/api/brands/${B}/budget-curves?budget=-5`, { token });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
