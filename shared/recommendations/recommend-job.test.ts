import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORLD } from '../../test/support/world';
import { openWorld, type World } from '../../test/support/world-harness';
import { addDays } from '../domain/time';
import { createRecommendJob } from './recommend-job';

// Each test opens its own planted world and runs the job itself: no test reads another's results.
let w: World;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(async () => {
  await w.close();
});

const message = (to: string = WORLD.asOf, key = 'k1') => ({
  tenantId: WORLD.tenantId,
  brandId: WORLD.brandId,
  idempotencyKey: key,
  range: { from: addDays(WORLD.asOf, -30), to },
});

/** What the warehouse holds, asked directly (not through the queries the job uses). */
async function held(sql: string, params: Record<string, string>) {
  const [row] = await w.warehouse.query<Record<string, number>>(w.ctx, sql, params);
  return row!;
}
const windowFrom = addDays(WORLD.asOf, -13);

describe('recommend job on the planted world', () => {
  it('recommends cutting spend on the low-stock fast seller, with evidence equal to the warehouse', async () => {
    await createRecommendJob(w)(message());
    const recs = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    const cut = recs.find((r) => r.change.productId === WORLD.products.fast);
    expect(cut?.type).toBe('reduce_spend');
    const truth = await held(
      `SELECT SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue FROM {{unified_performance}}
       WHERE campaign_id = @c AND variant_id = @p AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
      { c: WORLD.campaigns.fast.id, p: WORLD.products.fast, from: windowFrom, to: WORLD.asOf },
    );
    const stock = await held(
      `SELECT available AS stock, days_of_cover AS cover FROM {{inventory_status}}
       WHERE variant_id = @p AND location_id = '*' AND date = CAST(@to AS DATE)`,
      { p: WORLD.products.fast, to: WORLD.asOf },
    );
    expect(cut!.evidence).toMatchObject({
      spend_window_minor: truth.spend,
      revenue_window_minor: truth.revenue,
      stock_available: stock.stock,
      days_of_cover: Math.round(stock.cover! * 10_000) / 10_000,
    });
    expect(cut!.change).toMatchObject({ platform: 'meta', campaignId: WORLD.campaigns.fast.id });
    expect(cut!.change.proposedDailySpendMinor!).toBeLessThan(cut!.change.currentDailySpendMinor!);
  });

  it('recommends promoting the overstocked product, with its stock and sales as evidence', async () => {
    await createRecommendJob(w)(message());
    const recs = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    const promote = recs.find((r) => r.type === 'promote');
    expect(promote?.change.productId).toBe(WORLD.products.overstock);
    const truth = await held(
      `SELECT SUM(units) AS units FROM {{unified_performance}} WHERE variant_id = @p AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
      { p: WORLD.products.overstock, from: windowFrom, to: WORLD.asOf },
    );
    expect(promote!.evidence).toMatchObject({
      stock_available: 2600,
      units_window: truth.units,
      spend_window_minor: 0,
    });
  });

  it('pauses the stocked-out product and raises spending_on_stockout with the recent spend the warehouse holds', async () => {
    await createRecommendJob(w)(message());
    const recs = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    const pause = recs.find((r) => r.type === 'pause');
    expect(pause?.change).toMatchObject({
      campaignId: WORLD.campaigns.stockedOut.id,
      productId: WORLD.products.stockedOut,
      proposedDailySpendMinor: 0,
    });
    const truth = await held(
      `SELECT SUM(spend_minor) AS spend FROM {{unified_performance}} WHERE variant_id = @p AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
      { p: WORLD.products.stockedOut, from: addDays(WORLD.asOf, -2), to: WORLD.asOf },
    );
    expect(pause!.evidence).toMatchObject({ stock_available: 0, spend_recent_minor: truth.spend });
    const alerts = await w.store.alerts.list(w.ctx, WORLD.brandId);
    const alert = alerts.find((a) => a.type === 'spending_on_stockout');
    expect(alert?.evidence).toMatchObject({
      stock_available: 0,
      spend_recent_minor: truth.spend,
      campaigns: 1,
    });
    expect(alerts.find((a) => a.type === 'stockout_risk')?.dedupeKey).toBe(
      `stockout_risk:${WORLD.products.fast}`,
    );
    const raised = w.published.filter((p) => p.topic === 'alert.raised').map((p) => p.message.alertId);
    expect(raised).toContain(alert!.id);
    expect(w.published.at(-1)).toMatchObject({
      topic: 'recommendations.generated',
      message: { opened: recs.length, updated: 0 },
    });
  });

  it('updates instead of duplicating on a re-run and announces no alert twice', async () => {
    await createRecommendJob(w)(message());
    const before = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    const published = w.published.length;
    const result = await createRecommendJob(w)(message(WORLD.asOf, 'k2'));
    const after = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(result).toMatchObject({ opened: 0, updated: before.length, expired: 0, raised: 0 });
    expect(w.published.slice(published).map((p) => p.topic)).toEqual(['recommendations.generated']);
  });

  it('expires the pause and resolves the alert once the data no longer shows the stockout', async () => {
    await createRecommendJob(w)(message());
    expect(
      (await w.store.recommendations.list(w.ctx, WORLD.brandId)).find((r) => r.type === 'pause')?.status,
    ).toBe('open');
    // Ten days earlier the bottle was still in stock.
    await createRecommendJob(w)(message(addDays(WORLD.asOf, -10), 'k3'));
    const pause = (await w.store.recommendations.list(w.ctx, WORLD.brandId)).find((r) => r.type === 'pause');
    expect(pause?.status).toBe('expired');
    const alert = (await w.store.alerts.list(w.ctx, WORLD.brandId)).find(
      (a) => a.type === 'spending_on_stockout',
    );
    expect(alert?.status).toBe('resolved');
  });
});

describe('recommend job before the store has synced', () => {
  it('judges no spend while a connected Shopify store has never synced, and does once it has', async () => {
    const shopify = {
      platform: 'shopify' as const,
      status: 'syncing' as const,
      accountIds: [],
      updatedAt: WORLD.asOf,
    };
    await w.store.integrations.upsert(w.ctx, WORLD.brandId, shopify);
    await createRecommendJob(w)(message());
    expect(await w.store.recommendations.list(w.ctx, WORLD.brandId)).toEqual([]);
    await w.store.integrations.upsert(w.ctx, WORLD.brandId, {
      ...shopify,
      status: 'connected',
      lastSyncAt: `${WORLD.asOf}T06:00:00.000Z`,
    });
    await createRecommendJob(w)(message(WORLD.asOf, 'k2'));
    expect((await w.store.recommendations.list(w.ctx, WORLD.brandId)).length).toBeGreaterThan(0);
  });
});

describe('recommend job on a store whose data stops before yesterday', () => {
  it('judges the data’s own last day and says so in every recommendation and data alert, not in current ones', async () => {
    const current = await createRecommendJob(w)(message());
    expect(current.opened).toBeGreaterThan(0);
    const texts = async () => [
      ...(await w.store.recommendations.list(w.ctx, WORLD.brandId)).map((r) => r.reason),
      ...(await w.store.alerts.list(w.ctx, WORLD.brandId)).map((a) => a.explanation),
    ];
    for (const text of await texts()) expect(text).not.toContain('Judged on');

    // A month later nothing new has arrived: the pass runs up to that day, the data ends on asOf.
    const later = await openWorld({ now: '2026-12-21T12:00:00.000Z' });
    try {
      await createRecommendJob(later)(message(addDays(WORLD.asOf, 30), 'k-later'));
      const recs = await later.store.recommendations.list(later.ctx, WORLD.brandId);
      expect(recs.map((r) => r.type).sort()).toEqual(
        (await w.store.recommendations.list(w.ctx, WORLD.brandId)).map((r) => r.type).sort(),
      );
      for (const r of recs)
        expect(r.reason).toMatch(/ Judged on Nov 7\s–\s20, 2026, the last days with data\.$/);
      const alerts = await later.store.alerts.list(later.ctx, WORLD.brandId);
      const stockout = alerts.find((a) => a.type === 'spending_on_stockout');
      expect(stockout?.explanation).toMatch(/ Judged on Nov 20, 2026, the last days with data\.$/);
    } finally {
      await later.close();
    }
  });
});
