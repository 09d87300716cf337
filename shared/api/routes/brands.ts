import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { brandSchema } from '../../domain/entities';
import type { OperationalStore } from '../../ports/operational-store';
import type { ApiEnv } from '../env';

const brandList = z.object({ brands: z.array(brandSchema) });

const listBrands = createRoute({
  method: 'get',
  path: '/api/brands',
  summary: 'Brands the caller may see',
  responses: { 200: { description: 'The brands', content: { 'application/json': { schema: brandList } } } },
});

export function brandRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(listBrands, async (c) =>
    c.json({ brands: await deps.store.brands.list(c.get('tenant')) }, 200),
  );
  return app;
}
