import { z } from 'zod';
import type { Product } from '../../../domain/entities';
import { formatMinor, parseDecimalToMinor } from '../../../domain/money';
import type { ShopifyOrder, ShopifyRefund } from '../schemas';

/**
 * Webhook payloads are REST-shaped (snake_case, numeric legacy ids next to
 * `admin_graphql_api_id`, decimal strings). They are parsed here and converted into the GraphQL
 * node shapes, so one mapping (mapping.ts) turns both into rows. Webhooks carry no customer
 * journey; the next sync fills it in.
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
      country_code: z.string().nullable(),
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

/** The same amount in both halves of a MoneyBag (webhooks give presentment amounts only in *_set). */
const bag = (amount: string, shopCurrency: string, presentment: string) => ({
  shopMoney: { amount, currencyCode: shopCurrency },
  presentmentMoney: { amount, currencyCode: presentment },
});

export function refundNode(r: RefundPayload, shopCurrency: string): ShopifyRefund {
  const refunded = r.transactions
    .filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')
    .reduce((s, t) => s + parseDecimalToMinor(t.amount, shopCurrency), 0);
  return {
    id: r.admin_graphql_api_id ?? gidOf('Refund', r.id),
    createdAt: r.created_at,
    totalRefundedSet: bag(formatMinor(refunded, shopCurrency), shopCurrency, shopCurrency),
    refundLineItems: {
      nodes: r.refund_line_items.map((rl) => ({
        quantity: rl.quantity,
        lineItem: { id: gidOf('LineItem', rl.line_item_id) },
        subtotalSet: bag(rl.subtotal, shopCurrency, shopCurrency),
      })),
    },
  };
}

/** Variant of each refunded line, from the refund payload itself (orders may not be stored yet). */
export function refundVariants(r: RefundPayload): Map<string, string | null> {
  return new Map(
    r.refund_line_items.map((rl) => [
      gidOf('LineItem', rl.line_item_id),
      rl.line_item?.variant_id ? gidOf('ProductVariant', rl.line_item.variant_id) : null,
    ]),
  );
}

export function orderNodeFromPayload(o: OrderPayload): ShopifyOrder {
  const cur = o.currency;
  const pres = o.presentment_currency ?? cur;
  const money = (amount: string) => bag(amount, cur, pres);
  return {
    id: o.admin_graphql_api_id,
    name: o.name,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    cancelledAt: o.cancelled_at,
    email: o.email ?? null,
    customer: o.customer
      ? {
          id: gidOf('Customer', o.customer.id),
          firstName: o.customer.first_name ?? null,
          lastName: o.customer.last_name ?? null,
        }
      : null,
    currencyCode: cur,
    presentmentCurrencyCode: pres,
    displayFinancialStatus: o.financial_status?.toUpperCase() ?? null,
    displayFulfillmentStatus: (o.fulfillment_status ?? 'unfulfilled').toUpperCase(),
    sourceName: o.source_name ?? null,
    discountCodes: o.discount_codes.map((d) => d.code),
    subtotalPriceSet: money(o.subtotal_price),
    totalDiscountsSet: money(o.total_discounts),
    totalShippingPriceSet: money(o.total_shipping_price_set.shop_money.amount),
    totalTaxSet: money(o.total_tax),
    totalPriceSet: money(o.total_price),
    currentTotalPriceSet: money(o.total_price),
    shippingAddress: o.shipping_address
      ? {
          provinceCode: o.shipping_address.province_code,
          countryCode: o.shipping_address.country_code,
          city: o.shipping_address.city ?? null,
        }
      : null,
    customerJourneySummary: null,
    lineItems: {
      nodes: o.line_items.map((l) => ({
        id: gidOf('LineItem', l.id),
        title: l.title,
        sku: l.sku,
        quantity: l.quantity,
        variant:
          l.variant_id && l.product_id
            ? { id: gidOf('ProductVariant', l.variant_id), product: { id: gidOf('Product', l.product_id) } }
            : null,
        originalUnitPriceSet: money(l.price),
        totalDiscountSet: money(l.total_discount),
      })),
    },
    refunds: o.refunds.map((r) => refundNode(r, cur)),
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

export const customerRef = z.object({ id: legacyId, email: z.string().nullable().optional() });
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
