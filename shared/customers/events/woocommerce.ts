import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CollectEvent } from '../../domain/customers/events';
import { parseDecimalToMinor } from '../../domain/money';
import { brandIdSchema, systemContext, tenantIdSchema } from '../../domain/tenancy';
import type { Logger } from '../../kernel/logging/logger';
import type { OperationalStore } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import type { EventIngestion } from './ingest';

/**
 * WooCommerce webhooks (POST /collect/woocommerce/{tenant}/{brand}) as events. Format from the
 * WooCommerce REST API docs, https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks:
 * headers X-WC-Webhook-Topic (`order.created`, `customer.updated`, …), X-WC-Webhook-Signature
 * (base64 HMAC-SHA256 of the raw body with the webhook's secret); the body is the resource exactly
 * as the REST API returns it (#order-properties, #customer-properties). Creating a webhook sends
 * an unsigned `webhook_id=<id>` form body first (a ping), which is acknowledged and dropped.
 */
export const WOOCOMMERCE_TOPICS = [
  'order.created',
  'order.updated',
  'customer.created',
  'customer.updated',
] as const;

export function woocommerceSecretName(brandId: string): string {
  return `brands/${brandId}/woocommerce-webhook-secret`;
}

export function verifyWooCommerceSignature(secret: string, raw: Uint8Array, header: string | null): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const address = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address_1: z.string().nullish(),
    city: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .passthrough();
/** `_gmt` dates come without an offset ("2017-03-22T16:28:02"): they are UTC by definition. */
const gmt = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'a WooCommerce _gmt date-time');
export const wooOrderSchema = z
  .object({
    id: z.number().int(),
    status: z.string(),
    currency: z.string().length(3),
    date_created_gmt: gmt,
    date_modified_gmt: gmt,
    total: z.string(),
    customer_id: z.number().int(),
    billing: address,
    shipping: address.nullish(),
    line_items: z.array(
      z
        .object({ product_id: z.number().int(), variation_id: z.number().int(), quantity: z.number().int() })
        .passthrough(),
    ),
  })
  .passthrough();
export const wooCustomerSchema = z
  .object({
    id: z.number().int(),
    date_created_gmt: gmt,
    date_modified_gmt: gmt.nullish(),
    email: z.string(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    billing: address.nullish(),
  })
  .passthrough();

const utc = (d: string) => `${d}Z`;
const person = (a: z.infer<typeof address> | null | undefined) =>
  a
    ? {
        first_name: a.first_name || null,
        last_name: a.last_name || null,
        address1: a.address_1 || null,
        city: a.city || null,
        postcode: a.postcode || null,
        country: a.country || null,
      }
    : null;
const contact = (a: z.infer<typeof address> | null | undefined) => [
  ...(a?.email ? [{ kind: 'email' as const, value: a.email }] : []),
  ...(a?.phone ? [{ kind: 'phone' as const, value: a.phone }] : []),
];

/** One webhook delivery as an event; the id is stable per resource version, so redeliveries dedupe. */
export function wooCommerceEvent(topic: string, payload: unknown): CollectEvent | undefined {
  if (topic === 'order.created' || topic === 'order.updated') {
    const o = wooOrderSchema.parse(payload);
    const created = topic === 'order.created';
    return {
      id: `woocommerce:order:${o.id}:${created ? 'created' : o.date_modified_gmt}`,
      type: created ? 'order_placed' : 'custom:order_updated',
      occurredAt: utc(created ? o.date_created_gmt : o.date_modified_gmt),
      identifiers: [
        ...contact(o.billing),
        ...(o.customer_id > 0
          ? [{ kind: 'woocommerce_customer_id' as const, value: String(o.customer_id) }]
          : []),
      ],
      person: person(o.billing),
      value: { amountMinor: parseDecimalToMinor(o.total, o.currency), currency: o.currency.toUpperCase() },
      data: { order_id: `woocommerce:${o.id}`, status: o.status },
      properties: {
        order_id: `woocommerce:${o.id}`,
        status: o.status,
        lines: o.line_items.map((l) => ({
          product_id: l.product_id,
          variation_id: l.variation_id,
          quantity: l.quantity,
        })),
      },
    };
  }
  if (topic === 'customer.created' || topic === 'customer.updated') {
    const c = wooCustomerSchema.parse(payload);
    const at =
      topic === 'customer.created' ? c.date_created_gmt : (c.date_modified_gmt ?? c.date_created_gmt);
    return {
      id: `woocommerce:customer:${c.id}:${at}`,
      type: 'customer_updated',
      occurredAt: utc(at),
      identifiers: [
        { kind: 'email', value: c.email },
        ...contact(c.billing).filter((i) => i.kind === 'phone'),
        { kind: 'woocommerce_customer_id', value: String(c.id) },
      ],
      person: { ...person(c.billing), first_name: c.first_name || null, last_name: c.last_name || null },
      data: { customer_id: String(c.id) },
      properties: { topic },
    };
  }
  return undefined;
}

export interface WooCommerceReceiverDeps {
  store: Pick<OperationalStore, 'brands'>;
  secrets: Pick<SecretStore, 'get'>;
  ingestion: Pick<EventIngestion, 'ingest'>;
  logger: Logger;
}

const json = (body: unknown, status: number) => Response.json(body, { status });
const fail = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

export function createWooCommerceReceiver(deps: WooCommerceReceiverDeps) {
  return async function receiveWooCommerceWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'POST only');
    const [tenantId, brandId] = new URL(request.url).pathname.split('/').slice(-2);
    const raw = new Uint8Array(await request.arrayBuffer());
    if (raw.byteLength > 5 * 1024 * 1024) return fail(413, 'payload_too_large', 'webhook body too large');
    const text = new TextDecoder().decode(raw);
    if (/^webhook_id=\d+$/.test(text.trim())) return json({ status: 'ping' }, 200);
    if (!tenantIdSchema.safeParse(tenantId).success || !brandIdSchema.safeParse(brandId).success)
      return fail(401, 'unauthenticated', 'webhook signature does not match');
    const ctx = systemContext(tenantId!, 'woocommerce-webhooks');
    const secret = await deps.secrets.get(ctx, woocommerceSecretName(brandId!));
    if (!secret || !verifyWooCommerceSignature(secret, raw, request.headers.get('x-wc-webhook-signature')))
      return fail(401, 'unauthenticated', 'webhook signature does not match');
    const brand = await deps.store.brands.get(ctx, brandId!);
    if (!brand) return json({ status: 'ignored' }, 200);
    const topic = request.headers.get('x-wc-webhook-topic') ?? '';
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return fail(400, 'invalid_request', 'webhook body is not JSON');
    }
    let event: CollectEvent | undefined;
    try {
      event = wooCommerceEvent(topic, payload);
    } catch (err) {
      return fail(
        400,
        'invalid_request',
        `${topic} payload: ${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err)}`,
      );
    }
    if (!event) {
      deps.logger.info('woocommerce topic not collected', { topic, brand: brandId });
      return json({ status: 'ignored', topic }, 200);
    }
    const result = await deps.ingestion.ingest(
      { ctx, brandId: brand.id, timeZone: brand.timezone },
      [event],
      'woocommerce',
    );
    if (result.rejected.length) return fail(400, 'invalid_request', result.rejected[0]!.message);
    return json({ status: result.accepted[0]!.status, id: event.id }, 200);
  };
}
