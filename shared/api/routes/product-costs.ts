import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TenantContext } from '../../domain/tenancy';
import { createLruCache } from '../../kernel/util/lru';
import type { OperationalStore, ProductCollection } from '../../ports/operational-store';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';

const productCosts = z
  .object({
    /** Variants the brand sells (archived ones left out). */
    products: z.number().int().nonnegative(),
    /** Of those, the ones with a unit cost (Shopify's "Cost per item"). */
    withUnitCost: z.number().int().nonnegative(),
  })
  .openapi('ProductCosts');

const route = createRoute({
  method: 'get',
  path: '/api/brands/{brandId}/product-costs',
  summary: 'How many of the brand’s products have a unit cost, which profit needs (cost of goods)',
  request: { params: brandParams },
  responses: {
    200: jsonResponse(productCosts, 'Products and how many have a unit cost'),
    ...ERROR_RESPONSES,
  },
});

type ProductCosts = z.infer<typeof productCosts>;

/** Brands whose counts are kept at once (least recently asked go first). */
const MAX_BRANDS = 500;

/**
 * The counts per tenant and brand, kept until the brand's catalogue version moves: every product
 * write moves it (sync, import, the products/update webhook, on any instance), so a request costs
 * one small read instead of listing every variant (decision 1008). A failed count is not kept.
 */
export function createProductCostCounts(deps: {
  store: { products: Pick<ProductCollection, 'list' | 'version'> };
}) {
  const kept = createLruCache<string, { version: string | null; counts: Promise<ProductCosts> }>(MAX_BRANDS);
  async function count(ctx: TenantContext, brandId: string): Promise<ProductCosts> {
    const all = await deps.store.products.list(ctx, brandId);
    const selling = all.filter((p) => p.status !== 'archived');
    return {
      products: selling.length,
      withUnitCost: selling.filter((p) => p.unitCostMinor !== undefined).length,
    };
  }
  return async function productCostCounts(ctx: TenantContext, brandId: string): Promise<ProductCosts> {
    const key = JSON.stringify([ctx.tenantId, brandId]);
    // The version before the list: a write landing in between leaves this entry behind, read again next time.
    const version = await deps.store.products.version(ctx, brandId);
    const hit = kept.get(key);
    if (hit && hit.version === version) return hit.counts;
    const entry = { version, counts: count(ctx, brandId) };
    kept.set(key, entry);
    entry.counts.catch(() => kept.peek(key) === entry && kept.delete(key));
    return entry.counts;
  };
}

/**
 * Profit subtracts each sold unit's cost, and a product without a unit cost counts none: the
 * dashboard says how many products that is, so a profit without costs is not read as the real one.
 */
export function productCostRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  const counts = createProductCostCounts(deps);
  app.openapi(route, async (c) => c.json(await counts(c.get('tenant'), c.get('brand').id), 200));
  return app;
}
