import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import { attributionSplitOf, type BrandRollup, type DimensionDay, kpisOf } from './rollup';

const d1 = localDate('2026-11-08');
const d2 = localDate('2026-11-09');
const later = localDate('2026-11-20');
const period = { from: d1, to: d2 };

const day = (on: LocalDate, revenue: number): DimensionDay => ({
  day: on,
  spend: 0,
  revenue,
  profit: 0,
  orders: 1,
  units: 1,
  rows: 1,
  stock: null,
  cover: null,
});

/**
 * Worked by hand (minor units):
 *   8 Nov  Meta campaign 12,345 · TikTok no campaign 4,999 · email no campaign 2,500   → gross 19,844
 *   9 Nov  Meta campaign −2,000 (refund) · TikTok no campaign 3,333 · Meta no campaign 1,001 ·
 *          direct 777                                                                    → gross 5,111, refunds 2,000
 *  20 Nov  TikTok no campaign 9,999 (outside the period)
 * Revenue 19,844 + 5,111 − 2,000 = 22,955
 *   = attributed 10,345 + campaign not identified 9,333 (TikTok 8,332, Meta 1,001) + not attributed 3,277.
 */
function rollup(): BrandRollup {
  const empty = new Map();
  return {
    spend: empty,
    sales: new Map([
      [d1, { gross: 19_844, count: 3 }],
      [d2, { gross: 5_111, count: 3 }],
      [later, { gross: 9_999, count: 1 }],
    ]),
    refunds: new Map([[d2, 2_000]]),
    channel: empty,
    region: empty,
    product: empty,
    variant: empty,
    stockByVariant: empty,
    channelCampaign: new Map([
      [
        'meta',
        new Map([
          ['meta:1:c1', [day(d1, 12_345), day(d2, -2_000)]],
          ['unknown', [day(d2, 1_001)]],
        ]),
      ],
      ['tiktok', new Map([['unknown', [day(d1, 4_999), day(d2, 3_333), day(later, 9_999)]]])],
      ['email', new Map([['unknown', [day(d1, 2_500)]]])],
      ['direct', new Map([['unknown', [day(d2, 777)]]])],
    ]),
    campaignProduct: empty,
    campaignVariant: empty,
    regionChannel: empty,
  };
}

describe('the attribution split', () => {
  it('puts an ad platform’s revenue without a campaign in its own part, and the three parts sum to revenue to the cent', () => {
    const r = rollup();
    const split = attributionSplitOf(r, period);
    expect(split).toEqual({
      attributedRevenueMinor: 10_345,
      campaignNotIdentifiedRevenueMinor: 9_333,
      campaignNotIdentified: [
        { channel: 'tiktok', revenueMinor: 8_332 },
        { channel: 'meta', revenueMinor: 1_001 },
      ],
      unattributedRevenueMinor: 3_277,
      modelledRevenueMinor: null,
    });
    expect(
      split.attributedRevenueMinor + split.campaignNotIdentifiedRevenueMinor + split.unattributedRevenueMinor,
    ).toBe(kpisOf(r, period).revenueMinor);
  });

  it('lists only the platforms that have revenue without a campaign in the period', () => {
    const split = attributionSplitOf(rollup(), { from: d1, to: d1 });
    expect(split.campaignNotIdentified).toEqual([{ channel: 'tiktok', revenueMinor: 4_999 }]);
    const none = attributionSplitOf(rollup(), { from: localDate('2026-11-10'), to: localDate('2026-11-11') });
    expect(none).toMatchObject({ campaignNotIdentifiedRevenueMinor: 0, campaignNotIdentified: [] });
  });
});
