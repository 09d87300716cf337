import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createCustomerList } from '../../customers/list';
import { customerListQuerySchema, customerListResponseSchema } from '../../customers/list-schema';
import type { DocumentDb } from '../../ports/document-db';
import type { Warehouse } from '../../ports/warehouse';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';

const list = createRoute({
  method: 'get',
  path: '/api/brands/{brandId}/customer-list',
  summary:
    'The brand’s customers, a page at a time: orders, revenue net of refunds, last order, segment and predicted 365-day value; sortable, filterable by segment',
  description:
    'One row per store customer. Orders and revenue are counted live as Customer 360 counts them; the segment and predicted value come from the latest customer-analytics run, so a segment filter lists exactly the customers the Segments & LTV page counts in it. Name and email are the profile’s; a customer no profile holds (erased, or not resolved yet) has neither and no profile id.',
  request: {
    params: brandParams,
    query: customerListQuerySchema.extend({
      sort: customerListQuerySchema.shape.sort.openapi({ example: 'value_365' }),
      segment: customerListQuerySchema.shape.segment.openapi({ example: 'at_risk' }),
    }),
  },
  responses: {
    200: jsonResponse(customerListResponseSchema.openapi('CustomerList'), 'One page of customers'),
    ...ERROR_RESPONSES,
  },
});

export function customerListRoutes(deps: { documents: DocumentDb; warehouse: Warehouse }) {
  const app = new OpenAPIHono<ApiEnv>();
  const customers = createCustomerList({ db: deps.documents, warehouse: deps.warehouse });
  app.openapi(list, async (c) => {
    const brand = c.get('brand');
    const page = await customers.list(
      { ctx: c.get('tenant'), brandId: brand.id },
      brand.currency,
      c.req.valid('query'),
    );
    return c.json(page, 200);
  });
  return app;
}
