import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { platformSchema, syncRunSchema } from '../../domain/entities';
import { platformName } from '../../domain/names/names';
import { ConflictError } from '../../kernel/errors';
import { requestSync } from '../../platforms/sync-requests';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { TaskQueue } from '../../ports/task-queue';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

const syncBody = z
  .object({
    /** One platform, or every connected one when absent. */
    platform: platformSchema.optional(),
    mode: z.enum(['backfill', 'incremental']).default('incremental'),
  })
  .openapi('SyncRequest', { example: { platform: 'meta', mode: 'incremental' } });
const syncAccepted = z
  .object({ requested: z.array(z.object({ platform: platformSchema, taskId: z.string() })) })
  .openapi('SyncAccepted');
const runsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 20 }),
});

const routes = {
  sync: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/sync',
    summary: 'Sync now (deduplicated per brand × platform × mode within the hour)',
    request: { params: brandParams, body: jsonBody(syncBody) },
    responses: { 202: jsonResponse(syncAccepted, 'Sync tasks queued'), ...ERROR_RESPONSES },
  }),
  runs: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/sync-runs',
    summary: 'Recent sync runs, newest first',
    request: { params: brandParams, query: runsQuery },
    responses: {
      200: jsonResponse(
        z.object({ runs: z.array(z.object(syncRunSchema.shape).openapi('SyncRun')) }),
        'Sync runs',
      ),
      ...ERROR_RESPONSES,
    },
  }),
};

export function syncRoutes(deps: { store: OperationalStore; tasks: TaskQueue; clock: Clock; ids: Ids }) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.sync, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { platform, mode } = c.req.valid('json');
    const connected = (await deps.store.integrations.list(ctx, brand.id)).filter(
      (i) => i.status !== 'disconnected' && (!platform || i.platform === platform),
    );
    // Nothing to sync is a state the merchant can change (connect an account), not a missing page.
    if (connected.length === 0)
      throw new ConflictError(
        platform
          ? `${platformName(platform)} is not connected: connect it before syncing.`
          : 'Nothing is connected yet: connect Shopify or an ad account before syncing (imported files are already on the dashboard).',
      );
    const requested = [];
    for (const i of connected)
      requested.push({
        platform: i.platform,
        taskId: await requestSync(deps, ctx, brand.id, i.platform, mode),
      });
    await recordAudit(deps, ctx, {
      action: 'sync.requested',
      target: `brands/${brand.id}`,
      brandId: brand.id,
      details: { platforms: requested.map((r) => r.platform), mode },
    });
    return c.json({ requested }, 202);
  });

  app.openapi(routes.runs, async (c) => {
    const { limit } = c.req.valid('query');
    const runs = await deps.store.syncRuns.list(c.get('tenant'), c.get('brand').id, { limit });
    return c.json({ runs }, 200);
  });

  return app;
}
