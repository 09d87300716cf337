import { platformOfSource } from '../../domain/attribution/channels';
import type { AdPlatform } from '../../domain/entities/integration';
import type { TenantContext } from '../../domain/tenancy';
import type { LocalDate } from '../../domain/time';
import type { Warehouse } from '../../ports/warehouse';
import { readTable, type TableResult } from './csv-table';

/**
 * A click-id mapping resolved elsewhere (a server-side tracker, a CRM, a Google Ads offline
 * export): `platform,click_id,campaign`, the campaign by its native id or exact name. The pass
 * matches each touch whose click id is listed to that campaign (click_id confidence).
 */
export interface ClickMapping {
  readonly platform: AdPlatform;
  readonly clickId: string;
  readonly campaign: string;
}

export const CLICK_ID_COLUMNS = ['platform', 'click_id', 'campaign'] as const;

export function parseClickIdCsv(text: string, file: string): TableResult<ClickMapping> {
  const seen = new Map<string, number>();
  return readTable(text, file, CLICK_ID_COLUMNS, (c) => {
    const errors = [];
    const platform = platformOfSource(c.platform.value);
    if (!platform)
      errors.push({
        cell: c.platform,
        message: `"${c.platform.value}" is not an ad platform (meta, facebook, instagram, google, google_ads, youtube, tiktok)`,
      });
    const clickId = c.click_id.value.trim();
    if (!clickId) errors.push({ cell: c.click_id, message: 'the click id is empty' });
    else if (clickId.length > 512)
      errors.push({ cell: c.click_id, message: 'the click id is longer than 512 characters' });
    else if (seen.has(clickId))
      errors.push({
        cell: c.click_id,
        message: `click id "${clickId}" is already on line ${seen.get(clickId)}`,
      });
    else seen.set(clickId, c.click_id.line);
    const campaign = c.campaign.value.trim();
    if (!campaign) errors.push({ cell: c.campaign, message: 'the campaign (its id or exact name) is empty' });
    return errors.length || !platform
      ? { ok: false, errors }
      : { ok: true, value: { platform, clickId, campaign } };
  });
}

/**
 * Stores the mapping: a click id listed again replaces its earlier campaign. Rows carry the day of
 * the import (the table's partition) and `source = 'import'`; a Google Ads sync replaces only its
 * own `click_view` rows, and where both name a click the pass prefers the import.
 */
export async function saveClickMappings(
  warehouse: Warehouse,
  ctx: TenantContext,
  brandId: string,
  today: LocalDate,
  mappings: readonly ClickMapping[],
): Promise<number> {
  await warehouse.replaceKeys(
    ctx,
    'click_campaigns',
    { brandId, keyColumn: 'click_id', keys: mappings.map((m) => m.clickId) },
    mappings.map((m) => ({
      brand_id: brandId,
      date: today,
      platform: m.platform,
      click_id: m.clickId,
      campaign: m.campaign,
      source: 'import',
    })),
  );
  return mappings.length;
}
