import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { roleSchema } from '../../domain/tenancy';
import type { OperationalStore } from '../../ports/operational-store';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonResponse } from '../openapi';
import { isAllowed, PERMISSIONS, type Permission } from '../permissions';

const meSchema = z
  .object({
    uid: z.string(),
    tenantId: z.string(),
    tenantName: z.string().optional(),
    role: roleSchema,
    brandIds: z.array(z.string()).optional(),
    /** What this caller may do, so a client can hide what would be refused. */
    permissions: z.array(z.string()),
  })
  .openapi('Me');

const route = createRoute({
  method: 'get',
  path: '/api/me',
  summary: 'Who the caller is and what they may do',
  responses: { 200: jsonResponse(meSchema, 'The caller'), ...ERROR_RESPONSES },
});

export function meRoutes(deps: { store: OperationalStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, async (c) => {
    const ctx = c.get('tenant');
    const tenant = await deps.store.tenants.get(ctx);
    const role = roleSchema.parse(ctx.role);
    return c.json(
      {
        uid: ctx.uid,
        tenantId: ctx.tenantId,
        ...(tenant ? { tenantName: tenant.name } : {}),
        role,
        ...(ctx.brandIds ? { brandIds: [...ctx.brandIds] } : {}),
        permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => isAllowed(role, p)),
      },
      200,
    );
  });
  return app;
}
