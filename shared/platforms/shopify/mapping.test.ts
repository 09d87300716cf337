import { describe, expect, it } from 'vitest';
import { anOrder, aRefund, aVisit } from '../../../test/support/shopify-builders';
import { clickIdOf, orderRows as rowsOf } from '../order-rows';
import { orderFromShopify } from './mapping';
import type { ShopifyOrder } from './schemas';

/** A Shopify GraphQL order through the connector's edge (the domain Order) into warehouse rows. */
const orderRows = (brandId: string, order: ShopifyOrder, timeZone: string) =>
  rowsOf(brandId, orderFromShopify(order), timeZone);

const NY = 'America/New_York';

describe('orderRows', () => {
  it('dates an order by the brand’s local day, not UTC’s', () => {
    // 02:30 UTC on the 2nd is 21:30 on the 1st in New York.
    const { order, lines } = orderRows(
      'b',
      anOrder().at('2026-03-02T02:30:00Z').withLine(1, 5, '10.00').build(),
      NY,
    );
    expect(order.date).toBe('2026-03-01');
    expect(lines[0]?.date).toBe('2026-03-01');
  });

  it('reads the country from MailingAddress countryCodeV2, and from the deprecated countryCode of older payloads', () => {
    const current = anOrder().build();
    expect(orderFromShopify(current).shippingAddress).toMatchObject({ country: 'US', province: 'CA' });
    const older = anOrder().build();
    older.shippingAddress = { provinceCode: 'ON', countryCode: 'CA', city: 'Toronto' };
    expect(orderFromShopify(older).shippingAddress).toMatchObject({ country: 'CA', province: 'ON' });
  });

  it('keeps money in integer minor units: line total is price × quantity − discount', () => {
    const { order, lines } = orderRows(
      'b',
      anOrder().withLine(1, 5, '19.99', 3, '5.97').totals('59.97', '61.40').build(),
      NY,
    );
    expect(lines[0]).toMatchObject({
      price_minor: 1999,
      quantity: 3,
      discount_minor: 597,
      total_minor: 5400,
    });
    expect(order).toMatchObject({ subtotal_minor: 5997, total_minor: 6140 });
  });

  it('puts a refund on the refund’s own local day, with a row for what the lines do not cover', () => {
    const refund = aRefund(9, '2026-03-10T03:00:00Z', '25.00', [
      { lineId: 1, quantity: 1, subtotal: '19.99' },
    ]);
    const { refunds } = orderRows('b', anOrder().withLine(1, 5, '19.99').withRefund(refund).build(), NY);
    expect(refunds).toEqual([
      expect.objectContaining({
        date: '2026-03-09',
        variant_id: 'gid://shopify/ProductVariant/5',
        amount_minor: 1999,
        kind: 'line',
      }),
      expect.objectContaining({ date: '2026-03-09', variant_id: null, amount_minor: 501, kind: 'other' }),
    ]);
  });

  it('records first and last visit as touchpoints with UTMs and the click id from the landing page', () => {
    const first = aVisit(
      'https://shop.example/?utm_source=google&utm_medium=organic',
      '2026-02-27T10:00:00Z',
      'v1',
    );
    const last = aVisit(
      'https://shop.example/p?utm_source=facebook&utm_medium=paid_social&utm_campaign=1202&fbclid=abc',
      '2026-03-01T14:00:00Z',
      'v2',
    );
    const { touchpoints, order } = orderRows('b', anOrder().withJourney(first, last).build(), NY);
    expect(touchpoints).toEqual([
      expect.objectContaining({
        kind: 'first_visit',
        utm_source: 'google',
        click_id: null,
        date: '2026-02-27',
      }),
      expect.objectContaining({
        kind: 'last_visit',
        utm_campaign: '1202',
        click_id: 'abc',
        click_id_type: 'fbclid',
      }),
    ]);
    expect(order.landing_site).toContain('fbclid=abc');
  });

  it('records a single visit once when the first visit is also the last', () => {
    const visit = aVisit('https://shop.example/?gclid=g1');
    expect(orderRows('b', anOrder().withJourney(visit, visit).build(), NY).touchpoints).toHaveLength(1);
  });
});

describe('clickIdOf', () => {
  it.each([
    ['https://s.example/p?ttclid=t1&utm_source=tiktok', { id: 't1', type: 'ttclid' }],
    ['/products/x?gclid=g-2', { id: 'g-2', type: 'gclid' }],
    ['https://s.example/p?utm_source=email', undefined],
    [null, undefined],
  ])('%s → %o', (url, expected) => {
    expect(clickIdOf(url)).toEqual(expected);
  });
});
