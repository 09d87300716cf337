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
import type { LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';
import { loadNameBook } from '../reporting/names';
import type { CampaignLtv } from './schemas';

/**
 * What a read covers: every day (kept with the dashboard's rollup), one period, or the days an
 * incremental update rewrote (`@days`, with `@from`/`@to` their range so the engine can skip
 * partitions or row groups first).
 */
type Scope = 'every day' | 'period' | 'days';
const DAYS = '(SELECT * FROM UNNEST(@days))';
const within = (col: string, scope: Scope) =>
  scope === 'every day'
    ? ''
    : `AND ${col} BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)${scope === 'days' ? ` AND CAST(${col} AS STRING) IN ${DAYS}` : ''}`;

function acquiredSql(brand: Brand, scope: Scope): string {
  const credit = `a.${attributionColumns(brand.targets.attributionModel).credit}`;
  // By days: every group whose first-order day or credit day is one of them, whole (see daysReplaced).
  const on =
    scope === 'days'
      ? `AND (CAST(p.date AS STRING) IN ${DAYS} OR CAST(a.date AS STRING) IN ${DAYS})`
      : `${within('p.date', scope)} ${within('a.date', scope)}`;
  return `
SELECT a.campaign_id, MAX(a.platform) AS platform, MAX(a.channel) AS channel,
       CAST(p.date AS STRING) AS first_day, CAST(a.date AS STRING) AS credit_day,
       SUM(${credit}) AS acquired,
       SUM(${credit} * p.first_order_minor) AS first_revenue,
       SUM(${credit} * p.value_365_minor) AS value_365
FROM {{customer_predictions}} p
JOIN {{attributions}} a ON a.order_id = p.first_order_id AND a.brand_id = p.brand_id
WHERE p.brand_id = @brandId AND a.brand_id = @brandId ${on}
  AND a.campaign_id IS NOT NULL AND ${credit} > 0
GROUP BY a.campaign_id, p.date, a.date`;
}

const spendSql = (scope: Scope) => `
SELECT campaign_id, MAX(platform) AS platform, CAST(date AS STRING) AS day, SUM(spend_minor) AS spend
FROM {{ad_performance}}
WHERE brand_id = @brandId ${within('date', scope)}
GROUP BY campaign_id, date`;

const marginSql = (scope: Scope) => `
SELECT CAST(date AS STRING) AS day, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit,
       SUM(spend_minor) AS spend
FROM {{unified_performance}}
WHERE brand_id = @brandId ${within('date', scope)}
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

/**
 * Rows in one fixed order (days, then campaign; a null campaign first), whatever order the warehouse
 * grouped them in: a period's LTV sums fractional credits, and the same rows summed in the same order
 * give the same figures whether they were read whole or had days replaced (`daysReplaced`).
 */
const compareKeys = (a: readonly (string | null)[], b: readonly (string | null)[]): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
};
const ORDER = {
  acquired: (r: AcquiredDay) => [r.credit_day, r.first_day, r.campaign_id],
  spend: (r: SpendDay) => [r.day, r.campaign_id],
  margin: (r: MarginDay) => [r.day],
};
const sortedBy = <T>(rows: readonly T[], key: (r: T) => (string | null)[]): T[] =>
  rows
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => compareKeys(a.k, b.k))
    .map((x) => x.r);
/** Two lists in `key` order as one, in that order. */
function merged<T>(a: readonly T[], b: readonly T[], key: (r: T) => (string | null)[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareKeys(key(a[i]!), key(b[j]!)) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
const inOrder = (d: Omit<AcquisitionDays, 'names'>) => ({
  acquired: sortedBy(d.acquired, ORDER.acquired),
  spend: sortedBy(d.spend, ORDER.spend),
  margin: sortedBy(d.margin, ORDER.margin),
});

/**
 * `kept` (every day's rows) with the rows of `days` replaced by `fresh` (those days' rows, read
 * after the update): what reading every day again gives. An acquisition row belongs to the days if
 * its first-order day or its credit day is one of them, as the days' read selects it. The name book
 * is the fresh one.
 */
export function daysReplaced(
  kept: AcquisitionDays,
  days: readonly string[],
  fresh: AcquisitionDays,
): AcquisitionDays {
  const changed = new Set(days);
  const f = inOrder(fresh);
  return {
    acquired: merged(
      kept.acquired.filter((r) => !changed.has(r.first_day) && !changed.has(r.credit_day)),
      f.acquired,
      ORDER.acquired,
    ),
    spend: merged(
      kept.spend.filter((r) => !changed.has(r.day)),
      f.spend,
      ORDER.spend,
    ),
    margin: merged(
      kept.margin.filter((r) => !changed.has(r.day)),
      f.margin,
      ORDER.margin,
    ),
    names: fresh.names,
  };
}

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
  async function read(
    ctx: TenantContext,
    brand: Brand,
    scope: Scope,
    params: Record<string, string | readonly string[]>,
  ): Promise<AcquisitionDays> {
    const all = { brandId: brand.id, ...params };
    const [acquired, spend, margin, names] = await Promise.all([
      warehouse.query<AcquiredDay>(ctx, acquiredSql(brand, scope), all),
      warehouse.query<SpendDay>(ctx, spendSql(scope), all),
      warehouse.query<MarginDay>(ctx, marginSql(scope), all),
      loadNameBook(warehouse, ctx, brand.id),
    ]);
    return { ...inOrder({ acquired, spend, margin }), names };
  }
  return {
    /** Every day's rows, for a cache that answers any period (the dashboard's rollup memo). */
    allDays: (ctx: TenantContext, brand: Brand) => read(ctx, brand, 'every day', {}),
    /**
     * `kept` (from `allDays`) after an incremental update rewrote `days`: only those days are read
     * again (decision 979). Whatever changes without naming its days (a full pass, the nightly
     * predictions) is seen when the rollup is read whole again.
     */
    async withDaysReadAgain(
      ctx: TenantContext,
      brand: Brand,
      kept: AcquisitionDays,
      days: readonly LocalDate[],
    ): Promise<AcquisitionDays> {
      if (days.length === 0) return kept;
      const sorted = [...days].sort();
      const fresh = await read(ctx, brand, 'days', {
        from: sorted[0]!,
        to: sorted[sorted.length - 1]!,
        days: sorted,
      });
      return daysReplaced(kept, sorted, fresh);
    },
    /** Every campaign with spend or acquired customers in the period; empty before the first nightly run. */
    async ltvByCampaign(
      ctx: TenantContext,
      brand: Brand,
      period: { from: string; to: string },
    ): Promise<CampaignLtv[]> {
      return ltvByCampaignOf(await read(ctx, brand, 'period', period), period);
    },
  };
}
export type AcquisitionQueries = ReturnType<typeof createAcquisitionQueries>;
