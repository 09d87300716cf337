import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ATTRIBUTE_QUEUE, type AttributeTask, attributeTaskSchema } from '../../attribution/attribute-job';
import { brandSchema, brandTargetsSchema } from '../../domain/entities';
import { brandIdSchema, type TenantContext } from '../../domain/tenancy';
import { ConflictError, ForbiddenError, ValidationError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import { integrationSecretName } from '../../ports/secret-store';
import type { TaskQueue } from '../../ports/task-queue';
import type { Warehouse } from '../../ports/warehouse';
import { TENANT_TABLES, type TenantTable } from '../../ports/warehouse-tables';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import {
  brandParams,
  CONFLICT_RESPONSE,
  ERROR_RESPONSES,
  jsonBody,
  jsonResponse,
  webhookUrl,
} from '../openapi';

// Domain schemas predate the OpenAPI extension of zod, so they are re-wrapped to be named.
const brand = z.object(brandSchema.shape).openapi('Brand');
const brandList = z.object({ brands: z.array(brand) }).openapi('BrandList');

const discountCodes = z
  .record(z.string().min(1).max(64), z.string().min(1))
  .transform((m) => Object.fromEntries(Object.entries(m).map(([code, c]) => [code.toUpperCase(), c])));

const t = brandTargetsSchema.shape;
/** The targets without their defaults: a PATCH changes only what it names. */
const targetsPatch = z.object({
  roasTarget: t.roasTarget.unwrap().optional(),
  lowCoverDays: t.lowCoverDays.unwrap().optional(),
  overstockCoverDays: t.overstockCoverDays.unwrap().optional(),
  attributionModel: t.attributionModel.unwrap().optional(),
  attributionWindowDays: t.attributionWindowDays.unwrap().optional(),
  timeDecayHalfLifeDays: t.timeDecayHalfLifeDays.unwrap().optional(),
  roasDropAlertPct: t.roasDropAlertPct.unwrap().optional(),
});

const createBrandBody = z
  .object({
    id: brandIdSchema.optional(),
    name: brandSchema.shape.name,
    shopDomain: brandSchema.shape.shopDomain,
    currency: brandSchema.shape.currency,
    timezone: brandSchema.shape.timezone,
    targets: targetsPatch.optional(),
    discountCodeCampaigns: discountCodes.optional(),
    notificationWebhookUrl: webhookUrl.optional(),
  })
  .openapi('CreateBrand', {
    example: {
      name: 'Acme',
      shopDomain: 'acme.myshopify.com',
      currency: 'USD',
      timezone: 'America/New_York',
    },
  });

const patchBrandBody = z
  .object({
    name: brandSchema.shape.name.optional(),
    timezone: brandSchema.shape.timezone.optional(),
    targets: targetsPatch.optional(),
    discountCodeCampaigns: discountCodes.optional(),
    /** null removes the webhook. */
    notificationWebhookUrl: webhookUrl.nullable().optional(),
  })
  .openapi('PatchBrand', { example: { targets: { roasTarget: 2.5 } } });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/brands',
    summary: 'Brands the caller may see',
    responses: { 200: jsonResponse(brandList, 'The brands'), ...ERROR_RESPONSES },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/brands',
    summary: 'Create a brand (a Shopify store)',
    request: { body: jsonBody(createBrandBody) },
    responses: {
      201: jsonResponse(brand, 'The new brand'),
      409: CONFLICT_RESPONSE,
      ...ERROR_RESPONSES,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}',
    summary: 'One brand with its settings',
    request: { params: brandParams },
    responses: { 200: jsonResponse(brand, 'The brand'), ...ERROR_RESPONSES },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/api/brands/{brandId}',
    summary: 'Change settings: targets, thresholds, attribution, discount codes, webhook',
    request: { params: brandParams, body: jsonBody(patchBrandBody) },
    responses: { 200: jsonResponse(brand, 'The updated brand'), ...ERROR_RESPONSES },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/brands/{brandId}',
    summary: 'Delete a brand, its integrations, secrets and warehouse rows',
    request: { params: brandParams },
    responses: { 204: { description: 'Deleted' }, ...ERROR_RESPONSES },
  }),
};

type BrandDeps = {
  store: OperationalStore;
  directory: SystemDirectory;
  warehouse: Warehouse;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
};

/** Settings the attribution pass reads: changing one re-runs it so the numbers follow. */
const ATTRIBUTION_INPUTS = ['targets', 'discountCodeCampaigns'] as const;

/** Queues an attribution pass now (named per minute, so a burst of edits causes one). */
async function requestAttribution(deps: BrandDeps, ctx: TenantContext, brandId: string): Promise<void> {
  const minute = deps.clock.now().toISOString().slice(0, 16);
  const name = `attribute-settings-${ctx.tenantId}-${brandId}-${minute}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const task: AttributeTask = attributeTaskSchema.parse({
    tenantId: ctx.tenantId,
    brandId,
    idempotencyKey: name,
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  });
  await deps.tasks.enqueue(ATTRIBUTE_QUEUE, task, { name });
}

export function brandRoutes(deps: BrandDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.list, async (c) =>
    c.json({ brands: await deps.store.brands.list(c.get('tenant')) }, 200),
  );

  app.openapi(routes.create, async (c) => {
    const ctx = c.get('tenant');
    if (ctx.brandIds) throw new ForbiddenError('a user limited to some brands cannot add brands');
    const body = c.req.valid('json');
    const id = body.id ?? body.shopDomain.replace(/\.myshopify\.com$/, '');
    if (!brandIdSchema.safeParse(id).success) throw new ValidationError('give the brand an id');
    if (await deps.store.brands.get(ctx, id)) throw new ConflictError(`brand ${id} already exists`);
    // Deliberately the same message whoever owns the shop: nothing about other tenants leaks.
    if (await deps.directory.resolveShop(body.shopDomain))
      throw new ConflictError(`${body.shopDomain} is already connected`);
    const now = deps.clock.now().toISOString();
    const created = brandSchema.parse({
      ...body,
      id,
      targets: brandTargetsSchema.parse(body.targets ?? {}),
      createdAt: now,
      updatedAt: now,
    });
    await deps.store.brands.upsert(ctx, created);
    await deps.warehouse.ensureTenant(ctx);
    await recordAudit(deps, ctx, { action: 'brand.created', target: `brands/${id}`, brandId: id });
    return c.json(created, 201);
  });

  app.openapi(routes.get, (c) => c.json(c.get('brand'), 200));

  app.openapi(routes.patch, async (c) => {
    const ctx = c.get('tenant');
    const current = c.get('brand');
    const { notificationWebhookUrl, targets, ...rest } = c.req.valid('json');
    const { notificationWebhookUrl: oldUrl, ...kept } = current;
    const url = notificationWebhookUrl === undefined ? oldUrl : (notificationWebhookUrl ?? undefined);
    const updated = brandSchema.parse({
      ...kept,
      ...rest,
      targets: { ...current.targets, ...targets },
      ...(url ? { notificationWebhookUrl: url } : {}),
      updatedAt: deps.clock.now().toISOString(),
    });
    await deps.store.brands.upsert(ctx, updated);
    const changed = Object.keys(c.req.valid('json'));
    if (ATTRIBUTION_INPUTS.some((k) => changed.includes(k))) await requestAttribution(deps, ctx, current.id);
    await recordAudit(deps, ctx, {
      action: 'brand.updated',
      target: `brands/${current.id}`,
      brandId: current.id,
      details: { fields: changed },
    });
    return c.json(updated, 200);
  });

  app.openapi(routes.remove, async (c) => {
    const ctx = c.get('tenant');
    const { id } = c.get('brand');
    for (const integration of await deps.store.integrations.list(ctx, id))
      await deps.secrets.delete(ctx, integrationSecretName(id, integration.platform));
    for (const table of Object.keys(TENANT_TABLES) as TenantTable[])
      await deps.warehouse.deleteWhere(ctx, table, id, {});
    await deps.store.brands.delete(ctx, id);
    // The audit trail is tenant-level, so the deletion outlives the brand.
    await recordAudit(deps, ctx, { action: 'brand.deleted', target: `brands/${id}` });
    return c.body(null, 204);
  });

  return app;
}
