import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../test/support/world';
import { openWorld, type World } from '../../test/support/world-harness';
import { createLocalAnalyst } from './local-analyst';
import { createInsightsService } from './service';
import { createWeeklySummaryJob } from './weekly-summary-job';

let w: World;
beforeAll(async () => {
  // Monday 2026-11-23, 12:00 UTC: the week that ended began on 2026-11-16.
  w = await openWorld({ now: '2026-11-23T12:00:00.000Z' });
});
afterAll(async () => {
  await w.close();
});

const job = () =>
  createWeeklySummaryJob({ ...w, insights: createInsightsService({ ...w, llm: createLocalAnalyst() }) });

describe('weekly summary', () => {
  it('writes one grounded summary per brand for the week that ended, and a re-run spends nothing', async () => {
    expect(await job()()).toEqual({ created: 1, skipped: 0, failed: 0 });
    const q = await w.store.questions.get(w.ctx, WORLD.brandId, 'weekly-summary-2026-11-16');
    expect(q).toMatchObject({ uid: 'system:weekly-summary', grounded: true, model: 'local-analyst' });
    expect(q!.toolCalls.map((c) => c.name)).toEqual([
      'compare_periods',
      'get_inventory_risks',
      'get_recommendations',
    ]);
    expect(q!.answer).toMatch(/^This week: Revenue (fell|rose) by \$/);
    const calls = (await w.store.aiUsage.month(w.ctx, '2026-11')).calls;
    expect(await job()()).toEqual({ created: 0, skipped: 1, failed: 0 });
    expect((await w.store.aiUsage.month(w.ctx, '2026-11')).calls).toBe(calls);
  });

  it('skips a tenant over its AI budget without failing the sweep', async () => {
    await w.store.tenants.upsert(w.ctx, { ...(await w.store.tenants.get(w.ctx))!, aiMonthlyBudgetMicros: 0 });
    w.clock.advance(7 * 86_400_000);
    expect(await job()()).toEqual({ created: 0, skipped: 0, failed: 1 });
  });
});
