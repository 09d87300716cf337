import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, type TestBrand } from '../../test/support/attribution-pass';
import { plantSituations } from '../../test/support/planted-scenarios';
import { recordingBus } from '../../test/support/world-harness';
import { runAttributionPass } from '../attribution/pass/run';
import { sequentialIds } from '../ports/clock';
import { createRecommendJob } from './recommend-job';

/**
 * The whole chain on attribution's planted brand: raw orders, journeys, spend and stock → the real
 * attribution pass → the recommend job. What the merchant sees must follow from what the pass
 * wrote, number for number.
 */
let w: TestBrand;
const { bus, published } = recordingBus();
// The planted world's data runs through Mar 31, a complete day: the passes run the next morning
// (New York), attributing up to today, Apr 1, and writing stock for it; the job judges Mar 18 – 31.
beforeAll(async () => {
  w = await createTestBrand('2026-04-01T12:00:00Z');
  await plantSituations(w);
  await runAttributionPass(w.deps, w.ctx, 'b1');
  await createRecommendJob({ ...w.deps, bus, ids: sequentialIds('r') })({
    tenantId: 't_attr',
    brandId: 'b1',
    idempotencyKey: 'attribution.completed:b1:1',
    range: { from: '2026-03-02', to: '2026-04-01' },
  });
});
afterAll(async () => {
  await w.close();
});

async function held(sql: string, params: Record<string, string> = {}) {
  const [row] = await w.deps.warehouse.query<Record<string, number>>(w.ctx, sql, { brand: 'b1', ...params });
  return row!;
}

describe('recommendations from a real attribution pass', () => {
  it('cuts or pauses spend on the fast seller with low stock, citing the stock the pass wrote', async () => {
    const recs = await w.deps.store.recommendations.list(w.ctx, 'b1');
    const fast = recs.filter((r) => r.change.productId === 'v-fast');
    expect(fast.map((r) => r.type)).toEqual(expect.arrayContaining(['reduce_spend']));
    const stock = await held(
      `SELECT available AS stock, days_of_cover AS cover FROM {{inventory_status}}
       WHERE brand_id = @brand AND variant_id = 'v-fast' AND location_id = '*' AND date = CAST('2026-04-01' AS DATE)`,
    );
    expect(fast[0]!.evidence).toMatchObject({
      stock_available: stock.stock,
      days_of_cover: Math.round(stock.cover! * 10_000) / 10_000,
    });
    expect(stock.stock).toBe(40);
  });

  it('promotes the overstocked product and pauses the stocked-out one, raising spending_on_stockout', async () => {
    const recs = await w.deps.store.recommendations.list(w.ctx, 'b1');
    expect(recs.find((r) => r.type === 'promote')?.change.productId).toBe('v-over');
    const pause = recs.find((r) => r.type === 'pause');
    expect(pause?.change).toMatchObject({
      productId: 'v-out',
      campaignId: 'tiktok:700:201',
      proposedDailySpendMinor: 0,
    });
    const recent = await held(
      `SELECT SUM(spend_minor) AS spend FROM {{unified_performance}}
       WHERE brand_id = @brand AND variant_id = 'v-out' AND date BETWEEN CAST('2026-03-29' AS DATE) AND CAST('2026-03-31' AS DATE)`,
    );
    const alert = (await w.deps.store.alerts.list(w.ctx, 'b1')).find(
      (a) => a.type === 'spending_on_stockout',
    );
    expect(alert?.evidence).toMatchObject({ stock_available: 0, spend_recent_minor: recent.spend });
    expect(recent.spend).toBeGreaterThan(0);
    expect(published.filter((p) => p.topic === 'alert.raised').map((p) => p.message.alertId)).toContain(
      alert!.id,
    );
  });
});
