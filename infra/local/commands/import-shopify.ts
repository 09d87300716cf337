import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Product } from '../../../shared/domain/entities';
import { systemContext } from '../../../shared/domain/tenancy';
import { toLocalDate } from '../../../shared/domain/time';
import { NotFoundError, ValidationError } from '../../../shared/kernel/errors';
import { parseBulkJsonl } from '../../../shared/platforms/shopify/exports/bulk-jsonl';
import { parseInventoryCsv, parseProductsCsv } from '../../../shared/platforms/shopify/exports/catalog-csv';
import { parseOrdersCsv } from '../../../shared/platforms/shopify/exports/orders-csv';
import { inventorySnapshotRow, productEntities } from '../../../shared/platforms/shopify/mapping';
import { writeOrders } from '../../../shared/platforms/shopify/sync/write-orders';
import type { Importer, ImportResult } from './import';

/**
 * `pulsepoint import shopify <file> --brand <id>`: a bulk-operation JSONL file (orders and/or
 * products), or one of Shopify's admin CSV exports (orders, products, inventory — told apart by
 * their headers). The whole file is parsed and validated before anything is written, so a file
 * with an error changes nothing; the error names `file:line:column`.
 */
export const importShopify: Importer = async (deps, { tenantId, brandId, file }) => {
  const ctx = systemContext(tenantId, 'import-shopify');
  const brand = await deps.store.brands.get(ctx, brandId);
  if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
  const name = basename(file);
  const now = deps.clock.now().toISOString();
  const stored = await deps.store.products.list(ctx, brand.id);
  const productsBySku = new Map(stored.flatMap((p) => (p.sku ? [[p.sku, p] as const] : [])));
  const unitCosts = new Map(
    stored.flatMap((p) => (p.unitCostMinor === undefined ? [] : [[p.id, p.unitCostMinor] as const])),
  );

  const saveProducts = async (products: Product[]): Promise<ImportResult> => {
    await deps.store.products.upsertMany(ctx, brand.id, products);
    return { rows: products.length, summary: `${name}: ${products.length} product variants imported` };
  };

  if (/\.jsonl?$/i.test(file)) {
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const parsed = await parseBulkJsonl(lines, name);
    const products = parsed.products.flatMap((p) => productEntities(p, brand.currency));
    if (products.length) await deps.store.products.upsertMany(ctx, brand.id, products);
    const written = await writeOrders(deps.warehouse, ctx, brand, parsed.orders, { unitCosts });
    return {
      rows: parsed.orders.length + products.length,
      summary: `${name}: ${written.orders} orders (${written.lines} lines, ${written.refunds} refund rows, ${written.stale} older than stored) and ${products.length} product variants imported`,
    };
  }

  const content = readFileSync(file, 'utf8');
  const header = content.slice(0, content.indexOf('\n') + 1 || undefined);
  if (header.includes('Lineitem quantity')) {
    const orders = parseOrdersCsv(content, name, productsBySku);
    const written = await writeOrders(deps.warehouse, ctx, brand, orders, { unitCosts, touchpoints: false });
    return {
      rows: orders.length,
      summary: `${name}: ${written.orders} orders imported (${written.stale} older than stored)`,
    };
  }
  const levels = await deps.store.inventory.list(ctx, brand.id);
  const catalog = {
    currency: brand.currency,
    now,
    productsBySku,
    locationsByName: new Map(
      levels.flatMap((l) => (l.locationName ? [[l.locationName, l.locationId] as const] : [])),
    ),
  };
  if (header.includes('Variant Price')) return saveProducts(parseProductsCsv(content, name, catalog));
  if (header.includes('Location')) {
    const imported = parseInventoryCsv(content, name, catalog);
    await deps.store.inventory.upsertMany(ctx, brand.id, imported);
    const today = toLocalDate(deps.clock.now(), brand.timezone);
    // The export is the whole stock: it becomes today's snapshot, merged over what is stored.
    const byId = new Map([...levels, ...imported].map((l) => [l.id, l]));
    await deps.warehouse.replaceRange(
      ctx,
      'inventory_snapshots',
      { brandId: brand.id, from: today, to: today },
      [...byId.values()].map((l) => inventorySnapshotRow(brand.id, today, l)),
    );
    return { rows: imported.length, summary: `${name}: ${imported.length} inventory levels imported` };
  }
  throw new ValidationError(
    `${name}:1:1: not a Shopify orders, products or inventory export (unrecognized header)`,
  );
};

export const SHOPIFY_IMPORTERS: Record<string, Importer> = { shopify: importShopify };
