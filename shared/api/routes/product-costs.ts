import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { OperationalStore } from '../../ports/operational-store';
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

/**
 * Profit subtracts each sold unit's cost, and a product without a unit cost counts none: the
 * dashboard says how many products that is, so a profit without costs is not read as the real one.
 */
export function productCostRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, async (c) => {
    const all = await deps.store.products.list(c.get('tenant'), c.get('brand').id);
    const selling = all.filter((p) => p.status !== 'archived');
    return c.json(
      { products: selling.length, withUnitCost: selling.filter((p) => p.unitCostMinor !== undefined).length },
      200,
    );
  });
  return app;
}
