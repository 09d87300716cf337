import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { tenantSchema } from '../../domain/entities';
import { ForbiddenError, NotFoundError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonBody, jsonResponse, webhookUrl } from '../openapi';

const tenantView = z.object(tenantSchema.shape).openapi('Tenant');
const patchBody = z
  .object({
    name: tenantSchema.shape.name.optional(),
    /** Monthly AI budget in USD micros; the ledger refuses model calls beyond it. */
    aiMonthlyBudgetMicros: z.number().int().nonnegative().optional(),
    /** Tenant-wide alert webhook (brands may set their own); null removes it. */
    notificationWebhookUrl: webhookUrl.nullable().optional(),
  })
  .openapi('PatchTenant', { example: { aiMonthlyBudgetMicros: 50_000_000 } });

const routes = {
  get: createRoute({
    method: 'get',
    path: '/api/tenant',
    summary: 'The caller’s tenant: plan, AI budget, alert webhook',
    responses: { 200: jsonResponse(tenantView, 'The tenant'), ...ERROR_RESPONSES },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/api/tenant',
    summary: 'Rename the tenant, change its AI budget or alert webhook',
    request: { body: jsonBody(patchBody) },
    responses: { 200: jsonResponse(tenantView, 'The updated tenant'), ...ERROR_RESPONSES },
  }),
};

export function tenantRoutes(deps: { store: OperationalStore; clock: Clock; ids: Ids }) {
  const app = new OpenAPIHono<ApiEnv>();
  const load = async (ctx: Parameters<typeof deps.store.tenants.get>[0]) => {
    const tenant = await deps.store.tenants.get(ctx);
    if (!tenant) throw new NotFoundError('tenant not found');
    return tenant;
  };

  app.openapi(routes.get, async (c) => c.json(await load(c.get('tenant')), 200));

  app.openapi(routes.patch, async (c) => {
    const ctx = c.get('tenant');
    if (ctx.brandIds) throw new ForbiddenError('a user limited to some brands cannot change tenant settings');
    const { notificationWebhookUrl, ...rest } = c.req.valid('json');
    const { notificationWebhookUrl: oldUrl, ...current } = await load(ctx);
    const url = notificationWebhookUrl === undefined ? oldUrl : (notificationWebhookUrl ?? undefined);
    const updated = tenantSchema.parse({
      ...current,
      ...rest,
      ...(url ? { notificationWebhookUrl: url } : {}),
      updatedAt: deps.clock.now().toISOString(),
    });
    await deps.store.tenants.upsert(ctx, updated);
    await recordAudit(deps, ctx, {
      action: 'tenant.updated',
      target: `tenants/${ctx.tenantId}`,
      details: { fields: Object.keys(c.req.valid('json')) },
    });
    return c.json(updated, 200);
  });
  return app;
}
