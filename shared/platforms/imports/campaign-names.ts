import { parseCampaignKey } from '../../domain/ads/report';
import type { AdPlatform } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import type { Warehouse } from '../../ports/warehouse';

/**
 * Exports without a "Campaign ID" column (Meta's default column set) name campaigns only. Within
 * one ad account a name is matched, case-insensitively, to the campaign id already stored for it
 * (from a sync or an export that had the column); a name never seen gets a stable id built from the
 * name, so re-importing the same file replaces the same rows.
 */
const keyOf = (accountId: string, name: string) => `${accountId}|${name.trim().toLowerCase()}`;

export async function campaignIdsByName(
  warehouse: Warehouse,
  ctx: TenantContext,
  brandId: string,
  platform: AdPlatform,
): Promise<Map<string, string[]>> {
  const rows = await warehouse.query<{ campaign_id: string; campaign_name: string }>(
    ctx,
    `SELECT DISTINCT campaign_id, campaign_name FROM {{ad_performance}}
      WHERE brand_id = @brand AND platform = @platform AND campaign_name IS NOT NULL`,
    { brand: brandId, platform },
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const key = parseCampaignKey(r.campaign_id);
    if (!key) continue;
    const k = keyOf(key.accountId, r.campaign_name);
    const ids = out.get(k) ?? [];
    if (!ids.includes(key.campaignId)) out.set(k, [...ids, key.campaignId]);
  }
  return out;
}

/** The id a name-only campaign gets when nothing stored has that name: `name=<encoded name>`. */
export const nameCampaignId = (name: string) => `name=${encodeURIComponent(name.trim().toLowerCase())}`;

export function resolveCampaignId(
  byName: ReadonlyMap<string, readonly string[]>,
  accountId: string,
  name: string,
): { id: string; isNew?: boolean } | { ambiguous: readonly string[] } {
  const ids = (byName.get(keyOf(accountId, name)) ?? []).filter((id) => id !== nameCampaignId(name));
  if (ids.length > 1) return { ambiguous: ids };
  if (ids.length === 1) return { id: ids[0]! };
  const stored = byName.get(keyOf(accountId, name))?.includes(nameCampaignId(name));
  return { id: nameCampaignId(name), ...(stored ? {} : { isNew: true }) };
}

/**
 * The id a name-only ad set gets (Meta's default ad-set columns have no "Ad set ID"): its name
 * within its campaign, since two campaigns often each have a "Broad" ad set. Stable, so a
 * re-import replaces the same rows.
 */
export const nameAdSetId = (campaignId: string, name: string) =>
  `${campaignId}/name=${encodeURIComponent(name.trim().toLowerCase())}`;
