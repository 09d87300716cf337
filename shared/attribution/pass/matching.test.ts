import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../../test/support/attribution-pass';
import { attributionSplitOf } from '../../domain/reporting/rollup';
import { localDate } from '../../domain/time';
import type { WarehouseRow } from '../../ports/warehouse';
import { loadBrandRollup } from '../../reporting/rollup-loader';
import { runAttributionPass } from './run';

/**
 * Real tagging through a whole pass, with values worked out by hand. Campaigns are known only by
 * the names an Ads Manager export carried (ad_performance.campaign_name), as after an import.
 */
const NOW = '2026-03-31T16:00:00Z';
const SUMMER = 'meta:act_1:120210000000001';
const SUMMER_EUR = 'meta:act_2:120210000000002';
const PMAX = 'google_ads:1234567890:21736540913';
const DAY = '2026-03-10';
const range = { brandId: 'b1', from: localDate('2026-03-01'), to: localDate('2026-03-31') };

const order = (id: string, total: number, shipping: number, tax: number) =>
  rows.order({ id, at: `${DAY}T15:00:00.000Z`, date: DAY, region: 'US-CA', total, shipping, tax });
const visit = (
  id: string,
  orderId: string,
  over: Parameters<typeof rows.touch>[0] extends infer T ? Partial<T> : never,
) => rows.touch({ id, orderId, at: `${DAY}T14:00:00.000Z`, date: DAY, ...over });

async function plant(w: TestBrand, geoFallback: boolean) {
  await w.deps.store.brands.upsert(w.ctx, { ...w.brand, targets: { ...w.brand.targets, geoFallback } });
  const put = (
    table: 'orders' | 'order_lines' | 'touchpoints' | 'ad_performance' | 'click_campaigns',
    r: WarehouseRow[],
  ) => w.deps.warehouse.replaceRange(w.ctx, table, range, r);
  await put('orders', [
    order('by-name', 10_578, 795, 783), // utm_campaign=Summer+Sale from Instagram
    order('by-gclid', 5_000, 0, 0), // a gclid that click_view maps to PMax
    order('email', 3_000, 0, 0), // Klaviyo
    order('direct', 2_000, 0, 0), // no journey at all, in a region where Summer Sale spent
  ]);
  await put('order_lines', [
    rows.line('by-name', DAY, 'v1', 1, 9_000),
    rows.line('by-gclid', DAY, 'v2', 1, 5_000),
    rows.line('email', DAY, 'v1', 1, 3_000),
    rows.line('direct', DAY, 'v2', 1, 2_000),
  ]);
  await put('touchpoints', [
    visit('t1', 'by-name', { source: 'ig', medium: 'paid_social', campaign: 'Summer+Sale' }),
    { ...visit('t2', 'by-gclid', { clickType: 'gclid' }), click_id: 'Cj0KCQiA-gclid-1' },
    visit('t3', 'email', { source: 'klaviyo', medium: 'email', campaign: 'summer sale' }),
  ]);
  const named = (row: WarehouseRow, name: string) => ({ ...row, campaign_name: name });
  await put('ad_performance', [
    named(rows.spend(DAY, 'meta', SUMMER, 'US-CA', 4_000, 20_000), 'Summer Sale'),
    named(rows.spend(DAY, 'meta', SUMMER_EUR, 'DE-BE', 1_000, 0), 'Summer Sale EU'),
    named(rows.spend(DAY, 'google_ads', PMAX, 'US-NY', 2_500, 6_000), 'PMax | All products'),
  ]);
  await put('click_campaigns', [
    {
      brand_id: 'b1',
      date: DAY,
      platform: 'google_ads',
      click_id: 'Cj0KCQiA-gclid-1',
      campaign: '21736540913',
      source: 'click_view',
    },
  ]);
}

const revenueByCampaign = (w: TestBrand) =>
  w.deps.warehouse.query<{ campaign: string | null; revenue: number }>(
    w.ctx,
    `SELECT campaign_id AS campaign, SUM(revenue_minor) AS revenue FROM {{unified_performance}}
     WHERE brand_id = @brand GROUP BY campaign_id HAVING SUM(revenue_minor) <> 0 ORDER BY campaign_id NULLS FIRST`,
    { brand: 'b1' },
  );

describe('matching through a pass', () => {
  let w: TestBrand;
  beforeEach(async () => {
    w = await createTestBrand(NOW);
  });
  afterEach(async () => w.close());

  it('credits a campaign named in utm_campaign and one a gclid maps to; email and direct stay unattributed', async () => {
    await plant(w, false);
    await runAttributionPass(w.deps, w.ctx, 'b1', { range: { from: range.from, to: range.to } });
    // Order totals: 10,578 to Summer Sale, 5,000 to PMax; 3,000 (email) + 2,000 (direct) unattributed.
    expect(await revenueByCampaign(w)).toEqual([
      { campaign: null, revenue: 5_000 },
      { campaign: PMAX, revenue: 5_000 },
      { campaign: SUMMER, revenue: 10_578 },
    ]);
    const methods = await w.deps.warehouse.query<{ order_id: string; method: string }>(
      w.ctx,
      'SELECT order_id, method FROM {{attributions}} WHERE brand_id = @brand ORDER BY order_id',
      { brand: 'b1' },
    );
    expect(methods).toEqual([
      { order_id: 'by-gclid', method: 'click_id' },
      { order_id: 'by-name', method: 'utm' },
      { order_id: 'direct', method: 'unattributed' },
      { order_id: 'email', method: 'unattributed' },
    ]);
    // Over-claim: Meta claimed 20,000 against 10,578 attributed (1.8907); Google 6,000 against 5,000.
    const recon = await w.deps.warehouse.query<{ platform: string; attributed: number; ratio: number }>(
      w.ctx,
      `SELECT platform, attributed_revenue_minor AS attributed, over_claim_ratio AS ratio FROM {{reconciliation}}
       WHERE brand_id = @brand ORDER BY platform`,
      { brand: 'b1' },
    );
    expect(recon.map((r) => [r.platform, r.attributed, Number(r.ratio.toFixed(4))])).toEqual([
      ['google_ads', 5_000, 1.2],
      ['meta', 10_578, 1.8907],
    ]);
  });

  it('with the geo fallback on, the direct order is a modelled figure apart: attributed revenue and over-claim do not change', async () => {
    await plant(w, true);
    await runAttributionPass(w.deps, w.ctx, 'b1', { range: { from: range.from, to: range.to } });
    expect(await revenueByCampaign(w)).toEqual([
      { campaign: null, revenue: 5_000 },
      { campaign: PMAX, revenue: 5_000 },
      { campaign: SUMMER, revenue: 10_578 },
    ]);
    const [geo] = await w.deps.warehouse.query<{ campaign_id: string; method: string }>(
      w.ctx,
      `SELECT campaign_id, method FROM {{attributions}} WHERE brand_id = @brand AND order_id = 'direct'`,
      { brand: 'b1' },
    );
    expect(geo).toEqual({ campaign_id: SUMMER, method: 'geo_time' });
    const [meta] = await w.deps.warehouse.query<{ attributed: number }>(
      w.ctx,
      `SELECT attributed_revenue_minor AS attributed FROM {{reconciliation}} WHERE brand_id = @brand AND platform = 'meta'`,
      { brand: 'b1' },
    );
    expect(meta!.attributed).toBe(10_578);
    const brand = (await w.deps.store.brands.get(w.ctx, 'b1'))!;
    const split = attributionSplitOf(await loadBrandRollup(w.deps.warehouse, w.ctx, brand), {
      from: range.from,
      to: range.to,
    });
    expect(split).toEqual({
      attributedRevenueMinor: 15_578,
      campaignNotIdentifiedRevenueMinor: 0,
      campaignNotIdentified: [],
      unattributedRevenueMinor: 5_000,
      modelledRevenueMinor: 2_000,
    });
  });
});
