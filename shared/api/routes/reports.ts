import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { ALIGNMENTS } from '../../domain/inventory/alignment';
import { DRILLDOWN_DIMENSIONS } from '../../domain/reporting/drilldown';
import { NotFoundError } from '../../errors';
import type { Deps } from '../../jobs/deps';
import type { DashboardQueries } from '../../reporting/dashboard';
import { exportPerformanceCsv } from '../../reporting/export';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { periodQuery, resolvePeriod } from '../period-query';

const num = z.number();
const nullableNum = z.number().nullable();
const period = z.object({ from: z.string(), to: z.string() });
const kpis = z
  .object({
    spendMinor: num,
    revenueMinor: num,
    blendedRoas: nullableNum,
    profitMinor: nullableNum,
    orders: num,
  })
  .openapi('Kpis');
const kpiChange = z
  .object({
    spendMinor: nullableNum,
    revenueMinor: nullableNum,
    blendedRoas: nullableNum,
    profitMinor: nullableNum,
    orders: nullableNum,
  })
  .openapi('KpiChange', { description: 'Relative change vs the previous period (0.25 = +25 %)' });
const breakdown = z
  .object({
    key: z.string(),
    spendMinor: num,
    revenueMinor: num,
    profitMinor: num,
    orders: num,
    roas: nullableNum,
  })
  .openapi('Breakdown');
const trendPoint = z
  .object({ date: z.string(), spendMinor: num, revenueMinor: num, roas: nullableNum })
  .openapi('TrendPoint');
const dashboard = z
  .object({
    currency: z.string(),
    period,
    previousPeriod: period,
    model: z.string(),
    kpis,
    previous: kpis,
    change: kpiChange,
    byChannel: z.array(breakdown),
    byRegion: z.array(breakdown),
    trend: z.array(trendPoint),
    inventory: z.array(
      z
        .object({
          productId: z.string(),
          /** The catalog's name for it (product — variant) and SKU, when the catalog knows it. */
          title: z.string().optional(),
          sku: z.string().optional(),
          spendMinor: num,
          spendShare: num,
          revenueMinor: num,
          units: num,
          stockAvailable: nullableNum,
          daysOfCover: nullableNum,
          alignment: z.enum(ALIGNMENTS),
        })
        .openapi('InventorySpendRow'),
    ),
  })
  .openapi('Dashboard');
const drilldown = z
  .object({
    dimension: z.enum(DRILLDOWN_DIMENSIONS),
    id: z.string(),
    currency: z.string(),
    period,
    totals: breakdown.omit({ key: true }).extend({ units: num }),
    trend: z.array(trendPoint),
    breakdown: z.object({ dimension: z.enum(DRILLDOWN_DIMENSIONS), rows: z.array(breakdown) }),
  })
  .openapi('Drilldown');
const drilldownParams = brandParams.extend({
  dimension: z
    .enum(DRILLDOWN_DIMENSIONS)
    .openapi({ param: { name: 'dimension', in: 'path' }, example: 'channel' }),
  id: z
    .string()
    .min(1)
    .max(500)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'meta' }),
});

const routes = {
  dashboard: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/dashboard',
    summary: 'KPIs with change vs the previous period, by channel and region, trend, inventory vs spend',
    request: { params: brandParams, query: periodQuery },
    responses: { 200: jsonResponse(dashboard, 'The dashboard'), ...ERROR_RESPONSES },
  }),
  drilldown: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/drilldown/{dimension}/{id}',
    summary: 'One channel, campaign, product or region: totals, trend and the next level down',
    request: { params: drilldownParams, query: periodQuery },
    responses: { 200: jsonResponse(drilldown, 'The drilldown'), ...ERROR_RESPONSES },
  }),
  export: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/export',
    summary: 'Unified performance as CSV (streamed)',
    request: { params: brandParams, query: periodQuery.extend({ format: z.enum(['csv']).default('csv') }) },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  }),
};

export interface ReportDeps extends Pick<Deps, 'warehouse' | 'clock'> {
  dashboards: DashboardQueries;
}

export function reportRoutes(deps: ReportDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.dashboard, async (c) => {
    const brand = c.get('brand');
    const p = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    return c.json(await deps.dashboards.dashboard(c.get('tenant'), brand, p), 200);
  });

  app.openapi(routes.drilldown, async (c) => {
    const brand = c.get('brand');
    const { dimension, id } = c.req.valid('param');
    const p = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    const result = await deps.dashboards.drilldown(c.get('tenant'), brand, dimension, id, p);
    if (!result) throw new NotFoundError(`no such ${dimension} for this brand`);
    return c.json(result, 200);
  });

  app.openapi(routes.export, async (c) => {
    const brand = c.get('brand');
    const ctx = c.get('tenant');
    const p = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${brand.id}-${p.from}-${p.to}.csv"`);
    return stream(
      c,
      async (out) => {
        for await (const chunk of exportPerformanceCsv(deps.warehouse, ctx, brand, p)) await out.write(chunk);
      },
      // Headers are gone by now: the client sees a truncated file, the log says why.
      async (err) => c.get('logger').error('export failed mid-stream', { error: err }),
    );
  });

  return app;
}
