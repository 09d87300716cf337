import { z } from 'zod';
import {
  type AdSetNameEntry,
  type CampaignNameEntry,
  createNameBook,
  type NameBook,
} from '../domain/names/names';
import type { RegionNameEntry } from '../domain/names/regions';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { queryRows } from '../ports/warehouse-rows';

const nameRow = z.object({
  campaign_id: z.string(),
  platform: z.string(),
  account_id: z.string(),
  name: z.string(),
  last: z.string(),
});

/**
 * The one place campaign names come from: the campaign snapshots syncs write (`campaigns.name`)
 * and the names imports and report syncs carry on every row (`ad_performance.campaign_name`); an
 * import of Ads Manager exports has only the latter. The newest name wins (a renamed campaign
 * shows its current name), a snapshot over a report row on the same day.
 */
export async function loadCampaignNames(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
): Promise<CampaignNameEntry[]> {
  const rows = await queryRows(
    warehouse,
    { ctx, brandId },
    nameRow,
    `SELECT campaign_id, platform, account_id, name, CAST(MAX(date) AS STRING) AS last, MIN(pri) AS pri FROM (
       SELECT campaign_id, platform, account_id, name, date, 0 AS pri FROM {{campaigns}}
       WHERE brand_id = @brand AND name IS NOT NULL
       UNION ALL
       SELECT campaign_id, platform, account_id, campaign_name AS name, date, 1 AS pri FROM {{ad_performance}}
       WHERE brand_id = @brand AND campaign_name IS NOT NULL
     ) x GROUP BY campaign_id, platform, account_id, name`,
    {},
  );
  const best = new Map<string, { row: z.infer<typeof nameRow>; pri: number }>();
  for (const r of rows as Array<z.infer<typeof nameRow> & { pri: number }>) {
    const seen = best.get(r.campaign_id);
    if (!seen || r.last > seen.row.last || (r.last === seen.row.last && r.pri < seen.pri))
      best.set(r.campaign_id, { row: r, pri: r.pri });
  }
  return [...best.values()].map(({ row }) => ({
    campaignId: row.campaign_id,
    platform: row.platform,
    accountId: row.account_id,
    name: row.name,
  }));
}

/** Per key, the name last seen (`last`, a day); on one day the alphabetically first, so the pick is stable. */
function newestPerKey<R extends { name: string; last: string }>(
  rows: readonly R[],
  key: (r: R) => string,
): R[] {
  const best = new Map<string, R>();
  for (const r of rows) {
    const seen = best.get(key(r));
    if (!seen || r.last > seen.last || (r.last === seen.last && r.name < seen.name)) best.set(key(r), r);
  }
  return [...best.values()];
}

const adSetNameRow = z.object({ adset_id: z.string(), name: z.string(), last: z.string() });

/**
 * Ad set (ad group) names, from the same report rows as campaign names: there is no ad-set
 * snapshot, so the newest row that named it wins (a renamed ad set shows its current name).
 */
export async function loadAdSetNames(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
): Promise<AdSetNameEntry[]> {
  const rows = await queryRows(
    warehouse,
    { ctx, brandId },
    adSetNameRow,
    `SELECT adset_id, adset_name AS name, CAST(MAX(date) AS STRING) AS last FROM {{ad_performance}}
     WHERE brand_id = @brand AND adset_id IS NOT NULL AND adset_name IS NOT NULL
     GROUP BY adset_id, adset_name`,
    {},
  );
  return newestPerKey(rows, (r) => r.adset_id).map((r) => ({ adsetId: r.adset_id, name: r.name }));
}

const regionNameRow = z.object({ region: z.string(), name: z.string(), last: z.string() });

/**
 * Region (shipping province) names as the store's orders carry them beside the code: the newest
 * order's spelling wins, so a store that renamed nothing shows exactly what Shopify wrote.
 */
export async function loadRegionNames(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
): Promise<RegionNameEntry[]> {
  const rows = await queryRows(
    warehouse,
    { ctx, brandId },
    regionNameRow,
    `SELECT region, region_name AS name, CAST(MAX(date) AS STRING) AS last FROM {{orders}}
     WHERE brand_id = @brand AND region IS NOT NULL AND region_name IS NOT NULL
     GROUP BY region, region_name`,
    {},
  );
  return newestPerKey(rows, (r) => r.region).map((r) => ({ region: r.region, name: r.name }));
}

/**
 * The brand's name book (campaign and ad set names, readable stand-ins for the rest). Region names
 * come from a pass over every order, so only readers that show regions ask for them
 * (`{ regions: true }`: the dashboard and the export); elsewhere `region()` gives the built-in
 * English name or the code's country.
 */
export async function loadNameBook(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
  options: { regions?: boolean } = {},
): Promise<NameBook> {
  const [campaigns, adSets, regions] = await Promise.all([
    loadCampaignNames(warehouse, ctx, brandId),
    loadAdSetNames(warehouse, ctx, brandId),
    options.regions ? loadRegionNames(warehouse, ctx, brandId) : [],
  ]);
  return createNameBook(campaigns, new Map(), adSets, regions);
}
