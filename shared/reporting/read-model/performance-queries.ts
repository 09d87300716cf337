import { z } from 'zod';
import { AD_PLATFORMS } from '../../domain/entities/integration';
import { ALIGNMENTS } from '../../domain/inventory/alignment';
import { STOCK_STATUSES } from '../../domain/inventory/cover';
import type { TenantContext } from '../../domain/tenancy';
import type { LocalDate } from '../../domain/time';
import type { Warehouse } from '../../ports/warehouse';
import { loadNameBook } from '../names';

/**
 * Read models over `unified_performance` (and, for spend older than the attributed history,
 * `ad_performance`), shared by the recommend job and the AI tools so a number
 * on a recommendation and the same number in an answer come from the same SQL. Written in the
 * BigQuery/DuckDB common subset; dates arrive as parameters. Products are variants (`variant_id`,
 * the catalog Product's id): stock, cover and the planted situations all live at that level. Every query is for one brand and one
 * attribution model (the table holds a row set per model; mixing them would double count).
 */
export interface Slice {
  brandId: string;
  model: string;
  from: LocalDate;
  to: LocalDate;
}

const num = z.coerce.number();
const nullableNum = z.union([z.null(), z.coerce.number()]);
const str = z.string();

const moneyCols = {
  spend_minor: num,
  revenue_minor: num,
  profit_minor: num,
  orders: num,
};

const totalsRow = z.object(moneyCols);
const dailyRow = z.object({ date: str, ...moneyCols });
const channelRow = z.object({ channel: str, platform: z.string().nullable(), ...moneyCols });
const campaignRow = z.object({
  platform: str,
  campaign_id: str,
  /** The campaign's name, or a readable stand-in ("Meta campaign 1234") — never the raw id. */
  campaign_name: z.string(),
  units: num,
  ...moneyCols,
});
const campaignDailyRow = z.object({
  campaign_id: str,
  date: str,
  spend_minor: num,
  revenue_minor: num,
  /** Spend on products that were out of stock or under a day of cover that day (curve censoring). */
  unavailable_spend_minor: num,
});
const campaignSpendRow = z.object({ campaign_id: str, date: str, spend_minor: num });
const campaignProductRow = z.object({
  platform: str,
  campaign_id: str,
  variant_id: str,
  spend_minor: num,
  revenue_minor: num,
  recent_spend_minor: num,
});
const productRow = z.object({
  variant_id: str,
  units: num,
  spend_minor: num,
  revenue_minor: num,
  cogs_minor: num,
  profit_minor: num,
  campaigns: num,
  stock_available: nullableNum,
  days_of_cover: nullableNum,
  status: z.enum(STOCK_STATUSES).nullable(),
  stockout_date: z.string().nullable(),
  stock_date: z.string().nullable(),
  alignment: z.enum(ALIGNMENTS).nullable(),
});

export type Totals = z.infer<typeof totalsRow>;
export type DailyRow = z.infer<typeof dailyRow>;
export type ChannelRow = z.infer<typeof channelRow>;
export type CampaignRow = z.infer<typeof campaignRow>;
export type CampaignDailyRow = z.infer<typeof campaignDailyRow>;
export type CampaignSpendRow = z.infer<typeof campaignSpendRow>;
export type CampaignProductRow = z.infer<typeof campaignProductRow>;
export type ProductRow = z.infer<typeof productRow>;

const WHERE = `brand_id = @brand AND model = @model AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`;
const SUMS = `SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS revenue_minor, SUM(profit_minor) AS profit_minor, SUM(orders) AS orders`;

/** The ad platforms as SQL literals (constants of the code, not input). */
const AD_PLATFORM_LIST = AD_PLATFORMS.map((p) => `'${p}'`).join(', ');

const params = (s: Slice) => ({ brand: s.brandId, model: s.model, from: s.from, to: s.to });

export function createPerformanceQueries(warehouse: Pick<Warehouse, 'query'>) {
  async function rows<S extends z.ZodType>(
    ctx: TenantContext,
    schema: S,
    sql: string,
    p: Record<string, string>,
  ): Promise<z.infer<S>[]> {
    return (await warehouse.query(ctx, sql, p)).map((r) => schema.parse(r));
  }

  return {
    /** The last day the brand has data for under the model: "today" for the analysis. */
    async latestDate(ctx: TenantContext, brandId: string, model: string): Promise<LocalDate | undefined> {
      const [row] = await warehouse.query<{ d: string | null }>(
        ctx,
        `SELECT CAST(MAX(date) AS STRING) AS d FROM {{unified_performance}} WHERE brand_id = @brand AND model = @model`,
        { brand: brandId, model },
      );
      return (row?.d ?? undefined) as LocalDate | undefined;
    },

    /** Totals of the slice, optionally narrowed to one campaign and/or one variant. */
    async totals(ctx: TenantContext, s: Slice, scope: { campaignId?: string; productId?: string } = {}) {
      const filters = `${scope.campaignId ? ' AND campaign_id = @campaign' : ''}${scope.productId ? ' AND variant_id = @product' : ''}`;
      const [row] = await rows(
        ctx,
        totalsRow,
        `SELECT ${SUMS} FROM {{unified_performance}} WHERE ${WHERE}${filters}`,
        {
          ...params(s),
          ...(scope.campaignId ? { campaign: scope.campaignId } : {}),
          ...(scope.productId ? { product: scope.productId } : {}),
        },
      );
      // SUM over no rows is NULL in both engines; the coercing schema reads it as 0.
      return row ?? { spend_minor: 0, revenue_minor: 0, profit_minor: 0, orders: 0 };
    },

    daily: (ctx: TenantContext, s: Slice) =>
      rows(
        ctx,
        dailyRow,
        `SELECT CAST(date AS STRING) AS date, ${SUMS} FROM {{unified_performance}} WHERE ${WHERE} GROUP BY date ORDER BY date`,
        params(s),
      ),

    channels: (ctx: TenantContext, s: Slice) =>
      rows(
        ctx,
        channelRow,
        `SELECT channel, MAX(platform) AS platform, ${SUMS} FROM {{unified_performance}} WHERE ${WHERE} GROUP BY channel ORDER BY revenue_minor DESC, channel`,
        params(s),
      ),

    /**
     * Campaigns with spend or attributed revenue, named by the one name resolver
     * (reporting/names.ts): the newest name a sync or an import carried, else a readable stand-in.
     */
    async campaigns(ctx: TenantContext, s: Slice) {
      const [list, names] = await Promise.all([
        rows(
          ctx,
          campaignRow.omit({ campaign_name: true }),
          `SELECT platform, campaign_id, SUM(units) AS units, SUM(spend_minor) AS spend_minor,
                  SUM(revenue_minor) AS revenue_minor, SUM(profit_minor) AS profit_minor, SUM(orders) AS orders
           FROM {{unified_performance}}
           WHERE ${WHERE} AND campaign_id IS NOT NULL AND platform IS NOT NULL
           GROUP BY platform, campaign_id
           ORDER BY spend_minor DESC, campaign_id`,
          params(s),
        ),
        loadNameBook(warehouse, ctx, s.brandId),
      ]);
      return list.map((r) => ({ ...r, campaign_name: names.campaign(r.campaign_id) }));
    },

    /**
     * Per ad platform, what it earned with no campaign identified (its click id without a campaign
     * tag; decision 981): no spend, so it is kept apart from `campaigns` and what reads them.
     */
    unidentifiedCampaigns: (ctx: TenantContext, s: Slice) =>
      rows(
        ctx,
        channelRow.omit({ platform: true }),
        `SELECT channel, ${SUMS} FROM {{unified_performance}}
         WHERE ${WHERE} AND campaign_id IS NULL AND channel IN (${AD_PLATFORM_LIST})
         GROUP BY channel HAVING SUM(revenue_minor) <> 0 OR SUM(orders) <> 0 ORDER BY revenue_minor DESC, channel`,
        params(s),
      ),

    /** The brand's campaign names (reporting/names.ts). */
    names: (ctx: TenantContext, brandId: string) => loadNameBook(warehouse, ctx, brandId),

    campaignDaily: (ctx: TenantContext, s: Slice) =>
      rows(
        ctx,
        campaignDailyRow,
        `SELECT campaign_id, CAST(date AS STRING) AS date, SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS revenue_minor,
           SUM(CASE WHEN stock_available <= 0 OR days_of_cover < 1 THEN spend_minor ELSE 0 END) AS unavailable_spend_minor
         FROM {{unified_performance}} WHERE ${WHERE} AND campaign_id IS NOT NULL
         GROUP BY campaign_id, date ORDER BY campaign_id, date`,
        params(s),
      ),

    /**
     * Days with spend per campaign as the ad syncs stored it (`ad_performance`, already in the
     * brand's currency, converted on its own day like the spend unified_performance shares out).
     * Goes back as far as the syncs did, before the attributed history starts; no model: spend is
     * the same under every one.
     */
    campaignSpendDaily: (ctx: TenantContext, s: Omit<Slice, 'model'>) =>
      rows(
        ctx,
        campaignSpendRow,
        `SELECT campaign_id, CAST(date AS STRING) AS date, SUM(spend_minor) AS spend_minor
         FROM {{ad_performance}}
         WHERE brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         GROUP BY campaign_id, date HAVING SUM(spend_minor) > 0 ORDER BY campaign_id, date`,
        { brand: s.brandId, from: s.from, to: s.to },
      ),

    /** Spend per campaign × product over the slice, and over its days from `recentFrom`. */
    campaignProducts: (ctx: TenantContext, s: Slice, recentFrom: LocalDate) =>
      rows(
        ctx,
        campaignProductRow,
        `SELECT platform, campaign_id, variant_id, SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS revenue_minor,
                SUM(CASE WHEN date >= CAST(@recent AS DATE) THEN spend_minor ELSE 0 END) AS recent_spend_minor
         FROM {{unified_performance}} WHERE ${WHERE}
           AND campaign_id IS NOT NULL AND variant_id IS NOT NULL AND platform IS NOT NULL
         GROUP BY platform, campaign_id, variant_id
         HAVING SUM(spend_minor) > 0
         ORDER BY spend_minor DESC, campaign_id, variant_id`,
        { ...params(s), recent: recentFrom },
      ),

    /**
     * Per variant: sales and spend over the slice from unified_performance, and stock, cover,
     * status and projected stockout from the attribution pass's inventory_status (all locations,
     * its latest day at or before `to`; at or before the day given as `stock`; or its latest pass
     * whatever the day with `stock: 'latest'`: stock is a level the pass records for the day it
     * runs, today, after the last complete day of sales — the dashboard and the alerts read that
     * one). unified_performance only has rows on days with activity, so a slow seller's stock is
     * read where every variant has a row.
     */
    products: (ctx: TenantContext, s: Slice, options: { stock?: 'at_end' | 'latest' | LocalDate } = {}) =>
      rows(
        ctx,
        productRow,
        `WITH w AS (
           SELECT variant_id, SUM(units) AS units, SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS revenue_minor,
                  SUM(cogs_minor) AS cogs_minor, SUM(profit_minor) AS profit_minor,
                  COUNT(DISTINCT CASE WHEN spend_minor > 0 THEN campaign_id END) AS campaigns
           FROM {{unified_performance}} WHERE ${WHERE} AND variant_id IS NOT NULL GROUP BY variant_id),
         last_day AS (
           SELECT MAX(date) AS d FROM {{inventory_status}}
           WHERE brand_id = @brand AND location_id = '*'${options.stock === 'latest' ? '' : ' AND date <= CAST(@stock_to AS DATE)'}),
         stock AS (
           SELECT i.variant_id AS variant_id, i.available AS stock_available, i.days_of_cover AS days_of_cover,
                  i.status AS status, CAST(i.stockout_date AS STRING) AS stockout_date, CAST(i.date AS STRING) AS stock_date,
                  i.alignment AS alignment
           FROM {{inventory_status}} i JOIN last_day l ON i.date = l.d
           WHERE i.brand_id = @brand AND i.location_id = '*')
         SELECT COALESCE(w.variant_id, stock.variant_id) AS variant_id,
                COALESCE(w.units, 0) AS units, COALESCE(w.spend_minor, 0) AS spend_minor,
                COALESCE(w.revenue_minor, 0) AS revenue_minor, COALESCE(w.cogs_minor, 0) AS cogs_minor,
                COALESCE(w.profit_minor, 0) AS profit_minor, COALESCE(w.campaigns, 0) AS campaigns,
                stock.stock_available AS stock_available, stock.days_of_cover AS days_of_cover,
                stock.status AS status, stock.stockout_date AS stockout_date, stock.stock_date AS stock_date,
                stock.alignment AS alignment
         FROM w FULL OUTER JOIN stock ON w.variant_id = stock.variant_id
         ORDER BY variant_id`,
        options.stock === 'latest'
          ? params(s)
          : {
              ...params(s),
              stock_to: options.stock === undefined || options.stock === 'at_end' ? s.to : options.stock,
            },
      ),
  };
}
export type PerformanceQueries = ReturnType<typeof createPerformanceQueries>;
