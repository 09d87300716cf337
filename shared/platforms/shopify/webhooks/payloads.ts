import { z } from 'zod';
import type { Order, OrderRefund, OrderVisit, Product } from '../../../domain/entities';
import { parseDecimalToMinor } from '../../../domain/money';
import { utmOf } from '../../order-rows';

/**
 * Webhook payloads are REST-shaped (snake_case, numeric legacy ids next to
 * `admin_graphql_api_id`, decimal strings). They are parsed here and mapped straight into the
 * domain `Order`, which `../../order-rows.ts` turns into rows as it does for synced orders.
 * An order payload has no customer journey, but it has the visit that led to the order:
 * `landing_site` ("The URL for the page where the buyer landed when they entered the shop") and
 * `referring_site` ("The website where the customer clicked a link to the shop") — REST Order,
 * https://shopify.dev/docs/api/admin-rest/latest/resources/order. That visit becomes the order's
 * one known visit, so the order is attributed on arrival; the next sync replaces it with Shopify's
 * journey under the same touch key (decision 1015).
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const legacyId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const gidOf = (type: string, id: string | number) => `gid://shopify/${type}/${id}`;

const refundPayload = z.object({
  id: legacyId,
  admin_graphql_api_id: z.string().optional(),
  order_id: legacyId,
  created_at: z.string(),
  refund_line_items: z.array(
    z.object({
      line_item_id: legacyId,
      quantity: z.number().int(),
      subtotal: decimal,
      line_item: z.object({ variant_id: legacyId.nullable().optional() }).optional(),
    }),
  ),
  transactions: z.array(z.object({ kind: z.string(), status: z.string().optional(), amount: decimal })),
});
export const refundPayloadSchema = refundPayload;
export type RefundPayload = z.infer<typeof refundPayload>;

export const orderPayloadSchema = z.object({
  id: legacyId,
  admin_graphql_api_id: z.string(),
  name: z.string(),
  email: z.string().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullable(),
  currency: z.string(),
  presentment_currency: z.string().optional(),
  financial_status: z.string().nullable(),
  fulfillment_status: z.string().nullable(),
  source_name: z.string().nullable().optional(),
  landing_site: z.string().nullish(),
  referring_site: z.string().nullish(),
  subtotal_price: decimal,
  total_discounts: decimal,
  total_tax: decimal,
  total_price: decimal,
  total_shipping_price_set: z.object({ shop_money: z.object({ amount: decimal }) }),
  discount_codes: z.array(z.object({ code: z.string() })),
  customer: z
    .object({
      id: legacyId,
      first_name: z.string().nullable().optional(),
      last_name: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  shipping_address: z
    .object({
      city: z.string().nullable().optional(),
      province_code: z.string().nullable(),
      province: z.string().nullish(),
      country_code: z.string().nullable(),
      address1: z.string().nullish(),
      address2: z.string().nullish(),
      zip: z.string().nullish(),
    })
    .nullable()
    .optional(),
  line_items: z.array(
    z.object({
      id: legacyId,
      variant_id: legacyId.nullable(),
      product_id: legacyId.nullable(),
      sku: z.string().nullable(),
      title: z.string(),
      quantity: z.number().int(),
      price: decimal,
      total_discount: decimal,
    }),
  ),
  refunds: z.array(refundPayload).default([]),
});
export type OrderPayload = z.infer<typeof orderPayloadSchema>;

/** A refund payload as a domain refund: the refunded amount is its successful refund transactions. */
export function refundFromPayload(r: RefundPayload, shopCurrency: string): OrderRefund {
  const minor = (amount: string) => parseDecimalToMinor(amount, shopCurrency);
  return {
    id: r.admin_graphql_api_id ?? gidOf('Refund', r.id),
    createdAt: r.created_at,
    totalMinor: r.transactions
      .filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')
      .reduce((s, t) => s + minor(t.amount), 0),
    // Each refunded line's variant comes from the refund payload itself (the order may not be stored yet).
    lines: r.refund_line_items.map((rl) => ({
      lineId: gidOf('LineItem', rl.line_item_id),
      variantId: rl.line_item?.variant_id ? gidOf('ProductVariant', rl.line_item.variant_id) : null,
      quantity: rl.quantity,
      amountMinor: minor(rl.subtotal),
    })),
  };
}

/**
 * The visit an order payload names, as the journey's one visit: first and last, so it becomes the
 * same single `first_visit` touch a one-visit journey gives when synced. The payload has no visit
 * time; the order's creation stands in for it (the visit led to the order, within the session).
 */
function landingVisit(o: OrderPayload): OrderVisit | null {
  const landingPage = o.landing_site?.trim() || null;
  const referrer = o.referring_site?.trim() || null;
  if (!landingPage && !referrer) return null;
  return {
    id: `${o.admin_graphql_api_id}#landing_site`,
    occurredAt: o.created_at,
    landingPage,
    referrer,
    utm: utmOf(landingPage),
  };
}

/** An orders/create|updated payload as a domain order, its landing visit as its journey. */
export function orderFromPayload(o: OrderPayload): Order {
  const cur = o.currency;
  const minor = (amount: string) => parseDecimalToMinor(amount, cur);
  const name = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ');
  const visit = landingVisit(o);
  return {
    id: o.admin_graphql_api_id,
    number: o.name,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    cancelledAt: o.cancelled_at,
    email: o.email ?? null,
    customer: o.customer ? { id: gidOf('Customer', o.customer.id), name: name || null } : null,
    currency: cur,
    presentmentCurrency: o.presentment_currency ?? cur,
    subtotalMinor: minor(o.subtotal_price),
    discountMinor: minor(o.total_discounts),
    shippingMinor: minor(o.total_shipping_price_set.shop_money.amount),
    taxMinor: minor(o.total_tax),
    totalMinor: minor(o.total_price),
    financialStatus: o.financial_status?.toLowerCase() ?? null,
    fulfillmentStatus: (o.fulfillment_status ?? 'unfulfilled').toLowerCase(),
    sourceName: o.source_name ?? null,
    discountCodes: o.discount_codes.map((d) => d.code),
    shippingAddress: o.shipping_address
      ? {
          country: o.shipping_address.country_code,
          province: o.shipping_address.province_code,
          provinceName: o.shipping_address.province ?? null,
          city: o.shipping_address.city ?? null,
          address1: o.shipping_address.address1 ?? null,
          address2: o.shipping_address.address2 ?? null,
          postcode: o.shipping_address.zip ?? null,
        }
      : null,
    firstVisit: visit,
    lastVisit: visit,
    lines: o.line_items.map((l) => ({
      id: gidOf('LineItem', l.id),
      title: l.title,
      sku: l.sku,
      quantity: l.quantity,
      variantId: l.variant_id && l.product_id ? gidOf('ProductVariant', l.variant_id) : null,
      productId: l.variant_id && l.product_id ? gidOf('Product', l.product_id) : null,
      unitPriceMinor: minor(l.price),
      discountMinor: minor(l.total_discount),
    })),
    refunds: o.refunds.map((r) => refundFromPayload(r, cur)),
  };
}

export const productPayloadSchema = z.object({
  admin_graphql_api_id: z.string(),
  title: z.string(),
  status: z.enum(['active', 'draft', 'archived']),
  updated_at: z.string(),
  variants: z.array(
    z.object({
      admin_graphql_api_id: z.string(),
      title: z.string(),
      sku: z.string().nullable(),
      price: decimal,
      inventory_item_id: legacyId,
      updated_at: z.string(),
    }),
  ),
});

/** Products from a products/update payload; unit cost is not in it, so the caller keeps the stored one. */
export function productsFromPayload(
  p: z.infer<typeof productPayloadSchema>,
  shopCurrency: string,
): Product[] {
  return p.variants.map((v) => ({
    id: v.admin_graphql_api_id,
    productId: p.admin_graphql_api_id,
    title: p.title,
    variantTitle: v.title,
    ...(v.sku ? { sku: v.sku } : {}),
    priceMinor: parseDecimalToMinor(v.price, shopCurrency),
    currency: shopCurrency,
    status: p.status,
    inventoryItemId: gidOf('InventoryItem', v.inventory_item_id),
    updatedAt: new Date(Math.max(Date.parse(v.updated_at), Date.parse(p.updated_at))).toISOString(),
  }));
}

export const inventoryLevelPayloadSchema = z.object({
  inventory_item_id: legacyId,
  location_id: legacyId,
  available: z.number().int().nullable(),
  updated_at: z.string(),
});

// https://shopify.dev/docs/apps/build/privacy-law-compliance#customers-redact: customer {id, email, phone}.
export const customerRef = z.object({
  id: legacyId,
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});
export const customersDataRequestSchema = z.object({
  shop_domain: z.string(),
  customer: customerRef,
  orders_requested: z.array(legacyId).default([]),
  data_request: z.object({ id: legacyId }).optional(),
});
export const customersRedactSchema = z.object({
  shop_domain: z.string(),
  customer: customerRef,
  orders_to_redact: z.array(legacyId).default([]),
});

export const customerGidOf = (id: string) => gidOf('Customer', id);
export const orderGidOf = (id: string) => gidOf('Order', id);
export const inventoryLevelIdOf = (itemId: string, locationId: string) =>
  `${gidOf('InventoryItem', itemId)}@${gidOf('Location', locationId)}`;

export const shopRedactSchema = z.object({ shop_domain: z.string() });

/**
 * The payload each topic must carry, checked by the receiver before the webhook is handed on
 * (a malformed one is acknowledged and recorded as rejected, not redelivered) and again by the
 * topic handler. Topics whose body we do not read (app/uninstalled, bulk_operations/finish) and
 * topics we do not handle are not checked. Shapes: https://shopify.dev/docs/api/webhooks
 * (REST payloads of each topic).
 */
export const WEBHOOK_PAYLOAD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'orders/create': orderPayloadSchema,
  'orders/updated': orderPayloadSchema,
  'orders/cancelled': orderPayloadSchema,
  'refunds/create': refundPayloadSchema,
  'products/update': productPayloadSchema,
  'inventory_levels/update': inventoryLevelPayloadSchema,
  'customers/data_request': customersDataRequestSchema,
  'customers/redact': customersRedactSchema,
  'shop/redact': shopRedactSchema,
};

/** Why a topic's payload is malformed (every problem, `path: message`), or undefined when it is fine. */
export function webhookPayloadProblems(topic: string, payload: unknown): string | undefined {
  const schema = WEBHOOK_PAYLOAD_SCHEMAS[topic];
  if (!schema) return undefined;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
