import { formatMinor, parseDecimalToMinor } from '../../../domain/money';
import type { FileProblems } from '../../../kernel/util/import-problems';
import type { MoneyBag, ShopifyOrder } from '../schemas';
import type { BulkLineItem, BulkMoneyBag, BulkOrder } from './bulk-schemas';

/**
 * A merchant's bulk order (only ids, dates and a total for sure) as the complete order node the
 * sync reads, so one mapping writes both. What is absent means what Shopify means by it:
 * no discounts, shipping or tax selected → 0; no `refunds` list but `totalRefundedSet` → one refund
 * of that amount on the order's last update (the closest time the file gives; see decision 823).
 */
export type LocatedItem = BulkLineItem & { line: number; problems: FileProblems; text: string };

const bag = (b: BulkMoneyBag): MoneyBag => ({
  shopMoney: b.shopMoney,
  presentmentMoney: b.presentmentMoney ?? b.shopMoney,
});
const zero = (currency: string): MoneyBag => ({
  shopMoney: { amount: '0', currencyCode: currency },
  presentmentMoney: { amount: '0', currencyCode: currency },
});
const minor = (b: MoneyBag) => parseDecimalToMinor(b.shopMoney.amount, b.shopMoney.currencyCode);
const fromMinor = (amountMinor: number, currency: string): MoneyBag => {
  const amount = formatMinor(amountMinor, currency);
  return {
    shopMoney: { amount, currencyCode: currency },
    presentmentMoney: { amount, currencyCode: currency },
  };
};

export function toShopifyOrder(
  o: BulkOrder,
  items: readonly LocatedItem[],
  fail: (at: LocatedItem, message: string) => void,
): ShopifyOrder | undefined {
  const total = bag((o.totalPriceSet ?? o.currentTotalPriceSet)!);
  const currency = total.shopMoney.currencyCode;
  const money = (b: BulkMoneyBag | null | undefined) => (b ? bag(b) : zero(currency));
  let ok = true;
  const lineItems = items.map((item, i) => {
    const unit = unitPrice(item, currency);
    if (!unit) {
      fail(item, 'the line item has no price: the query needs originalUnitPriceSet (or originalTotalSet)');
      ok = false;
    }
    return {
      id: item.id ?? `${o.id}/line/${i + 1}`,
      title: item.title ?? item.name ?? item.sku ?? '',
      sku: item.sku ?? null,
      quantity: item.quantity,
      variant: item.variant ? { id: item.variant.id, product: item.variant.product ?? null } : null,
      originalUnitPriceSet: unit ?? zero(currency),
      totalDiscountSet: money(item.totalDiscountSet),
    };
  });
  if (!ok) return undefined;
  const shipping = money(o.totalShippingPriceSet);
  const tax = money(o.totalTaxSet);
  const discounts = money(o.totalDiscountsSet);
  const linesTotal = lineItems.reduce(
    (s, l) => s + minor(l.originalUnitPriceSet) * l.quantity - minor(l.totalDiscountSet),
    0,
  );
  const subtotal = o.subtotalPriceSet
    ? bag(o.subtotalPriceSet)
    : fromMinor(lineItems.length ? linesTotal : minor(total) - minor(shipping) - minor(tax), currency);
  const updatedAt = latest([o.createdAt, o.updatedAt, o.processedAt, o.cancelledAt]);
  const refunded = o.totalRefundedSet ? minor(bag(o.totalRefundedSet)) : 0;
  const refunds = o.refunds
    ? o.refunds.map((r, i) => ({
        id: r.id ?? `${o.id}/refund/${i + 1}`,
        createdAt: r.createdAt,
        totalRefundedSet: bag(r.totalRefundedSet),
        refundLineItems: {
          nodes: (r.refundLineItems?.nodes ?? []).map((n) => ({ ...n, subtotalSet: bag(n.subtotalSet) })),
        },
      }))
    : refunded > 0
      ? [
          {
            id: `${o.id}/refund/total`,
            createdAt: updatedAt,
            totalRefundedSet: bag(o.totalRefundedSet!),
            refundLineItems: { nodes: [] },
          },
        ]
      : [];
  const address = o.shippingAddress ?? o.billingAddress;
  const country = address?.countryCodeV2 ?? address?.countryCode ?? null;
  const journey = o.customerJourneySummary;
  const visit = (v: NonNullable<NonNullable<typeof journey>['firstVisit']>, kind: string) => ({
    id: v.id ?? `${o.id}/${kind}`,
    occurredAt: v.occurredAt,
    landingPage: v.landingPage ?? null,
    referrerUrl: v.referrerUrl ?? null,
    source: v.source ?? null,
    utmParameters: v.utmParameters
      ? {
          source: v.utmParameters.source ?? null,
          medium: v.utmParameters.medium ?? null,
          campaign: v.utmParameters.campaign ?? null,
          content: v.utmParameters.content ?? null,
          term: v.utmParameters.term ?? null,
        }
      : null,
  });
  return {
    id: o.id,
    name: o.name ?? `#${o.id.split('/').pop()}`,
    createdAt: o.createdAt,
    updatedAt,
    cancelledAt: o.cancelledAt ?? null,
    email: o.email ?? null,
    customer: o.customer
      ? { id: o.customer.id, firstName: o.customer.firstName ?? null, lastName: o.customer.lastName ?? null }
      : null,
    currencyCode: o.currencyCode ?? currency,
    presentmentCurrencyCode: o.presentmentCurrencyCode ?? total.presentmentMoney.currencyCode,
    displayFinancialStatus: o.displayFinancialStatus ?? null,
    displayFulfillmentStatus: o.displayFulfillmentStatus ?? 'UNFULFILLED',
    sourceName: o.sourceName ?? null,
    discountCodes: o.discountCodes ?? [],
    subtotalPriceSet: subtotal,
    totalDiscountsSet: discounts,
    totalShippingPriceSet: shipping,
    totalTaxSet: tax,
    totalPriceSet: total,
    currentTotalPriceSet: o.currentTotalPriceSet ? bag(o.currentTotalPriceSet) : total,
    shippingAddress: address
      ? {
          countryCode: country,
          provinceCode: address.provinceCode ?? null,
          province: address.province ?? null,
          city: address.city ?? null,
          address1: address.address1 ?? null,
          address2: address.address2 ?? null,
          zip: address.zip ?? null,
        }
      : null,
    customerJourneySummary: journey
      ? {
          firstVisit: journey.firstVisit ? visit(journey.firstVisit, 'first-visit') : null,
          lastVisit: journey.lastVisit ? visit(journey.lastVisit, 'last-visit') : null,
        }
      : null,
    lineItems: { nodes: lineItems },
    refunds,
  };
}

function unitPrice(item: BulkLineItem, currency: string): MoneyBag | undefined {
  if (item.originalUnitPriceSet) return bag(item.originalUnitPriceSet);
  if (item.originalTotalSet && item.quantity > 0) {
    const c = item.originalTotalSet.shopMoney.currencyCode;
    return fromMinor(Math.round(minor(bag(item.originalTotalSet)) / item.quantity), c || currency);
  }
  return undefined;
}

/** The latest of some ISO instants (they may carry different offsets, so compare as times). */
function latest(values: ReadonlyArray<string | null | undefined>): string {
  const present = values.filter((v): v is string => Boolean(v));
  return present.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
