import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ALERT_TYPES, alertSchema } from '../../domain/entities';
import { ValidationError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';
import type { ApiEnv } from '../env';
import { brandParams, json, requireBrand } from './common';

const routes = {
  alerts: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/alerts',
    summary: 'Alerts, newest first',
    request: {
      params: brandParams,
      query: z.object({
        status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
        type: z.enum(ALERT_TYPES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: json(z.object({ alerts: z.array(alertSchema) }), 'The alerts') },
  }),
};

/** Alerts of a brand, newest first. */
export function alertRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });

  app.openapi(routes.alerts, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireBrand(deps.store, ctx, brandId);
    const alerts = await deps.store.alerts.listByStatus(ctx, brandId, q.status ? { status: q.status } : {});
    return c.json({ alerts: alerts.filter((a) => !q.type || a.type === q.type).slice(0, q.limit) }, 200);
  });
  return app;
}
