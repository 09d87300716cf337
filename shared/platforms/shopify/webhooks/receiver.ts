import { createHash } from 'node:crypto';
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
 *
 * The HMAC covers the body only, so a signed body can be replayed with other headers:
 * - a body that names its shop (`shop_domain`: the compliance topics) must name the header's shop,
 *   or a shop/redact captured from any shop with our app (an attacker's dev store) would erase
 *   another merchant's data;
 * - `X-Shopify-Triggered-At` must fall in Shopify's retry window (8 attempts over 4 hours,
 *   shopify.dev/changelog/updates-to-webhook-retry-mechanism; retries keep the original stamp);
 * - the same topic and body under a new webhook id is a replay: a digest receipt, kept longer than
 *   the window, catches it (docs/decisions/815).
 */
const RECEIPT_TTL_MS = 7 * 86_400_000;
/** Oldest accepted trigger time: Shopify's 4-hour retry schedule plus an hour of slack. */
export const WEBHOOK_MAX_AGE_MS = 5 * 3_600_000;
/** How far ahead of our clock a trigger time may be (clock skew). */
export const WEBHOOK_MAX_SKEW_MS = 5 * 60_000;
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
    const triggeredAt = Date.parse(request.headers.get('x-shopify-triggered-at') ?? '');
    if (!topic || !shop || !webhookId || Number.isNaN(triggeredAt))
      return json(
        errorBody(
          'invalid_request',
          'missing X-Shopify-Topic, -Shop-Domain, -Webhook-Id or -Triggered-At (ISO 8601)',
        ),
        400,
      );
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return json(errorBody('invalid_request', 'webhook body is not JSON'), 400);
    }
    const named = (payload as { shop_domain?: unknown } | null)?.shop_domain;
    if (named !== undefined && (typeof named !== 'string' || named.toLowerCase() !== shop.toLowerCase())) {
      deps.logger.warn('shopify webhook body names another shop', { shop, topic });
      return json(
        errorBody('invalid_request', 'shop_domain in the body does not match X-Shopify-Shop-Domain'),
        400,
      );
    }
    const now = deps.clock.now();
    const age = now.getTime() - triggeredAt;
    if (age > WEBHOOK_MAX_AGE_MS || age < -WEBHOOK_MAX_SKEW_MS) {
      // Acknowledged, so Shopify stops; a genuine one this old is superseded by later events or the next sync.
      deps.logger.warn('shopify webhook outside its time window ignored', {
        shop,
        topic,
        webhookId,
        ageMs: age,
      });
      return json({ status: 'stale' }, 200);
    }
    const owner = await deps.directory.resolveShop(shop);
    if (!owner) {
      // A signed delivery for a shop we do not know (deleted brand): acknowledge so Shopify stops.
      deps.logger.warn('shopify webhook for unknown shop', { shop, topic });
      return json({ status: 'ignored' }, 200);
    }
    const ctx = systemContext(owner.tenantId, 'shopify-webhooks');
    const expiresAt = new Date(now.getTime() + RECEIPT_TTL_MS).toISOString();
    const receipt = { topic, receivedAt: now.toISOString(), expiresAt };
    if (!(await deps.store.webhookReceipts.claim(ctx, { id: webhookId, ...receipt })))
      return json({ status: 'duplicate' }, 200);
    const digest = createHash('sha256').update(`${topic}\n`).update(raw).digest('hex');
    if (!(await deps.store.webhookReceipts.claim(ctx, { id: `body:${digest}`, ...receipt }))) {
      deps.logger.warn('shopify webhook body replayed under a new id', { shop, topic, webhookId });
      return json({ status: 'duplicate' }, 200);
    }
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
