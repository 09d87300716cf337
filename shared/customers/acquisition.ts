/**
 * LTV-based ROAS per acquiring campaign over a period: the customers whose first order fell in
 * the period, credited to campaigns by the attribution of that first order under the brand's
 * model, valued at their first order plus the predicted 365-day value from the latest nightly run,
 * against each campaign's spend over the same period (docs/decisions/853).
 */

import { ltvRoas } from '../domain/customers/ltv-roas';
import type { Brand } from '../domain/entities/brand';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';
import { loadNameBook } from '../reporting/names';
import type { CampaignLtv } from './schemas';

function sql(brand: Brand): string {
  const credit = `a.${attributionColumns(brand.targets.attributionModel).credit}`;
  return `
WITH acq AS (
  SELECT a.campaign_id, MAX(a.platform) AS platform, MAX(a.channel) AS channel,
         SUM(${credit}) AS acquired,
         SUM(${credit} * p.first_order_minor) AS first_revenue,
         SUM(${credit} * p.value_365_minor) AS value_365
  FROM {{customer_predictions}} p
  JOIN {{attributions}} a ON a.order_id = p.first_order_id AND a.brand_id = p.brand_id
  WHERE p.brand_id = @brandId AND a.brand_id = @brandId
    AND p.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
    AND a.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
    AND a.campaign_id IS NOT NULL AND ${credit} > 0
  GROUP BY a.campaign_id
),
spend AS (
  SELECT campaign_id, MAX(platform) AS platform, SUM(spend_minor) AS spend
  FROM {{ad_performance}}
  WHERE brand_id = @brandId AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
  GROUP BY campaign_id
)
SELECT COALESCE(s.campaign_id, q.campaign_id) AS campaign_id,
       COALESCE(q.platform, s.platform) AS platform, q.channel,
       COALESCE(s.spend, 0) AS spend, COALESCE(q.acquired, 0) AS acquired,
       COALESCE(q.first_revenue, 0) AS first_revenue, COALESCE(q.value_365, 0) AS value_365
FROM spend s FULL OUTER JOIN acq q ON q.campaign_id = s.campaign_id`;
}

const marginSql = `SELECT SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit, SUM(spend_minor) AS spend
  FROM {{unified_performance}}
  WHERE brand_id = @brandId AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`;

interface Row {
  campaign_id: string;
  platform: string | null;
  channel: string | null;
  spend: number;
  acquired: number;
  first_revenue: number;
  value_365: number;
}

export function createAcquisitionQueries(warehouse: Pick<Warehouse, 'query'>) {
  return {
    /** Every campaign with spend or acquired customers in the period; empty before the first nightly run. */
    async ltvByCampaign(
      ctx: TenantContext,
      brand: Brand,
      period: { from: string; to: string },
    ): Promise<CampaignLtv[]> {
      const params = { brandId: brand.id, from: period.from, to: period.to };
      const [rows, [m], names] = await Promise.all([
        warehouse.query<Row>(ctx, sql(brand), params),
        warehouse.query<{ revenue: number | null; profit: number | null; spend: number | null }>(
          ctx,
          marginSql,
          params,
        ),
        loadNameBook(warehouse, ctx, brand.id),
      ]);
      // unified_performance.profit = revenue − COGS − fulfilment − spend, so gross margin = (profit + spend) / revenue.
      const revenue = Number(m?.revenue ?? 0);
      const grossMargin =
        revenue > 0 && m?.profit != null ? (Number(m.profit) + Number(m.spend ?? 0)) / revenue : null;
      return rows
        .map((r) => {
          const facts = {
            spendMinor: Number(r.spend),
            acquiredCustomers: Number(r.acquired),
            firstOrderRevenueMinor: Math.round(Number(r.first_revenue)),
            predictedValue365Minor: Math.round(Number(r.value_365)),
            grossMargin,
          };
          return {
            campaignId: r.campaign_id,
            campaignName: names.campaign(r.campaign_id),
            platform: r.platform,
            channel: r.channel,
            ...facts,
            ...ltvRoas(facts),
          };
        })
        .sort((a, b) => b.spendMinor - a.spendMinor || a.campaignId.localeCompare(b.campaignId));
    },
  };
}
export type AcquisitionQueries = ReturnType<typeof createAcquisitionQueries>;
