import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORLD } from '../../test/support/world';
import { openWorld, type World } from '../../test/support/world-harness';
import { systemContext } from '../domain/tenancy';
import { addDays } from '../domain/time';
import { automationInputSchema, automationSchema } from '../engagement/automations';
import { docPath } from '../engagement/paths';
import { createStockoutPause } from '../engagement/stockout-pause';
import { createRecommendJob } from './recommend-job';

let w: World;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(async () => {
  await w.close();
});

const scope = () => ({ ctx: systemContext(WORLD.tenantId, 'test'), brandId: WORLD.brandId });
const message = (key: string, to: string = WORLD.asOf) => ({
  tenantId: WORLD.tenantId,
  brandId: WORLD.brandId,
  idempotencyKey: key,
  range: { from: addDays(WORLD.asOf, -30), to },
});

/** An active automation featuring these products (the world's Trail Bottle is out of stock as of asOf). */
async function anAutomation(id: string, productIds: string[]) {
  const input = automationInputSchema.parse({
    name: id,
    triggerEvent: 'checkout_started',
    steps: [{ waitMinutes: 0, channel: 'email', text: 'Refill with {{product}}' }],
    productIds,
  });
  await w.db.set(
    docPath(scope(), 'automations', id),
    automationSchema.parse({ ...input, id, status: 'active', createdAt: '2026-11-01T00:00:00.000Z' }),
  );
}
const statusOf = async (id: string) => (await w.db.get(docPath(scope(), 'automations', id)))?.data.status;
const job = () =>
  createRecommendJob({ ...w, engagementPause: createStockoutPause({ db: w.db, clock: w.clock }) });

describe('recommend job: a stockout pauses the engagement featuring the product', () => {
  it('pauses what features the stocked-out product, audits it as the job, and raises one alert saying so', async () => {
    await anAutomation('Bottle refill', [WORLD.products.stockedOut]);
    await anAutomation('Runner launch', [WORLD.products.fast]);

    await job()(message('k1'));

    expect(await statusOf('Bottle refill')).toBe('paused');
    expect(await statusOf('Runner launch')).toBe('active');
    const audit = (await w.store.auditEvents.list(w.ctx)).filter((e) => e.action === 'automation.paused');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'system:recommend',
        target: `brands/${WORLD.brandId}/automations/Bottle refill`,
        details: expect.objectContaining({
          reason: 'out_of_stock',
          product: 'Trail Bottle — OS (PP-STOCKEDOUT)',
        }),
      }),
    ]);
    const alerts = (await w.store.alerts.list(w.ctx, WORLD.brandId)).filter(
      (a) => a.type === 'engagement_paused',
    );
    expect(alerts.map((a) => a.title)).toEqual([
      'Paused 1 automation featuring Trail Bottle — OS (PP-STOCKEDOUT) — out of stock',
    ]);
    const raised = w.published.filter((p) => p.topic === 'alert.raised').map((p) => p.message.alertId);
    expect(raised).toContain(alerts[0]!.id);
  });

  it('pauses nothing new on the next pass while it is still out, even what the merchant resumed', async () => {
    await anAutomation('Bottle refill', [WORLD.products.stockedOut]);
    await job()(message('k1'));
    await w.db.set(docPath(scope(), 'automations', 'Bottle refill'), {
      ...(await w.db.get(docPath(scope(), 'automations', 'Bottle refill')))!.data,
      status: 'active',
    });
    const published = w.published.length;

    await job()(message('k2'));

    expect(await statusOf('Bottle refill')).toBe('active');
    expect(
      (await w.store.auditEvents.list(w.ctx)).filter((e) => e.action === 'automation.paused'),
    ).toHaveLength(1);
    const alerts = (await w.store.alerts.list(w.ctx, WORLD.brandId)).filter(
      (a) => a.type === 'engagement_paused',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.status).toBe('open');
    expect(w.published.slice(published).map((p) => p.topic)).toEqual(['recommendations.generated']);
  });

  it('pauses nothing on a pass over an older range: stock then is not stock now', async () => {
    await anAutomation('Bottle refill', [WORLD.products.stockedOut]);
    // The pass is re-run for a range ending two days ago, when the bottle was already out.
    await job()(message('k1', addDays(WORLD.asOf, -2)));
    expect(await statusOf('Bottle refill')).toBe('active');
    await job()(message('k2'));
    expect(await statusOf('Bottle refill')).toBe('paused');
  });
});
