import { type CampaignDirectory, findCampaign } from '../../domain/attribution/campaign-directory';
import { platformOfSource } from '../../domain/attribution/channels';
import type { Product } from '../../domain/entities/catalog';
import { readTable, type TableResult } from './csv-table';

/**
 * Campaign → the products it promotes, as `platform,campaign,product` rows: the campaign by its
 * id or exact name on that platform, the product by SKU, variant id or product id (catalog ads
 * key on SKU). Several rows per campaign list several products. What spend is shared over when a
 * campaign's own sync does not say (docs/decisions/303, "Spend → variant").
 */
export const PROMOTED_COLUMNS = ['platform', 'campaign', 'product'] as const;

export interface PromotedRow {
  readonly campaignId: string;
  readonly product: string;
}

/** SKUs, variant ids and product ids of the catalog; empty when no catalog was synced yet. */
export function productKeys(products: readonly Product[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const p of products) {
    keys.add(p.id);
    keys.add(p.productId);
    if (p.sku) keys.add(p.sku);
  }
  return keys;
}

export function parsePromotedProductsCsv(
  text: string,
  file: string,
  campaigns: CampaignDirectory,
  catalog: ReadonlySet<string>,
): TableResult<PromotedRow> {
  return readTable(text, file, PROMOTED_COLUMNS, (c) => {
    const errors = [];
    const platform = platformOfSource(c.platform.value);
    if (!platform)
      errors.push({
        cell: c.platform,
        message: `"${c.platform.value}" is not an ad platform (meta, google_ads, tiktok)`,
      });
    const ref = c.campaign.value.trim();
    const campaignId = platform && ref ? findCampaign(campaigns, platform, ref) : null;
    if (!ref) errors.push({ cell: c.campaign, message: 'the campaign (its id or exact name) is empty' });
    else if (platform && !campaignId)
      errors.push({
        cell: c.campaign,
        message: `no single ${platform} campaign has the id or name "${ref}" (import or sync its ad data first; two campaigns with one name need their ids)`,
      });
    const product = c.product.value.trim();
    if (!product)
      errors.push({ cell: c.product, message: 'the product (SKU, variant id or product id) is empty' });
    else if (catalog.size > 0 && !catalog.has(product))
      errors.push({ cell: c.product, message: `no SKU, variant or product "${product}" in the catalog` });
    return errors.length || !campaignId
      ? { ok: false, errors }
      : { ok: true, value: { campaignId, product } };
  });
}

/** The brand's lists with the file's campaigns replaced by what the file says (others kept). */
export function withPromotedRows(
  current: Readonly<Record<string, readonly string[]>>,
  rows: readonly PromotedRow[],
): Record<string, string[]> {
  const next: Record<string, string[]> = Object.fromEntries(
    Object.entries(current).map(([k, v]) => [k, [...v]]),
  );
  const fromFile = new Map<string, string[]>();
  for (const r of rows) {
    const list = fromFile.get(r.campaignId) ?? [];
    if (!list.includes(r.product)) list.push(r.product);
    fromFile.set(r.campaignId, list);
  }
  for (const [campaignId, products] of fromFile) next[campaignId] = products;
  return next;
}
