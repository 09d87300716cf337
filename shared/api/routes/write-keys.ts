import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { generateWriteKey } from '../../customers/events/write-keys';
import { originSchema, writeKeySchema } from '../../domain/customers/write-key';
import { NotFoundError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

/** Publishable keys of `collect`, managed per brand by owners and admins. */
const keyView = z.object(writeKeySchema.shape).openapi('WriteKey');
const createBody = z
  .object({
    name: z.string().min(1).max(100),
    /** Storefront origins besides https://<shop>.myshopify.com (a custom domain, a headless site). */
    allowedOrigins: z.array(originSchema).max(20).default([]),
    requestsPerMinute: z.number().int().min(10).max(60_000).default(600),
  })
  .openapi('CreateWriteKey', {
    example: {
      name: 'storefront pixel',
      allowedOrigins: ['https://shop.acme.example'],
      requestsPerMinute: 600,
    },
  });
const keyParams = brandParams.extend({
  keyId: z.string().openapi({ param: { name: 'keyId', in: 'path' }, example: 'wk-1' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/write-keys',
    summary: "The brand's collect write keys, revoked ones included",
    request: { params: brandParams },
    responses: { 200: jsonResponse(z.object({ keys: z.array(keyView) }), 'The keys'), ...ERROR_RESPONSES },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/write-keys',
    summary: 'Create a publishable write key for the pixel and other collectors',
    request: { params: brandParams, body: jsonBody(createBody) },
    responses: { 201: jsonResponse(keyView, 'The new key'), ...ERROR_RESPONSES },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/api/brands/{brandId}/write-keys/{keyId}',
    summary: 'Revoke a write key (collect refuses it at once)',
    request: { params: keyParams },
    responses: { 204: { description: 'Revoked' }, ...ERROR_RESPONSES },
  }),
};

export function writeKeyRoutes(deps: { store: OperationalStore; clock: Clock; ids: Ids }) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.list, async (c) => {
    const keys = await deps.store.writeKeys.list(c.get('tenant'), c.get('brand').id);
    return c.json({ keys }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const body = c.req.valid('json');
    const key = writeKeySchema.parse({
      id: deps.ids.next(),
      brandId: brand.id,
      name: body.name,
      key: generateWriteKey(),
      allowedOrigins: body.allowedOrigins,
      requestsPerMinute: body.requestsPerMinute,
      createdBy: ctx.uid,
      createdAt: deps.clock.now().toISOString(),
    });
    await deps.store.writeKeys.create(ctx, key);
    await recordAudit(deps, ctx, {
      action: 'write_key.created',
      target: `brands/${brand.id}/writeKeys/${key.id}`,
      brandId: brand.id,
    });
    return c.json(key, 201);
  });

  app.openapi(routes.revoke, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { keyId } = c.req.valid('param');
    const revoked = await deps.store.writeKeys.revoke(ctx, brand.id, keyId, deps.clock.now().toISOString());
    if (!revoked) throw new NotFoundError(`write key ${keyId} not found`);
    await recordAudit(deps, ctx, {
      action: 'write_key.revoked',
      target: `brands/${brand.id}/writeKeys/${keyId}`,
      brandId: brand.id,
    });
    return c.body(null, 204);
  });

  return app;
}
