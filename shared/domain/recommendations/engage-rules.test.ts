import { describe, expect, it } from 'vitest';
import { anInput, aProduct } from '../../../test/support/recommendation-builders';
import {
  type CampaignConversion,
  conversionBasis,
  engageOverstock,
  expectedCampaignRevenue,
  MIN_MEASURED_DELIVERED,
  type ProductAudience,
} from './engage-rules';

const audience = (productId: string, over: Partial<ProductAudience> = {}): ProductAudience => ({
  productId,
  customers: 240,
  byIntent: 40,
  category: 'Knitwear',
  priceMinor: 4_500,
  windowDays: 30,
  ...over,
});
/** 900 units selling 28 in 14 days: 450 days of cover, 720 units above the 90-day line. */
const scarf = aProduct('scarf', { title: 'Wool Scarf', stockAvailable: 900, daysOfCover: 450, units: 28 });

describe('engage rule: overstock meets interested customers', () => {
  it('expects intent customers × 2 % + category customers × 0.5 % buyers, one unit each, at the price', () => {
    // 40 × 0.02 + 200 × 0.005 = 0.8 + 1.0 = 1.8 units × $45.00 = $81.00
    expect(expectedCampaignRevenue(audience('scarf'), 900)).toEqual({ units: 1.8, revenueMinor: 8_100 });
  });

  it('never expects to sell more units than are in stock', () => {
    const big = audience('scarf', { customers: 10_000, byIntent: 10_000 });
    expect(expectedCampaignRevenue(big, 50)).toEqual({ units: 50, revenueMinor: 225_000 });
  });

  it('suggests a campaign for an overstocked product, stating the audience, the rule and the money in words', () => {
    const [rec, ...rest] = engageOverstock(
      anInput({ products: [scarf] }),
      new Map([['scarf', audience('scarf')]]),
    );
    expect(rest).toEqual([]);
    expect(rec).toMatchObject({
      type: 'engage',
      dedupeKey: 'engage:scarf',
      change: { productId: 'scarf', currency: 'USD' },
      title: 'Offer Wool Scarf to the 240 customers interested in it',
      expectedImpact: { amountMinor: 8_100, currency: 'USD' },
      evidence: {
        product: 'Wool Scarf',
        audience_customers: 240,
        audience_by_intent: 40,
        audience_by_category: 200,
        price_minor: 4_500,
        excess_units: 720,
      },
    });
    expect(rec?.action).toContain('40 viewed, searched, wishlisted or carted it and 200 browsed Knitwear');
    expect(rec?.action).toContain('Nothing is sent until you review and send it');
    expect(rec?.expectedImpact.description).toBe(
      "About $81.00 of Wool Scarf sold to the campaign's audience.",
    );
    expect(rec?.expectedImpact.model).toContain('× 2% + ');
    expect(rec?.reason).not.toMatch(/gid:|_minor/);
  });

  it.each([
    ['healthy cover', aProduct('scarf', { daysOfCover: 40 }), audience('scarf')],
    ['out of stock', aProduct('scarf', { stockAvailable: 0, daysOfCover: 0 }), audience('scarf')],
    ['too small an audience', scarf, audience('scarf', { customers: 4, byIntent: 4 })],
    ['no price to value it at', scarf, audience('scarf', { priceMinor: null })],
  ])('suggests nothing with %s', (_, product, a) => {
    expect(engageOverstock(anInput({ products: [product] }), new Map([['scarf', a]]))).toEqual([]);
  });

  it('keeps the three largest expected revenues', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const products = ids.map((id) => aProduct(id, { stockAvailable: 900, daysOfCover: 450, units: 28 }));
    const audiences = new Map(ids.map((id, i) => [id, audience(id, { priceMinor: 1_000 * (i + 1) })]));
    const recs = engageOverstock(anInput({ products }), audiences);
    expect(recs.map((r) => r.change.productId)).toEqual(['d', 'c', 'b']);
  });
});

describe("engage rule: the brand's own campaign conversion, once it has sent enough", () => {
  /** 4 campaigns, 800 messages delivered, 12 orders for $624.00: 1.5 % per message, $52.00 per order. */
  const measured: CampaignConversion = { campaigns: 4, delivered: 800, orders: 12, revenueMinor: 62_400 };

  it('uses the measured order rate and AOV: 240 customers × 1.5 % = 3.6 orders × $52.00 = $187.20', () => {
    const basis = conversionBasis(measured);
    expect(basis).toEqual({
      kind: 'measured',
      campaigns: 4,
      delivered: 800,
      orderRate: 0.015,
      aovMinor: 5_200,
    });
    const expected = expectedCampaignRevenue(audience('scarf'), 900, basis);
    expect(expected.units).toBeCloseTo(3.6, 10);
    expect(expected.revenueMinor).toBe(18_720);

    const [rec] = engageOverstock(
      anInput({ products: [scarf] }),
      new Map([['scarf', audience('scarf')]]),
      measured,
    );
    expect(rec?.expectedImpact.amountMinor).toBe(18_720);
    expect(rec?.reason).toContain(
      'Expected revenue is based on your last 4 campaigns: 1.5% of recipients ordered, $52.00 per order on average.',
    );
    expect(rec?.expectedImpact.model).toMatch(
      /^measured \(decision 951\): 240 customers × your order rate of 1.5%/,
    );
    expect(rec?.evidence).toMatchObject({
      conversion_basis: 'measured',
      measured_campaigns: 4,
      measured_delivered: 800,
      measured_order_rate: 0.015,
      measured_aov_minor: 5_200,
    });
  });

  it(`keeps the stated rates below ${MIN_MEASURED_DELIVERED} delivered messages and says the sends are too few`, () => {
    const few: CampaignConversion = { campaigns: 2, delivered: 499, orders: 30, revenueMinor: 150_000 };
    expect(conversionBasis(few)).toEqual({ kind: 'assumed', campaigns: 2, delivered: 499 });

    const [rec] = engageOverstock(
      anInput({ products: [scarf] }),
      new Map([['scarf', audience('scarf')]]),
      few,
    );
    // 40 × 2 % + 200 × 0.5 % = 1.8 units × $45.00 = $81.00, as without any history.
    expect(rec?.expectedImpact.amountMinor).toBe(8_100);
    expect(rec?.reason).toContain(
      'Expected revenue uses an assumed rate of 2% (0.5% for category interest) — your campaigns have too few sends to measure yet (499 delivered in 180 days, 500 needed).',
    );
    expect(rec?.expectedImpact.model).toMatch(/^stated assumption \(decision 931\)/);
    expect(rec?.evidence).toMatchObject({ conversion_basis: 'assumed', measured_delivered: 499 });
  });

  it('measures from exactly the threshold; with no order there, expects nothing rather than a guess', () => {
    const none: CampaignConversion = {
      campaigns: 1,
      delivered: MIN_MEASURED_DELIVERED,
      orders: 0,
      revenueMinor: 0,
    };
    const basis = conversionBasis(none);
    expect(basis).toMatchObject({ kind: 'measured', orderRate: 0, aovMinor: null });
    expect(expectedCampaignRevenue(audience('scarf'), 900, basis)).toEqual({ units: 0, revenueMinor: 0 });
  });

  it('never expects more orders than units in stock', () => {
    const big = audience('scarf', { customers: 10_000 });
    // 10,000 × 1.5 % = 150 orders, capped at the 50 in stock × $52.00
    expect(expectedCampaignRevenue(big, 50, conversionBasis(measured))).toEqual({
      units: 50,
      revenueMinor: 260_000,
    });
  });
});
