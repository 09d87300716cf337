import type {
  DocumentReference,
  Firestore,
  Query,
  QuerySnapshot,
  Transaction,
  WriteBatch,
} from '@google-cloud/firestore';
import type { DocData, DocQuery, DocTransaction, DocumentDb, StoredDoc } from '../../ports/document-db';
import { lazy } from './lazy';

/**
 * The DocumentDb on Firestore. Paths are passed through as Firestore paths, so the repositories
 * in shared/store address the same documents here as in SQLite.
 */
export interface FirestoreDocumentDbOptions {
  projectId?: string;
  /** `host:port` of an emulator (FIRESTORE_EMULATOR_HOST); plaintext, no credentials. */
  emulatorHost?: string;
}

/** Firestore rejects a commit of more than 500 writes. */
export const FIRESTORE_MAX_WRITES = 500;

/**
 * Firestore TTL policies delete documents by a Timestamp field, and receipts carry their expiry
 * as a string. The adapter adds this field on every write under `webhookReceipts/` and removes it
 * on read; terraform/firestore.tf declares the TTL policy on it (docs/decisions/702).
 */
export const TTL_FIELD = 'ttlExpireAt';
const TTL_COLLECTION = 'webhookReceipts';

export function createFirestoreDocumentDb(options: FirestoreDocumentDbOptions = {}): DocumentDb {
  const client = lazy(async () => {
    const { Firestore } = await import('@google-cloud/firestore');
    return new Firestore({
      ...(options.projectId ? { projectId: options.projectId } : {}),
      ...(options.emulatorHost ? { host: options.emulatorHost, ssl: false } : {}),
      // Optional fields are left out of a document rather than failing the write.
      ignoreUndefinedProperties: true,
    });
  });

  const readOps = (fs: Firestore, t?: Transaction) => ({
    async get(path: string) {
      const ref = fs.doc(path);
      const snap = t ? await t.get(ref) : await ref.get();
      return snap.exists ? toStored(ref, snap.data() ?? {}) : undefined;
    },
    async query(collectionPath: string, query: DocQuery = {}) {
      const q = buildQuery(fs, collectionPath, query);
      const snap: QuerySnapshot = t ? await t.get(q) : await q.get();
      return snap.docs.map((d) => toStored(d.ref, d.data()));
    },
  });

  return {
    async get(path) {
      return readOps(await client()).get(path);
    },
    async query(collectionPath, query) {
      return readOps(await client()).query(collectionPath, query);
    },
    async set(path, data) {
      const fs = await client();
      await fs.doc(path).set(withTtl(path, data));
    },
    async delete(path) {
      const fs = await client();
      await fs.doc(path).delete();
    },
    async runTransaction(fn) {
      const fs = await client();
      // Firestore may run `fn` more than once on contention; callers keep it free of side effects.
      return fs.runTransaction(async (t) => {
        const tx: DocTransaction = {
          ...readOps(fs, t),
          async set(path, data) {
            t.set(fs.doc(path), withTtl(path, data));
          },
          async delete(path) {
            t.delete(fs.doc(path));
          },
        };
        return fn(tx);
      });
    },
    async setMany(docs) {
      const fs = await client();
      for (let i = 0; i < docs.length; i += FIRESTORE_MAX_WRITES) {
        const batch: WriteBatch = fs.batch();
        for (const d of docs.slice(i, i + FIRESTORE_MAX_WRITES))
          batch.set(fs.doc(d.path), withTtl(d.path, d.data));
        await batch.commit();
      }
    },
    async deleteTree(path) {
      const fs = await client();
      await fs.recursiveDelete(fs.doc(path));
    },
    async close() {
      const made = client.peek();
      if (made) await (await made).terminate();
    },
  };
}

function buildQuery(fs: Firestore, collectionPath: string, query: DocQuery): Query {
  let q: Query = fs.collection(collectionPath);
  for (const [field, op, value] of query.where ?? []) q = q.where(field, op, value);
  for (const [field, direction] of query.orderBy ?? []) q = q.orderBy(field, direction);
  // The embedded backend breaks ties by id ascending; say so explicitly to get the same order
  // (Firestore's implicit tie-break follows the last orderBy's direction instead).
  q = q.orderBy('__name__', 'asc');
  if (query.limit !== undefined) q = q.limit(query.limit);
  return q;
}

function toStored(ref: DocumentReference, data: DocData): StoredDoc {
  const { [TTL_FIELD]: _ttl, ...rest } = data;
  return { path: ref.path, id: ref.id, data: rest };
}

function withTtl(path: string, data: DocData): DocData {
  if (!path.startsWith(`${TTL_COLLECTION}/`) || typeof data.expiresAt !== 'string') return data;
  const ms = /^\d+$/.test(data.expiresAt) ? Number(data.expiresAt) : Date.parse(data.expiresAt);
  return Number.isNaN(ms) ? data : { ...data, [TTL_FIELD]: new Date(ms) };
}
