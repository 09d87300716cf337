import { afterEach, describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { CAMPAIGNS } from '../../infra/sandbox/world';
import { runAttributionPass } from '../../shared/attribution/pass/run';
import { toCampaignRows } from '../../shared/domain/ads/normalize';
import { toLocalDate } from '../../shared/domain/time';
import { requestSync } from '../../shared/platforms/sync-requests';
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

  it('an order webhook whose landing_site carries the campaign is credited to it from that visit before any sync, and the next sync leaves one touch', async () => {
    const rt = await startShopifyRuntime({ scale: 0.02, backfillTimeoutMs: 30_000 });
    cleanup.push(rt.close);
    const { deps, ctx, brand, sandbox } = rt;
    const day = toLocalDate(new Date(sandbox.now()), brand.timezone);
    // The campaigns an ad sync would have stored (this runtime connects Shopify only), so a UTM can
    // name one.
    await deps.warehouse.replaceRange(
      ctx,
      'campaigns',
      { brandId: 'demo-brand', from: day, to: day },
      toCampaignRows(
        CAMPAIGNS.map((c) => ({
          platform: c.platform,
          accountId: c.accountId,
          campaignId: c.nativeId,
          name: c.name,
          status: 'active' as const,
          rawStatus: 'ACTIVE',
          currency: c.accountCurrency,
        })),
        'demo-brand',
        day,
      ),
    );
    await runAttributionPass(deps, ctx, 'demo-brand');
    // An ad click's one-visit journey (utm_campaign in the landing page), no discount code.
    const template = sandbox.store.orders.find(
      (o) =>
        o.presentmentCurrency === 'USD' &&
        !o.cancelledAt &&
        o.lines.length > 0 &&
        o.discountCodes.length === 0 &&
        o.campaignId &&
        o.journey?.lastVisit.utm?.campaign &&
        o.journey.firstVisit === o.journey.lastVisit,
    )!;
    const order = rt.newOrder(template, 9_100_000_002, day);
    const id = `gid://shopify/Order/${order.legacyId}`;
    const payload = orderWebhookPayload(order);
    expect(payload.landing_site).toContain('utm_campaign=');

    const res = await sandbox.sendWebhook(`${rt.runtime.url}/webhooks/shopify`, 'orders/create', payload);
    expect(res.status).toBe(200);
    const attributedTo = async () =>
      deps.warehouse.query<{ campaign_id: string | null; touchpoint_id: string | null }>(
        ctx,
        'SELECT campaign_id, touchpoint_id FROM {{attributions}} WHERE order_id = @id',
        { id },
      );
    await expect.poll(async () => (await attributedTo()).length, { timeout: 15_000, interval: 100 }).toBe(1);
    // Credited from the webhook's own touch, to the campaign the landing page names.
    expect(await attributedTo()).toEqual([
      { campaign_id: template.campaignId, touchpoint_id: `${id}:first_visit` },
    ]);
    const touches = async () =>
      deps.warehouse.query<{ touchpoint_id: string; occurred_at: unknown }>(
        ctx,
        'SELECT touchpoint_id, occurred_at FROM {{touchpoints}} WHERE order_id = @id',
        { id },
      );
    expect((await touches()).map((t) => t.touchpoint_id)).toEqual([`${id}:first_visit`]);

    // The hourly sync reads the same order with Shopify's journey: the touch is replaced, not added.
    const lastSync = async () =>
      (await deps.store.integrations.getPlatform(ctx, 'demo-brand', 'shopify'))?.lastSyncAt;
    const before = await lastSync();
    await requestSync(deps, ctx, 'demo-brand', 'shopify', 'incremental', 'after-the-webhook');
    await expect.poll(lastSync, { timeout: 60_000, interval: 200 }).not.toBe(before);
    const after = await touches();
    expect(after.map((t) => t.touchpoint_id)).toEqual([`${id}:first_visit`]);
    // Now at the visit's own time, which only the journey knows (the webhook used the order's).
    const at = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).getTime();
    expect(Math.abs(at(after[0]!.occurred_at) - at(order.journey!.lastVisit.occurredAt))).toBeLessThan(1_000);
    expect(at(order.createdAt) - at(order.journey!.lastVisit.occurredAt)).toBeGreaterThan(60_000);
  }, 120_000);
});
