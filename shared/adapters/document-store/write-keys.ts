import { type WriteKey, writeKeySchema } from '../../domain/customers/write-key';
import { canAccessBrand } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import type { DocReader, DocTransaction, DocumentDb } from '../../ports/document-db';
import type { WriteKeyRepository } from '../../ports/operational-store';
import { paths } from './paths';

/**
 * Write keys live under their brand (`.../brands/{b}/writeKeys/{id}`); a global `writeKeys/{key}`
 * index finds the brand of a presented key before any tenant context exists. A revoked key keeps
 * its record (who made it, when it stopped) and loses its index entry, in one transaction.
 */
export function writeKeyRepository(
  access: DocTransaction,
  root: Pick<DocumentDb, 'runTransaction'>,
  inTransaction: boolean,
): WriteKeyRepository {
  const atomically = <T>(fn: (tx: DocTransaction) => Promise<T>) =>
    inTransaction ? fn(access) : root.runTransaction(fn);
  const coll = (tenantId: string, brandId: string) => paths.brandCollection(tenantId, brandId, 'writeKeys');
  const read = async (db: DocReader, tenantId: string, brandId: string, id: string) => {
    const doc = await db.get(paths.doc(coll(tenantId, brandId), id));
    return doc ? writeKeySchema.parse(doc.data) : undefined;
  };
  const assertBrand = (ctx: Parameters<WriteKeyRepository['get']>[0], brandId: string) => {
    if (!canAccessBrand(ctx, brandId)) throw new NotFoundError(`brand ${brandId} not found`);
  };
  return {
    async get(ctx, brandId, id) {
      assertBrand(ctx, brandId);
      return read(access, ctx.tenantId, brandId, id);
    },
    async list(ctx, brandId) {
      assertBrand(ctx, brandId);
      const docs = await access.query(coll(ctx.tenantId, brandId), { orderBy: [['createdAt', 'desc']] });
      return docs.map((d) => writeKeySchema.parse(d.data));
    },
    create: (ctx, key) =>
      atomically(async (tx) => {
        const parsed = writeKeySchema.parse(key);
        assertBrand(ctx, parsed.brandId);
        await tx.set(paths.doc(coll(ctx.tenantId, parsed.brandId), parsed.id), parsed);
        await tx.set(paths.doc(paths.writeKeys(), parsed.key), {
          tenantId: ctx.tenantId,
          brandId: parsed.brandId,
          keyId: parsed.id,
        });
      }),
    revoke: (ctx, brandId, id, at) =>
      atomically(async (tx) => {
        assertBrand(ctx, brandId);
        const key = await read(tx, ctx.tenantId, brandId, id);
        if (!key) return undefined;
        const revoked: WriteKey = { ...key, revokedAt: key.revokedAt ?? at };
        await tx.delete(paths.doc(paths.writeKeys(), key.key));
        await tx.set(paths.doc(coll(ctx.tenantId, brandId), id), revoked);
        return revoked;
      }),
  };
}

/** The brand a presented write key belongs to, before any tenant context exists. */
export async function resolveWriteKeyIndex(
  db: DocReader,
  key: string,
): Promise<{ tenantId: string; brandId: string; keyId: string } | undefined> {
  const doc = await db.get(paths.doc(paths.writeKeys(), key));
  if (!doc) return undefined;
  return {
    tenantId: String(doc.data.tenantId),
    brandId: String(doc.data.brandId),
    keyId: String(doc.data.keyId),
  };
}

/** Index entries of a brand's (or every brand's) keys, removed when the brand or tenant goes. */
export async function writeKeyIndexPaths(db: DocReader, tenantId: string, brandIds: readonly string[]) {
  const out: string[] = [];
  for (const b of brandIds)
    for (const d of await db.query(paths.brandCollection(tenantId, b, 'writeKeys')))
      out.push(paths.doc(paths.writeKeys(), String(d.data.key)));
  return out;
}
