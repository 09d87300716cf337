import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBrand, anAttributionRow, aPerformanceRow } from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import { createDashboardQueries } from './dashboard';
import { exportPerformanceCsv } from './export';

const ctx = systemContext('t_drill', 'test');
const B = 'drill';
const brand = aBrand(B, { timezone: 'UTC' });
const CAMPAIGN = 'meta:act_1:c1';
const period = { from: localDate('2026-11-01'), to: localDate('2026-11-03') };
let w: Awaited<ReturnType<typeof createTestWarehouse>>;

beforeAll(async () => {
  w = await createTestWarehouse();
  await w.load(ctx, 'unified_performance', B, [
    aPerformanceRow(B, {
      date: '2026-11-01',
      campaign_id: CAMPAIGN,
      product_id: 'p1',
      spend_minor: 1_000,
      revenue_minor: 4_000,
      profit_minor: 1_500,
      orders: 2,
      units: 2,
    }),
    aPerformanceRow(B, {
      date: '2026-11-03',
      campaign_id: CAMPAIGN,
      product_id: 'p2',
      spend_minor: 3_000,
      revenue_minor: 3_000,
      profit_minor: -1_234,
      orders: 1,
      units: 1,
    }),
    aPerformanceRow(B, {
      date: '2026-11-03',
      campaign_id: '=HYPERLINK("http://evil")',
      product_id: 'p1',
      spend_minor: 500,
      revenue_minor: 0,
      profit_minor: -500,
      orders: 0,
      units: 0,
    }),
    aPerformanceRow(B, { date: '2026-10-01', campaign_id: 'meta:act_1:old', product_id: 'p1' }),
  ]);
});
afterAll(async () => w?.close());

describe('drilldown', () => {
  it('totals one campaign, its daily trend and its products', async () => {
    const d = await createDashboardQueries(w.warehouse, { ttlMs: 0 }).drilldown(
      ctx,
      brand,
      'campaign',
      CAMPAIGN,
      period,
    );
    expect(d?.totals).toEqual({
      spendMinor: 4_000,
      revenueMinor: 7_000,
      profitMinor: 266,
      orders: 3,
      units: 3,
      roas: 1.75,
    });
    expect(d?.trend.map((t) => t.spendMinor)).toEqual([1_000, 0, 3_000]);
    expect(d?.breakdown).toEqual({
      dimension: 'product',
      rows: [
        { key: 'p2', spendMinor: 3_000, revenueMinor: 3_000, profitMinor: -1_234, orders: 1, roas: 1 },
        { key: 'p1', spendMinor: 1_000, revenueMinor: 4_000, profitMinor: 1_500, orders: 2, roas: 4 },
      ],
    });
  });

  it('compares each total with the previous period’s, by hand, and with nothing where it had none', async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    // Nov 2–3 against Oct 31 – Nov 1: spend 3,000 vs 1,000, revenue 3,000 vs 4,000, one order vs two.
    const d = await q.drilldown(ctx, brand, 'campaign', CAMPAIGN, {
      from: localDate('2026-11-02'),
      to: localDate('2026-11-03'),
    });
    expect(d?.change).toEqual({
      spendMinor: 2,
      revenueMinor: -0.25,
      roas: -0.75,
      profitMinor: (-1_234 - 1_500) / 1_500,
      orders: -0.5,
      units: -0.5,
    });
    const first = await q.drilldown(ctx, brand, 'campaign', CAMPAIGN, period);
    expect(Object.values(first!.change)).toEqual([null, null, null, null, null, null]);
  });

  it('draws the previous period by offset and says it is too thin to compare before attribution began', async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const d = await q.drilldown(ctx, brand, 'campaign', CAMPAIGN, period);
    expect(d?.previousPeriod).toEqual({ from: '2026-10-29', to: '2026-10-31' });
    // Attribution's first day is Oct 1, so the previous days are recorded zeros, not gaps…
    expect(d?.previousTrend.map((t) => t.spendMinor)).toEqual([0, 0, 0]);
    // …but no attributed rows fall in them, against two days of this period: too thin to compare.
    expect(d?.incompleteComparison).toContain('revenueMinor');
    const october = await q.drilldown(ctx, brand, 'campaign', 'meta:act_1:old', {
      from: localDate('2026-10-01'),
      to: localDate('2026-10-02'),
    });
    expect(october?.previousTrend.map((t) => t.spendMinor)).toEqual([null, null]);
  });

  it('names regions on the dashboard and in their drilldown, keeping the code as the key', async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const dash = await q.dashboard(ctx, brand, period);
    expect(dash.byRegion.map((r) => [r.key, r.name])).toEqual([['CA', 'Canada']]);
    const d = await q.drilldown(ctx, brand, 'region', 'CA', period);
    expect(d?.name).toBe('Canada');
    expect(d?.breakdown.rows.map((r) => r.key)).toEqual(['meta']);
  });

  it('knows a campaign with no rows in the period but refuses one the brand never had', async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    expect((await q.drilldown(ctx, brand, 'campaign', 'meta:act_1:old', period))?.totals.spendMinor).toBe(0);
    expect(await q.drilldown(ctx, brand, 'campaign', 'meta:act_9:nope', period)).toBeUndefined();
  });
});

describe('a region’s page when a platform does not report spend by region (decision 1001)', () => {
  const R = 'regions';
  const regional = aBrand(R, { timezone: 'UTC' });
  const day = '2026-11-02';
  beforeAll(async () => {
    await w.load(ctx, 'unified_performance', R, [
      // Google Ads' report has regions: its spend is New York's.
      aPerformanceRow(R, {
        date: day,
        channel: 'google_ads',
        platform: 'google_ads',
        campaign_id: 'google_ads:1:g',
        region: 'US-NY',
        spend_minor: 5_000,
        revenue_minor: 20_000,
      }),
      // TikTok's export had no Region column: its spend has no region; its orders still ship to New York.
      aPerformanceRow(R, {
        date: day,
        channel: 'tiktok',
        platform: 'tiktok',
        campaign_id: 'tiktok:7:t',
        region: null,
        spend_minor: 3_330,
        revenue_minor: 0,
        orders: 0,
        units: 0,
      }),
      aPerformanceRow(R, {
        date: day,
        channel: 'tiktok',
        platform: 'tiktok',
        campaign_id: 'tiktok:7:t',
        region: 'US-NY',
        spend_minor: 0,
        revenue_minor: 9_000,
      }),
      // Meta: one account's report has regions (Texas), the other's has none.
      aPerformanceRow(R, {
        date: day,
        channel: 'meta',
        platform: 'meta',
        campaign_id: 'meta:act_1:m',
        region: 'US-TX',
        spend_minor: 2_000,
        revenue_minor: 0,
        orders: 0,
        units: 0,
      }),
      aPerformanceRow(R, {
        date: day,
        channel: 'meta',
        platform: 'meta',
        campaign_id: 'meta:act_2:m',
        region: null,
        spend_minor: 1_500,
        revenue_minor: 0,
        orders: 0,
        units: 0,
      }),
      aPerformanceRow(R, {
        date: day,
        channel: 'meta',
        platform: 'meta',
        campaign_id: 'meta:act_1:m',
        region: 'US-NY',
        spend_minor: 0,
        revenue_minor: 4_000,
      }),
    ]);
  });

  it('marks each channel by whether its spend is known by region, and lists the spend under no region', async () => {
    const d = await createDashboardQueries(w.warehouse, { ttlMs: 0 }).drilldown(
      ctx,
      regional,
      'region',
      'US-NY',
      period,
    );
    const rows = Object.fromEntries(d!.breakdown.rows.map((r) => [r.key, [r.spendMinor, r.regionalSpend]]));
    expect(rows).toEqual({
      google_ads: [5_000, 'reported'],
      // Spent 3,330 with no region: its 0 here is not known, not zero.
      tiktok: [0, 'not_reported'],
      // Its 0 in New York is Meta's own regional report, but 1,500 of its spend has no region.
      meta: [0, 'partly'],
    });
    expect(d?.spendWithoutRegion).toEqual([
      { channel: 'tiktok', spendMinor: 3_330, regionalSpend: 'not_reported' },
      { channel: 'meta', spendMinor: 1_500, regionalSpend: 'partly' },
    ]);
    // The region's spend and blended ROAS are over the spend reported in it, as the list says.
    expect(d?.totals).toMatchObject({ spendMinor: 5_000, revenueMinor: 33_000, roas: 6.6 });
  });

  it('says nothing about regional spend where every channel reports it, or on the page of what has no region', async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const canada = await q.drilldown(ctx, brand, 'region', 'CA', period);
    expect(canada?.spendWithoutRegion).toEqual([]);
    expect(canada?.breakdown.rows.map((r) => r.regionalSpend)).toEqual(['reported']);
    const none = await q.drilldown(ctx, regional, 'region', 'unknown', period);
    expect(none?.spendWithoutRegion).toBeUndefined();
    expect(none?.breakdown.rows.every((r) => r.regionalSpend === undefined)).toBe(true);
    expect(
      (await q.drilldown(ctx, regional, 'channel', 'tiktok', period))?.spendWithoutRegion,
    ).toBeUndefined();
  });
});

describe('CSV export', () => {
  it('writes money as decimals and defuses formulas in platform text', async () => {
    let csv = '';
    for await (const chunk of exportPerformanceCsv(w.warehouse, ctx, brand, period)) csv += chunk;
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'date,channel,platform,campaign_id,campaign_name,region,region_name,product_id,product_name,currency,spend,revenue,orders,units,cogs,profit,stock_available,days_of_cover',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `2026-11-01,meta,meta,${CAMPAIGN},Meta campaign c1,CA,Canada,p1,,USD,10.00,40.00,2,2,90.00,15.00,50,20`,
    );
    expect(lines).toContain(
      `2026-11-03,meta,meta,${CAMPAIGN},Meta campaign c1,CA,Canada,p2,,USD,30.00,30.00,1,1,90.00,-12.34,50,20`,
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('names products from the catalog beside their ids', async () => {
    let csv = '';
    const titles = new Map([['p1', 'Camp Mug — Blue']]);
    for await (const chunk of exportPerformanceCsv(w.warehouse, ctx, brand, period, titles)) csv += chunk;
    expect(csv).toContain(`${CAMPAIGN},Meta campaign c1,CA,Canada,p1,Camp Mug — Blue,USD,10.00`);
  });

  it('reads long ranges in chunks and still writes every day once', async () => {
    let csv = '';
    const long = { from: localDate('2026-01-01'), to: localDate('2026-12-31') };
    for await (const chunk of exportPerformanceCsv(w.warehouse, ctx, brand, long)) csv += chunk;
    expect(csv.trim().split('\n')).toHaveLength(5);
  });
});

describe('drilldowns under another attribution model', () => {
  beforeAll(async () => {
    // One order on Nov 1: last touch gives it all to the Meta campaign; first touch gives a
    // quarter to it and three quarters to a TikTok campaign last touch never credited.
    await w.load(ctx, 'attributions', B, [
      anAttributionRow(
        B,
        { date: '2026-11-01', order_id: 'o1', channel: 'meta', campaign_id: CAMPAIGN },
        {
          last_touch: { credit: 1, revenueMinor: 4_000 },
          first_touch: { credit: 0.25, revenueMinor: 1_000 },
        },
      ),
      anAttributionRow(
        B,
        { date: '2026-11-01', order_id: 'o1', channel: 'tiktok', campaign_id: 'tiktok:adv_1:t1' },
        { first_touch: { credit: 0.75, revenueMinor: 3_000 } },
      ),
    ]);
  });

  it("credits a channel's campaigns as the chosen model does, and says which model that is", async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const meta = await q.drilldown(ctx, brand, 'channel', 'meta', period, 'first_touch');
    expect(meta).toMatchObject({ model: 'first_touch', defaultModel: 'last_touch' });
    // Nov 1's 4,000 is now a quarter Meta's; Nov 3 (no credits written) keeps its stored 3,000.
    expect(meta?.breakdown.rows.find((r) => r.key === CAMPAIGN)?.revenueMinor).toBe(1_000 + 3_000);
    const tiktok = await q.drilldown(ctx, brand, 'channel', 'tiktok', period, 'first_touch');
    expect(tiktok?.totals).toMatchObject({ revenueMinor: 3_000, orders: 0.75, spendMinor: 0 });
    expect(await q.drilldown(ctx, brand, 'channel', 'tiktok', period)).toBeUndefined();
  });

  it("is the stored view under the brand's own model", async () => {
    const q = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const own = await q.drilldown(ctx, brand, 'campaign', CAMPAIGN, period, 'last_touch');
    expect(own?.totals.revenueMinor).toBe(7_000);
    expect(own?.model).toBe('last_touch');
  });
});

describe('campaign names in drilldowns', () => {
  it('names a channel’s campaigns as their exports did, the id kept as the key', async () => {
    await w.load(ctx, 'campaigns', B, [
      {
        brand_id: B,
        date: '2026-11-02',
        platform: 'meta',
        account_id: 'act_1',
        campaign_id: CAMPAIGN,
        name: 'Holiday Prospecting',
      },
    ]);
    const queries = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const channel = await queries.drilldown(ctx, brand, 'channel', 'meta', period);
    const row = channel!.breakdown.rows.find((r) => r.key === CAMPAIGN);
    expect(row).toMatchObject({ key: CAMPAIGN, name: 'Holiday Prospecting' });
    // A campaign no sync or import named reads as its platform and native id.
    const odd = channel!.breakdown.rows.find((r) => r.key.startsWith('='));
    expect(odd?.name).toBe('campaign =HYPERLINK("http://evil")');
    const campaign = await queries.drilldown(ctx, brand, 'campaign', CAMPAIGN, period);
    expect(campaign).toMatchObject({ id: CAMPAIGN, name: 'Holiday Prospecting' });
  });
});

describe('channel names in drilldowns', () => {
  it('names a channel without an ad platform in words, as its own page and as a row of a region', async () => {
    const S = 'drill-store';
    await w.load(ctx, 'unified_performance', S, [
      aPerformanceRow(S, {
        date: '2026-11-02',
        channel: 'direct',
        platform: null,
        campaign_id: null,
        region: 'US-NY',
        spend_minor: 0,
        revenue_minor: 4_000,
      }),
      aPerformanceRow(S, {
        date: '2026-11-02',
        channel: 'email',
        platform: null,
        campaign_id: null,
        region: 'US-NY',
      }),
    ]);
    const queries = createDashboardQueries(w.warehouse, { ttlMs: 0 });
    const store = aBrand(S, { timezone: 'UTC' });
    expect(await queries.drilldown(ctx, store, 'channel', 'direct', period)).toMatchObject({
      name: 'Direct',
    });
    const region = await queries.drilldown(ctx, store, 'region', 'US-NY', period);
    expect(region!.breakdown.rows.map((r) => [r.key, r.name])).toEqual(
      expect.arrayContaining([
        ['direct', 'Direct'],
        ['email', 'Email'],
      ]),
    );
    // Its credit without a campaign is named as the campaigns list and the export name it, with no
    // note: email has no campaign tag to add (decision 981's note is for ad platforms).
    const email = await queries.drilldown(ctx, store, 'channel', 'email', period);
    const none = email!.breakdown.rows.find((r) => r.key === 'unknown');
    expect(none).toMatchObject({ name: 'Email — no campaign' });
    expect(none).not.toHaveProperty('note');
  });
});
