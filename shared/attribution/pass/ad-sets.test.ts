import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, type TestBrand } from '../../../test/support/attribution-pass';
import { GOOGLE, META, plantSituations, TIKTOK } from '../../../test/support/planted-scenarios';
import { localDate } from '../../domain/time';
import type { Warehouse, WarehouseRow } from '../../ports/warehouse';
import { createDashboardQueries } from '../../reporting/dashboard';
import { runAttributionPass } from './run';

/**
 * The same planted store twice: once with each campaign's spend reported per campaign, once with
 * every such row split into two ad sets (uneven shares, so a rounding slip would show). Everything
 * summed by campaign — the pass's unified rows, the over-claim it reports, the dashboard and every
 * campaign's drilldown — must come out identical.
 */
const NOW = '2026-03-31T16:00:00Z';
const period = { from: localDate('2026-03-02'), to: localDate('2026-03-30') };

/** Two ad sets sharing one campaign row's numbers exactly (integers split, the rest to the second). */
function splitIntoAdSets(row: WarehouseRow): WarehouseRow[] {
  const native = String(row.campaign_id).split(':').pop();
  const part = (v: unknown) => Math.floor(Number(v) * 0.37);
  const first = {
    spend_minor: part(row.spend_minor),
    spend_original_minor: part(row.spend_original_minor),
    impressions: part(row.impressions),
    clicks: part(row.clicks),
    platform_conversions: Math.round(Number(row.platform_conversions) * 37) / 100,
    platform_conversion_value_minor: part(row.platform_conversion_value_minor),
  };
  const rest = Object.fromEntries(
    Object.entries(first).map(([k, v]) => [k, Number(row[k]) - v]),
  ) as typeof first;
  const adSet = (n: number) => ({
    adset_id: `${row.platform}:${row.account_id}:${native}0${n}`,
    adset_name: `Ad set ${n}`,
  });
  return [
    { ...row, ...first, ...adSet(1) },
    { ...row, ...rest, ...adSet(2) },
  ];
}

/** The brand's warehouse, with ad_performance writes split into ad sets on the way in. */
function reportingPerAdSet<W extends Warehouse>(w: W): W {
  return {
    ...w,
    replaceRange: (ctx, table, range, rows) =>
      w.replaceRange(ctx, table, range, table === 'ad_performance' ? rows.flatMap(splitIntoAdSets) : rows),
  };
}

describe('spend reported per ad set', () => {
  let perCampaign: TestBrand;
  let perAdSet: TestBrand;
  beforeAll(async () => {
    perCampaign = await createTestBrand(NOW);
    perAdSet = await createTestBrand(NOW);
    const split = {
      ...perAdSet,
      deps: { ...perAdSet.deps, warehouse: reportingPerAdSet(perAdSet.deps.warehouse) },
    };
    await plantSituations(perCampaign);
    await plantSituations(split);
  });
  afterAll(async () => {
    await perCampaign?.close();
    await perAdSet?.close();
  });

  it('is stored per ad set (the split really happened)', async () => {
    const [n] = await perAdSet.deps.warehouse.query<{ adsets: number; untagged: number }>(
      perAdSet.ctx,
      `SELECT COUNT(DISTINCT adset_id) AS adsets, COUNT(*) - COUNT(adset_id) AS untagged FROM {{ad_performance}}`,
    );
    expect(n).toEqual({ adsets: 6, untagged: 0 });
  });

  it('gives the same pass results, dashboard and campaign drilldowns as spend per campaign', async () => {
    const pass = async (w: TestBrand) => {
      const { timingsMs: _timings, ...result } = await runAttributionPass(w.deps, w.ctx, 'b1');
      return result;
    };
    expect(await pass(perAdSet)).toEqual(await pass(perCampaign));

    const unified = (w: TestBrand) =>
      w.deps.warehouse.query(
        w.ctx,
        `SELECT date, campaign_id, product_id, region, SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue,
                SUM(profit_minor) AS profit FROM {{unified_performance}} WHERE brand_id = 'b1'
         GROUP BY date, campaign_id, product_id, region ORDER BY date, campaign_id, product_id, region`,
      );
    const expected = await unified(perCampaign);
    expect(expected.length).toBeGreaterThan(0);
    expect(await unified(perAdSet)).toEqual(expected);

    const views = async (w: TestBrand) => {
      const q = createDashboardQueries(w.deps.warehouse, { ttlMs: 0 });
      return {
        dashboard: await q.dashboard(w.ctx, w.brand, period),
        campaigns: await Promise.all(
          [META, TIKTOK, GOOGLE].map((id) => q.drilldown(w.ctx, w.brand, 'campaign', id, period)),
        ),
        channels: await Promise.all(
          ['meta', 'tiktok', 'google_ads'].map((id) => q.drilldown(w.ctx, w.brand, 'channel', id, period)),
        ),
      };
    };
    const before = await views(perCampaign);
    expect(before.dashboard.kpis.spendMinor).toBe(29 * (50_000 + 5_000 + 20_000));
    expect(await views(perAdSet)).toEqual(before);
  });
});
