import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditEventSchema } from '../../domain/entities';
import { brandIdSchema, canAccessBrand } from '../../domain/tenancy';
import type { OperationalStore } from '../../ports/operational-store';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonResponse } from '../openapi';

const auditQuery = z.object({
  brandId: brandIdSchema.optional().openapi({ example: 'acme' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ example: 50 }),
});

const route = createRoute({
  method: 'get',
  path: '/api/audit-events',
  summary: 'Who changed what: brands, integrations, keys, syncs and decisions on recommendations',
  request: { query: auditQuery },
  responses: {
    200: jsonResponse(
      z.object({ events: z.array(z.object(auditEventSchema.shape).openapi('AuditEvent')) }),
      'Newest first',
    ),
    ...ERROR_RESPONSES,
  },
});

export function auditRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, async (c) => {
    const ctx = c.get('tenant');
    const { brandId, limit } = c.req.valid('query');
    const events = await deps.store.auditEvents.list(ctx, { limit, ...(brandId ? { brandId } : {}) });
    // A user limited to some brands sees only those brands' events, not the tenant-wide ones.
    const visible = ctx.brandIds ? events.filter((e) => e.brandId && canAccessBrand(ctx, e.brandId)) : events;
    return c.json({ events: visible }, 200);
  });
  return app;
}
