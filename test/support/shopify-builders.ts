import type {
  CustomerVisit,
  MoneyBag,
  ShopifyOrder,
  ShopifyRefund,
} from '../../shared/platforms/shopify/schemas';

/** Builders for Shopify GraphQL shapes in tests: `anOrder().at(...).withLine(...).build()`. */
export const usd = (amount: string): MoneyBag => ({
  shopMoney: { amount, currencyCode: 'USD' },
  presentmentMoney: { amount, currencyCode: 'USD' },
});

export function aVisit(
  landingPage: string,
  occurredAt = '2026-03-01T12:00:00Z',
  id = 'gid://shopify/CustomerVisit/1',
): CustomerVisit {
  const params = new URL(landingPage).searchParams;
  const utm = params.get('utm_source')
    ? {
        source: params.get('utm_source'),
        medium: params.get('utm_medium'),
        campaign: params.get('utm_campaign'),
        content: null,
        term: null,
      }
    : null;
  return {
    id,
    occurredAt,
    landingPage,
    referrerUrl: null,
    source: utm?.source ?? 'direct',
    utmParameters: utm,
  };
}

export function anOrder(id = 'gid://shopify/Order/1') {
  const order: ShopifyOrder = {
    id,
    name: '#1001',
    createdAt: '2026-03-01T15:00:00Z',
    updatedAt: '2026-03-01T15:00:00Z',
    cancelledAt: null,
    email: 'ava@example.com',
    customer: { id: 'gid://shopify/Customer/7', firstName: 'Ava', lastName: 'Smith' },
    currencyCode: 'USD',
    presentmentCurrencyCode: 'USD',
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    sourceName: 'web',
    discountCodes: [],
    subtotalPriceSet: usd('0.00'),
    totalDiscountsSet: usd('0.00'),
    totalShippingPriceSet: usd('0.00'),
    totalTaxSet: usd('0.00'),
    totalPriceSet: usd('0.00'),
    currentTotalPriceSet: usd('0.00'),
    shippingAddress: { provinceCode: 'CA', countryCodeV2: 'US', city: 'Los Angeles' },
    customerJourneySummary: null,
    lineItems: { nodes: [] },
    refunds: [],
  };
  const builder = {
    at(createdAt: string, updatedAt = createdAt) {
      order.createdAt = createdAt;
      order.updatedAt = updatedAt;
      return builder;
    },
    withLine(lineId: number, variantId: number, price: string, quantity = 1, discount = '0.00') {
      order.lineItems.nodes.push({
        id: `gid://shopify/LineItem/${lineId}`,
        title: `Item ${lineId}`,
        sku: `SKU-${variantId}`,
        quantity,
        variant: {
          id: `gid://shopify/ProductVariant/${variantId}`,
          product: { id: 'gid://shopify/Product/1' },
        },
        originalUnitPriceSet: usd(price),
        totalDiscountSet: usd(discount),
      });
      return builder;
    },
    totals(subtotal: string, total: string) {
      order.subtotalPriceSet = usd(subtotal);
      order.totalPriceSet = usd(total);
      order.currentTotalPriceSet = usd(total);
      return builder;
    },
    withRefund(refund: ShopifyRefund) {
      order.refunds.push(refund);
      return builder;
    },
    withJourney(firstVisit: CustomerVisit | null, lastVisit: CustomerVisit | null) {
      order.customerJourneySummary = { firstVisit, lastVisit };
      return builder;
    },
    build: (): ShopifyOrder => structuredClone(order),
  };
  return builder;
}

export function aRefund(
  id: number,
  createdAt: string,
  total: string,
  lines: { lineId: number; quantity: number; subtotal: string }[] = [],
): ShopifyRefund {
  return {
    id: `gid://shopify/Refund/${id}`,
    createdAt,
    totalRefundedSet: usd(total),
    refundLineItems: {
      nodes: lines.map((l) => ({
        quantity: l.quantity,
        lineItem: { id: `gid://shopify/LineItem/${l.lineId}` },
        subtotalSet: usd(l.subtotal),
      })),
    },
  };
}
