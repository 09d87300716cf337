import { z } from 'zod';
import { ALIGNMENTS } from '../../domain/inventory/alignment';
import { STOCK_STATUSES } from '../../domain/inventory/cover';
import type { LocalDate } from '../../domain/time';
import type { Warehouse } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';

/**
 * The numbers other areas read (API, recommendations, AI tools), written once so every screen
 * and answer agrees with what the attribution pass computed. Shared BigQuery/DuckDB SQL only.
 */

export const inventoryStatusSchema = z.object({
  date: z.string(),
  variant_id: z.string(),
  product_id: z.string().nullable(),
  sku: z.string().nullable(),
  location_id: z.string(),
  available: z.number(),
  velocity_30d: z.number(),
  velocity_rate: z.number(),
  velocity_method: z.string(),
  days_of_cover: z.number().nullable(),
  stockout_date: z.string().nullable(),
  status: z.enum(STOCK_STATUSES),
  spend_minor: z.number(),
  spend_share: z.number(),
  alignment: z.enum(ALIGNMENTS),
});
export type InventoryStatusRow = z.infer<typeof inventoryStatusSchema>;

export interface InventoryFilter {
  /** `*` (the default) for all locations together, or one location id. */
  locationId?: string;
  status?: InventoryStatusRow['status'];
  alignment?: InventoryStatusRow['alignment'];
}

/** Inventory status per SKU from the latest pass: cover, stockout date, status and alignment. */
export function inventoryStatus(warehouse: Warehouse, scope: BrandScope, filter: InventoryFilter = {}) {
  return queryRows(
    warehouse,
    scope,
    inventoryStatusSchema,
    `SELECT date, variant_id, product_id, sku, location_id, available, velocity_30d, velocity_rate, velocity_method,
       days_of_cover, stockout_date, status, spend_minor, spend_share, alignment
     FROM {{inventory_status}}
     WHERE brand_id = @brand AND location_id = @location
       AND date = (SELECT MAX(date) FROM {{inventory_status}} WHERE brand_id = @brand)
       AND (@status = '' OR status = @status) AND (@alignment = '' OR alignment = @alignment)
     ORDER BY CASE alignment WHEN 'aligned' THEN 1 ELSE 0 END, days_of_cover, variant_id`,
    { location: filter.locationId ?? '*', status: filter.status ?? '', alignment: filter.alignment ?? '' },
  );
}

export const reconciliationSchema = z.object({
  week_start: z.string(),
  platform: z.string(),
  attributed_revenue_minor: z.number(),
  claimed_value_minor: z.number(),
  over_claim_ratio: z.number().nullable(),
});

/** Per platform and ISO week in [from, to]: Shopify-attributed revenue vs the platform's claim. */
export function reconciliation(warehouse: Warehouse, scope: BrandScope, from: LocalDate, to: LocalDate) {
  return queryRows(
    warehouse,
    scope,
    reconciliationSchema,
    `SELECT date AS week_start, platform, attributed_revenue_minor, claimed_value_minor, over_claim_ratio
     FROM {{reconciliation}}
     WHERE brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
     ORDER BY date, platform`,
    { from, to },
  );
}

export const campaignPerformanceSchema = z.object({
  channel: z.string(),
  campaign_id: z.string().nullable(),
  spend_minor: z.number(),
  revenue_minor: z.number(),
  profit_minor: z.number(),
  orders: z.number(),
  roas: z.number().nullable(),
  poas: z.number().nullable(),
});

/**
 * Spend, net attributed revenue and profit per channel and campaign over [from, to], with
 * "direct / unattributed" as its own row; ROAS/POAS are NULL without spend (SAFE_DIVIDE).
 */
export function campaignPerformance(warehouse: Warehouse, scope: BrandScope, from: LocalDate, to: LocalDate) {
  return queryRows(
    warehouse,
    scope,
    campaignPerformanceSchema,
    `SELECT channel, campaign_id, SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS revenue_minor,
       SUM(profit_minor) AS profit_minor, SUM(orders) AS orders,
       SAFE_DIVIDE(SUM(revenue_minor), SUM(spend_minor)) AS roas,
       SAFE_DIVIDE(SUM(profit_minor) + SUM(spend_minor), SUM(spend_minor)) AS poas
     FROM {{unified_performance}}
     WHERE brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
     GROUP BY channel, campaign_id
     ORDER BY spend_minor DESC, revenue_minor DESC, channel, campaign_id`,
    { from, to },
  );
}
