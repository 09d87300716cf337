import { describe, expect, it } from 'vitest';
import { orderRows } from '../../order-rows';
import { orderFromShopify } from '../mapping';
import type { ShopifyOrder } from '../schemas';
import { orderFromPayload, orderPayloadSchema, refundFromPayload, refundPayloadSchema } from './payloads';

/**
 * An `orders/updated` payload in the REST Order layout the webhook reference documents
 * (https://shopify.dev/docs/api/webhooks?reference=toml — topic orders/updated; fields as in
 * https://shopify.dev/docs/api/admin-rest/latest/resources/order): legacy numeric ids beside
 * `admin_graphql_api_id`, decimal strings, `total_shipping_price_set` as a MoneyBag, and refunds
 * with `refund_line_items` and `transactions`. Amounts checked by hand below. Ids are of today's
 * real size (13–14 digits): the reference's 18-digit examples exceed 2^53 and do not survive
 * JSON.parse, so the schema refuses them rather than store a rounded id.
 */
const PAYLOAD = {
  id: 5512345678901,
  admin_graphql_api_id: 'gid://shopify/Order/5512345678901',
  name: '#9999',
  email: 'jon@example.com',
  created_at: '2026-03-02T02:30:00-05:00',
  updated_at: '2026-03-09T10:00:00-05:00',
  cancelled_at: null,
  currency: 'USD',
  presentment_currency: 'CAD',
  financial_status: 'partially_refunded',
  fulfillment_status: null,
  source_name: 'web',
  subtotal_price: '199.00',
  total_discounts: '20.00',
  total_tax: '11.64',
  total_price: '200.64',
  total_shipping_price_set: {
    shop_money: { amount: '10.00', currency_code: 'USD' },
    presentment_money: { amount: '13.50', currency_code: 'CAD' },
  },
  discount_codes: [{ code: 'TENOFF', amount: '20.00', type: 'fixed_amount' }],
  customer: { id: 7012345678901, first_name: 'John', last_name: 'Smith', email: 'jon@example.com' },
  shipping_address: {
    address1: '150 Elgin St',
    city: 'Ottawa',
    province: 'Ontario',
    province_code: 'ON',
    country_code: 'CA',
    zip: 'K2P 1L4',
  },
  line_items: [
    {
      id: 13612345678901,
      variant_id: 808950810,
      product_id: 632910392,
      sku: 'IPOD2008PINK',
      title: 'IPod Nano - 8GB',
      quantity: 2,
      price: '99.50',
      total_discount: '20.00',
    },
  ],
  refunds: [
    {
      id: 509562969,
      admin_graphql_api_id: 'gid://shopify/Refund/509562969',
      order_id: 5512345678901,
      created_at: '2026-03-09T09:59:00-05:00',
      refund_line_items: [
        {
          line_item_id: 13612345678901,
          quantity: 1,
          subtotal: '89.50',
          line_item: { variant_id: 808950810 },
        },
      ],
      transactions: [
        { kind: 'refund', status: 'success', amount: '99.50' },
        { kind: 'refund', status: 'failure', amount: '99.50' },
      ],
    },
  ],
};

const NY = 'America/New_York';

/** PAYLOAD's order as the Admin GraphQL API returns it (Order object: *Set MoneyBags, nodes). */
function graphqlOrder(): ShopifyOrder {
  const bag = (amount: string) => ({
    shopMoney: { amount, currencyCode: 'USD' },
    presentmentMoney: { amount, currencyCode: 'CAD' },
  });
  return {
    id: 'gid://shopify/Order/5512345678901',
    name: '#9999',
    createdAt: '2026-03-02T07:30:00Z',
    updatedAt: '2026-03-09T15:00:00Z',
    cancelledAt: null,
    email: 'jon@example.com',
    customer: { id: 'gid://shopify/Customer/7012345678901', firstName: 'John', lastName: 'Smith' },
    currencyCode: 'USD',
    presentmentCurrencyCode: 'CAD',
    displayFinancialStatus: 'PARTIALLY_REFUNDED',
    displayFulfillmentStatus: 'UNFULFILLED',
    sourceName: 'web',
    discountCodes: ['TENOFF'],
    subtotalPriceSet: bag('199.00'),
    totalDiscountsSet: bag('20.00'),
    totalShippingPriceSet: bag('10.00'),
    totalTaxSet: bag('11.64'),
    totalPriceSet: bag('200.64'),
    currentTotalPriceSet: bag('101.14'),
    shippingAddress: {
      address1: '150 Elgin St',
      zip: 'K2P 1L4',
      provinceCode: 'ON',
      province: 'Ontario',
      countryCode: 'CA',
      city: 'Ottawa',
    },
    customerJourneySummary: null,
    lineItems: {
      nodes: [
        {
          id: 'gid://shopify/LineItem/13612345678901',
          title: 'IPod Nano - 8GB',
          sku: 'IPOD2008PINK',
          quantity: 2,
          variant: {
            id: 'gid://shopify/ProductVariant/808950810',
            product: { id: 'gid://shopify/Product/632910392' },
          },
          originalUnitPriceSet: bag('99.50'),
          totalDiscountSet: bag('20.00'),
        },
      ],
    },
    refunds: [
      {
        id: 'gid://shopify/Refund/509562969',
        createdAt: '2026-03-09T14:59:00Z',
        totalRefundedSet: bag('99.50'),
        refundLineItems: {
          nodes: [
            {
              quantity: 1,
              lineItem: { id: 'gid://shopify/LineItem/13612345678901' },
              subtotalSet: bag('89.50'),
            },
          ],
        },
      },
    ],
  };
}

describe('webhook payloads become the domain Order directly', () => {
  it('maps a documented orders/updated payload with money in minor units of the shop currency', () => {
    const order = orderFromPayload(orderPayloadSchema.parse(PAYLOAD));
    expect(order).toMatchObject({
      id: 'gid://shopify/Order/5512345678901',
      number: '#9999',
      customer: { id: 'gid://shopify/Customer/7012345678901', name: 'John Smith' },
      currency: 'USD',
      presentmentCurrency: 'CAD',
      subtotalMinor: 19900,
      discountMinor: 2000,
      shippingMinor: 1000,
      taxMinor: 1164,
      totalMinor: 20064,
      financialStatus: 'partially_refunded',
      fulfillmentStatus: 'unfulfilled',
      shippingAddress: {
        country: 'CA',
        province: 'ON',
        provinceName: 'Ontario',
        city: 'Ottawa',
        address1: '150 Elgin St',
        address2: null,
        postcode: 'K2P 1L4',
      },
      firstVisit: null,
      lastVisit: null,
    });
    expect(order.lines).toEqual([
      {
        id: 'gid://shopify/LineItem/13612345678901',
        title: 'IPod Nano - 8GB',
        sku: 'IPOD2008PINK',
        quantity: 2,
        variantId: 'gid://shopify/ProductVariant/808950810',
        productId: 'gid://shopify/Product/632910392',
        unitPriceMinor: 9950,
        discountMinor: 2000,
      },
    ]);
    // Only the successful refund transaction counts: 99.50, of which 89.50 is the line.
    expect(order.refunds[0]).toMatchObject({ totalMinor: 9950, lines: [{ amountMinor: 8950, quantity: 1 }] });
  });

  it('a refunds/create payload and the same refund inside the order give the same refund', () => {
    const alone = refundFromPayload(refundPayloadSchema.parse(PAYLOAD.refunds[0]), 'USD');
    const inOrder = orderFromPayload(orderPayloadSchema.parse(PAYLOAD)).refunds[0];
    expect(alone).toEqual(inOrder);
  });

  it('the webhook and the GraphQL sync of one order write the same order, line and refund rows', () => {
    const fromWebhook = orderRows('b', orderFromPayload(orderPayloadSchema.parse(PAYLOAD)), NY);
    const fromSync = orderRows('b', orderFromShopify(graphqlOrder()), NY);
    expect(fromWebhook.order).toEqual(fromSync.order);
    expect(fromWebhook.lines).toEqual(fromSync.lines);
    expect(fromWebhook.refunds).toEqual(fromSync.refunds);
    expect(fromWebhook.order).toMatchObject({
      date: '2026-03-02',
      region: 'CA-ON',
      total_minor: 20064,
      address1: '150 Elgin St',
      postcode: 'K2P 1L4',
    });
    expect(fromWebhook.refunds.map((r) => [r.kind, r.amount_minor])).toEqual([
      ['line', 8950],
      ['other', 1000],
    ]);
  });
});

/**
 * The order payload's landing visit. REST Order (https://shopify.dev/docs/api/admin-rest/latest/resources/order):
 * `landing_site` — "The URL for the page where the buyer landed when they entered the shop", the
 * page's example `"http://www.example.com?source=abc"`; `referring_site` — "The website where the
 * customer clicked a link to the shop", example `"http://www.otherexample.com"`. Stores send paths
 * too (`/products/…?utm_…`), so the tagged one here is a path with Meta's utm_* and fbclid.
 */
const DOC_EXAMPLE = {
  ...PAYLOAD,
  landing_site: 'http://www.example.com?source=abc',
  referring_site: 'http://www.otherexample.com',
};
const TAGGED = {
  ...PAYLOAD,
  landing_site:
    '/products/ipod-nano?utm_source=facebook&utm_medium=paid_social&utm_campaign=120210000000102&fbclid=IwAR2xKq',
  referring_site: 'https://m.facebook.com/',
};
const ORDER_ID = 'gid://shopify/Order/5512345678901';

describe('an order webhook carries its landing visit', () => {
  it('a UTM-tagged landing_site becomes the order’s one touch, with its UTMs and click id, on the order’s day', () => {
    const rows = orderRows('b', orderFromPayload(orderPayloadSchema.parse(TAGGED)), NY);
    expect(rows.touchpoints).toEqual([
      {
        brand_id: 'b',
        touchpoint_id: `${ORDER_ID}:first_visit`,
        customer_id: 'gid://shopify/Customer/7012345678901',
        order_id: ORDER_ID,
        date: '2026-03-02',
        occurred_at: '2026-03-02T07:30:00.000Z',
        kind: 'first_visit',
        utm_source: 'facebook',
        utm_medium: 'paid_social',
        utm_campaign: '120210000000102',
        utm_content: null,
        utm_term: null,
        landing_page: TAGGED.landing_site,
        referrer: 'https://m.facebook.com/',
        click_id: 'IwAR2xKq',
        click_id_type: 'fbclid',
      },
    ]);
    expect(rows.order).toMatchObject({
      landing_site: TAGGED.landing_site,
      referring_site: 'https://m.facebook.com/',
    });
  });

  it('the documentation’s example (no UTMs) is still a visit with its referrer', () => {
    const [touch, ...more] = orderRows(
      'b',
      orderFromPayload(orderPayloadSchema.parse(DOC_EXAMPLE)),
      NY,
    ).touchpoints;
    expect(more).toEqual([]);
    expect(touch).toMatchObject({
      landing_page: 'http://www.example.com?source=abc',
      referrer: 'http://www.otherexample.com',
      utm_source: null,
      utm_campaign: null,
      click_id: null,
    });
  });

  it('an order without landing_site or referring_site has no journey, as before', () => {
    const order = orderFromPayload(
      orderPayloadSchema.parse({ ...PAYLOAD, landing_site: null, referring_site: null }),
    );
    expect(order).toMatchObject({ firstVisit: null, lastVisit: null });
    expect(orderRows('b', order, NY).touchpoints).toEqual([]);
  });

  it('the sync’s one-visit journey of the same order writes its touch under the same key, so it replaces the webhook’s', () => {
    const visit = {
      id: 'gid://shopify/CustomerVisit/88',
      occurredAt: '2026-03-02T07:10:00Z',
      landingPage: TAGGED.landing_site,
      referrerUrl: 'https://m.facebook.com/',
      source: 'facebook',
      utmParameters: {
        source: 'facebook',
        medium: 'paid_social',
        campaign: '120210000000102',
        content: null,
        term: null,
      },
    };
    const synced = orderFromShopify({
      ...graphqlOrder(),
      customerJourneySummary: { firstVisit: visit, lastVisit: visit },
    });
    const fromSync = orderRows('b', synced, NY).touchpoints;
    const fromWebhook = orderRows('b', orderFromPayload(orderPayloadSchema.parse(TAGGED)), NY).touchpoints;
    expect(fromSync.map((t) => t.touchpoint_id)).toEqual(fromWebhook.map((t) => t.touchpoint_id));
    // Everything but the visit's time, which only the journey knows.
    const { occurred_at: _s, ...syncTouch } = fromSync[0]!;
    const { occurred_at: _w, ...webhookTouch } = fromWebhook[0]!;
    expect(webhookTouch).toEqual(syncTouch);
  });
});
