import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { EventIngestion } from '../../customers/events/ingest';
import { woocommerceSecretName } from '../../customers/events/woocommerce';
import { REJECTION_REASONS } from '../../domain/customers/event-record';
import { collectEventSchema, MAX_BATCH_EVENTS } from '../../domain/customers/events';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

/**
 * The generic, authenticated ingestion route (`POST /api/brands/{brandId}/events`) for a
 * merchant's own systems, and the WooCommerce webhook secret. Events follow the `CollectEvent`
 * schema; each is judged alone, so the body only checks the envelope and every event's verdict
 * comes back in `accepted` / `rejected`.
 */
// `.describe`, not `.openapi`: the domain schema is plain zod, built before zod-openapi may have
// extended zod (import order), so it is registered by reference below instead.
const collectEvent = collectEventSchema.describe(
  'One first-party event. `type` is a Shopify Web Pixels standard event (data = Shopify’s event.data), store_visit, qr_scan, message_received, message_status, pos_purchase, customer_updated, order_placed, or custom:<name>.',
);
const ingestBody = z
  .object({
    events: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH_EVENTS)
      .openapi({ description: `Up to ${MAX_BATCH_EVENTS} CollectEvent objects, each validated on its own` }),
    source: z.enum(['api', 'pos', 'messaging']).default('api'),
  })
  .openapi('EventBatch');
export const batchResult = z
  .object({
    accepted: z.array(
      z.object({ index: z.number().int(), id: z.string(), status: z.enum(['stored', 'duplicate']) }),
    ),
    rejected: z.array(
      z.object({
        index: z.number().int(),
        id: z.string().nullable(),
        reason: z.enum(Object.values(REJECTION_REASONS) as [string, ...string[]]),
        message: z.string(),
      }),
    ),
  })
  .openapi('EventBatchResult');

const routes = {
  ingest: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/events',
    summary: 'Ingest a batch of customer events (idempotent by event id)',
    request: { params: brandParams, body: jsonBody(ingestBody) },
    responses: {
      200: jsonResponse(batchResult, 'What landed and what was rejected, per event'),
      ...ERROR_RESPONSES,
    },
  }),
  wooSecret: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/woocommerce/webhook-secret',
    summary: 'Create (or replace) the secret WooCommerce signs its webhooks with; shown once',
    request: { params: brandParams },
    responses: {
      201: jsonResponse(
        z.object({ secret: z.string(), deliveryUrl: z.string() }).openapi('WooCommerceWebhookSecret'),
        'Paste both into WooCommerce › Settings › Advanced › Webhooks',
      ),
      ...ERROR_RESPONSES,
    },
  }),
};

export interface EventRoutesDeps {
  store: OperationalStore;
  secrets: SecretStore;
  ingestion: Pick<EventIngestion, 'ingest'>;
  clock: Clock;
  ids: Ids;
  publicUrl: string;
}

export function eventRoutes(deps: EventRoutesDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openAPIRegistry.register('CollectEvent', collectEvent);
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/collect',
    summary: 'Public collect endpoint for the storefront pixel (write key, store origins only)',
    security: [],
    request: {
      body: jsonBody(
        z.object({
          writeKey: z.string().openapi({ example: 'pp_wk_…' }),
          events: z.array(collectEvent).max(MAX_BATCH_EVENTS),
        }),
        'A batch; text/plain bodies holding this JSON are accepted too (no CORS preflight)',
      ),
    },
    responses: {
      200: jsonResponse(batchResult, 'At least one event landed'),
      ...ERROR_RESPONSES,
      403: ERROR_RESPONSES[403],
    },
  });

  app.openapi(routes.ingest, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const body = c.req.valid('json');
    const result = await deps.ingestion.ingest(
      { ctx, brandId: brand.id, timeZone: brand.timezone },
      body.events,
      body.source,
    );
    return c.json(result, 200);
  });

  app.openapi(routes.wooSecret, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const secret = randomBytes(32).toString('base64url');
    await deps.secrets.put(ctx, woocommerceSecretName(brand.id), secret);
    await recordAudit(deps, ctx, {
      action: 'woocommerce.webhook_secret_created',
      target: `brands/${brand.id}`,
      brandId: brand.id,
    });
    const deliveryUrl = `${deps.publicUrl.replace(/\/$/, '')}/collect/woocommerce/${ctx.tenantId}/${brand.id}`;
    return c.json({ secret, deliveryUrl }, 201);
  });

  return app;
}
