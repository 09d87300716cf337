import { describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { STORE } from '../../infra/sandbox/world';
import { createApplyShopifyWebhookJob } from '../../shared/platforms/shopify/webhooks/apply';
import { createShopifyWebhookReceiver } from '../../shared/platforms/shopify/webhooks/receiver';
import { recordingBus } from '../support/shopify-testbed';
import { shopifyTestbeds } from './shopify-testbeds';

const URL_ = 'http://127.0.0.1/webhooks/shopify';
const { fresh, synced } = shopifyTestbeds();

describe('POST /webhooks/shopify', () => {
  it('answers 401 to a forged signature and stores and publishes nothing', async () => {
    const b = await synced();
    const bus = recordingBus();
    const receive = createShopifyWebhookReceiver({ ...b.deps, bus });
    const order = b.sandbox.store.orders[0]!;
    const forged = b.sandbox.webhookRequest(URL_, 'orders/updated', orderWebhookPayload(order), {
      webhookId: 'w-forged',
      hmac: 'AAAA',
    });
    const res = await receive(forged);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'webhook signature does not match' },
    });
    expect(bus.published).toEqual([]);
    // The receipt was not claimed: the genuine delivery with that id still goes through.
    expect(
      await b.deps.store.webhookReceipts.claim(b.ctx, {
        id: 'w-forged',
        topic: 't',
        receivedAt: '',
        expiresAt: '',
      }),
    ).toBe(true);
  });

  it('publishes a redelivered webhook once', async () => {
    const b = await synced();
    const bus = recordingBus();
    const receive = createShopifyWebhookReceiver({ ...b.deps, bus });
    const payload = orderWebhookPayload(b.sandbox.store.orders[1]!);
    const first = await receive(
      b.sandbox.webhookRequest(URL_, 'orders/updated', payload, { webhookId: 'w-1' }),
    );
    const again = await receive(
      b.sandbox.webhookRequest(URL_, 'orders/updated', payload, { webhookId: 'w-1' }),
    );
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0]).toMatchObject({
      topic: 'shopify.webhook',
      message: { topic: 'orders/updated', webhookId: 'w-1', brandId: b.brandId },
    });
  });

  it('goes through the bus to the warehouse when wired like the runtime', async () => {
    const b = await synced();
    b.embedded.bus.subscribe(
      'shopify.webhook',
      'apply-shopify-webhook',
      createApplyShopifyWebhookJob(b.deps),
    );
    const order = b.sandbox.store.orders[2]!;
    order.cancelledAt = b.sandbox.now();
    order.updatedAt = order.cancelledAt;
    const res = await createShopifyWebhookReceiver(b.deps)(
      b.sandbox.webhookRequest(URL_, 'orders/cancelled', orderWebhookPayload(order)),
    );
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await b.orderRow(`gid://shopify/Order/${order.legacyId}`))?.cancelled_at, {
        timeout: 5_000,
      })
      .toBe(order.cancelledAt);
  });

  describe('replays and cross-shop bodies', () => {
    const HOUR = 3_600_000;

    it('answers 400 to a compliance body naming another shop than its header, and publishes nothing', async () => {
      const b = await fresh();
      const bus = recordingBus();
      const receive = createShopifyWebhookReceiver({ ...b.deps, bus });
      // Signed by Shopify for the attacker's own shop, re-addressed to the victim's in the header.
      const body = { shop_id: 1, shop_domain: 'attacker-dev.myshopify.com' };
      const res = await receive(b.sandbox.webhookRequest(URL_, 'shop/redact', body, { webhookId: 'w-x' }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
      expect(bus.published).toEqual([]);
    });

    it('ignores a signed body replayed under a new webhook id', async () => {
      const b = await fresh();
      const bus = recordingBus();
      const receive = createShopifyWebhookReceiver({ ...b.deps, bus });
      const body = { shop_id: 1, shop_domain: STORE.shopDomain };
      const first = await receive(b.sandbox.webhookRequest(URL_, 'shop/redact', body, { webhookId: 'w-a' }));
      const replay = await receive(b.sandbox.webhookRequest(URL_, 'shop/redact', body, { webhookId: 'w-b' }));
      expect(await first.json()).toEqual({ status: 'accepted' });
      expect(await replay.json()).toEqual({ status: 'duplicate' });
      expect(bus.published).toHaveLength(1);
    });

    it('ignores a delivery triggered outside the retry window, and one from the future', async () => {
      const b = await fresh();
      const bus = recordingBus();
      const receive = createShopifyWebhookReceiver({ ...b.deps, bus });
      const now = Date.parse(b.sandbox.now());
      const payload = orderWebhookPayload(b.sandbox.store.orders[0]!);
      for (const [id, at] of [
        ['w-old', now - 6 * HOUR],
        ['w-future', now + HOUR],
      ] as const) {
        const req = b.sandbox.webhookRequest(URL_, 'orders/updated', payload, {
          webhookId: id,
          triggeredAt: new Date(at).toISOString(),
        });
        const res = await receive(req);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'stale' });
      }
      // A retry inside Shopify's window (8 attempts over 4 hours) still goes through.
      const retry = b.sandbox.webhookRequest(URL_, 'orders/updated', payload, {
        webhookId: 'w-retry',
        triggeredAt: new Date(now - 4 * HOUR).toISOString(),
      });
      expect(await (await receive(retry)).json()).toEqual({ status: 'accepted' });
      expect(bus.published).toHaveLength(1);
    });

    it('answers 400 to a delivery without X-Shopify-Triggered-At', async () => {
      const b = await fresh();
      const receive = createShopifyWebhookReceiver({ ...b.deps, bus: recordingBus() });
      const req = b.sandbox.webhookRequest(URL_, 'orders/updated', {}, { triggeredAt: null });
      expect((await receive(req)).status).toBe(400);
    });
  });
});
