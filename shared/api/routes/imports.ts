import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { adAccountSchema } from '../../domain/entities';
import type { ImportService } from '../../platforms/imports/service';
import { importFileSchema, importRequestSchema } from '../../platforms/imports/types';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';
import { importPreviewSchema, importResultSchema } from '../schemas/imports';

/**
 * Imports of a platform's own export files: `…/imports/preview` reads and checks the files and
 * answers what would be written, with every problem (200 either way: a preview with problems is a
 * normal answer); `…/imports` runs the same request and writes only when it is all valid (400
 * listing the problems otherwise). Nothing is kept between the two calls.
 */
const request = z
  .object({
    ...importRequestSchema.shape,
    files: z.array(z.object(importFileSchema.shape).openapi('ImportFile')).min(1).max(24),
  })
  .openapi('ImportRequest', {
    example: {
      source: 'meta',
      account: 'act_1001',
      files: [{ name: 'meta.csv', content: 'Reporting starts,Reporting ends,Campaign name,Day,…' }],
    },
  });

const preview = importPreviewSchema.openapi('ImportPreview');
const result = importResultSchema.openapi('ImportResult');
const accounts = z
  .object({ accounts: z.array(z.object(adAccountSchema.shape).openapi('AdAccount')) })
  .openapi('AdAccountList');

const routes = {
  preview: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/imports/preview',
    summary: 'Check export files and show what an import would write, with every problem',
    request: { params: brandParams, body: jsonBody(request) },
    responses: { 200: jsonResponse(preview, 'What would be imported'), ...ERROR_RESPONSES },
  }),
  run: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/imports',
    summary: 'Import export files, all or nothing, then queue the attribution pass',
    request: { params: brandParams, body: jsonBody(request) },
    responses: { 201: jsonResponse(result, 'Imported'), ...ERROR_RESPONSES },
  }),
  accounts: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/ad-accounts',
    summary: 'The brand’s ad accounts, each with its currency and timezone',
    request: { params: brandParams },
    responses: { 200: jsonResponse(accounts, 'Ad accounts'), ...ERROR_RESPONSES },
  }),
};

export interface ImportRouteDeps {
  imports: ImportService;
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
}

export function importRoutes(deps: ImportRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.preview, async (c) => {
    const { brandId } = c.req.valid('param');
    return c.json(await deps.imports.preview(c.get('tenant'), brandId, c.req.valid('json')), 200);
  });

  app.openapi(routes.run, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const body = c.req.valid('json');
    const done = await deps.imports.run(ctx, brandId, body);
    await recordAudit(deps, ctx, {
      action: 'import.completed',
      target: `brands/${brandId}/imports`,
      brandId,
      details: { source: body.source, files: body.files.map((f) => f.name), counts: done.preview.counts },
    });
    return c.json(done, 201);
  });

  app.openapi(routes.accounts, async (c) => {
    const { brandId } = c.req.valid('param');
    return c.json({ accounts: await deps.store.adAccounts.list(c.get('tenant'), brandId) }, 200);
  });

  return app;
}
