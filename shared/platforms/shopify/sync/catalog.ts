import { z } from 'zod';
import type { InventoryLevel, Product } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { LocalDate } from '../../../domain/time';
import type { OperationalStore } from '../../../ports/operational-store';
import type { Warehouse } from '../../../ports/warehouse';
import { paginate, type ShopifyClient } from '../client';
import { inventoryEntity, inventorySnapshotRow, productEntities } from '../mapping';
import { INVENTORY_LEVELS_QUERY, LOCATIONS_QUERY, PRODUCTS_QUERY } from '../queries';
import { inventoryLevelSchema, locationSchema, page, productSchema } from '../schemas';

/**
 * Current catalog and stock: every product variant and every inventory level per location go to
 * the operational store (what the app shows now), and the levels also become that day's row set
 * in `inventory_snapshots` (history for days of cover). A few hundred variants: paged queries.
 */
const productsPage = z.object({ products: page(productSchema) });
const locationsPage = z.object({ locations: page(locationSchema) });
const levelsPage = z.object({
  location: z.object({ inventoryLevels: page(inventoryLevelSchema) }).nullable(),
});
const EMPTY_PAGE = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };

export async function syncCatalog(
  deps: { store: OperationalStore; warehouse: Warehouse },
  ctx: TenantContext,
  client: ShopifyClient,
  brand: { id: string; shopCurrency: string },
  snapshotDate: LocalDate,
): Promise<{ products: Product[]; levels: InventoryLevel[] }> {
  const products: Product[] = [];
  for await (const nodes of paginate(
    async (after) =>
      (await client.request('Products', PRODUCTS_QUERY, { first: 50, after }, productsPage)).products,
  ))
    products.push(...nodes.flatMap((p) => productEntities(p, brand.shopCurrency)));

  const levels: InventoryLevel[] = [];
  for await (const locations of paginate(
    async (after) =>
      (await client.request('Locations', LOCATIONS_QUERY, { first: 50, after }, locationsPage)).locations,
  )) {
    for (const location of locations) {
      for await (const nodes of paginate(async (after) => {
        const res = await client.request(
          'InventoryLevels',
          INVENTORY_LEVELS_QUERY,
          { locationId: location.id, first: 250, after },
          levelsPage,
        );
        return res.location?.inventoryLevels ?? EMPTY_PAGE;
      }))
        for (const n of nodes) {
          const level = inventoryEntity(n, location);
          if (level) levels.push(level);
        }
    }
  }

  await deps.store.products.upsertMany(ctx, brand.id, products);
  await deps.store.inventory.upsertMany(ctx, brand.id, levels);
  await deps.warehouse.replaceRange(
    ctx,
    'inventory_snapshots',
    { brandId: brand.id, from: snapshotDate, to: snapshotDate },
    levels.map((l) => inventorySnapshotRow(brand.id, snapshotDate, l)),
  );
  return { products, levels };
}
