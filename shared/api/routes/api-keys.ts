import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type ApiKey, apiKeySchema } from '../../domain/entities';
import { brandIdSchema, canAccessBrand, roleSchema, type TenantContext } from '../../domain/tenancy';
import { ForbiddenError, NotFoundError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import { generateApiKey } from '../auth/api-keys';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';
import { canGrant } from '../permissions';

/** What is shown about a key after creation: never the hash, never the key. */
const keyView = z.object(apiKeySchema.omit({ hash: true }).shape).openapi('ApiKey');
const createdKey = keyView
  .extend({ key: z.string().openapi({ description: 'The key itself. Shown once; store it now.' }) })
  .openapi('CreatedApiKey');
const createBody = z
  .object({
    name: z.string().min(1).max(100),
    role: roleSchema,
    brandIds: z.array(brandIdSchema).min(1).optional(),
    expiresAt: z.string().datetime().optional(),
  })
  .openapi('CreateApiKey', { example: { name: 'nightly export', role: 'analyst' } });
const keyParams = z.object({
  keyId: z.string().openapi({ param: { name: 'keyId', in: 'path' }, example: 'key-1' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/api-keys',
    summary: 'API keys of the tenant',
    responses: { 200: jsonResponse(z.object({ keys: z.array(keyView) }), 'The keys'), ...ERROR_RESPONSES },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/api-keys',
    summary: 'Create an API key (shown once)',
    request: { body: jsonBody(createBody) },
    responses: { 201: jsonResponse(createdKey, 'The new key'), ...ERROR_RESPONSES },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/api-keys/{keyId}',
    summary: 'Revoke an API key',
    request: { params: keyParams },
    responses: { 204: { description: 'Revoked' }, ...ERROR_RESPONSES },
  }),
};

/**
 * Keys belong to the tenant, not to their creator. A key never carries more than its creator
 * has: no higher role, and no brand outside the creator's allow-list.
 */
/** A user limited to some brands sees only keys confined to those brands. */
function visibleTo(ctx: TenantContext, key: ApiKey): boolean {
  return !ctx.brandIds || (key.brandIds?.every((b) => canAccessBrand(ctx, b)) ?? false);
}

export function apiKeyRoutes(deps: { store: OperationalStore; clock: Clock; ids: Ids }) {
  const app = new OpenAPIHono<ApiEnv>();
  const strip = ({ hash: _hash, ...rest }: ApiKey) => rest;

  app.openapi(routes.list, async (c) => {
    const keys = await deps.store.apiKeys.list(c.get('tenant'));
    return c.json({ keys: keys.filter((k) => visibleTo(c.get('tenant'), k)).map(strip) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const ctx = c.get('tenant');
    const body = c.req.valid('json');
    if (!canGrant(ctx.role, body.role))
      throw new ForbiddenError(`a ${ctx.role} may not create ${body.role} keys`);
    const brandIds = body.brandIds ?? (ctx.brandIds ? [...ctx.brandIds] : undefined);
    if (brandIds?.some((b) => !canAccessBrand(ctx, b)))
      throw new ForbiddenError('a key may only name brands you can access');
    const { key, prefix, hash } = generateApiKey();
    const record = apiKeySchema.parse({
      id: deps.ids.next(),
      name: body.name,
      prefix,
      hash,
      role: body.role,
      createdBy: ctx.uid,
      createdAt: deps.clock.now().toISOString(),
      ...(brandIds ? { brandIds } : {}),
      ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
    });
    await deps.store.apiKeys.create(ctx, record);
    await recordAudit(deps, ctx, { action: 'api_key.created', target: `apiKeys/${record.id}` });
    return c.json({ ...strip(record), key }, 201);
  });

  app.openapi(routes.remove, async (c) => {
    const ctx = c.get('tenant');
    const { keyId } = c.req.valid('param');
    const key = await deps.store.apiKeys.get(ctx, keyId);
    if (!key || !visibleTo(ctx, key)) throw new NotFoundError(`api key ${keyId} not found`);
    await deps.store.apiKeys.delete(ctx, keyId);
    await recordAudit(deps, ctx, { action: 'api_key.revoked', target: `apiKeys/${keyId}` });
    return c.body(null, 204);
  });

  return app;
}
