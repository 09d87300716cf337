import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ALIGNMENTS } from '../../domain/inventory/alignment';
import { STOCK_STATUSES } from '../../domain/inventory/cover';
import { campaignLabel, campaignNote } from '../../domain/names/names';
import type { Clock } from '../../ports/clock';
import type { Warehouse } from '../../ports/warehouse';
import { loadNameBook } from '../../reporting/names';
import {
  campaignPerformance,
  campaignPerformanceSchema,
  inventoryStatus,
  inventoryStatusSchema,
  reconciliation,
  reconciliationSchema,
} from '../../reporting/read-model/queries';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { periodQuery, resolvePeriod } from '../period-query';

/**
 * The attribution pass's own read models (shared/analytics/queries.ts), so these screens show
 * exactly the numbers the recommendations and the AI analyst were computed from.
 */
const rowsOf = <S extends z.ZodObject>(schema: S, name: string) =>
  z.object({ rows: z.array(z.object(schema.shape).openapi(name)) });

/** A campaign row as people read it: its name, and why a platform's row has no campaign (decision 981). */
const namedCampaignSchema = campaignPerformanceSchema.extend({
  campaign_name: z.string().openapi({ example: 'TikTok — campaign not identified' }),
  note: z.string().nullable(),
});

const inventoryQuery = z.object({
  status: z.enum(STOCK_STATUSES).optional(),
  alignment: z.enum(ALIGNMENTS).optional(),
  /** One location, or all together (the default). */
  location: z.string().min(1).max(200).optional().openapi({ example: 'gid://shopify/Location/1' }),
});

const routes = {
  inventory: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/inventory',
    summary: 'Stock per SKU from the latest pass: velocity, days of cover, stockout date, status, alignment',
    request: { params: brandParams, query: inventoryQuery },
    responses: {
      200: jsonResponse(rowsOf(inventoryStatusSchema, 'InventoryStatus'), 'SKUs, most urgent first'),
      ...ERROR_RESPONSES,
    },
  }),
  campaigns: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/campaigns',
    summary: 'Spend, attributed revenue, profit, ROAS and POAS per channel and campaign',
    request: { params: brandParams, query: periodQuery },
    responses: {
      200: jsonResponse(rowsOf(namedCampaignSchema, 'CampaignPerformance'), 'Campaigns'),
      ...ERROR_RESPONSES,
    },
  }),
  reconciliation: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/reconciliation',
    summary:
      'Per platform and week: revenue Shopify attributes vs what the platform claims (over-claim ratio)',
    request: { params: brandParams, query: periodQuery },
    responses: {
      200: jsonResponse(rowsOf(reconciliationSchema, 'Reconciliation'), 'Weeks'),
      ...ERROR_RESPONSES,
    },
  }),
};

export function analyticsRoutes(deps: { warehouse: Warehouse; clock: Clock }) {
  const app = new OpenAPIHono<ApiEnv>();
  const scope = (c: Context<ApiEnv>) => ({ ctx: c.get('tenant'), brandId: c.get('brand').id });

  app.openapi(routes.inventory, async (c) => {
    const { status, alignment, location } = c.req.valid('query');
    const rows = await inventoryStatus(deps.warehouse, scope(c), {
      ...(status ? { status } : {}),
      ...(alignment ? { alignment } : {}),
      ...(location ? { locationId: location } : {}),
    });
    return c.json({ rows }, 200);
  });

  app.openapi(routes.campaigns, async (c) => {
    const p = resolvePeriod(c.req.valid('query'), c.get('brand'), deps.clock);
    const s = scope(c);
    const [rows, names] = await Promise.all([
      campaignPerformance(deps.warehouse, s, p.from, p.to),
      loadNameBook(deps.warehouse, s.ctx, s.brandId),
    ]);
    const named = rows.map((r) => ({
      ...r,
      campaign_name: campaignLabel(names, r.channel, r.campaign_id),
      note: campaignNote(r.channel, r.campaign_id),
    }));
    return c.json({ rows: named }, 200);
  });

  app.openapi(routes.reconciliation, async (c) => {
    const p = resolvePeriod(c.req.valid('query'), c.get('brand'), deps.clock);
    return c.json({ rows: await reconciliation(deps.warehouse, scope(c), p.from, p.to) }, 200);
  });

  return app;
}
