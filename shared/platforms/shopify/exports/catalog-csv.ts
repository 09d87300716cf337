import type { InventoryLevel, Product } from '../../../domain/entities';
import { parseDecimalToMinor } from '../../../domain/money';
import type { FileProblems } from '../../../kernel/util/import-problems';
import { decimal, eachRow, type HeaderAliases, integer, type Row, readTable, text } from './table';

/**
 * Shopify's admin product and inventory CSV exports. Neither carries Shopify ids, so a variant is
 * matched to the stored catalog by SKU; an unknown variant gets a stable id from its handle and
 * SKU/options (`shopify-csv:…`), which a later sync leaves beside the real one.
 *
 * Header sets (test/fixtures/imports/SOURCES.md): the classic product export ("Handle",
 * "Variant SKU", "Variant Price", "Option1 Value") and the 2025 one ("URL handle", "SKU", "Price",
 * "Option1 value"); the 2023 inventory export ("Available", "On hand") and the 2024+ "All quantity
 * types" one ("Available (not editable)", "On hand (current)", "On hand (new)").
 */
export interface CatalogContext {
  currency: string;
  now: string;
  productsBySku: ReadonlyMap<string, Product>;
  /** Stored location ids by location name. */
  locationsByName: ReadonlyMap<string, string>;
}

const PRODUCT_HEADERS: HeaderAliases = {
  Handle: ['URL handle'],
  'Variant SKU': ['SKU'],
  'Variant Price': ['Price'],
  'Option1 Value': ['Option1 value'],
  'Option2 Value': ['Option2 value'],
  'Option3 Value': ['Option3 value'],
};
const INVENTORY_HEADERS: HeaderAliases = {
  Handle: ['URL handle'],
  'Option1 Value': ['Option1 value'],
  'Option2 Value': ['Option2 value'],
  'Option3 Value': ['Option3 value'],
  Available: ['Available (not editable)'],
  Committed: ['Committed (not editable)'],
  Incoming: ['Incoming (not editable)'],
  Unavailable: ['Unavailable (not editable)'],
  'On hand': ['On hand (current)'],
};

const options = (row: Row) =>
  ['Option1 Value', 'Option2 Value', 'Option3 Value'].map((h) => row.get(h)).filter(Boolean);
const csvVariantId = (handle: string, sku: string, opts: string[]) =>
  `shopify-csv:variant:${handle}:${sku || opts.join('/') || 'default'}`;

const STATUS: Record<string, Product['status']> = { active: 'active', draft: 'draft', archived: 'archived' };

export function parseProductsCsv(content: string, problems: FileProblems, ctx: CatalogContext): Product[] {
  const table = readTable(content, problems, ['Handle', 'Title', 'Variant Price'], PRODUCT_HEADERS);
  if (!table) return [];
  let title = '';
  let handle = '';
  let status: Product['status'] = 'active';
  return eachRow(table.rows, (row) => {
    const h = row.require('Handle', text, 'the product’s URL handle');
    if (h !== handle) {
      handle = h;
      title = row.require('Title', text, 'the product title (on the first row of each product)');
      status =
        row.optional('Status', (v) => STATUS[v.toLowerCase()], 'active, draft or archived') ?? 'active';
    }
    const price = row.optional('Variant Price', decimal, 'an amount like 29.00');
    if (price === undefined) return undefined; // image-only continuation rows carry no variant
    const sku = row.get('Variant SKU');
    const known = sku ? ctx.productsBySku.get(sku) : undefined;
    const cost = row.optional('Cost per item', decimal, 'an amount like 12.00');
    const opts = options(row);
    return {
      id: known?.id ?? csvVariantId(handle, sku, opts),
      productId: known?.productId ?? `shopify-csv:product:${handle}`,
      title,
      ...(opts.length && opts.join('') !== 'Default Title' ? { variantTitle: opts.join(' / ') } : {}),
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
    } satisfies Product;
  });
}

/** "Not stocked" marks a variant its location never carries: no level, not zero. */
const NOT_STOCKED = /^not stocked$/i;

export function parseInventoryCsv(
  content: string,
  problems: FileProblems,
  ctx: CatalogContext,
): InventoryLevel[] {
  const table = readTable(content, problems, ['Handle', 'Location', 'Available'], INVENTORY_HEADERS);
  if (!table) return [];
  return eachRow(table.rows, (row) => {
    const handle = row.require('Handle', text, 'the product’s URL handle');
    const sku = row.get('SKU');
    const known = sku ? ctx.productsBySku.get(sku) : undefined;
    const variantId = known?.id ?? csvVariantId(handle, sku, options(row));
    const location = row.require('Location', text, 'a location name');
    if (NOT_STOCKED.test(row.get('Available')) || NOT_STOCKED.test(row.get('On hand'))) return undefined;
    const locationId = ctx.locationsByName.get(location) ?? `shopify-csv:location:${location}`;
    const inventoryItemId = known?.inventoryItemId ?? `shopify-csv:item:${variantId}`;
    const count = (h: string) => row.optional(h, integer, 'a whole number (or "not stocked")');
    const available = count('Available') ?? 0;
    const committed = count('Committed') ?? 0;
    const unavailable = count('Unavailable') ?? 0;
    // On hand = available + committed + unavailable (Shopify's definition); the export states it
    // when it has the column, and it differs from Available whenever anything is committed or held.
    const onHand = count('On hand') ?? available + committed + unavailable;
    return {
      id: `${inventoryItemId}@${locationId}`,
      variantId,
      inventoryItemId,
      locationId,
      locationName: location,
      available,
      onHand,
      committed,
      incoming: count('Incoming') ?? 0,
      updatedAt: ctx.now,
    };
  });
}
