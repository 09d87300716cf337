import { z } from 'zod';
import { channelName, platformName, productName, withoutCampaignRow } from '../../domain/names/names';
import { COMPARISONS, comparisonPeriod } from '../../domain/reporting/period';
import { thinComparison } from '../../domain/reporting/rollup';
import { daysBetween, localDate } from '../../domain/time';
import type { Totals } from '../../reporting/read-model/performance-queries';
import {
  day,
  defineTool,
  KPI_UNITS,
  kpisOf,
  major,
  PERIOD_UNITS,
  type Period,
  periodInput,
  periodOf,
  ratioOf,
  round,
  sliceOf,
  ToolInputError,
} from './types';

const pctChange = (now: number, before: number) =>
  before !== 0 ? round(((now - before) / Math.abs(before)) * 100, 1) : null;

export const getKpis = defineTool({
  name: 'get_kpis',
  description:
    "The brand's headline numbers for a period: ad spend, revenue, profit (after COGS, fulfilment and ad spend), orders and ROAS, in the brand currency.",
  input: z.object(periodInput),
  units: { ...KPI_UNITS, ...PERIOD_UNITS, currency: 'currency', average_order_value: 'money-major' },
  async run(tc, input) {
    const period = periodOf(tc, input);
    const totals = await tc.queries.totals(tc.ctx, sliceOf(tc, period));
    return {
      period,
      latest_day_with_data: tc.asOf,
      currency: tc.brand.currency,
      ...kpisOf(totals, tc.brand.currency),
      average_order_value:
        totals.orders > 0 ? major(Math.round(totals.revenue_minor / totals.orders), tc.brand.currency) : null,
    };
  },
});

/** The period `current` is compared with, by the reports' one definition (domain/reporting/period.ts). */
function comparedWith(
  current: Period,
  input: {
    compare_with: (typeof COMPARISONS)[number];
    compare_from?: string | undefined;
    compare_to?: string | undefined;
  },
): Period {
  if (input.compare_with === 'custom') {
    if (!input.compare_from || !input.compare_to)
      throw new ToolInputError('a custom comparison needs both `compare_from` and `compare_to`');
    if (input.compare_from > input.compare_to)
      throw new ToolInputError(
        `the comparison starts (${input.compare_from}) after it ends (${input.compare_to})`,
      );
  }
  const p = comparisonPeriod(
    current,
    input.compare_with === 'custom'
      ? { kind: 'custom', period: { from: localDate(input.compare_from!), to: localDate(input.compare_to!) } }
      : { kind: input.compare_with },
  );
  return { ...p, days: daysBetween(p.from, p.to) + 1 };
}

export const comparePeriods = defineTool({
  name: 'compare_periods',
  description:
    'Compares a period with another — by default the one just before it (same length); `compare_with` "year" for the same dates last year, "year_weekday" for 52 weeks earlier (weekdays aligned), "custom" with compare_from/compare_to — giving totals with percent changes, and which channels and products moved revenue the most. Use it for "why did revenue drop" and "vs last year" questions.',
  input: z.object({
    ...periodInput,
    compare_with: z
      .enum(COMPARISONS)
      .default('previous')
      .describe('What to compare with: previous (default), year, year_weekday or custom'),
    compare_from: day.optional().describe('First day of a custom comparison, YYYY-MM-DD'),
    compare_to: day.optional().describe('Last day of a custom comparison, YYYY-MM-DD'),
  }),
  units: {
    ...KPI_UNITS,
    ...PERIOD_UNITS,
    currency: 'currency',
    spend_pct: 'percent',
    revenue_pct: 'percent',
    profit_pct: 'percent',
    orders_pct: 'percent',
    roas_pct: 'percent',
    revenue_current: 'money-major',
    revenue_previous: 'money-major',
    revenue_change: 'money-major',
    comparison: 'label',
    channel: 'internal',
    variant_id: 'internal',
  },
  async run(tc, input) {
    const current = periodOf(tc, input);
    const previous = comparedWith(current, input);
    const [nowT, beforeT, nowCh, beforeCh, nowP, beforeP, nowD, beforeD] = await Promise.all([
      tc.queries.totals(tc.ctx, sliceOf(tc, current)),
      tc.queries.totals(tc.ctx, sliceOf(tc, previous)),
      tc.queries.channels(tc.ctx, sliceOf(tc, current)),
      tc.queries.channels(tc.ctx, sliceOf(tc, previous)),
      tc.queries.products(tc.ctx, sliceOf(tc, current)),
      tc.queries.products(tc.ctx, sliceOf(tc, previous)),
      tc.queries.daily(tc.ctx, sliceOf(tc, current)),
      tc.queries.daily(tc.ctx, sliceOf(tc, previous)),
    ]);
    // The dashboard's rule: an earlier period with data on too few of its days is not compared.
    const withData = new Set(
      [...nowD, ...beforeD].filter((d) => d.spend_minor !== 0 || d.revenue_minor !== 0).map((d) => d.date),
    );
    const thin = thinComparison(current, previous, (d) => withData.has(d));
    const earlierDays = beforeD.filter((d) => withData.has(d.date)).length;
    const cur = tc.brand.currency;
    const change = (a: Totals, b: Totals) => ({
      spend_pct: pctChange(a.spend_minor, b.spend_minor),
      revenue_pct: pctChange(a.revenue_minor, b.revenue_minor),
      profit_pct: pctChange(a.profit_minor, b.profit_minor),
      orders_pct: pctChange(a.orders, b.orders),
      roas_pct:
        a.spend_minor > 0 && b.spend_minor > 0
          ? pctChange(a.revenue_minor / a.spend_minor, b.revenue_minor / b.spend_minor)
          : null,
    });
    const movers = <K extends string>(
      now: readonly ({ revenue_minor: number } & Record<K, string>)[],
      before: readonly ({ revenue_minor: number } & Record<K, string>)[],
      key: K,
    ) => {
      const keys = new Set([...now.map((r) => r[key]), ...before.map((r) => r[key])]);
      return [...keys]
        .map((k) => {
          const a = now.find((r) => r[key] === k)?.revenue_minor ?? 0;
          const b = before.find((r) => r[key] === k)?.revenue_minor ?? 0;
          return {
            [key]: k,
            revenue_current: major(a, cur),
            revenue_previous: major(b, cur),
            revenue_change: major(a - b, cur),
          };
        })
        .sort((x, y) => Math.abs(y.revenue_change) - Math.abs(x.revenue_change));
    };
    const titles = new Map(
      (await tc.store.products.list(tc.ctx, tc.brand.id)).map((p) => [p.id, productName(p)]),
    );
    return {
      currency: cur,
      comparison: input.compare_with,
      current: { period: current, ...kpisOf(nowT, cur) },
      previous: { period: previous, ...kpisOf(beforeT, cur) },
      change: {
        ...(thin
          ? { spend_pct: null, revenue_pct: null, profit_pct: null, orders_pct: null, roas_pct: null }
          : change(nowT, beforeT)),
        revenue: major(nowT.revenue_minor - beforeT.revenue_minor, cur),
      },
      ...(thin
        ? {
            comparison_warning: `The earlier period has data on only ${earlierDays} of its ${previous.days} days, too few to compare, so percent changes are left out.`,
          }
        : {}),
      channels: movers(nowCh, beforeCh, 'channel').map((c) => ({
        ...c,
        name: channelName(String(c.channel)),
      })),
      products: movers(nowP, beforeP, 'variant_id')
        .slice(0, 5)
        .map((p) => ({ ...p, title: titles.get(String(p.variant_id)) ?? String(p.variant_id) })),
    };
  },
});

export const getChannelPerformance = defineTool({
  name: 'get_channel_performance',
  description:
    'Spend, attributed revenue, profit, orders and ROAS per channel (meta = Meta, tiktok = TikTok, google_ads = Google Ads, direct, email, ...) for a period; `name` is how to call each.',
  input: z.object(periodInput),
  units: {
    ...KPI_UNITS,
    ...PERIOD_UNITS,
    currency: 'currency',
    revenue_share_pct: 'percent',
    attribution_model: 'label',
    channel: 'internal',
  },
  async run(tc, input) {
    const period = periodOf(tc, input);
    const rows = await tc.queries.channels(tc.ctx, sliceOf(tc, period));
    const total = rows.reduce((s, r) => s + r.revenue_minor, 0);
    return {
      period,
      latest_day_with_data: tc.asOf,
      currency: tc.brand.currency,
      attribution_model: tc.brand.targets.attributionModel,
      channels: rows.map((r) => ({
        channel: r.channel,
        name: channelName(r.channel),
        ...kpisOf(r, tc.brand.currency),
        revenue_share_pct: total > 0 ? round((r.revenue_minor / total) * 100, 1) : null,
      })),
    };
  },
});

export const getCampaigns = defineTool({
  name: 'get_campaigns',
  description:
    'Ad campaigns with spend, attributed revenue, profit, orders and ROAS for a period, sorted as asked.',
  input: z.object({
    ...periodInput,
    sort_by: z.enum(['profit', 'roas', 'spend', 'revenue']).default('spend'),
    order: z.enum(['desc', 'asc']).default('desc'),
    limit: z.number().int().min(1).max(100).default(10),
  }),
  units: {
    ...KPI_UNITS,
    ...PERIOD_UNITS,
    currency: 'currency',
    campaign_id: 'internal',
    // The platform's key; `platform_name` (or the row's name) says it in words.
    platform: 'internal',
    sort_by: 'label',
    order: 'label',
  },
  async run(tc, input) {
    const period = periodOf(tc, input);
    const [rows, unidentified] = await Promise.all([
      tc.queries.campaigns(tc.ctx, sliceOf(tc, period)),
      tc.queries.unidentifiedCampaigns(tc.ctx, sliceOf(tc, period)),
    ]);
    const campaigns = rows.map((r) => ({
      campaign_id: r.campaign_id,
      name: r.campaign_name,
      platform: r.platform,
      platform_name: platformName(r.platform),
      ...kpisOf(r, tc.brand.currency),
    }));
    const key = input.sort_by;
    const sign = input.order === 'desc' ? -1 : 1;
    // A campaign without spend has no ROAS: last whichever way the list is sorted.
    const value = (c: (typeof campaigns)[number]) => c[key] ?? sign * Infinity;
    campaigns.sort((a, b) => sign * (value(a) - value(b)) || a.campaign_id.localeCompare(b.campaign_id));
    return {
      period,
      latest_day_with_data: tc.asOf,
      currency: tc.brand.currency,
      sort_by: key,
      order: input.order,
      campaigns: campaigns.slice(0, input.limit),
      // Per platform, revenue its clicks brought with no campaign tag: one explained row each (decision 981).
      // Named and explained by the channel drill-down's own row (withoutCampaignRow).
      campaign_not_identified: unidentified.map((r) => {
        const row = withoutCampaignRow(r.channel);
        return {
          platform: r.channel,
          name: row.name,
          why_and_what_to_do: row.note,
          ...kpisOf(r, tc.brand.currency),
        };
      }),
    };
  },
});

export const getProducts = defineTool({
  name: 'get_products',
  description:
    'Products (variants) with units sold, revenue, ad spend and profit for a period, and their current stock, sorted as asked.',
  input: z.object({
    ...periodInput,
    sort_by: z.enum(['revenue', 'units', 'profit', 'spend']).default('revenue'),
    limit: z.number().int().min(1).max(100).default(10),
  }),
  units: {
    ...PERIOD_UNITS,
    currency: 'currency',
    units: 'count',
    revenue: 'money-major',
    spend: 'money-major',
    profit: 'money-major',
    roas: 'ratio',
    stock_available: 'count',
    product_id: 'internal',
    sort_by: 'label',
  },
  async run(tc, input) {
    const period = periodOf(tc, input);
    const [rows, catalog] = await Promise.all([
      // Stock as it is now (the latest inventory pass), whatever period the sales are for.
      tc.queries.products(tc.ctx, sliceOf(tc, period), { stock: 'latest' }),
      tc.store.products.list(tc.ctx, tc.brand.id),
    ]);
    const titles = new Map(catalog.map((p) => [p.id, p]));
    const cur = tc.brand.currency;
    const products = rows.map((r) => ({
      product_id: r.variant_id,
      title: titles.has(r.variant_id) ? productName(titles.get(r.variant_id)!) : r.variant_id,
      sku: titles.get(r.variant_id)?.sku ?? null,
      units: round(r.units, 1),
      revenue: major(r.revenue_minor, cur),
      spend: major(r.spend_minor, cur),
      profit: major(r.profit_minor, cur),
      roas: ratioOf(r.revenue_minor, r.spend_minor),
      stock_available: r.stock_available,
    }));
    products.sort((a, b) => b[input.sort_by] - a[input.sort_by] || a.product_id.localeCompare(b.product_id));
    return {
      period,
      latest_day_with_data: tc.asOf,
      currency: cur,
      sort_by: input.sort_by,
      products: products.slice(0, input.limit),
    };
  },
});
