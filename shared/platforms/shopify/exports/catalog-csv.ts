import type { InventoryLevel, Product } from '../../../domain/entities';
import { parseDecimalToMinor } from '../../../domain/money';
import { decimal, integer, type Row, readTable, text } from './table';

/**
 * Shopify's admin product and inventory CSV exports. Neither carries Shopify ids, so a variant is
 * matched to the stored catalog by SKU; an unknown variant gets a stable id from its handle and
 * SKU/options (`shopify-csv:…`), which a later sync leaves beside the real one.
 */
export interface CatalogContext {
  currency: string;
  now: string;
  productsBySku: ReadonlyMap<string, Product>;
  /** Stored location ids by location name. */
  locationsByName: ReadonlyMap<string, string>;
}

const options = (row: Row) =>
  ['Option1 Value', 'Option2 Value', 'Option3 Value'].map((h) => row.get(h)).filter(Boolean);
const csvVariantId = (handle: string, sku: string, opts: string[]) =>
  `shopify-csv:variant:${handle}:${sku || opts.join('/') || 'default'}`;

const STATUS: Record<string, Product['status']> = { active: 'active', draft: 'draft', archived: 'archived' };

export function parseProductsCsv(content: string, file: string, ctx: CatalogContext): Product[] {
  const out: Product[] = [];
  let title = '';
  let handle = '';
  let status: Product['status'] = 'active';
  for (const row of readTable(content, file, ['Handle', 'Title', 'Variant SKU', 'Variant Price'])) {
    const h = row.require('Handle', text, 'a product handle');
    if (h !== handle) {
      handle = h;
      title = row.require('Title', text, 'the product title on its first row');
      status =
        row.optional('Status', (v) => STATUS[v.toLowerCase()], 'active, draft or archived') ?? 'active';
    }
    const price = row.optional('Variant Price', decimal, 'an amount');
    if (price === undefined) continue; // image-only continuation rows carry no variant
    const sku = row.get('Variant SKU');
    const known = sku ? ctx.productsBySku.get(sku) : undefined;
    const cost = row.optional('Cost per item', decimal, 'an amount');
    out.push({
      id: known?.id ?? csvVariantId(handle, sku, options(row)),
      productId: known?.productId ?? `shopify-csv:product:${handle}`,
      title,
      ...(options(row).length ? { variantTitle: options(row).join(' / ') } : {}),
      ...(sku ? { sku } : {}),
      priceMinor: parseDecimalToMinor(price, ctx.currency),
      ...(cost !== undefined
        ? { unitCostMinor: parseDecimalToMinor(cost, ctx.currency) }
        : known?.unitCostMinor !== undefined
          ? { unitCostMinor: known.unitCostMinor }
          : {}),
      currency: ctx.currency,
      status,
      ...(known?.inventoryItemId ? { inventoryItemId: known.inventoryItemId } : {}),
      updatedAt: ctx.now,
    });
  }
  return out;
}

/** Column names changed over the years: the first header present wins. */
const pick = (row: Row, headers: string[]) => headers.find((h) => row.get(h) !== '') ?? headers[0]!;

export function parseInventoryCsv(content: string, file: string, ctx: CatalogContext): InventoryLevel[] {
  return readTable(content, file, ['Handle', 'SKU', 'Location']).map((row) => {
    const handle = row.require('Handle', text, 'a product handle');
    const sku = row.get('SKU');
    const known = sku ? ctx.productsBySku.get(sku) : undefined;
    const variantId = known?.id ?? csvVariantId(handle, sku, options(row));
    const location = row.require('Location', text, 'a location name');
    const locationId = ctx.locationsByName.get(location) ?? `shopify-csv:location:${location}`;
    const inventoryItemId = known?.inventoryItemId ?? `shopify-csv:item:${variantId}`;
    const num = (headers: string[]) => {
      const h = pick(row, headers);
      return row.optional(h, integer, 'a whole number') ?? 0;
    };
    const available = num(['Available (not editable)', 'Available']);
    const committed = num(['Committed (not editable)', 'Committed']);
    return {
      id: `${inventoryItemId}@${locationId}`,
      variantId,
      inventoryItemId,
      locationId,
      locationName: location,
      available,
      onHand:
        row.get(pick(row, ['On hand (current)', 'On hand'])) === ''
          ? available + committed
          : num(['On hand (current)', 'On hand']),
      committed,
      incoming: num(['Incoming (not editable)', 'Incoming']),
      updatedAt: ctx.now,
    };
  });
}
