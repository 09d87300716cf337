import { systemContext } from '../../../domain/tenancy';
import type { Config } from '../../../kernel/config';
import { errorBody } from '../../../kernel/error-body';
import type { Logger } from '../../../kernel/logging/logger';
import type { Clock } from '../../../ports/clock';
import type { EventBus } from '../../../ports/events';
import type { OperationalStore, SystemDirectory } from '../../../ports/operational-store';
import { verifyWebhookHmac } from '../hmac';

/**
 * `shopify-webhooks` (POST /webhooks/shopify): verify, dedupe, hand over, answer. The HMAC is
 * checked over the raw bytes before anything is parsed or stored; the work itself happens in
 * `apply-shopify-webhook` off the bus, so Shopify gets its 200 well inside its 5-second limit.
 * Receipts are claimed before publishing: a redelivery of a claimed id is acknowledged and dropped.
 */
const RECEIPT_TTL_MS = 7 * 86_400_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function createShopifyWebhookReceiver(deps: {
  config: Config;
  directory: SystemDirectory;
  store: OperationalStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
}) {
  return async function receiveShopifyWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return json(errorBody('method_not_allowed', 'POST only'), 405);
    const raw = new Uint8Array(await request.arrayBuffer());
    if (raw.byteLength > MAX_BODY_BYTES)
      return json(errorBody('payload_too_large', 'webhook body too large'), 413);
    if (!verifyWebhookHmac(deps.config.SHOPIFY_API_SECRET, raw, request.headers.get('x-shopify-hmac-sha256')))
      return json(errorBody('unauthenticated', 'webhook signature does not match'), 401);
    const topic = request.headers.get('x-shopify-topic');
    const shop = request.headers.get('x-shopify-shop-domain');
    const webhookId = request.headers.get('x-shopify-webhook-id');
    if (!topic || !shop || !webhookId)
      return json(errorBody('invalid_request', 'missing X-Shopify-Topic, -Shop-Domain or -Webhook-Id'), 400);
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return json(errorBody('invalid_request', 'webhook body is not JSON'), 400);
    }
    const owner = await deps.directory.resolveShop(shop);
    if (!owner) {
      // A signed delivery for a shop we do not know (deleted brand): acknowledge so Shopify stops.
      deps.logger.warn('shopify webhook for unknown shop', { shop, topic });
      return json({ status: 'ignored' }, 200);
    }
    const ctx = systemContext(owner.tenantId, 'shopify-webhooks');
    const now = deps.clock.now();
    const claimed = await deps.store.webhookReceipts.claim(ctx, {
      id: webhookId,
      topic,
      receivedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RECEIPT_TTL_MS).toISOString(),
    });
    if (!claimed) return json({ status: 'duplicate' }, 200);
    await deps.bus.publish('shopify.webhook', {
      tenantId: owner.tenantId,
      brandId: owner.brandId,
      idempotencyKey: `shopify.webhook:${webhookId}`,
      topic,
      webhookId,
      payload,
    });
    return json({ status: 'accepted' }, 200);
  };
}
