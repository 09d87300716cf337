import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../test/support/world';
import { openWorld, recommendWorld, type World } from '../../test/support/world-harness';
import type { TenantContext } from '../domain/tenancy';
import { addDays, localDate } from '../domain/time';
import { ValidationError } from '../kernel/errors';
import { budgetActionOf, createRecommendationService } from './service';

let w: World;
const analyst: TenantContext = { tenantId: WORLD.tenantId, uid: 'u-analyst', role: 'analyst' };
beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
});
afterAll(async () => {
  await w.close();
});

describe('recommendation decisions', () => {
  it('measures the 7 days after acceptance against the 7 before, from the warehouse', async () => {
    const service = createRecommendationService(w);
    const recs = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    const cut = recs.find((r) => r.type === 'reduce_spend')!;
    w.clock.set('2026-11-10T15:00:00.000Z'); // 10:00 in New York: decided on 2026-11-10
    await service.accept(analyst, WORLD.brandId, cut.id);
    expect(await service.measureOutcomes(w.ctx, WORLD.brandId, addDays(localDate('2026-11-10'), 6))).toBe(0);
    expect(await service.measureOutcomes(w.ctx, WORLD.brandId, WORLD.asOf)).toBe(1);

    const sum = async (from: string, to: string) =>
      (
        await w.warehouse.query<{ spend: number; revenue: number }>(
          w.ctx,
          `SELECT SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue FROM {{unified_performance}}
           WHERE campaign_id = @c AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
          { c: cut.change.campaignId!, from, to },
        )
      )[0]!;
    const before = await sum('2026-11-03', '2026-11-09');
    const after = await sum('2026-11-11', '2026-11-17');
    const measured = await w.store.recommendations.get(w.ctx, WORLD.brandId, cut.id);
    expect(measured!.outcome).toMatchObject({
      decided_on: '2026-11-10',
      measured_through: '2026-11-17',
      spend_before_minor: before.spend,
      spend_after_minor: after.spend,
      revenue_before_minor: before.revenue,
      revenue_after_minor: after.revenue,
    });
    // Measured once: a later run leaves it alone.
    expect(await service.measureOutcomes(w.ctx, WORLD.brandId, WORLD.asOf)).toBe(0);
  });

  it('has no platform change for a promote recommendation', async () => {
    const promote = (await w.store.recommendations.list(w.ctx, WORLD.brandId)).find(
      (r) => r.type === 'promote',
    )!;
    expect(() => budgetActionOf(promote)).toThrow(ValidationError);
  });
});
