import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aBrand,
  anAdRow,
  anAttributionRow,
  aPerformanceRow,
  customerAnalyticsRows,
} from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import { ATTRIBUTION_MODELS } from '../domain/entities/brand';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import { createAcquisitionQueries, ltvByCampaignOf } from './acquisition';

/**
 * The dashboard keeps every day's acquisition rows with its rollup; after an incremental update
 * only the days it rewrote are read again (decision 979). What that gives must be what reading
 * every day again gives, figure for figure.
 */
const ctx = systemContext('t_acq', 'test');
const B = 'acq';
const brand = aBrand(B);
const CHANGED = localDate('2026-10-10');
const camp = (n: number) => `meta:act_${B}:camp_${n}`;
/** The same credit under every model, so the test holds whatever the brand's model is. */
const credit = (share: number, revenueMinor: number) =>
  Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, { credit: share, revenueMinor }]));
const attributed = (order: string, date: string, campaign: string, share: number) =>
  anAttributionRow(
    B,
    { order_id: order, channel: 'meta', campaign_id: campaign, date },
    credit(share, Math.round(5_000 * share)),
  );

let w: Awaited<ReturnType<typeof createTestWarehouse>>;
const acquisition = () => createAcquisitionQueries(w.warehouse);

beforeAll(async () => {
  w = await createTestWarehouse();
  // cust-1's first order (order-acq-1) is on 09-01, cust-2's (order-acq-2) on 10-10.
  await w.load(ctx, 'customer_predictions', B, customerAnalyticsRows(B).predictions);
  await w.load(ctx, 'attributions', B, [
    attributed(`order-${B}-1`, '2026-09-01', camp(1), 1 / 3),
    attributed(`order-${B}-1`, '2026-09-01', camp(2), 2 / 3),
  ]);
  await w.load(ctx, 'attributions', B, [attributed(`order-${B}-2`, CHANGED, camp(1), 1)]);
  for (const day of ['2026-09-01', CHANGED, '2026-10-11']) {
    await w.load(ctx, 'ad_performance', B, [
      anAdRow(B, day, 'meta', 4_000, { campaign_id: camp(1) }),
      anAdRow(B, day, 'meta', 1_500, { campaign_id: camp(2) }),
    ]);
    await w.load(ctx, 'unified_performance', B, [
      aPerformanceRow(B, { date: day, campaign_id: camp(1), revenue_minor: 9_000, profit_minor: 2_000 }),
    ]);
  }
});
afterAll(() => w?.close());

/** What the update writes for 10-10: the first order re-credited, new spend and unified rows. */
async function rewriteTheChangedDay() {
  await w.load(ctx, 'attributions', B, [
    attributed(`order-${B}-2`, CHANGED, camp(1), 0.3),
    attributed(`order-${B}-2`, CHANGED, camp(3), 0.7),
  ]);
  await w.load(ctx, 'ad_performance', B, [
    anAdRow(B, CHANGED, 'meta', 7_777, { campaign_id: camp(1) }),
    anAdRow(B, CHANGED, 'meta', 2_222, { campaign_id: camp(3) }),
  ]);
  await w.load(ctx, 'unified_performance', B, [
    aPerformanceRow(B, { date: CHANGED, campaign_id: camp(3), revenue_minor: 30_000, profit_minor: 9_000 }),
  ]);
}

const PERIODS = [
  { from: '2026-09-01', to: '2026-10-31' },
  { from: '2026-10-10', to: '2026-10-10' },
  { from: '2026-09-01', to: '2026-09-30' },
];

describe('acquisition days read again by days', () => {
  it('the kept days with the update’s days read again are what reading every day again gives', async () => {
    const kept = await acquisition().allDays(ctx, brand);
    await rewriteTheChangedDay();
    const byDays = await acquisition().withDaysReadAgain(ctx, brand, kept, [CHANGED]);
    const whole = await acquisition().allDays(ctx, brand);
    expect(byDays.acquired).toEqual(whole.acquired);
    expect(byDays.spend).toEqual(whole.spend);
    expect(byDays.margin).toEqual(whole.margin);
    for (const p of PERIODS) expect(ltvByCampaignOf(byDays, p)).toEqual(ltvByCampaignOf(whole, p));
    // The update shows: camp 3 acquired 0.7 of cust-2 and spent on 10-10.
    const oct10 = ltvByCampaignOf(byDays, PERIODS[1]!);
    expect(oct10.find((r) => r.campaignId === camp(3))).toMatchObject({
      acquiredCustomers: 0.7,
      spendMinor: 2_222,
    });
    expect(ltvByCampaignOf(kept, PERIODS[1]!).find((r) => r.campaignId === camp(3))).toBeUndefined();
  });

  it('reads only the days named: a change on another day waits for the next whole read', async () => {
    const kept = await acquisition().allDays(ctx, brand);
    await w.load(ctx, 'ad_performance', B, [
      anAdRow(B, '2026-10-11', 'meta', 99_999, { campaign_id: camp(1) }),
    ]);
    const byDays = await acquisition().withDaysReadAgain(ctx, brand, kept, [CHANGED]);
    const oct11 = { from: '2026-10-11', to: '2026-10-11' };
    expect(ltvByCampaignOf(byDays, oct11)).toEqual(ltvByCampaignOf(kept, oct11));
    const whole = await acquisition().allDays(ctx, brand);
    expect(ltvByCampaignOf(whole, oct11).find((r) => r.campaignId === camp(1))?.spendMinor).toBe(99_999);
  });

  it('no days named is the kept value itself', async () => {
    const kept = await acquisition().allDays(ctx, brand);
    expect(await acquisition().withDaysReadAgain(ctx, brand, kept, [])).toBe(kept);
  });
});
