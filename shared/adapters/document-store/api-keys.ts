import { type ApiKey, apiKeySchema } from '../../domain/entities';
import type { DocReader, DocTransaction, DocumentDb } from '../../ports/document-db';
import type { ApiKeyRepository } from '../../ports/operational-store';
import { paths } from './paths';

/**
 * API keys live under their tenant; a global `apiKeyHashes/<sha256>` index maps a presented key
 * to its tenant before any context exists. Both documents are written and removed together.
 */
export function apiKeyRepository(
  access: DocTransaction,
  root: Pick<DocumentDb, 'runTransaction'>,
  inTransaction: boolean,
): ApiKeyRepository {
  const atomically = <T>(fn: (tx: DocTransaction) => Promise<T>) =>
    inTransaction ? fn(access) : root.runTransaction(fn);
  const keyPath = (tenantId: string, id: string) => paths.doc(paths.apiKeys(tenantId), id);
  const read = async (db: DocReader, tenantId: string, id: string) => {
    const doc = await db.get(keyPath(tenantId, id));
    return doc ? apiKeySchema.parse(doc.data) : undefined;
  };
  return {
    get: (ctx, id) => read(access, ctx.tenantId, id),
    async list(ctx) {
      const docs = await access.query(paths.apiKeys(ctx.tenantId), { orderBy: [['createdAt', 'desc']] });
      return docs.map((d) => apiKeySchema.parse(d.data));
    },
    create: (ctx, key) =>
      atomically(async (tx) => {
        const parsed = apiKeySchema.parse(key);
        await tx.set(keyPath(ctx.tenantId, parsed.id), parsed);
        await tx.set(paths.doc(paths.apiKeyHashes(), parsed.hash), {
          tenantId: ctx.tenantId,
          keyId: parsed.id,
        });
      }),
    touch: (ctx, id, lastUsedAt) =>
      atomically(async (tx) => {
        const key = await read(tx, ctx.tenantId, id);
        if (key) await tx.set(keyPath(ctx.tenantId, id), { ...key, lastUsedAt } satisfies ApiKey);
      }),
    delete: (ctx, id) =>
      atomically(async (tx) => {
        const key = await read(tx, ctx.tenantId, id);
        if (!key) return;
        await tx.delete(paths.doc(paths.apiKeyHashes(), key.hash));
        await tx.delete(keyPath(ctx.tenantId, id));
      }),
  };
}

export async function resolveApiKeyHash(
  db: DocReader,
  hash: string,
): Promise<{ tenantId: string; keyId: string } | undefined> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  const doc = await db.get(paths.doc(paths.apiKeyHashes(), hash));
  return doc ? { tenantId: String(doc.data.tenantId), keyId: String(doc.data.keyId) } : undefined;
}
