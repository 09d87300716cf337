/**
 * LTV-based ROAS per acquiring campaign over a period: the customers whose first order fell in
 * the period, credited to campaigns by the attribution of that first order under the brand's
 * model, valued at their first order plus the predicted 365-day value from the latest nightly run,
 * against each campaign's spend over the same period (docs/decisions/853).
 *
 * The warehouse returns daily sums (per campaign and day, and the brand's margin per day); a
 * period is summed from them in memory. A one-off read asks only for the period's days; the
 * dashboard keeps every day with the brand's rollup, so each new period a merchant picks costs no
 * warehouse query (docs/decisions/503).
 */

import { ltvRoas } from '../domain/customers/ltv-roas';
import type { Brand } from '../domain/entities/brand';
import type { NameBook } from '../domain/names/names';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';
import { loadNameBook } from '../reporting/names';
import type { CampaignLtv } from './schemas';

/** `AND <col> BETWEEN @from AND @to` when a period is asked for, nothing for every day. */
const within = (col: string, period: boolean) =>
  period ? `AND ${col} BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)` : '';

function acquiredSql(brand: Brand, period: boolean): string {
  const credit = `a.${attributionColumns(brand.targets.attributionModel).credit}`;
  return `
SELECT a.campaign_id, MAX(a.platform) AS platform, MAX(a.channel) AS channel,
       CAST(p.date AS STRING) AS first_day, CAST(a.date AS STRING) AS credit_day,
       SUM(${credit}) AS acquired,
       SUM(${credit} * p.first_order_minor) AS first_revenue,
       SUM(${credit} * p.value_365_minor) AS value_365
FROM {{customer_predictions}} p
JOIN {{attributions}} a ON a.order_id = p.first_order_id AND a.brand_id = p.brand_id
WHERE p.brand_id = @brandId AND a.brand_id = @brandId ${within('p.date', period)} ${within('a.date', period)}
  AND a.campaign_id IS NOT NULL AND ${credit} > 0
GROUP BY a.campaign_id, p.date, a.date`;
}

const spendSql = (period: boolean) => `
SELECT campaign_id, MAX(platform) AS platform, CAST(date AS STRING) AS day, SUM(spend_minor) AS spend
FROM {{ad_performance}}
WHERE brand_id = @brandId ${within('date', period)}
GROUP BY campaign_id, date`;

const marginSql = (period: boolean) => `
SELECT CAST(date AS STRING) AS day, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit,
       SUM(spend_minor) AS spend
FROM {{unified_performance}}
WHERE brand_id = @brandId ${within('date', period)}
GROUP BY date`;

interface AcquiredDay {
  campaign_id: string;
  platform: string | null;
  channel: string | null;
  first_day: string;
  credit_day: string;
  acquired: number;
  first_revenue: number;
  value_365: number;
}
interface SpendDay {
  campaign_id: string | null;
  platform: string | null;
  day: string;
  spend: number | null;
}
interface MarginDay {
  day: string;
  revenue: number | null;
  profit: number | null;
  spend: number | null;
}

/** What LTV by campaign is summed from: daily rows, for every day or for one period's days. */
export interface AcquisitionDays {
  readonly acquired: readonly AcquiredDay[];
  readonly spend: readonly SpendDay[];
  readonly margin: readonly MarginDay[];
  readonly names: NameBook;
}

/** SQL's MAX over nullable strings. */
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** LTV by campaign for a period, from daily rows: the numbers the period's own SQL sums give. */
export function ltvByCampaignOf(days: AcquisitionDays, period: { from: string; to: string }): CampaignLtv[] {
  const inPeriod = (day: string) => day >= period.from && day <= period.to;
  let revenue = 0;
  let profit: number | null = null;
  let marginSpend = 0;
  for (const m of days.margin) {
    if (!inPeriod(m.day)) continue;
    revenue += Number(m.revenue ?? 0);
    if (m.profit != null) profit = (profit ?? 0) + Number(m.profit);
    marginSpend += Number(m.spend ?? 0);
  }
  // unified_performance.profit = revenue − COGS − fulfilment − spend, so gross margin = (profit + spend) / revenue.
  const grossMargin = revenue > 0 && profit !== null ? (profit + marginSpend) / revenue : null;

  type Sum = {
    platform: string | null;
    channel: string | null;
    spend: number;
    acquired: number;
    firstRevenue: number;
    value365: number;
  };
  const byCampaign = new Map<string, Sum>();
  const sumOf = (id: string) => {
    let s = byCampaign.get(id);
    if (!s) {
      s = { platform: null, channel: null, spend: 0, acquired: 0, firstRevenue: 0, value365: 0 };
      byCampaign.set(id, s);
    }
    return s;
  };
  // Spend's platform wins over the acquisition's only where the acquisition names none (COALESCE order).
  const spendPlatform = new Map<string, string | null>();
  for (const r of days.spend) {
    if (r.campaign_id === null || !inPeriod(r.day)) continue;
    const s = sumOf(r.campaign_id);
    s.spend += Number(r.spend ?? 0);
    spendPlatform.set(r.campaign_id, maxOf(spendPlatform.get(r.campaign_id) ?? null, r.platform));
  }
  const acquiredPlatform = new Map<string, string | null>();
  for (const r of days.acquired) {
    if (!inPeriod(r.first_day) || !inPeriod(r.credit_day)) continue;
    const s = sumOf(r.campaign_id);
    s.acquired += Number(r.acquired);
    s.firstRevenue += Number(r.first_revenue);
    s.value365 += Number(r.value_365);
    s.channel = maxOf(s.channel, r.channel);
    acquiredPlatform.set(r.campaign_id, maxOf(acquiredPlatform.get(r.campaign_id) ?? null, r.platform));
  }
  return [...byCampaign.entries()]
    .map(([campaignId, s]) => {
      const facts = {
        spendMinor: s.spend,
        acquiredCustomers: s.acquired,
        firstOrderRevenueMinor: Math.round(s.firstRevenue),
        predictedValue365Minor: Math.round(s.value365),
        grossMargin,
      };
      return {
        campaignId,
        campaignName: days.names.campaign(campaignId),
        platform: acquiredPlatform.get(campaignId) ?? spendPlatform.get(campaignId) ?? null,
        channel: s.channel,
        ...facts,
        ...ltvRoas(facts),
      };
    })
    .sort((a, b) => b.spendMinor - a.spendMinor || a.campaignId.localeCompare(b.campaignId));
}

export function createAcquisitionQueries(warehouse: Pick<Warehouse, 'query'>) {
  async function days(
    ctx: TenantContext,
    brand: Brand,
    period?: { from: string; to: string },
  ): Promise<AcquisitionDays> {
    const params: Record<string, string> = period
      ? { brandId: brand.id, from: period.from, to: period.to }
      : { brandId: brand.id };
    const [acquired, spend, margin, names] = await Promise.all([
      warehouse.query<AcquiredDay>(ctx, acquiredSql(brand, !!period), params),
      warehouse.query<SpendDay>(ctx, spendSql(!!period), params),
      warehouse.query<MarginDay>(ctx, marginSql(!!period), params),
      loadNameBook(warehouse, ctx, brand.id),
    ]);
    return { acquired, spend, margin, names };
  }
  return {
    /** Every day's rows, for a cache that answers any period (the dashboard's rollup memo). */
    allDays: (ctx: TenantContext, brand: Brand) => days(ctx, brand),
    /** Every campaign with spend or acquired customers in the period; empty before the first nightly run. */
    async ltvByCampaign(
      ctx: TenantContext,
      brand: Brand,
      period: { from: string; to: string },
    ): Promise<CampaignLtv[]> {
      return ltvByCampaignOf(await days(ctx, brand, period), period);
    },
  };
}
export type AcquisitionQueries = ReturnType<typeof createAcquisitionQueries>;
