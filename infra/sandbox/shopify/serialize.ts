import { convertMinor, formatMinor } from '../../../shared/domain/money';
import { STORE, type Variant } from '../world';
import {
  customerGid,
  financialStatus,
  lineGid,
  orderGid,
  refundedMinor,
  refundGid,
  type SandboxInventory,
  type SandboxOrder,
  type SandboxVisit,
} from './model';

/**
 * Renders the sandbox model in Shopify's two wire formats: Admin GraphQL nodes (camelCase,
 * MoneyBag with shopMoney/presentmentMoney) and REST-shaped webhook payloads (snake_case, legacy
 * numeric ids next to `admin_graphql_api_id`, decimal strings).
 */
const SHOP_CURRENCY = STORE.currency;

function bag(minor: number, order: Pick<SandboxOrder, 'presentmentCurrency' | 'presentmentRate'>) {
  const presentment = convertMinor(
    minor,
    SHOP_CURRENCY,
    order.presentmentCurrency,
    1 / order.presentmentRate,
  );
  return {
    shopMoney: { amount: formatMinor(minor, SHOP_CURRENCY), currencyCode: SHOP_CURRENCY },
    presentmentMoney: {
      amount: formatMinor(presentment, order.presentmentCurrency),
      currencyCode: order.presentmentCurrency,
    },
  };
}

function visitNode(v: SandboxVisit) {
  return {
    id: v.id,
    occurredAt: v.occurredAt,
    landingPage: v.landingPage,
    referrerUrl: v.referrerUrl,
    source: v.source,
    utmParameters: v.utm,
  };
}

export function variantNode(v: Variant, updatedAt: string) {
  return {
    id: v.variantId,
    title: v.variantTitle,
    sku: v.sku,
    price: formatMinor(v.priceMinor, SHOP_CURRENCY),
    updatedAt,
    inventoryItem: {
      id: v.inventoryItemId,
      unitCost: { amount: formatMinor(v.unitCostMinor, SHOP_CURRENCY), currencyCode: SHOP_CURRENCY },
    },
  };
}

export function inventoryLevelNode(level: SandboxInventory) {
  return {
    id: `gid://shopify/InventoryLevel/${level.variant.inventoryItemId.split('/').pop()}?inventory_item_id=${level.locationId.split('/').pop()}`,
    updatedAt: level.updatedAt,
    item: { id: level.variant.inventoryItemId, variant: { id: level.variant.variantId } },
    quantities: [
      { name: 'available', quantity: level.available },
      { name: 'on_hand', quantity: level.available + level.committed },
      { name: 'committed', quantity: level.committed },
      { name: 'incoming', quantity: level.incoming },
    ],
  };
}

/**
 * Where the order ships and bills: the customer's home (one address for both, as a web checkout's
 * "same as shipping address" default gives). MailingAddress fields
 * (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/mailingaddress): `address1` "the
 * first line of the address, typically the street address", `address2` "apartment, suite, or
 * unit", `zip`, `city`, `province` / `provinceCode`, `countryCodeV2`, `firstName` / `lastName` /
 * `name`, `phone` (the demo's shoppers leave it empty). `countryCode` is kept beside
 * `countryCodeV2` because the connector's query still asks for it.
 */
function mailingAddress(o: SandboxOrder) {
  const { firstName, lastName, home } = o.customer;
  return {
    firstName,
    lastName,
    name: [firstName, lastName].filter(Boolean).join(' '),
    address1: home?.address1 ?? null,
    address2: null,
    city: o.shipping.city,
    province: o.shipping.province,
    provinceCode: o.shipping.provinceCode,
    countryCode: o.shipping.countryCode,
    countryCodeV2: o.shipping.countryCode,
    zip: home?.zip ?? null,
    phone: null,
  };
}

/** The order's scalar fields (bulk JSONL puts line items on their own lines). */
export function orderScalars(o: SandboxOrder) {
  return {
    id: orderGid(o.legacyId),
    name: o.name,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    cancelledAt: o.cancelledAt,
    email: o.customer.email,
    customer: {
      id: customerGid(o.customer.legacyId),
      firstName: o.customer.firstName,
      lastName: o.customer.lastName,
    },
    currencyCode: SHOP_CURRENCY,
    presentmentCurrencyCode: o.presentmentCurrency,
    displayFinancialStatus: financialStatus(o),
    displayFulfillmentStatus: o.fulfilledAt ? 'FULFILLED' : 'UNFULFILLED',
    sourceName: 'web',
    discountCodes: o.discountCodes,
    subtotalPriceSet: bag(o.subtotalMinor, o),
    totalDiscountsSet: bag(o.discountMinor, o),
    totalShippingPriceSet: bag(o.shippingMinor, o),
    totalTaxSet: bag(o.taxMinor, o),
    totalPriceSet: bag(o.totalMinor, o),
    currentTotalPriceSet: bag(o.cancelledAt ? 0 : o.totalMinor - refundedMinor(o), o),
    shippingAddress: mailingAddress(o),
    billingAddress: mailingAddress(o),
    customerJourneySummary: o.journey
      ? { firstVisit: visitNode(o.journey.firstVisit), lastVisit: visitNode(o.journey.lastVisit) }
      : null,
    refunds: o.refunds.map((r) => ({
      id: refundGid(r.legacyId),
      createdAt: r.createdAt,
      totalRefundedSet: bag(r.totalMinor, o),
    })),
  };
}

export function lineItemNodes(o: SandboxOrder) {
  return o.lines.map((l) => ({
    id: lineGid(l.legacyId),
    title: `${l.variant.productTitle} - ${l.variant.variantTitle}`,
    sku: l.variant.sku,
    quantity: l.quantity,
    variant: { id: l.variant.variantId, product: { id: l.variant.productId } },
    originalUnitPriceSet: bag(l.priceMinor, o),
    totalDiscountSet: bag(l.discountMinor, o),
  }));
}

export function refundLineNodes(o: SandboxOrder, refundIndex: number) {
  return o.refunds[refundIndex]!.lines.map((rl) => ({
    quantity: rl.quantity,
    lineItem: { id: lineGid(rl.lineLegacyId) },
    subtotalSet: bag(rl.subtotalMinor, o),
  }));
}

/** The full node a paged `orders` query returns. */
export function orderNode(o: SandboxOrder) {
  const scalars = orderScalars(o);
  return {
    ...scalars,
    lineItems: { nodes: lineItemNodes(o) },
    refunds: scalars.refunds.map((r, i) => ({ ...r, refundLineItems: { nodes: refundLineNodes(o, i) } })),
  };
}

/** JSONL lines of one order for a bulk result: the order, then its children with `__parentId`. */
export function orderJsonl(o: SandboxOrder): string {
  const id = orderGid(o.legacyId);
  const out = [JSON.stringify(orderScalars(o))];
  for (const l of lineItemNodes(o)) out.push(JSON.stringify({ ...l, __parentId: id }));
  o.refunds.forEach((r, i) => {
    for (const rl of refundLineNodes(o, i))
      out.push(JSON.stringify({ ...rl, __parentId: refundGid(r.legacyId) }));
  });
  return `${out.join('\n')}\n`;
}

const money = (minor: number) => formatMinor(minor, SHOP_CURRENCY);

function restAddress(a: ReturnType<typeof mailingAddress>) {
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: a.name,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    zip: a.zip,
    province: a.province,
    province_code: a.provinceCode,
    country_code: a.countryCode,
    phone: a.phone,
  };
}

/** The REST-shaped payload of orders/create, orders/updated and orders/cancelled. */
export function orderWebhookPayload(o: SandboxOrder) {
  const node = orderScalars(o);
  const variantOfLine = new Map(o.lines.map((l) => [l.legacyId, l.variant]));
  return {
    id: o.legacyId,
    admin_graphql_api_id: node.id,
    name: o.name,
    email: o.customer.email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt,
    currency: SHOP_CURRENCY,
    presentment_currency: o.presentmentCurrency,
    financial_status: node.displayFinancialStatus.toLowerCase(),
    fulfillment_status: o.fulfilledAt ? 'fulfilled' : null,
    source_name: 'web',
    subtotal_price: money(o.subtotalMinor),
    total_discounts: money(o.discountMinor),
    total_tax: money(o.taxMinor),
    total_price: money(o.totalMinor),
    total_shipping_price_set: {
      shop_money: { amount: money(o.shippingMinor), currency_code: SHOP_CURRENCY },
    },
    discount_codes: o.discountCodes.map((code) => ({
      code,
      amount: money(o.discountMinor),
      type: 'percentage',
    })),
    landing_site: o.journey?.lastVisit.landingPage ?? null,
    referring_site: o.journey?.lastVisit.referrerUrl ?? null,
    customer: {
      id: o.customer.legacyId,
      admin_graphql_api_id: customerGid(o.customer.legacyId),
      email: o.customer.email,
      first_name: o.customer.firstName,
      last_name: o.customer.lastName,
    },
    // The REST Order's shipping_address / billing_address: the same MailingAddress in snake_case
    // (https://shopify.dev/docs/api/admin-rest/latest/resources/order).
    shipping_address: restAddress(node.shippingAddress),
    billing_address: restAddress(node.billingAddress),
    line_items: o.lines.map((l) => ({
      id: l.legacyId,
      admin_graphql_api_id: lineGid(l.legacyId),
      variant_id: Number(l.variant.variantId.split('/').pop()),
      product_id: Number(l.variant.productId.split('/').pop()),
      sku: l.variant.sku,
      title: `${l.variant.productTitle} - ${l.variant.variantTitle}`,
      quantity: l.quantity,
      price: money(l.priceMinor),
      total_discount: money(l.discountMinor),
    })),
    refunds: o.refunds.map((r) => ({
      id: r.legacyId,
      admin_graphql_api_id: refundGid(r.legacyId),
      order_id: o.legacyId,
      created_at: r.createdAt,
      refund_line_items: r.lines.map((rl) => ({
        line_item_id: rl.lineLegacyId,
        quantity: rl.quantity,
        subtotal: money(rl.subtotalMinor),
        line_item: {
          id: rl.lineLegacyId,
          variant_id: Number(variantOfLine.get(rl.lineLegacyId)?.variantId.split('/').pop()),
        },
      })),
      transactions: [{ kind: 'refund', status: 'success', amount: money(r.totalMinor) }],
    })),
  };
}
