import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { createAcquisitionQueries } from '../../customers/acquisition';
import { exportCustomersCsv } from '../../customers/export';
import { createCustomerReadModel } from '../../customers/read-model';
import { COHORT_DIMENSIONS } from '../../domain/customers/cohorts';
import { NotFoundError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { Warehouse } from '../../ports/warehouse';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { periodQuery, resolvePeriod } from '../period-query';
import {
  cohortsResponseSchema,
  customerModelSchema,
  customerValueSchema,
  ltvRoasResponseSchema,
  segmentsResponseSchema,
} from '../schemas/customers';

const base = '/api/brands/{brandId}/customer-analytics';
const customerParams = brandParams.extend({
  customerId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'customerId', in: 'path' }, example: 'gid://shopify/Customer/1' }),
});

const routes = {
  segments: createRoute({
    method: 'get',
    path: `${base}/segments`,
    summary:
      'RFM segments with sizes, revenue, predicted value and movement since the previous run; the model and its holdout score',
    request: { params: brandParams },
    responses: {
      200: jsonResponse(segmentsResponseSchema.openapi('CustomerSegments'), 'Segments'),
      ...ERROR_RESPONSES,
    },
  }),
  cohorts: createRoute({
    method: 'get',
    path: `${base}/cohorts`,
    summary: 'Retention and cumulative revenue per customer by first-order month, channel or campaign',
    request: {
      params: brandParams,
      query: z.object({
        dimension: z.enum(COHORT_DIMENSIONS).default('month').openapi({ example: 'month' }),
      }),
    },
    responses: {
      200: jsonResponse(cohortsResponseSchema.openapi('CustomerCohorts'), 'Cohorts'),
      ...ERROR_RESPONSES,
    },
  }),
  model: createRoute({
    method: 'get',
    path: `${base}/model`,
    summary: 'The latest lifetime-value model version: parameters, training window, holdout metrics',
    request: { params: brandParams },
    responses: {
      200: jsonResponse(customerModelSchema.openapi('CustomerModel'), 'The model'),
      ...ERROR_RESPONSES,
    },
  }),
  ltvRoas: createRoute({
    method: 'get',
    path: `${base}/ltv-roas`,
    summary: 'Per campaign: customers acquired in the period, CAC, first-order ROAS, LTV ROAS and LTV:CAC',
    request: { params: brandParams, query: periodQuery },
    responses: {
      200: jsonResponse(ltvRoasResponseSchema.openapi('LtvRoas'), 'LTV ROAS per campaign'),
      ...ERROR_RESPONSES,
    },
  }),
  value: createRoute({
    method: 'get',
    path: `${base}/{customerId}/value`,
    summary: "One customer's segment, P(alive), expected purchases and 90/365-day value with its interval",
    request: { params: customerParams },
    responses: {
      200: jsonResponse(customerValueSchema.openapi('CustomerValue'), 'The prediction'),
      ...ERROR_RESPONSES,
    },
  }),
  export: createRoute({
    method: 'get',
    path: `${base}/export`,
    summary: 'Every customer with segment and predictions, as CSV (streamed)',
    request: { params: brandParams },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  }),
};

export interface CustomerAnalyticsRouteDeps {
  readonly warehouse: Pick<Warehouse, 'query'>;
  readonly clock: Clock;
}

export function customerAnalyticsRoutes(deps: CustomerAnalyticsRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const read = createCustomerReadModel(deps.warehouse);
  const acquisition = createAcquisitionQueries(deps.warehouse);

  app.openapi(routes.segments, async (c) =>
    c.json(await read.segments(c.get('tenant'), c.get('brand')), 200),
  );

  app.openapi(routes.cohorts, async (c) => {
    const { dimension } = c.req.valid('query');
    return c.json(await read.cohorts(c.get('tenant'), c.get('brand'), dimension), 200);
  });

  app.openapi(routes.model, async (c) => {
    const model = await read.latestModel(c.get('tenant'), c.get('brand').id);
    if (!model)
      throw new NotFoundError(
        'no customer model yet: the nightly customer-analytics job has not run for this brand',
      );
    return c.json(model, 200);
  });

  app.openapi(routes.ltvRoas, async (c) => {
    const brand = c.get('brand');
    const period = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    const campaigns = await acquisition.ltvByCampaign(c.get('tenant'), brand, period);
    return c.json({ currency: brand.currency, period, roasTarget: brand.targets.roasTarget, campaigns }, 200);
  });

  app.openapi(routes.value, async (c) => {
    const { customerId } = c.req.valid('param');
    const value = await read.customerValue(c.get('tenant'), c.get('brand').id, customerId);
    if (!value) throw new NotFoundError('no prediction for this customer');
    return c.json(value, 200);
  });

  app.openapi(routes.export, async (c) => {
    const brand = c.get('brand');
    const ctx = c.get('tenant');
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${brand.id}-customers.csv"`);
    return stream(
      c,
      async (out) => {
        for await (const chunk of exportCustomersCsv(deps.warehouse, ctx, brand)) await out.write(chunk);
      },
      async (err) => c.get('logger').error('customer export failed mid-stream', { error: err }),
    );
  });

  return app;
}
