import type { InventoryLevel, Order, OrderRefund, OrderVisit, Product } from '../../domain/entities';
import { parseDecimalToMinor } from '../../domain/money';
import { type LocalDate, parseInstant } from '../../domain/time';
import type { TenantRow } from '../../ports/warehouse-tables';
import type {
  CustomerVisit,
  MoneyBag,
  ShopifyInventoryLevel,
  ShopifyOrder,
  ShopifyProduct,
  ShopifyRefund,
} from './schemas';

/**
 * Shopify shapes → Pulsepoint values. Pure. Amounts are the shop currency (`shopMoney`); the order
 * keeps its presentment currency code. Orders become the domain `Order` here, at the connector's
 * edge; `../order-rows.ts` turns that into warehouse rows.
 */
const shop = (bag: MoneyBag) => parseDecimalToMinor(bag.shopMoney.amount, bag.shopMoney.currencyCode);
const iso = (value: string) => parseInstant(value).toISOString();

const visit = (v: CustomerVisit | null): OrderVisit | null =>
  v
    ? {
        id: v.id,
        occurredAt: v.occurredAt,
        landingPage: v.landingPage,
        referrer: v.referrerUrl,
        utm: v.utmParameters,
      }
    : null;

export function refundFromShopify(
  r: ShopifyRefund,
  variantOfLine: ReadonlyMap<string, string | null>,
): OrderRefund {
  return {
    id: r.id,
    createdAt: r.createdAt,
    totalMinor: shop(r.totalRefundedSet),
    lines: r.refundLineItems.nodes.map((rl) => ({
      lineId: rl.lineItem.id,
      variantId: variantOfLine.get(rl.lineItem.id) ?? null,
      quantity: rl.quantity,
      amountMinor: shop(rl.subtotalSet),
    })),
  };
}

export function orderFromShopify(order: ShopifyOrder): Order {
  const variantOfLine = new Map(order.lineItems.nodes.map((l) => [l.id, l.variant?.id ?? null]));
  const name = [order.customer?.firstName, order.customer?.lastName].filter(Boolean).join(' ');
  const journey = order.customerJourneySummary;
  return {
    id: order.id,
    number: order.name,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    email: order.email,
    customer: order.customer ? { id: order.customer.id, name: name || null } : null,
    billingName: order.billingAddress?.name ?? null,
    currency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    subtotalMinor: shop(order.subtotalPriceSet),
    discountMinor: shop(order.totalDiscountsSet),
    shippingMinor: shop(order.totalShippingPriceSet),
    taxMinor: shop(order.totalTaxSet),
    totalMinor: shop(order.totalPriceSet),
    financialStatus: order.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillmentStatus: order.displayFulfillmentStatus.toLowerCase(),
    sourceName: order.sourceName,
    discountCodes: order.discountCodes,
    shippingAddress: order.shippingAddress
      ? {
          country: order.shippingAddress.countryCodeV2 ?? order.shippingAddress.countryCode ?? null,
          province: order.shippingAddress.provinceCode,
          provinceName: order.shippingAddress.province ?? null,
          city: order.shippingAddress.city,
          address1: order.shippingAddress.address1 ?? null,
          address2: order.shippingAddress.address2 ?? null,
          postcode: order.shippingAddress.zip ?? null,
        }
      : null,
    firstVisit: visit(journey?.firstVisit ?? null),
    lastVisit: visit(journey?.lastVisit ?? null),
    lines: order.lineItems.nodes.map((l) => ({
      id: l.id,
      title: l.title,
      sku: l.sku,
      quantity: l.quantity,
      variantId: l.variant?.id ?? null,
      productId: l.variant?.product?.id ?? null,
      unitPriceMinor: shop(l.originalUnitPriceSet),
      discountMinor: shop(l.totalDiscountSet),
    })),
    refunds: order.refunds.map((r) => refundFromShopify(r, variantOfLine)),
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

export function inventorySnapshotRow(
  brandId: string,
  date: LocalDate,
  level: InventoryLevel,
): TenantRow<'inventory_snapshots'> {
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
