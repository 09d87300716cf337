import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aPerformanceRow } from '../../../test/support/builders';
import { createCustomerAnalyticsJob } from '../../customers/job';
import { adSpendRow, TEST_AS_OF, testStoreRows } from '../../customers/test-store';
import { month } from '../../domain/phrasing';
import { systemContext } from '../../domain/tenancy';
import { addDays, localDate } from '../../domain/time';
import { runTool } from '../../insights/tools';
import { toolContextFor } from '../../insights/tools/context';
import { getCohorts } from '../../insights/tools/customer-analytics-tools';
import type { WarehouseRow } from '../../ports/warehouse';
import { createPerformanceQueries } from '../../reporting/read-model/performance-queries';

const B = 'shop1';
const FRESH = 'shop-fresh';
const campaigns = [
  { channel: 'meta', platform: 'meta', campaignId: 'meta:act_1:camp_loyal', name: 'Loyalty — Lookalike' },
  { channel: 'google', platform: 'google_ads', campaignId: 'google_ads:1:camp_2', name: 'Search — Brand' },
];
let api: TestApi;
let viewer: string;
let analyst: string;
let outsider: string;

beforeAll(async () => {
  api = await createTestApi({ now: `${addDays(TEST_AS_OF, 1)}T12:00:00Z` });
  const ctx = await api.seedTenant('t_cus', [
    { id: B, timezone: 'Etc/UTC' },
    { id: FRESH, timezone: 'Etc/UTC' },
  ]);
  await api.seedTenant('t_other', [{ id: 'elsewhere' }]);
  const rows = { orders: [] as WarehouseRow[], attributions: [] as WarehouseRow[] };
  for (const r of testStoreRows({
    brandId: B,
    customers: 700,
    days: 300,
    asOf: TEST_AS_OF,
    seed: 4,
    campaigns,
  }))
    rows[r.table].push(r.row);
  const all = { brandId: B, from: localDate('2025-01-01'), to: TEST_AS_OF };
  await api.deps.warehouse.replaceRange(ctx, 'orders', all, rows.orders);
  // A second brand with orders whose nightly run has not happened yet.
  const fresh = [
    ...testStoreRows({ brandId: FRESH, customers: 5, days: 30, asOf: TEST_AS_OF, seed: 9, campaigns }),
  ];
  await api.deps.warehouse.replaceRange(
    ctx,
    'orders',
    { ...all, brandId: FRESH },
    fresh.filter((r) => r.table === 'orders').map((r) => r.row),
  );
  await api.deps.warehouse.replaceRange(ctx, 'attributions', all, rows.attributions);
  const spend: WarehouseRow[] = [];
  for (let d = 0; d < 30; d++) {
    const date = addDays(TEST_AS_OF, -d);
    for (const c of campaigns)
      spend.push(
        adSpendRow({
          brandId: B,
          date,
          platform: c.platform,
          campaignId: c.campaignId,
          campaignName: c.name,
          spendMinor: 2_000,
        }),
      );
  }
  await api.deps.warehouse.replaceRange(ctx, 'ad_performance', all, spend);
  await api.deps.warehouse.replaceRange(ctx, 'unified_performance', all, [
    aPerformanceRow(B, { date: TEST_AS_OF, campaign_id: campaigns[0]!.campaignId }),
  ]);
  const brand = (await api.deps.store.brands.list(ctx)).find((b) => b.id === B)!;
  await createCustomerAnalyticsJob({
    directory: api.deps.directory,
    brands: api.deps.store.brands,
    warehouse: api.deps.warehouse,
    clock: api.clock,
    logger: api.logger,
  }).runBrand(ctx, brand);
  viewer = await api.token({ tenantId: 't_cus', role: 'viewer' });
  analyst = await api.token({ tenantId: 't_cus', role: 'analyst' });
  outsider = await api.token({ tenantId: 't_other', role: 'owner' });
}, 120_000);
afterAll(async () => api?.close());

const get = async (path: string, token = viewer) => api.request(path, { token });

describe('GET customers/segments', () => {
  it('lists all eight segments summing to the customers, with the model and its holdout score', async () => {
    const res = await get(`/api/brands/${B}/customer-analytics/segments`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.segments).toHaveLength(8);
    expect(body.segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(700);
    expect(body.model).toMatchObject({ modelId: `ltv-${TEST_AS_OF}`, bgNbd: { source: 'fitted' } });
    expect(body.model.holdout.mae).toBeGreaterThan(0);
    expect(body.valueDistribution.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBe(
      700,
    );
  });

  it("is a 404 for another tenant's brand", async () => {
    expect((await get(`/api/brands/${B}/customer-analytics/segments`, outsider)).status).toBe(404);
  });
});

it('GET customers/cohorts gives a curve per acquisition channel starting at 100 %', async () => {
  const res = await get(`/api/brands/${B}/customer-analytics/cohorts?dimension=channel`);
  const body = await res.json();
  expect(body.cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['google', 'meta']);
  expect(body.cohorts[0].months[0].retention).toBe(1);
  expect(body.cohorts.map((c: { name: string | null }) => c.name)).toEqual([null, null]);
});

it('GET customers/cohorts names each campaign cohort, never by its bare id', async () => {
  const res = await get(`/api/brands/${B}/customer-analytics/cohorts?dimension=campaign`);
  const body = (await res.json()) as { cohorts: { cohort: string; name: string | null }[] };
  expect(body.cohorts.length).toBeGreaterThan(0);
  for (const c of body.cohorts) {
    if (c.cohort === 'unattributed') expect(c.name).toBeNull();
    else expect(c.name && c.name !== c.cohort).toBe(true);
  }
});

it('GET customers/cohorts refuses an unknown dimension with the one error shape', async () => {
  const res = await get(`/api/brands/${B}/customer-analytics/cohorts?dimension=weekday`);
  expect(res.status).toBe(400);
  expect((await res.json()).error.code).toBeDefined();
});

describe('LTV ROAS', () => {
  it('per campaign: acquired customers, CAC, and LTV ROAS above first-order ROAS', async () => {
    const res = await get(
      `/api/brands/${B}/customer-analytics/ltv-roas?from=${addDays(TEST_AS_OF, -29)}&to=${TEST_AS_OF}`,
    );
    const body = await res.json();
    expect(body.campaigns).toHaveLength(2);
    for (const c of body.campaigns) {
      expect(c.spendMinor).toBe(60_000);
      expect(c.acquiredCustomers).toBeGreaterThan(10);
      expect(c.cacMinor).toBe(Math.round(60_000 / c.acquiredCustomers));
      expect(c.ltvRoas).toBeGreaterThan(c.firstOrderRoas);
      expect(c.campaignName).toBe(campaigns.find((x) => x.campaignId === c.campaignId)!.name);
    }
  });

  it('without dates reads the 30 days up to the day the model is judged as of: yesterday while the data is current', async () => {
    const body = await (await get(`/api/brands/${B}/customer-analytics/ltv-roas`)).json();
    expect(body.period).toEqual({ from: addDays(TEST_AS_OF, -29), to: TEST_AS_OF });
    expect(body.campaigns.map((c: { spendMinor: number }) => c.spendMinor)).toEqual([60_000, 60_000]);
  });

  it('is on the campaign drilldown and the dashboard', async () => {
    const q = `from=${addDays(TEST_AS_OF, -29)}&to=${TEST_AS_OF}`;
    const drill = await (
      await get(`/api/brands/${B}/drilldown/campaign/${encodeURIComponent(campaigns[0]!.campaignId)}?${q}`)
    ).json();
    expect(drill.acquisition).toMatchObject({ campaignId: campaigns[0]!.campaignId, spendMinor: 60_000 });
    const dash = await (await get(`/api/brands/${B}/dashboard?${q}`)).json();
    expect(dash.ltvByCampaign.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual(
      campaigns.map((c) => c.campaignId).sort(),
    );
  });

  it('on the dashboard, summed from days kept with the rollup, equals one SQL sum over the period', async () => {
    const ctx = systemContext('t_cus', 'test');
    const periods = [
      [-29, 0],
      [-10, -3],
      [-200, -40],
      [-5, -5],
    ].map(([a, b]) => ({ from: addDays(TEST_AS_OF, a!), to: addDays(TEST_AS_OF, b!) }));
    for (const p of periods) {
      // The reference: the period's own SQL, as the dashboard read it before the daily rows.
      const expected = await api.deps.warehouse.query<{
        campaign_id: string;
        acquired: number;
        first: number;
      }>(
        ctx,
        `SELECT a.campaign_id, SUM(a.credit_last_touch) AS acquired,
                SUM(a.credit_last_touch * c.first_order_minor) AS first
         FROM {{customer_predictions}} c
         JOIN {{attributions}} a ON a.order_id = c.first_order_id AND a.brand_id = c.brand_id
         WHERE c.brand_id = @b AND a.brand_id = @b AND a.campaign_id IS NOT NULL AND a.credit_last_touch > 0
           AND c.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND a.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         GROUP BY a.campaign_id`,
        { b: B, from: p.from, to: p.to },
      );
      const spend = await api.deps.warehouse.query<{ campaign_id: string; spend: number }>(
        ctx,
        `SELECT campaign_id, SUM(spend_minor) AS spend FROM {{ad_performance}}
         WHERE brand_id = @b AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE) GROUP BY campaign_id`,
        { b: B, from: p.from, to: p.to },
      );
      const dash = await (await get(`/api/brands/${B}/dashboard?from=${p.from}&to=${p.to}`)).json();
      const got = new Map<
        string,
        { acquiredCustomers: number; firstOrderRevenueMinor: number; spendMinor: number }
      >(dash.ltvByCampaign.map((c: { campaignId: string }) => [c.campaignId, c]));
      const ids = new Set([...expected.map((r) => r.campaign_id), ...spend.map((r) => r.campaign_id)]);
      expect([...got.keys()].sort(), `${p.from}..${p.to}`).toEqual([...ids].sort());
      for (const r of expected) {
        expect(got.get(r.campaign_id)!.acquiredCustomers).toBeCloseTo(Number(r.acquired), 9);
        expect(got.get(r.campaign_id)!.firstOrderRevenueMinor).toBe(Math.round(Number(r.first)));
      }
      for (const r of spend) expect(got.get(r.campaign_id)!.spendMinor).toBe(Number(r.spend));
    }
  });
});

describe('one customer', () => {
  it('has a segment, P(alive) and a value inside its interval', async () => {
    const res = await get(`/api/brands/${B}/customer-analytics/cust-3/value`);
    expect(res.status).toBe(200);
    const v = await res.json();
    expect(v.pAlive).toBeGreaterThan(0);
    expect(v.pAlive).toBeLessThanOrEqual(1);
    expect(v.value365LowMinor).toBeLessThanOrEqual(v.value365Minor);
    expect(v.value365HighMinor).toBeGreaterThanOrEqual(v.value365Minor);
  });

  it('is a 404 when unknown', async () => {
    expect((await get(`/api/brands/${B}/customer-analytics/nobody/value`)).status).toBe(404);
  });
});

describe('before the first nightly run ("none yet" is 200 with null, decision 994)', () => {
  it('the model is null for a brand the job has not run for, and present once it has', async () => {
    const fresh = await get(`/api/brands/${FRESH}/customer-analytics/model`);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toBeNull();
    const ran = await get(`/api/brands/${B}/customer-analytics/model`);
    expect(await ran.json()).toMatchObject({ modelId: `ltv-${TEST_AS_OF}` });
  });

  it('a customer with orders but no prediction yet is null; an id no order names is still a 404', async () => {
    const fresh = await get(`/api/brands/${FRESH}/customer-analytics/cust-1/value`);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toBeNull();
    const unknown = await get(`/api/brands/${FRESH}/customer-analytics/nobody/value`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it("an unknown brand and another tenant's brand are 404s, not null", async () => {
    for (const [path, token] of [
      ['/api/brands/no-such-brand/customer-analytics/model', viewer],
      [`/api/brands/${FRESH}/customer-analytics/model`, outsider],
      [`/api/brands/${B}/customer-analytics/model`, outsider],
      [`/api/brands/${B}/customer-analytics/cust-3/value`, outsider],
      ['/api/brands/elsewhere/customer-analytics/model', viewer],
    ] as const) {
      const res = await get(path, token);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toMatch(/modelId|pAlive/);
    }
  });
});

describe('CSV export', () => {
  it('streams one line per customer after the header', async () => {
    const res = await get(`/api/brands/${B}/customer-analytics/export`, analyst);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^customer_id,segment,r_score/);
    expect(lines).toHaveLength(701);
  });

  it('is refused to a viewer', async () => {
    expect((await get(`/api/brands/${B}/customer-analytics/export`)).status).toBe(403);
  });
});

describe('AI and MCP tools', () => {
  const toolContext = async () => {
    const ctx = systemContext('t_cus', 'test');
    const brand = (await api.deps.store.brands.get(ctx, B))!;
    return toolContextFor(
      {
        queries: createPerformanceQueries(api.deps.warehouse),
        store: api.deps.store,
        clock: api.clock,
        warehouse: api.deps.warehouse,
      },
      ctx,
      brand,
    );
  };

  it('get_segments returns the eight segments and the model version', async () => {
    const out = await runTool(await toolContext(), 'get_segments', {});
    expect(out.ok).toBe(true);
    const v = (out as { output: { segments: unknown[]; model: { version: string } } }).output;
    expect(v.segments).toHaveLength(8);
    expect(v.model.version).toBe(`ltv-${TEST_AS_OF}`);
  });

  it('get_cohorts returns month cohorts cut to the months asked for', async () => {
    const out = await runTool(await toolContext(), 'get_cohorts', { dimension: 'month', months: 3 });
    const v = (out as { output: { cohorts: Array<{ months: unknown[] }> } }).output;
    expect(v.cohorts.length).toBeGreaterThan(5);
    expect(Math.max(...v.cohorts.map((c) => c.months.length))).toBe(3);
  });

  it('get_cohorts names each cohort as the app does: a month in words, a channel by name, never a key', async () => {
    const byMonth = await runTool(await toolContext(), 'get_cohorts', { dimension: 'month', months: 2 });
    const months = (byMonth as { output: { cohorts: Array<{ name: string; cohort: string }> } }).output
      .cohorts;
    for (const c of months) expect(c.name).toBe(month(c.cohort));
    expect(months.at(-1)!.name).toBe('November 2026');
    const byChannel = await runTool(await toolContext(), 'get_cohorts', { dimension: 'channel' });
    const channels = (byChannel as { output: { cohorts: Array<{ name: string; cohort: string }> } }).output
      .cohorts;
    expect(channels.map((c) => [c.cohort, c.name])).toEqual([
      ['google', 'Google'],
      ['meta', 'Meta'],
    ]);
    const byCampaign = await runTool(await toolContext(), 'get_cohorts', { dimension: 'campaign' });
    const named = (byCampaign as { output: { cohorts: Array<{ name: string; cohort: string }> } }).output
      .cohorts;
    expect(named.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining(['Loyalty — Lookalike', 'Search — Brand']),
    );
    // The Ask page shows names; the keys are for the model only.
    expect(getCohorts.units['cohorts[].cohort']).toBe('internal');
  });

  it("get_customer_value gives one customer's prediction, or the top customers and LTV ROAS per campaign", async () => {
    const one = await runTool(await toolContext(), 'get_customer_value', { customer_id: 'cust-3' });
    expect((one as { output: { customer: { customer_id: string } } }).output.customer.customer_id).toBe(
      'cust-3',
    );
    const top = await runTool(await toolContext(), 'get_customer_value', { limit: 5 });
    const v = (
      top as {
        output: {
          top_customers: Array<{ predicted_value_365d: number }>;
          ltv_roas_by_campaign: { campaigns: unknown[] };
        };
      }
    ).output;
    expect(v.top_customers).toHaveLength(5);
    expect(v.top_customers[0]!.predicted_value_365d).toBeGreaterThanOrEqual(
      v.top_customers[4]!.predicted_value_365d,
    );
    expect(v.ltv_roas_by_campaign.campaigns).toHaveLength(2);
  });

  it('tells the model when customer analytics are unavailable rather than failing', async () => {
    const { customerAnalytics: _, ...without } = await toolContext();
    const out = await runTool(without, 'get_segments', {});
    expect(out).toEqual({ ok: true, output: { error: 'Customer analytics are not available here.' } });
  });
});

// Last in the file: the clock moves on four months and stays there (tokens and rate limits follow it).
describe('LTV ROAS and the funnel without dates, on a store whose data ended long ago', () => {
  it('months after an imported store’s files end, reads their last 30 days: the model’s, not an empty month', async () => {
    const later = addDays(TEST_AS_OF, 120);
    api.clock.set(`${later}T12:00:00Z`);
    const token = await api.token({ tenantId: 't_cus', role: 'viewer' });
    const base = `/api/brands/${B}/customer-analytics`;
    const model = await (await get(`${base}/model`, token)).json();
    const ltv = await (await get(`${base}/ltv-roas`, token)).json();
    expect(ltv.period).toEqual({ from: addDays(TEST_AS_OF, -29), to: TEST_AS_OF });
    expect(ltv.period.to).toBe(model.trainingTo);
    expect(ltv.campaigns).toHaveLength(2);
    expect(ltv.campaigns.every((c: { acquiredCustomers: number }) => c.acquiredCustomers > 0)).toBe(true);
    const funnel = await (await get(`${base}/funnel`, token)).json();
    expect(funnel.period).toEqual(ltv.period);
    // Dates asked for still win, and a brand with no attributed day yet ends on yesterday.
    const asked = await (await get(`${base}/ltv-roas?from=${later}&to=${later}`, token)).json();
    expect(asked.period).toEqual({ from: later, to: later });
    expect(asked.campaigns).toEqual([]);
    const fresh = await (await get(`/api/brands/${FRESH}/customer-analytics/funnel`, token)).json();
    expect(fresh.period).toEqual({ from: addDays(later, -30), to: addDays(later, -1) });
  });
});
