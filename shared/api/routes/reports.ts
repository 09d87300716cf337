import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { stream } from 'hono/streaming';
import { createAcquisitionQueries, ltvByCampaignOf } from '../../customers/acquisition';
import type { Brand } from '../../domain/entities';
import { ATTRIBUTION_MODELS } from '../../domain/entities/brand';
import { DRILLDOWN_DIMENSIONS } from '../../domain/reporting/drilldown';
import type { Period } from '../../domain/reporting/period';
import type { TenantContext } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { Warehouse } from '../../ports/warehouse';
import { adSetsCsv, campaignAdSetsOf, loadCampaignAdSetDays } from '../../reporting/ad-sets';
import type { DashboardQueries } from '../../reporting/dashboard';
import { exportPerformanceCsv } from '../../reporting/export';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import {
  comparisonFields,
  comparisonOf,
  comparisonRefinement,
  periodQuery,
  resolvePeriod,
} from '../period-query';
import { dashboardSchema, drilldownSchema } from '../schemas/reports';

const dashboard = dashboardSchema.openapi('Dashboard');
const drilldown = drilldownSchema.openapi('Drilldown');
/**
 * A body serialised once and kept (decisions 975, 988), sent with the header `c.json` sets. `T` is the
 * route's response type: the value was checked against it (`satisfies`) before it was serialised.
 */
const sentAsJson = <T>(c: Context, bytes: Uint8Array<ArrayBuffer>) =>
  c.body(bytes, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'>;
const utf8 = new TextEncoder();
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

/**
 * A view of the period under any of the models the attribution pass computes (all six, every
 * order), compared with the period the merchant chose (the previous one by default).
 */
const viewQuery = periodQuery
  .extend({
    model: z.enum(ATTRIBUTION_MODELS).optional().openapi({
      example: 'first_touch',
      description: "Credit channels and campaigns under this model (default: the brand's own)",
    }),
    ...comparisonFields,
  })
  .superRefine(comparisonRefinement);

const routes = {
  dashboard: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/dashboard',
    summary:
      'KPIs with change vs the chosen comparison period, by channel and region, trend, inventory vs spend',
    request: { params: brandParams, query: viewQuery },
    responses: { 200: jsonResponse(dashboard, 'The dashboard'), ...ERROR_RESPONSES },
  }),
  drilldown: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/drilldown/{dimension}/{id}',
    summary: 'One channel, campaign, product or region: totals, trend and the next level down',
    request: { params: drilldownParams, query: viewQuery },
    responses: { 200: jsonResponse(drilldown, 'The drilldown'), ...ERROR_RESPONSES },
  }),
  adSetsCsv: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/campaigns/{campaignId}/ad-sets.csv',
    summary:
      "A campaign's ad sets (ad groups) in the period as CSV: names, spend, delivery, platform conversions",
    request: {
      params: brandParams.extend({
        campaignId: z
          .string()
          .min(1)
          .max(500)
          .openapi({ param: { name: 'campaignId', in: 'path' }, example: 'meta:act_1001:120210000000101' }),
      }),
      query: periodQuery,
    },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
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

export interface ReportDeps {
  warehouse: Warehouse;
  clock: Clock;
  dashboards: DashboardQueries;
}

export function reportRoutes(deps: ReportDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const acquisition = createAcquisitionQueries(deps.warehouse);
  /** A campaign's ad sets for a period, summed from its daily rows kept with the rollup. */
  const adSetDaysOf = (ctx: TenantContext, brand: Brand, campaignId: string) =>
    deps.dashboards.withRollup(ctx, brand, `ad-set-days:${campaignId}`, () =>
      loadCampaignAdSetDays(deps.warehouse, ctx, brand.id, campaignId),
    );
  const adSetsOf = async (ctx: TenantContext, brand: Brand, campaignId: string, p: Period) => {
    const [days, names] = await Promise.all([
      adSetDaysOf(ctx, brand, campaignId),
      deps.dashboards.nameBook(ctx, brand),
    ]);
    return campaignAdSetsOf(days, campaignId, p, names);
  };
  /**
   * LTV by campaign for a period, summed from daily rows kept with the brand's rollup: any period
   * a merchant picks costs no warehouse read until the data moves.
   */
  const campaignLtv = (ctx: TenantContext, brand: Brand, p: { from: string; to: string }) =>
    deps.dashboards.withView(ctx, brand, `ltv-by-campaign/${p.from}/${p.to}`, async () =>
      ltvByCampaignOf(
        await deps.dashboards.withRollup(
          ctx,
          brand,
          'acquisition-days',
          () => acquisition.allDays(ctx, brand),
          (kept, days) => acquisition.withDaysReadAgain(ctx, brand, kept, days),
        ),
        p,
      ),
    );

  app.openapi(routes.dashboard, async (c) => {
    const brand = c.get('brand');
    const q = c.req.valid('query');
    const p = resolvePeriod(q, brand, deps.clock);
    const comparison = comparisonOf(q);
    // Kept serialised with the rollup: a window asked for again costs a lookup (decision 975).
    const key = JSON.stringify(['dashboard', p, comparison ?? null, q.model ?? null]);
    const body = await deps.dashboards.withBody(c.get('tenant'), brand, key, async () => {
      const [view, ltvByCampaign] = await Promise.all([
        deps.dashboards.dashboard(c.get('tenant'), brand, p, q.model, comparison),
        campaignLtv(c.get('tenant'), brand, p),
      ]);
      // Kept as UTF-8 bytes: each response is then written as it is, with nothing to measure or encode.
      return utf8.encode(JSON.stringify({ ...view, ltvByCampaign } satisfies z.input<typeof dashboard>));
    });
    return sentAsJson<z.infer<typeof dashboard>>(c, body);
  });

  app.openapi(routes.drilldown, async (c) => {
    const brand = c.get('brand');
    const { dimension, id } = c.req.valid('param');
    const q = c.req.valid('query');
    const p = resolvePeriod(q, brand, deps.clock);
    const result = await deps.dashboards.drilldown(
      c.get('tenant'),
      brand,
      dimension,
      id,
      p,
      q.model,
      comparisonOf(q),
    );
    if (!result) throw new NotFoundError(`no such ${dimension} for this brand`);
    if (dimension !== 'campaign') return c.json(result, 200);
    const [campaigns, adSets] = await Promise.all([
      campaignLtv(c.get('tenant'), brand, p),
      adSetsOf(c.get('tenant'), brand, id, p),
    ]);
    return c.json(
      { ...result, acquisition: campaigns.find((r) => r.campaignId === id) ?? null, adSets },
      200,
    );
  });

  app.openapi(routes.adSetsCsv, async (c) => {
    const brand = c.get('brand');
    const ctx = c.get('tenant');
    const { campaignId } = c.req.valid('param');
    const p = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    const [days, names] = await Promise.all([
      adSetDaysOf(ctx, brand, campaignId),
      deps.dashboards.nameBook(ctx, brand),
    ]);
    // A campaign the platforms never reported is unknown; a quiet period is an empty file.
    if (days.length === 0) throw new NotFoundError('no such campaign for this brand');
    const adSets = campaignAdSetsOf(days, campaignId, p, names);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header(
      'content-disposition',
      `attachment; filename="${brand.id}-${adSets.term.replace(' ', '-')}s-${p.from}-${p.to}.csv"`,
    );
    return c.body(adSetsCsv(names.campaign(campaignId), brand.currency, adSets), 200);
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
        const titles = await deps.dashboards.productTitles(ctx, brand);
        for await (const chunk of exportPerformanceCsv(deps.warehouse, ctx, brand, p, titles))
          await out.write(chunk);
      },
      // Headers are gone by now: the client sees a truncated file, the log says why.
      async (err) => c.get('logger').error('export failed mid-stream', { error: err }),
    );
  });

  return app;
}
