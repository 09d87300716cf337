import { describe, expect, it } from 'vitest';
import { anInput, aProduct } from '../../../test/support/recommendation-builders';
import { engageOverstock, expectedCampaignRevenue, type ProductAudience } from './engage-rules';

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
    expect(rec?.expectedImpact.model).toContain('× 2 %');
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
