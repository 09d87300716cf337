import { describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { createApplyShopifyWebhookJob } from '../../shared/platforms/shopify/webhooks/apply';
import { createShopifyWebhookReceiver } from '../../shared/platforms/shopify/webhooks/receiver';
import { recordingBus } from '../support/shopify-testbed';
import { shopifyTestbeds } from './shopify-testbeds';

const URL_ = 'http://127.0.0.1/webhooks/shopify';
const { synced } = shopifyTestbeds();

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
});
