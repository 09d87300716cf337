import { createMutex } from '../../shared/kernel/util/mutex';
import type {
  DocData,
  DocQuery,
  DocTransaction,
  DocumentDb,
  StoredDoc,
} from '../../shared/ports/document-db';

/**
 * An in-memory DocumentDb for the conformance meta-tests. Correct by default; each flag breaks
 * exactly one rule the conformance suite guards, so the suite can be shown to catch it.
 */
export interface Breakage {
  /** Writes inside a failed transaction stay. */
  noRollback?: boolean;
  /** Queries match on the last collection segment only, so `tenants/a/users` also returns `tenants/b/users`. */
  leakyQueries?: boolean;
  /** `set` adds a new document instead of replacing the one at the path. */
  duplicateOnSet?: boolean;
  /** Transactions are not isolated: concurrent read-modify-writes interleave. */
  noIsolation?: boolean;
}

export function createMemoryDocumentDb(breakage: Breakage = {}): DocumentDb {
  const docs = new Map<string, DocData>();
  const mutex = createMutex();
  let dupes = 0;
  const clone = (d: DocData) => structuredClone(d);
  const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const idOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

  const matches = (data: DocData, q: DocQuery) =>
    (q.where ?? []).every(([f, op, v]) => {
      const x = f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data);
      switch (op) {
        case '==':
          return x === v;
        case 'in':
          return (v as unknown[]).includes(x);
        case '<':
          return (x as number) < (v as number);
        case '<=':
          return (x as number) <= (v as number);
        case '>':
          return (x as number) > (v as number);
        default:
          return (x as number) >= (v as number);
      }
    });

  const base = {
    async get(path: string): Promise<StoredDoc | undefined> {
      const d = docs.get(path);
      return d ? { path, id: idOf(path), data: clone(d) } : undefined;
    },
    async query(collection: string, q: DocQuery = {}): Promise<StoredDoc[]> {
      const wanted = breakage.leakyQueries ? collection.split('/').pop()! : collection;
      let out = [...docs.entries()]
        .filter(([p]) =>
          breakage.leakyQueries ? parentOf(p).split('/').pop() === wanted : parentOf(p) === wanted,
        )
        .filter(([, d]) => matches(d, q))
        .map(([p, d]) => ({ path: p, id: idOf(p), data: clone(d) }));
      for (const [f, dir] of [...(q.orderBy ?? [])].reverse()) {
        out = out.sort((a, b) => {
          const x = String(a.data[f] ?? '');
          const y = String(b.data[f] ?? '');
          return dir === 'desc' ? y.localeCompare(x) : x.localeCompare(y);
        });
      }
      return q.limit === undefined ? out : out.slice(0, q.limit);
    },
    async set(path: string, data: DocData) {
      if (breakage.duplicateOnSet && docs.has(path)) docs.set(`${path}~${++dupes}`, clone(data));
      else docs.set(path, clone(data));
    },
    async delete(path: string) {
      docs.delete(path);
    },
  };

  return {
    ...base,
    async setMany(items) {
      for (const i of items) await base.set(i.path, i.data);
    },
    async deleteTree(path) {
      for (const p of [...docs.keys()]) if (p === path || p.startsWith(`${path}/`)) docs.delete(p);
    },
    runTransaction<T>(fn: (tx: DocTransaction) => Promise<T>): Promise<T> {
      const run = async () => {
        const snapshot = new Map([...docs].map(([k, v]) => [k, clone(v)]));
        try {
          // Yield between reads and writes so unisolated transactions really interleave.
          const tx: DocTransaction = {
            ...base,
            get: async (p) => {
              const r = await base.get(p);
              await new Promise((res) => setTimeout(res, 1));
              return r;
            },
          };
          return await fn(tx);
        } catch (err) {
          if (!breakage.noRollback) {
            docs.clear();
            for (const [k, v] of snapshot) docs.set(k, v);
          }
          throw err;
        }
      };
      return breakage.noIsolation ? run() : mutex.run(run);
    },
    async close() {},
  };
}
