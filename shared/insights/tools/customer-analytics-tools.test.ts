import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aBrand,
  anAttributionRow,
  anOrderRow,
  aPerformanceRow,
  customerAnalyticsRows,
} from '../../../test/support/builders';
import { createTestWarehouse } from '../../../test/support/warehouse';
import { createAcquisitionQueries } from '../../customers/acquisition';
import { createNewCustomerQueries } from '../../customers/new-customers';
import { createCustomerReadModel } from '../../customers/read-model';
import { adSpendRow } from '../../customers/test-store';
import { ATTRIBUTION_MODELS } from '../../domain/entities/brand';
import { systemContext, type TenantContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { shownRaw } from '../../domain/tool-units';
import { runTool } from '.';
import { getCustomerValue, getNewCustomers } from './customer-analytics-tools';
import { callUnits, type ToolContext } from './types';

/**
 * Two customers as the nightly job writes them (customerAnalyticsRows): cust-1 first ordered
 * order-B-1 ($50) on Sep 1, cust-2 order-B-2 ($30) on Oct 10. "Loyalty — Lookalike" is credited
 * with all of cust-1's first order and half of cust-2's, "Search — Brand" with the other half.
 */
const ctx = systemContext('t_tools', 'test');
const other = systemContext('t_tools_other', 'test');
const B = 'b';
const brand = aBrand(B);
const LOYAL = `meta:act_${B}:camp_1`;
const SEARCH = 'google_ads:1:camp_2';
const rows = customerAnalyticsRows(B);
const value365 = (customer: string) =>
  Number(rows.predictions.find((p) => p.customer_id === customer)!.value_365_minor);

let w: Awaited<ReturnType<typeof createTestWarehouse>>;
const contextOf = (tenant: TenantContext): ToolContext => ({
  ctx: tenant,
  brand,
  asOf: localDate('2026-11-19'),
  today: localDate('2026-11-20'),
  now: new Date('2026-11-20T12:00:00Z'),
  queries: {} as ToolContext['queries'],
  store: {} as ToolContext['store'],
  customerAnalytics: {
    read: createCustomerReadModel(w.warehouse),
    acquisition: createAcquisitionQueries(w.warehouse),
    newCustomers: createNewCustomerQueries(w.warehouse),
  },
});
const run = async (tenant: TenantContext, name: string, input: Record<string, unknown>) => {
  const out = await runTool(contextOf(tenant), name, input);
  if (!out.ok) throw new Error(out.error);
  return out.output as Record<string, unknown>;
};

beforeAll(async () => {
  w = await createTestWarehouse();
  const credit = (share: number) =>
    Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, { credit: share, revenueMinor: 0 }]));
  await w.load(ctx, 'customer_models', B, [rows.model]);
  await w.load(ctx, 'customer_predictions', B, rows.predictions);
  await w.load(ctx, 'attributions', B, [
    anAttributionRow(
      B,
      { order_id: `order-${B}-1`, channel: 'meta', campaign_id: LOYAL, date: '2026-09-01' },
      credit(1),
    ),
    anAttributionRow(
      B,
      { order_id: `order-${B}-2`, channel: 'meta', campaign_id: LOYAL, date: '2026-10-10' },
      credit(0.5),
    ),
    anAttributionRow(
      B,
      {
        order_id: `order-${B}-2`,
        channel: 'google',
        platform: 'google_ads',
        campaign_id: SEARCH,
        date: '2026-10-10',
      },
      credit(0.5),
    ),
  ]);
  await w.load(ctx, 'ad_performance', B, [
    adSpendRow({
      brandId: B,
      date: localDate('2026-09-01'),
      platform: 'meta',
      campaignId: LOYAL,
      campaignName: 'Loyalty — Lookalike',
      spendMinor: 4_000,
    }),
    adSpendRow({
      brandId: B,
      date: localDate('2026-10-10'),
      platform: 'google_ads',
      campaignId: SEARCH,
      campaignName: 'Search — Brand',
      spendMinor: 1_000,
    }),
  ]);
  // Gross margin over the period: (profit + spend) / revenue = (2,000 + 4,000) / 10,000 = 0.6.
  await w.load(ctx, 'unified_performance', B, [
    aPerformanceRow(B, {
      date: '2026-09-01',
      revenue_minor: 10_000,
      profit_minor: 2_000,
      spend_minor: 4_000,
    }),
  ]);
  await w.load(ctx, 'orders', B, [
    anOrderRow(B, `order-${B}-1`, '2026-09-01', 5_000, { customer_id: 'cust-1' }),
    anOrderRow(B, `order-${B}-2`, '2026-10-10', 3_000, { customer_id: 'cust-2' }),
    anOrderRow(B, `order-${B}-3`, '2026-11-01', 4_000, { customer_id: 'cust-1' }),
    anOrderRow(B, `order-${B}-4`, '2026-10-15', 2_000, { customer_id: null }),
  ]);
  // Another tenant's store under the same brand id: one new customer of its own.
  await w.load(other, 'orders', B, [anOrderRow(B, 'theirs', '2026-10-12', 9_000, { customer_id: 'cust-9' })]);
});
afterAll(() => w?.close());

describe('get_customer_value by acquiring campaign', () => {
  it('names each campaign and gives its customers’ value per customer, CAC and LTV:CAC, with the model and window', async () => {
    const out = await run(ctx, 'get_customer_value', { from: '2026-09-01', to: '2026-10-31' });
    const byCampaign = out.ltv_roas_by_campaign as {
      attribution_model: string;
      attribution_window_days: number;
      campaigns: Array<Record<string, unknown>>;
    };
    expect(byCampaign).toMatchObject({ attribution_model: 'last_touch', attribution_window_days: 7 });
    const loyal = byCampaign.campaigns.find((c) => c.campaign_id === LOYAL)!;
    // 1 + ½ customers; first orders 5,000 + ½·3,000; predicted 365-day value v1 + ½·v2.
    const acquired = 1.5;
    const first = 5_000 + 1_500;
    const predicted = value365('cust-1') + value365('cust-2') / 2;
    const cac = 4_000 / acquired;
    const ltv = (first + predicted) / acquired;
    expect(loyal).toEqual({
      campaign_id: LOYAL,
      name: 'Loyalty — Lookalike',
      platform: 'meta',
      platform_name: 'Meta',
      spend: 40,
      acquired_customers: 1.5,
      first_order_value_per_customer: Math.round(first / acquired) / 100,
      predicted_value_365d_per_customer: Math.round(predicted / acquired) / 100,
      ltv_per_customer: Math.round(ltv) / 100,
      cac: Math.round(cac) / 100,
      first_order_roas: Number((first / 4_000).toFixed(2)),
      ltv_roas: Number(((first + predicted) / 4_000).toFixed(2)),
      ltv_to_cac: Number(((ltv * 0.6) / cac).toFixed(2)),
    });
    const search = byCampaign.campaigns.find((c) => c.campaign_id === SEARCH)!;
    expect(search).toMatchObject({
      name: 'Search — Brand',
      platform_name: 'Google Ads',
      acquired_customers: 0.5,
    });
    // Nothing the Ask page shows is an id or a raw key.
    expect(shownRaw(callUnits(getCustomerValue, out), out)).toEqual([]);
  });
});

describe('get_new_customers', () => {
  it('counts customers whose first order ever is in the period as new, the others who ordered as returning', async () => {
    const out = await run(ctx, 'get_new_customers', { from: '2026-10-01', to: '2026-11-05' });
    expect(out).toMatchObject({
      period: { from: '2026-10-01', to: '2026-11-05', days: 36 },
      orders: 3,
      new_customers: {
        customers: 1,
        orders: 1,
        revenue: 30,
        share_of_orders: 0.3333,
        first_order_revenue: 30,
        first_order_aov: 30,
      },
      returning_customers: { customers: 1, orders: 1, revenue: 40, share_of_orders: 0.3333 },
      orders_without_customer: { orders: 1, revenue: 20, share_of_orders: 0.3333 },
    });
    expect(shownRaw(callUnits(getNewCustomers, out), out)).toEqual([]);
  });

  it('in a month before any first order, has no new customer and no average first order', async () => {
    const out = await run(ctx, 'get_new_customers', { from: '2026-08-01', to: '2026-08-31' });
    expect(out).toMatchObject({ orders: 0, new_customers: { customers: 0, first_order_aov: null } });
  });

  it('reads only the asking tenant’s orders', async () => {
    const out = await run(other, 'get_new_customers', { from: '2026-10-01', to: '2026-11-05' });
    expect(out).toMatchObject({ orders: 1, new_customers: { customers: 1, revenue: 90 } });
  });
});
