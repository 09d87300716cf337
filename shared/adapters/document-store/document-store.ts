import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { WRITE_KEY_SHAPE } from '../../domain/customers/write-key';
import {
  adAccountSchema,
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
  ProductCollection,
  StatusListOptions,
  SystemDirectory,
} from '../../ports/operational-store';
import { createAiUsageLedger } from './ai-usage';
import { apiKeyRepository, resolveApiKeyHash } from './api-keys';
import { createBillingRepository, resolveBillingCustomer } from './billing';
import { paths } from './paths';
import { resolveWriteKeyIndex, writeKeyIndexPaths, writeKeyRepository } from './write-keys';

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

/** Firestore answers an `in` filter of at most 30 values; larger id lists are read in chunks. */
const IN_CHUNK = 30;

function brandCollection<S extends z.ZodType<{ [k: string]: unknown }>>(
  db: Access,
  name: string,
  schema: S,
  /** The field that holds the document's id (its path segment). */
  idField: string,
  defaultOrder?: DocQuery['orderBy'],
): BrandCollection<z.infer<S>> & {
  query(ctx: TenantContext, brandId: string, q: DocQuery): Promise<z.infer<S>[]>;
} {
  type T = z.infer<S>;
  const idOf = (item: T) => String(item[idField]);
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
    async getMany(ctx, brandId, ids) {
      const unique = [...new Set(ids)];
      const found = new Map<string, T>();
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        const chunk = unique.slice(i, i + IN_CHUNK);
        for (const item of await query(ctx, brandId, { where: [[idField, 'in', chunk]] }))
          found.set(idOf(item), item);
      }
      return found;
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
  const base = brandCollection(db, name, schema as z.ZodType<T & { [k: string]: unknown }>, 'id', [
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

/**
 * Products, each write followed by a new catalogue version in the same access (so inside a
 * transaction it commits with the products). After, not before: a reader that lists between a
 * write and its version still holds the old version, and reads again on its next check.
 */
function productCollection(db: Access): ProductCollection {
  const { query: _query, ...base } = brandCollection(db, 'products', productSchema, 'id');
  const versionPath = (ctx: TenantContext, brandId: string) => paths.catalogVersion(ctx.tenantId, brandId);
  // A fresh random token, not a counter: two writers need no read to never land on the same value.
  const moved = (ctx: TenantContext, brandId: string) =>
    db.set(versionPath(ctx, brandId), { version: randomUUID() });
  return {
    ...base,
    async upsert(ctx, brandId, item) {
      await base.upsert(ctx, brandId, item);
      await moved(ctx, brandId);
    },
    async upsertMany(ctx, brandId, items) {
      await base.upsertMany(ctx, brandId, items);
      if (items.length > 0) await moved(ctx, brandId);
    },
    async delete(ctx, brandId, id) {
      await base.delete(ctx, brandId, id);
      await moved(ctx, brandId);
    },
    async version(ctx, brandId) {
      assertBrand(ctx, brandId);
      const doc = await db.get(versionPath(ctx, brandId));
      return typeof doc?.data.version === 'string' ? doc.data.version : null;
    },
  };
}

/** The repositories, written once over a DocumentDb (or one of its transactions). */
export function createOperationalStore(db: DocumentDb): OperationalStore {
  return bind(db, db);
}

function bind(access: Access, root: DocumentDb): OperationalStore {
  const integrations = brandCollection(access, 'integrations', integrationSchema, 'platform');
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
        const brandIds = brands.map((b) => String(b.data.id));
        for (const p of await writeKeyIndexPaths(access, ctx.tenantId, brandIds)) await access.delete(p);
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
        for (const p of await writeKeyIndexPaths(access, ctx.tenantId, [brandId])) await access.delete(p);
        await root.deleteTree(paths.brand(ctx.tenantId, brandId));
      },
    },
    integrations: {
      ...integrations,
      getPlatform: (ctx, brandId, platform) => integrations.get(ctx, brandId, platform),
    },
    adAccounts: brandCollection(access, 'adAccounts', adAccountSchema, 'id'),
    products: productCollection(access),
    inventory: brandCollection(access, 'inventory', inventoryLevelSchema, 'id'),
    recommendations: actionCollection(access, 'recommendations', recommendationSchema),
    alerts: actionCollection(access, 'alerts', alertSchema),
    questions: brandCollection(access, 'questions', questionSchema, 'id', [['createdAt', 'desc']]),
    syncRuns: brandCollection(access, 'syncRuns', syncRunSchema, 'id', [['startedAt', 'desc']]),
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
    writeKeys: writeKeyRepository(access, root, access !== root),
    aiUsage: createAiUsageLedger(access, root),
    billing: createBillingRepository(access, root),
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
    resolveWriteKey: (key) =>
      WRITE_KEY_SHAPE.test(key) ? resolveWriteKeyIndex(db, key) : Promise.resolve(undefined),
    resolveBillingCustomer: (provider, customerId) => resolveBillingCustomer(db, provider, customerId),
  };
}
