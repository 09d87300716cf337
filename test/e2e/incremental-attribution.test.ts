import { afterEach, describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { runAttributionPass } from '../../shared/attribution/pass/run';
import { toLocalDate } from '../../shared/domain/time';
import { attributionColumns } from '../../shared/ports/warehouse-tables';
import { startShopifyRuntime } from '../support/shopify-runtime';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('incremental attribution on the embedded runtime', () => {
  it('a signed orders/create webhook reaches the dashboard’s attributed numbers without a new pass', async () => {
    const rt = await startShopifyRuntime({ scale: 0.02, backfillTimeoutMs: 30_000 });
    cleanup.push(rt.close);
    const { deps, ctx, brand, sandbox } = rt;
    const pass = await runAttributionPass(deps, ctx, 'demo-brand');

    const token = await rt.token();
    const day = toLocalDate(new Date(sandbox.now()), brand.timezone);
    const before = await rt.dashboard(token, day); // also fills the rollup cache
    const template = sandbox.store.orders.find(
      (o) => o.presentmentCurrency === 'USD' && !o.cancelledAt && o.lines.length > 0 && o.journey,
    )!;
    const order = rt.newOrder(template, 9_100_000_001, day);
    const res = await sandbox.sendWebhook(
      `${rt.runtime.url}/webhooks/shopify`,
      'orders/create',
      orderWebhookPayload(order),
    );
    expect(res.status).toBe(200);

    await expect
      .poll(async () => (await rt.dashboard(token, day)).orders, { timeout: 15_000, interval: 100 })
      .toBe(before.orders + 1);
    // Attributed to the cent: exactly what the order was credited with under the brand's model.
    const { revenue } = attributionColumns(brand.targets.attributionModel);
    const [credit] = await deps.warehouse.query<{ total: number }>(
      ctx,
      `SELECT SUM(${revenue}) AS total FROM {{attributions}} WHERE order_id = @id`,
      { id: `gid://shopify/Order/${order.legacyId}` },
    );
    expect(credit!.total).toBeGreaterThan(0);
    expect((await rt.dashboard(token, day)).attributed).toBe(before.attributed + credit!.total);
    // No full pass ran in between: the fit is still the one the pass above stored.
    const [fit] = await deps.warehouse.query<{ d: string }>(
      ctx,
      'SELECT MAX(date) AS d FROM {{attribution_fit}} WHERE brand_id = @brand',
      { brand: 'demo-brand' },
    );
    expect(fit!.d).toBe(pass.range.to);
  }, 90_000);
});
