import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldDeps } from '../../../test/support/world-harness';
import type { TenantContext } from '../../domain/tenancy';
import { createRecommendationService } from '../../recommendations/service';
import { createApiApp } from '../app';

let w: World;
let app: ReturnType<typeof createApiApp>;
let token: ReturnType<typeof worldDeps>['token'];
beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
  const built = worldDeps(w);
  token = built.token;
  app = createApiApp(built.deps, { version: 'test', startedAt: new Date(), healthChecks: [] });
});
afterAll(async () => {
  await w.close();
});

const path = `/api/brands/${WORLD.brandId}/recommendations/calibration`;
const get = async (tenant?: string) => {
  const res = await app.request(path, {
    headers: { authorization: `Bearer ${await token('viewer', tenant)}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: test assertions index freely into JSON responses
  return { status: res.status, body: (await res.json()) as any };
};

describe('GET /recommendations/calibration', () => {
  it('is empty before any decision has a measured week', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      currency: 'USD',
      points: [],
      summary: { measured: 0, realisedShare: null },
    });
  });

  it("sets an accepted cut's predicted spend avoided beside the spend change the warehouse measured", async () => {
    const analyst: TenantContext = { tenantId: WORLD.tenantId, uid: 'u-analyst', role: 'analyst' };
    const service = createRecommendationService(w);
    const cut = (await w.store.recommendations.list(w.ctx, WORLD.brandId)).find((r) =>
      r.dedupeKey.startsWith('reduce_spend:cover:'),
    )!;
    const now = w.clock.now().toISOString();
    w.clock.set('2026-11-10T15:00:00.000Z'); // decided on 2026-11-10 in New York
    await service.accept(analyst, WORLD.brandId, cut.id);
    w.clock.set(now);
    await service.measureOutcomes(w.ctx, WORLD.brandId, WORLD.asOf);

    const model = (await w.store.brands.get(w.ctx, WORLD.brandId))!.targets.attributionModel;
    const spend = async (from: string, to: string) =>
      Number(
        (
          await w.warehouse.query<{ p: number }>(
            w.ctx,
            `SELECT SUM(spend_minor) AS p FROM {{unified_performance}}
             WHERE campaign_id = @c AND model = @m AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
            { c: cut.change.campaignId!, m: model, from, to },
          )
        )[0]?.p ?? 0,
      );
    const { status, body } = await get();
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.points).toHaveLength(1);
    const point = body.points[0];
    expect(point).toMatchObject({ id: cut.id, measure: 'spend_avoided', decidedOn: '2026-11-10' });
    expect(point.predictedMinor).toBe(cut.expectedImpact.amountMinor);
    expect(point.actualMinor).toBe(
      (await spend('2026-11-03', '2026-11-09')) - (await spend('2026-11-11', '2026-11-17')),
    );
    expect(body.summary).toMatchObject({
      measured: 1,
      predictedMinor: point.predictedMinor,
      actualMinor: point.actualMinor,
    });
  });

  it("answers 404 for another tenant's brand", async () => {
    expect((await get('t_other')).status).toBe(404);
  });
});
