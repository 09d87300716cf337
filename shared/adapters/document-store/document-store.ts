import type { z } from 'zod';
import {
  alertSchema,
  auditEventSchema,
  brandSchema,
  integrationSchema,
  inventoryLevelSchema,
  productSchema,
  questionSchema,
  recommendationSchema,
  syncRunSchema,
  tenantSchema,
  userSchema,
  webhookReceiptSchema,
} from '../../domain/entities';
import { canAccessBrand, type TenantContext } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import type { DocData, DocQuery, DocTransaction, DocumentDb } from '../../ports/document-db';
import type {
  ActionCollection,
  BrandCollection,
  OperationalStore,
  StatusListOptions,
  SystemDirectory,
} from '../../ports/operational-store';
import { createAiUsageLedger } from './ai-usage';
import { apiKeyRepository, resolveApiKeyHash } from './api-keys';
import { paths } from './paths';

type Access = DocTransaction & { setMany?: DocumentDb['setMany']; deleteTree?: DocumentDb['deleteTree'] };

function assertBrand(ctx: TenantContext, brandId: string): void {
  if (!canAccessBrand(ctx, brandId)) throw new NotFoundError(`brand ${brandId} not found`);
}

function parseAll<S extends z.ZodType>(schema: S, docs: { data: DocData }[]): z.infer<S>[] {
  return docs.map((d) => schema.parse(d.data));
}

async function writeMany(db: Access, docs: { path: string; data: DocData }[]): Promise<void> {
  if (docs.length === 0) return;
  if (db.setMany) return db.setMany(docs);
  for (const d of docs) await db.set(d.path, d.data);
}

function brandCollection<S extends z.ZodType<{ [k: string]: unknown }>>(
  db: Access,
  name: string,
  schema: S,
  idOf: (item: z.infer<S>) => string,
  defaultOrder?: DocQuery['orderBy'],
): BrandCollection<z.infer<S>> & {
  query(ctx: TenantContext, brandId: string, q: DocQuery): Promise<z.infer<S>[]>;
} {
  type T = z.infer<S>;
  const coll = (ctx: TenantContext, brandId: string) => paths.brandCollection(ctx.tenantId, brandId, name);
  const query = async (ctx: TenantContext, brandId: string, q: DocQuery) => {
    assertBrand(ctx, brandId);
    return parseAll(schema, await db.query(coll(ctx, brandId), q));
  };
  return {
    query,
    async get(ctx, brandId, id) {
      assertBrand(ctx, brandId);
      const doc = await db.get(paths.doc(coll(ctx, brandId), id));
      return doc ? (schema.parse(doc.data) as T) : undefined;
    },
    list: (ctx, brandId, options) =>
      query(ctx, brandId, {
        ...(defaultOrder ? { orderBy: defaultOrder } : {}),
        ...(options?.limit ? { limit: options.limit } : {}),
      }),
    async upsert(ctx, brandId, item) {
      assertBrand(ctx, brandId);
      const parsed = schema.parse(item) as T;
      await db.set(paths.doc(coll(ctx, brandId), idOf(parsed)), parsed as DocData);
    },
    async upsertMany(ctx, brandId, items) {
      assertBrand(ctx, brandId);
      const base = coll(ctx, brandId);
      await writeMany(
        db,
        items.map((item) => {
          const parsed = schema.parse(item) as T;
          return { path: paths.doc(base, idOf(parsed)), data: parsed as DocData };
        }),
      );
    },
    async delete(ctx, brandId, id) {
      assertBrand(ctx, brandId);
      await db.delete(paths.doc(coll(ctx, brandId), id));
    },
  };
}

function actionCollection<T extends { id: string; status: string; dedupeKey: string }>(
  db: Access,
  name: string,
  schema: z.ZodType<T>,
): ActionCollection<T> {
  const base = brandCollection(db, name, schema as z.ZodType<T & { [k: string]: unknown }>, (r) => r.id, [
    ['updatedAt', 'desc'],
  ]);
  return {
    ...base,
    listByStatus: (ctx, brandId, options: StatusListOptions<T['status']> = {}) =>
      base.query(ctx, brandId, {
        ...(options.status ? { where: [['status', '==', options.status]] } : {}),
        orderBy: [['updatedAt', 'desc']],
        ...(options.limit ? { limit: options.limit } : {}),
      }),
    findByDedupeKey: async (ctx, brandId, dedupeKey) =>
      (await base.query(ctx, brandId, { where: [['dedupeKey', '==', dedupeKey]], limit: 1 }))[0],
  };
}

/** The repositories, written once over a DocumentDb (or one of its transactions). */
export function createOperationalStore(db: DocumentDb): OperationalStore {
  return bind(db, db);
}

function bind(access: Access, root: DocumentDb): OperationalStore {
  const integrations = brandCollection(access, 'integrations', integrationSchema, (i) => i.platform);
  return {
    tenants: {
      async get(ctx) {
        const doc = await access.get(paths.tenant(ctx.tenantId));
        return doc ? tenantSchema.parse(doc.data) : undefined;
      },
      async upsert(ctx, tenant) {
        const parsed = tenantSchema.parse(tenant);
        if (parsed.id !== ctx.tenantId) throw new NotFoundError(`tenant ${parsed.id} not found`);
        await access.set(paths.tenant(ctx.tenantId), parsed);
      },
      async delete(ctx) {
        const brands = await access.query(paths.brands(ctx.tenantId));
        for (const b of brands) {
          const domain = String(b.data.shopDomain ?? '');
          if (domain) await access.delete(paths.doc(paths.shopDomains(), domain));
        }
        for (const k of await access.query(paths.apiKeys(ctx.tenantId)))
          await access.delete(paths.doc(paths.apiKeyHashes(), String(k.data.hash)));
        await root.deleteTree(paths.tenant(ctx.tenantId));
      },
    },
    users: {
      async get(ctx, uid) {
        const doc = await access.get(paths.doc(paths.users(ctx.tenantId), uid));
        return doc ? userSchema.parse(doc.data) : undefined;
      },
      list: async (ctx) => parseAll(userSchema, await access.query(paths.users(ctx.tenantId))),
      upsert: async (ctx, user) => {
        const parsed = userSchema.parse(user);
        await access.set(paths.doc(paths.users(ctx.tenantId), parsed.uid), parsed);
      },
      delete: (ctx, uid) => access.delete(paths.doc(paths.users(ctx.tenantId), uid)),
    },
    brands: {
      async get(ctx, brandId) {
        if (!canAccessBrand(ctx, brandId)) return undefined;
        const doc = await access.get(paths.brand(ctx.tenantId, brandId));
        return doc ? brandSchema.parse(doc.data) : undefined;
      },
      async list(ctx) {
        const all = parseAll(brandSchema, await access.query(paths.brands(ctx.tenantId)));
        return all.filter((b) => canAccessBrand(ctx, b.id)).sort((a, b) => a.id.localeCompare(b.id));
      },
      async upsert(ctx, brand) {
        assertBrand(ctx, brand.id);
        const parsed = brandSchema.parse(brand);
        // The shop-domain index lets webhooks find their tenant before any context exists.
        await access.set(paths.doc(paths.shopDomains(), parsed.shopDomain), {
          tenantId: ctx.tenantId,
          brandId: parsed.id,
        });
        await access.set(paths.brand(ctx.tenantId, parsed.id), parsed);
      },
      async delete(ctx, brandId) {
        assertBrand(ctx, brandId);
        const doc = await access.get(paths.brand(ctx.tenantId, brandId));
        if (doc?.data.shopDomain)
          await access.delete(paths.doc(paths.shopDomains(), String(doc.data.shopDomain)));
        await root.deleteTree(paths.brand(ctx.tenantId, brandId));
      },
    },
    integrations: {
      ...integrations,
      getPlatform: (ctx, brandId, platform) => integrations.get(ctx, brandId, platform),
    },
    products: brandCollection(access, 'products', productSchema, (p) => p.id),
    inventory: brandCollection(access, 'inventory', inventoryLevelSchema, (l) => l.id),
    recommendations: actionCollection(access, 'recommendations', recommendationSchema),
    alerts: actionCollection(access, 'alerts', alertSchema),
    questions: brandCollection(access, 'questions', questionSchema, (q) => q.id, [['createdAt', 'desc']]),
    syncRuns: brandCollection(access, 'syncRuns', syncRunSchema, (r) => r.id, [['startedAt', 'desc']]),
    auditEvents: {
      async append(ctx, event) {
        const parsed = auditEventSchema.parse(event);
        if (parsed.brandId) assertBrand(ctx, parsed.brandId);
        await access.set(paths.doc(paths.auditEvents(ctx.tenantId), parsed.id), parsed);
      },
      async list(ctx, options = {}) {
        if (options.brandId) assertBrand(ctx, options.brandId);
        const docs = await access.query(paths.auditEvents(ctx.tenantId), {
          ...(options.brandId ? { where: [['brandId', '==', options.brandId]] } : {}),
          orderBy: [['at', 'desc']],
          ...(options.limit ? { limit: options.limit } : {}),
        });
        return parseAll(auditEventSchema, docs).filter((e) => !e.brandId || canAccessBrand(ctx, e.brandId));
      },
    },
    webhookReceipts: {
      async claim(ctx, receipt) {
        const parsed = webhookReceiptSchema.parse(receipt);
        const path = paths.doc(paths.webhookReceipts(), `${ctx.tenantId}:${parsed.id}`);
        const run = async (tx: DocTransaction) => {
          if (await tx.get(path)) return false;
          await tx.set(path, { ...parsed, tenantId: ctx.tenantId });
          return true;
        };
        // Already inside a transaction: use it; otherwise open one so two deliveries cannot both win.
        return access === root ? root.runTransaction(run) : run(access);
      },
    },
    apiKeys: apiKeyRepository(access, root, access !== root),
    aiUsage: createAiUsageLedger(access, root),
    transaction: (_ctx, fn) => root.runTransaction((tx) => fn(bind(tx, root))),
  };
}

export function createSystemDirectory(db: DocumentDb): SystemDirectory {
  return {
    async resolveShop(shopDomain) {
      const doc = await db.get(paths.doc(paths.shopDomains(), shopDomain.toLowerCase()));
      if (!doc) return undefined;
      return { tenantId: String(doc.data.tenantId), brandId: String(doc.data.brandId) };
    },
    async listTenantIds() {
      return (await db.query('tenants')).map((d) => decodeURIComponent(d.id)).sort();
    },
    resolveApiKey: (hash) => resolveApiKeyHash(db, hash),
  };
}
