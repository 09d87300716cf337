import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { createAcquisitionQueries } from '../../customers/acquisition';
import { exportCustomersCsv } from '../../customers/export';
import { readFunnel } from '../../customers/funnel-query';
import { createCustomerReadModel } from '../../customers/read-model';
import { COHORT_DIMENSIONS } from '../../domain/customers/cohorts';
import {
  DEFAULT_FUNNEL_STEPS,
  DEFAULT_WINDOW_DAYS,
  FUNNEL_BREAKDOWNS,
  funnelStepsText,
  MAX_WINDOW_DAYS,
  parseFunnelSteps,
} from '../../domain/customers/funnels';
import type { Brand } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { Warehouse } from '../../ports/warehouse';
import { createPerformanceQueries } from '../../reporting/read-model/performance-queries';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { reportingPeriodQuery, resolveReportingPeriod } from '../period-query';
import {
  cohortsResponseSchema,
  customerModelSchema,
  customerValueSchema,
  funnelResponseSchema,
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
    description:
      'Before the nightly customer-analytics job has run for the brand there is no model yet, a normal state: the answer is `null`.',
    request: { params: brandParams },
    responses: {
      200: jsonResponse(
        customerModelSchema.openapi('CustomerModel').nullable(),
        'The model, or null before the first run',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  ltvRoas: createRoute({
    method: 'get',
    path: `${base}/ltv-roas`,
    summary: 'Per campaign: customers acquired in the period, CAC, first-order ROAS, LTV ROAS and LTV:CAC',
    description:
      'Without dates, the 30 days up to the day the customer model judges the store as of: yesterday, or the last day with data for a store whose data ends earlier (an import).',
    request: { params: brandParams, query: reportingPeriodQuery },
    responses: {
      200: jsonResponse(ltvRoasResponseSchema.openapi('LtvRoas'), 'LTV ROAS per campaign'),
      ...ERROR_RESPONSES,
    },
  }),
  funnel: createRoute({
    method: 'get',
    path: `${base}/funnel`,
    summary:
      'Conversion funnel over first-party events: visitors reaching each step in order within the window, overall and by entry channel or device',
    description:
      'Without dates, the 30 days up to the day the customer model judges the store as of: yesterday, or the last day with data for a store whose data ends earlier (an import).',
    request: {
      params: brandParams,
      query: reportingPeriodQuery.extend({
        steps: z.string().max(2000).optional().openapi({
          description:
            'Event types in order, comma-separated; `|` joins alternatives within a step (default: page_viewed → product_viewed → product_added_to_cart → checkout_started → checkout_completed)',
          example: 'product_viewed,product_added_to_cart,checkout_completed|order_placed',
        }),
        window_days: z.coerce
          .number()
          .int()
          .min(1)
          .max(MAX_WINDOW_DAYS)
          .default(DEFAULT_WINDOW_DAYS)
          .openapi({ description: 'Days after entering in which the later steps must happen', example: 7 }),
        by: z.enum(FUNNEL_BREAKDOWNS).default('channel').openapi({
          description:
            'Split the funnel by the channel of the visit each visitor entered from, or by its device class (mobile, tablet, desktop, unknown; crawlers are never counted)',
          example: 'device',
        }),
      }),
    },
    responses: {
      200: jsonResponse(funnelResponseSchema.openapi('CustomerFunnel'), 'The funnel'),
      ...ERROR_RESPONSES,
    },
  }),
  value: createRoute({
    method: 'get',
    path: `${base}/{customerId}/value`,
    summary: "One customer's segment, P(alive), expected purchases and 90/365-day value with its interval",
    description:
      'A customer with orders but no prediction yet (the nightly run has not reached them) answers `null`; a customer id no order of the brand names is a 404.',
    request: { params: customerParams },
    responses: {
      200: jsonResponse(
        customerValueSchema.openapi('CustomerValue').nullable(),
        'The prediction, or null while there is none yet',
      ),
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
  const performance = createPerformanceQueries(deps.warehouse);
  /** The dates asked for, else the 30 days up to the day the customer model is judged as of. */
  const periodOf = async (
    ctx: TenantContext,
    brand: Brand,
    q: Parameters<typeof resolveReportingPeriod>[0],
  ) =>
    resolveReportingPeriod(
      q,
      brand,
      deps.clock,
      q.from === undefined && q.to === undefined
        ? await performance.latestDate(ctx, brand.id, brand.targets.attributionModel)
        : undefined,
    );

  app.openapi(routes.segments, async (c) =>
    c.json(await read.segments(c.get('tenant'), c.get('brand')), 200),
  );

  app.openapi(routes.cohorts, async (c) => {
    const { dimension } = c.req.valid('query');
    return c.json(await read.cohorts(c.get('tenant'), c.get('brand'), dimension), 200);
  });

  // "None yet" answers 200 with null (docs/decisions/994): a 404 is for what does not exist.
  app.openapi(routes.model, async (c) =>
    c.json(await read.latestModel(c.get('tenant'), c.get('brand').id), 200),
  );

  app.openapi(routes.ltvRoas, async (c) => {
    const brand = c.get('brand');
    const period = await periodOf(c.get('tenant'), brand, c.req.valid('query'));
    const campaigns = await acquisition.ltvByCampaign(c.get('tenant'), brand, period);
    return c.json({ currency: brand.currency, period, roasTarget: brand.targets.roasTarget, campaigns }, 200);
  });

  app.openapi(routes.funnel, async (c) => {
    const brand = c.get('brand');
    const q = c.req.valid('query');
    const period = await periodOf(c.get('tenant'), brand, q);
    const parsed =
      q.steps === undefined ? { ok: true as const, value: DEFAULT_FUNNEL_STEPS } : parseFunnelSteps(q.steps);
    if (!parsed.ok) throw new ValidationError(`steps: ${parsed.reason}`);
    const funnel = await readFunnel(deps.warehouse, c.get('tenant'), {
      brandId: brand.id,
      from: period.from,
      to: period.to,
      steps: parsed.value,
      windowDays: q.window_days,
      by: q.by,
    });
    return c.json(
      { period, windowDays: q.window_days, stepsText: funnelStepsText(parsed.value), ...funnel },
      200,
    );
  });

  app.openapi(routes.value, async (c) => {
    const { customerId } = c.req.valid('param');
    const value = await read.customerValue(c.get('tenant'), c.get('brand').id, customerId);
    if (value) return c.json(value, 200);
    if (!(await read.hasOrders(c.get('tenant'), c.get('brand').id, customerId)))
      throw new NotFoundError(`no customer ${customerId} in this brand's orders`);
    return c.json(null, 200);
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
