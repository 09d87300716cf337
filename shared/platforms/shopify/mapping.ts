import type { InventoryLevel, Product } from '../../domain/entities';
import { parseDecimalToMinor } from '../../domain/money';
import { type LocalDate, parseInstant, toLocalDate } from '../../domain/time';
import type { WarehouseRow } from '../../ports/warehouse';
import type {
  CustomerVisit,
  MoneyBag,
  ShopifyInventoryLevel,
  ShopifyOrder,
  ShopifyProduct,
  ShopifyRefund,
} from './schemas';

/**
 * Shopify shapes → Pulsepoint rows and entities. Pure: the brand's timezone comes in as a value.
 * Amounts are the shop currency (`shopMoney`); the order keeps its presentment currency code.
 * `total_minor` is the order's original total (`totalPriceSet`): refunds are rows of their own on
 * the refund's local day, so subtracting them here too would count them twice.
 */
export interface OrderRows {
  order: WarehouseRow;
  lines: WarehouseRow[];
  refunds: WarehouseRow[];
  touchpoints: WarehouseRow[];
}

const shop = (bag: MoneyBag) => parseDecimalToMinor(bag.shopMoney.amount, bag.shopMoney.currencyCode);
const iso = (value: string) => parseInstant(value).toISOString();
const day = (value: string, timeZone: string): LocalDate => toLocalDate(parseInstant(value), timeZone);

export const CLICK_ID_PARAMS = ['fbclid', 'ttclid', 'gclid'] as const;

/** The click id a landing page URL carries (Meta fbclid, TikTok ttclid, Google gclid), if any. */
export function clickIdOf(landingPage: string | null): { id: string; type: string } | undefined {
  if (!landingPage) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(landingPage, 'https://shop.invalid').searchParams;
  } catch {
    return undefined;
  }
  for (const type of CLICK_ID_PARAMS) {
    const id = params.get(type);
    if (id) return { id, type };
  }
  return undefined;
}

function touchpoint(
  brandId: string,
  order: ShopifyOrder,
  visit: CustomerVisit,
  kind: 'first_visit' | 'last_visit',
  timeZone: string,
): WarehouseRow {
  const click = clickIdOf(visit.landingPage);
  const utm = visit.utmParameters;
  return {
    brand_id: brandId,
    touchpoint_id: `${order.id}:${kind}`,
    customer_id: order.customer?.id ?? null,
    order_id: order.id,
    date: day(visit.occurredAt, timeZone),
    occurred_at: iso(visit.occurredAt),
    kind,
    utm_source: utm?.source ?? null,
    utm_medium: utm?.medium ?? null,
    utm_campaign: utm?.campaign ?? null,
    utm_content: utm?.content ?? null,
    utm_term: utm?.term ?? null,
    landing_page: visit.landingPage,
    referrer: visit.referrerUrl,
    click_id: click?.id ?? null,
    click_id_type: click?.type ?? null,
  };
}

/**
 * One row per refunded line plus, when the refund covers more than its lines (shipping, tax,
 * manual amounts), one row with the rest: the rows always sum to totalRefundedSet.
 */
export function refundRows(
  brandId: string,
  orderId: string,
  r: ShopifyRefund,
  variantOfLine: ReadonlyMap<string, string | null>,
  currency: string,
  timeZone: string,
): WarehouseRow[] {
  const base = {
    brand_id: brandId,
    refund_id: r.id,
    order_id: orderId,
    date: day(r.createdAt, timeZone),
    created_at: iso(r.createdAt),
    currency,
  };
  const rows: WarehouseRow[] = r.refundLineItems.nodes.map((rl) => ({
    ...base,
    variant_id: variantOfLine.get(rl.lineItem.id) ?? null,
    quantity: rl.quantity,
    amount_minor: shop(rl.subtotalSet),
    kind: 'line',
  }));
  const rest = shop(r.totalRefundedSet) - rows.reduce((s, row) => s + Number(row.amount_minor), 0);
  if (rest !== 0 || rows.length === 0)
    rows.push({ ...base, variant_id: null, quantity: 0, amount_minor: rest, kind: 'other' });
  return rows;
}

export function orderRows(brandId: string, order: ShopifyOrder, timeZone: string): OrderRows {
  const date = day(order.createdAt, timeZone);
  const currency = order.currencyCode;
  const variantOfLine = new Map(order.lineItems.nodes.map((l) => [l.id, l.variant?.id ?? null]));
  const name = [order.customer?.firstName, order.customer?.lastName].filter(Boolean).join(' ');
  const journey = order.customerJourneySummary;
  const last = journey?.lastVisit;
  const lines = order.lineItems.nodes.map((l) => {
    const price = shop(l.originalUnitPriceSet);
    const discount = shop(l.totalDiscountSet);
    return {
      brand_id: brandId,
      order_id: order.id,
      line_id: l.id,
      date,
      variant_id: l.variant?.id ?? null,
      product_id: l.variant?.product.id ?? null,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      price_minor: price,
      discount_minor: discount,
      total_minor: price * l.quantity - discount,
      unit_cost_minor: null,
      currency,
    };
  });
  const refunds = order.refunds.flatMap((r) =>
    refundRows(brandId, order.id, r, variantOfLine, currency, timeZone),
  );
  const touchpoints: WarehouseRow[] = [];
  if (journey?.firstVisit)
    touchpoints.push(touchpoint(brandId, order, journey.firstVisit, 'first_visit', timeZone));
  if (last && last.id !== journey?.firstVisit?.id)
    touchpoints.push(touchpoint(brandId, order, last, 'last_visit', timeZone));
  return {
    order: {
      brand_id: brandId,
      order_id: order.id,
      order_number: order.name,
      date,
      created_at: iso(order.createdAt),
      updated_at: iso(order.updatedAt),
      customer_id: order.customer?.id ?? null,
      email: order.email,
      customer_name: name || null,
      currency,
      presentment_currency: order.presentmentCurrencyCode,
      subtotal_minor: shop(order.subtotalPriceSet),
      discount_minor: shop(order.totalDiscountsSet),
      shipping_minor: shop(order.totalShippingPriceSet),
      tax_minor: shop(order.totalTaxSet),
      total_minor: shop(order.totalPriceSet),
      financial_status: order.displayFinancialStatus?.toLowerCase() ?? null,
      fulfillment_status: order.displayFulfillmentStatus.toLowerCase(),
      cancelled_at: order.cancelledAt ? iso(order.cancelledAt) : null,
      country: order.shippingAddress?.countryCode ?? null,
      region:
        order.shippingAddress?.countryCode && order.shippingAddress.provinceCode
          ? `${order.shippingAddress.countryCode}-${order.shippingAddress.provinceCode}`
          : null,
      city: order.shippingAddress?.city ?? null,
      discount_codes: order.discountCodes.length ? order.discountCodes.join(',') : null,
      landing_site: last?.landingPage ?? null,
      referring_site: last?.referrerUrl ?? null,
      source_name: order.sourceName,
    },
    lines,
    refunds,
    touchpoints,
  };
}

const STATUS = { ACTIVE: 'active', DRAFT: 'draft', ARCHIVED: 'archived' } as const;

/** One Product entity per variant (the store keys products by variant id). */
export function productEntities(product: ShopifyProduct, shopCurrency: string): Product[] {
  return product.variants.nodes.map((v) => ({
    id: v.id,
    productId: product.id,
    title: product.title,
    variantTitle: v.title,
    ...(v.sku ? { sku: v.sku } : {}),
    priceMinor: parseDecimalToMinor(v.price, shopCurrency),
    ...(v.inventoryItem.unitCost
      ? {
          unitCostMinor: parseDecimalToMinor(
            v.inventoryItem.unitCost.amount,
            v.inventoryItem.unitCost.currencyCode,
          ),
        }
      : {}),
    currency: shopCurrency,
    status: STATUS[product.status],
    inventoryItemId: v.inventoryItem.id,
    updatedAt: iso(Date.parse(v.updatedAt) > Date.parse(product.updatedAt) ? v.updatedAt : product.updatedAt),
  }));
}

export function inventoryEntity(
  level: ShopifyInventoryLevel,
  location: { id: string; name: string },
): InventoryLevel | undefined {
  if (!level.item.variant) return undefined;
  const q = (name: string) => level.quantities.find((x) => x.name === name)?.quantity ?? 0;
  return {
    id: `${level.item.id}@${location.id}`,
    variantId: level.item.variant.id,
    inventoryItemId: level.item.id,
    locationId: location.id,
    locationName: location.name,
    available: q('available'),
    onHand: q('on_hand'),
    committed: q('committed'),
    incoming: q('incoming'),
    updatedAt: iso(level.updatedAt),
  };
}

export function inventorySnapshotRow(brandId: string, date: LocalDate, level: InventoryLevel): WarehouseRow {
  return {
    brand_id: brandId,
    date,
    variant_id: level.variantId,
    location_id: level.locationId,
    available: level.available,
    on_hand: level.onHand,
    committed: level.committed,
    incoming: level.incoming,
  };
}
