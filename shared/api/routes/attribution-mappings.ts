import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { parseClickIdCsv, saveClickMappings } from '../../attribution/mappings/click-ids';
import { describeProblems, type TableResult } from '../../attribution/mappings/csv-table';
import {
  parsePromotedProductsCsv,
  productKeys,
  withPromotedRows,
} from '../../attribution/mappings/promoted-products';
import { createAttributionRequester } from '../../attribution/request-pass';
import { createCampaignDirectory } from '../../domain/attribution/campaign-directory';
import { brandSchema } from '../../domain/entities/brand';
import { createNameBook, platformName } from '../../domain/names/names';
import { toLocalDate } from '../../domain/time';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { TaskQueue } from '../../ports/task-queue';
import type { Warehouse } from '../../ports/warehouse';
import { loadCampaignNames } from '../../reporting/names';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

/**
 * What matching and spend allocation read besides the platforms' own data: the products each
 * campaign promotes (edited one campaign at a time, or imported as CSV) and click ids resolved
 * elsewhere (imported as CSV). Every change queues an attribution pass.
 */
export interface AttributionMappingDeps {
  store: OperationalStore;
  warehouse: Warehouse;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
}

const products = z.array(z.string().trim().min(1).max(200)).max(500);
const campaignProducts = z
  .object({
    campaignId: z.string(),
    platform: z.string(),
    name: z
      .string()
      .openapi({ description: 'The campaign name from imports and syncs (readable stand-in when unknown)' }),
    products: z.array(z.string()).openapi({ description: "The merchant's list (empty when not set)" }),
  })
  .openapi('CampaignProducts');
const campaignList = z.object({ campaigns: z.array(campaignProducts) }).openapi('CampaignProductsList');
const csvUpload = z
  .object({
    fileName: z.string().min(1).max(200).default('upload.csv'),
    csv: z.string().min(1).max(5_000_000),
  })
  .openapi('CsvUpload');
const imported = z.object({ rows: z.number().int() }).openapi('ImportResult');
const campaignParams = brandParams.extend({
  campaignId: z
    .string()
    .min(3)
    .max(300)
    .openapi({ param: { name: 'campaignId', in: 'path' }, example: 'meta:act_1:120210000000001' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/campaign-products',
    summary: 'Campaigns (by name) with the products each promotes',
    request: { params: brandParams },
    responses: { 200: jsonResponse(campaignList, 'The campaigns'), ...ERROR_RESPONSES },
  }),
  put: createRoute({
    method: 'put',
    path: '/api/brands/{brandId}/campaign-products/{campaignId}',
    summary:
      "Set the products a campaign promotes (SKUs, variant or product ids); [] clears the merchant's list",
    request: {
      params: campaignParams,
      body: jsonBody(z.object({ products }).openapi('SetCampaignProducts')),
    },
    responses: { 200: jsonResponse(campaignProducts, 'The campaign'), ...ERROR_RESPONSES },
  }),
  importProducts: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/campaign-products/import',
    summary: 'Import promoted products as CSV: platform,campaign,product (all rows valid or nothing saved)',
    request: { params: brandParams, body: jsonBody(csvUpload) },
    responses: { 200: jsonResponse(imported, 'Rows saved'), ...ERROR_RESPONSES },
  }),
  importClicks: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/click-ids/import',
    summary:
      'Import click ids resolved elsewhere as CSV: platform,click_id,campaign (all rows valid or nothing saved)',
    request: { params: brandParams, body: jsonBody(csvUpload) },
    responses: { 200: jsonResponse(imported, 'Rows saved'), ...ERROR_RESPONSES },
  }),
};

function rowsOrThrow<R>(result: TableResult<R>): R[] {
  if (result.ok) return result.rows;
  throw new ValidationError(describeProblems(result), {
    details: { problems: result.problems, count: result.count },
  });
}

export function attributionMappingRoutes(deps: AttributionMappingDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const namesOf = async (ctx: ApiEnvCtx, brandId: string) => loadCampaignNames(deps.warehouse, ctx, brandId);

  app.openapi(routes.list, async (c) => {
    const brand = c.get('brand');
    const entries = await namesOf(c.get('tenant'), brand.id);
    const book = createNameBook(entries);
    const edited = brand.campaignProducts ?? {};
    const ids = [...new Set([...entries.map((e) => e.campaignId), ...Object.keys(edited)])].sort();
    const campaigns = ids.map((id) => ({
      campaignId: id,
      platform: platformName(id.slice(0, id.indexOf(':'))),
      name: book.campaign(id),
      products: edited[id] ?? [],
    }));
    campaigns.sort((a, b) => a.name.localeCompare(b.name) || a.campaignId.localeCompare(b.campaignId));
    return c.json({ campaigns }, 200);
  });

  app.openapi(routes.put, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { campaignId } = c.req.valid('param');
    const entries = await namesOf(ctx, brand.id);
    if (!entries.some((e) => e.campaignId === campaignId) && !brand.campaignProducts?.[campaignId])
      throw new NotFoundError(`campaign ${campaignId} not found`);
    const list = [...new Set(c.req.valid('json').products)];
    const next = { ...(brand.campaignProducts ?? {}) };
    if (list.length) next[campaignId] = list;
    else delete next[campaignId];
    await save(ctx, brand, next, 'campaign_products.updated', { campaignId, products: list.length });
    return c.json(
      {
        campaignId,
        platform: platformName(campaignId.slice(0, campaignId.indexOf(':'))),
        name: createNameBook(entries).campaign(campaignId),
        products: list,
      },
      200,
    );
  });

  app.openapi(routes.importProducts, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { fileName, csv } = c.req.valid('json');
    const [entries, catalog] = await Promise.all([
      namesOf(ctx, brand.id),
      deps.store.products.list(ctx, brand.id),
    ]);
    const directory = createCampaignDirectory(entries.map((e) => ({ id: e.campaignId, name: e.name })));
    const rows = rowsOrThrow(parsePromotedProductsCsv(csv, fileName, directory, productKeys(catalog)));
    await save(
      ctx,
      brand,
      withPromotedRows(brand.campaignProducts ?? {}, rows),
      'campaign_products.imported',
      {
        file: fileName,
        rows: rows.length,
      },
    );
    return c.json({ rows: rows.length }, 200);
  });

  app.openapi(routes.importClicks, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { fileName, csv } = c.req.valid('json');
    const rows = rowsOrThrow(parseClickIdCsv(csv, fileName));
    const today = toLocalDate(deps.clock.now(), brand.timezone);
    await saveClickMappings(deps.warehouse, ctx, brand.id, today, rows);
    await createAttributionRequester(deps, 'mappings')(ctx, brand.id);
    await recordAudit(deps, ctx, {
      action: 'click_ids.imported',
      target: `brands/${brand.id}`,
      brandId: brand.id,
      details: { file: fileName, rows: rows.length },
    });
    return c.json({ rows: rows.length }, 200);
  });

  async function save(
    ctx: ApiEnvCtx,
    brand: ReturnType<typeof brandSchema.parse>,
    campaignProducts: Record<string, string[]>,
    action: string,
    details: Record<string, unknown>,
  ) {
    const updated = brandSchema.parse({
      ...brand,
      campaignProducts,
      updatedAt: deps.clock.now().toISOString(),
    });
    await deps.store.brands.upsert(ctx, updated);
    await createAttributionRequester(deps, 'mappings')(ctx, brand.id);
    await recordAudit(deps, ctx, { action, target: `brands/${brand.id}`, brandId: brand.id, details });
  }

  return app;
}

type ApiEnvCtx = ApiEnv['Variables']['tenant'];
