import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import { reattributed } from './reattribute';
import type { BrandRollup, DimensionDay } from './rollup';

const D1 = localDate('2026-11-01');
const D2 = localDate('2026-11-02');
const entry = (day: LocalDate, over: Partial<DimensionDay>): DimensionDay => ({
  day,
  spend: 0,
  revenue: 0,
  profit: 0,
  orders: 0,
  units: 0,
  rows: 1,
  stock: null,
  cover: null,
  ...over,
});
const empty = new Map();
/** Last touch as stored: Meta's campaign and direct share Nov 1; a refund lands on Nov 2. */
const rollup: BrandRollup = {
  spend: empty,
  sales: empty,
  refunds: empty,
  channel: empty,
  region: empty,
  product: empty,
  variant: empty,
  stockByVariant: empty,
  campaignProduct: empty,
  campaignVariant: empty,
  regionChannel: empty,
  channelCampaign: new Map([
    [
      'meta',
      new Map([
        [
          'c1',
          [
            entry(D1, { spend: 1_000, revenue: 6_000, profit: 2_000, orders: 2, units: 2 }),
            entry(D2, { revenue: -500, profit: -500 }),
          ],
        ],
      ]),
    ],
    ['direct', new Map([['unknown', [entry(D1, { revenue: 4_000, profit: 1_000, orders: 2, units: 2 })]]])],
  ]),
};
/** First touch gives TikTok (which last touch never credited) part of Nov 1. */
const firstTouch = [
  { day: D1, channel: 'meta', campaign: 'c1', revenue: 2_000, orders: 0.5 },
  { day: D1, channel: 'tiktok', campaign: 't1', revenue: 3_000, orders: 1 },
  { day: D1, channel: 'direct', campaign: 'unknown', revenue: 5_000, orders: 2.5 },
];

describe('channels under another attribution model', () => {
  const r = reattributed(rollup, firstTouch);
  const day = (channel: string, campaign: string, d: LocalDate) =>
    r.channelCampaign
      .get(channel)
      ?.get(campaign)
      ?.find((e) => e.day === d);

  it("shares each day's revenue out in the model's proportions, and its orders are the model's credit", () => {
    expect(day('meta', 'c1', D1)).toMatchObject({ revenue: 2_000, orders: 0.5, spend: 1_000 });
    expect(day('tiktok', 't1', D1)).toMatchObject({ revenue: 3_000, orders: 1, spend: 0 });
    expect(day('direct', 'unknown', D1)).toMatchObject({ revenue: 5_000, orders: 2.5 });
  });

  it("keeps the day's revenue and profit whole: profit follows the day's margin, less each campaign's spend", () => {
    // Margin (3,000 profit + 1,000 spend) ÷ 10,000 revenue = 0.4.
    expect(day('meta', 'c1', D1)?.profit).toBe(2_000 * 0.4 - 1_000);
    expect(day('tiktok', 't1', D1)?.profit).toBe(1_200);
    const d1 = [...r.channel.values()].flat().filter((e) => e.day === D1);
    expect(d1.reduce((s, e) => s + e.revenue, 0)).toBe(10_000);
    expect(d1.reduce((s, e) => s + e.profit, 0)).toBe(3_000);
  });

  it('keeps the stored split on a day the model credits nothing (a refund-only day)', () => {
    expect(day('meta', 'c1', D2)).toMatchObject({ revenue: -500, profit: -500 });
  });

  it('sums channels from their campaigns and leaves products and regions as they were', () => {
    expect(r.channel.get('tiktok')).toEqual([expect.objectContaining({ day: D1, revenue: 3_000 })]);
    expect(r.campaignProduct).toBe(rollup.campaignProduct);
    expect(r.region).toBe(rollup.region);
  });

  it('splits to the cent when the shares do not divide evenly', () => {
    const thirds = reattributed(rollup, [
      { day: D1, channel: 'meta', campaign: 'c1', revenue: 1, orders: 1 },
      { day: D1, channel: 'tiktok', campaign: 't1', revenue: 1, orders: 1 },
      { day: D1, channel: 'direct', campaign: 'unknown', revenue: 1, orders: 1 },
    ]);
    const d1 = [...thirds.channel.values()].flat().filter((e) => e.day === D1);
    expect(d1.map((e) => e.revenue).sort()).toEqual([3_333, 3_333, 3_334]);
  });
});
