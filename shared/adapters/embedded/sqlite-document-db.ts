import Database from 'better-sqlite3';
import { createMutex } from '../../kernel/util/mutex';
import type { DocData, DocQuery, DocTransaction, DocumentDb, StoredDoc } from '../../ports/document-db';

/**
 * The embedded DocumentDb: one SQLite table of JSON documents keyed by Firestore-style path.
 * better-sqlite3 is synchronous, so atomicity across awaits comes from one mutex: a transaction
 * holds it from BEGIN to COMMIT, and every other read or write waits its turn, so nothing outside
 * a transaction sees or mixes into its uncommitted writes.
 */
export function createSqliteDocumentDb(filename: string): DocumentDb {
  const sql = new Database(filename);
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = NORMAL');
  sql.pragma('busy_timeout = 5000');
  sql.exec(`CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    parent TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS documents_parent ON documents(parent);`);

  const getStmt = sql.prepare<[string], { path: string; id: string; data: string }>(
    'SELECT path, id, data FROM documents WHERE path = ?',
  );
  const setStmt = sql.prepare<[string, string, string, string]>(
    `INSERT INTO documents (path, parent, id, data) VALUES (?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET data = excluded.data`,
  );
  const deleteStmt = sql.prepare<[string]>('DELETE FROM documents WHERE path = ?');
  const deleteTreeStmt = sql.prepare<[string, string]>(
    "DELETE FROM documents WHERE path = ? OR path LIKE ? ESCAPE '\\'",
  );
  const mutex = createMutex();
  let closed = false;

  const split = (path: string) => {
    const i = path.lastIndexOf('/');
    if (i <= 0) throw new RangeError(`not a document path: "${path}"`);
    return { parent: path.slice(0, i), id: path.slice(i + 1) };
  };
  const toDoc = (row: { path: string; id: string; data: string }): StoredDoc => ({
    path: row.path,
    id: row.id,
    data: JSON.parse(row.data) as DocData,
  });

  const ops: Omit<DocTransaction, never> & {
    setMany(docs: ReadonlyArray<{ path: string; data: DocData }>): Promise<void>;
  } = {
    async get(path) {
      const row = getStmt.get(path);
      return row ? toDoc(row) : undefined;
    },
    async query(collectionPath, query = {}) {
      return runQuery(sql, collectionPath, query).map(toDoc);
    },
    async set(path, data) {
      const { parent, id } = split(path);
      setStmt.run(path, parent, id, JSON.stringify(data));
    },
    async delete(path) {
      deleteStmt.run(path);
    },
    async setMany(docs) {
      for (const d of docs) {
        const { parent, id } = split(d.path);
        setStmt.run(d.path, parent, id, JSON.stringify(d.data));
      }
    },
  };

  const guard = () => {
    if (closed) throw new Error('SQLite document db is closed');
  };
  const guarded = <T>(fn: () => Promise<T>) =>
    mutex.run(() => {
      guard();
      return fn();
    });

  return {
    get: (path) => guarded(() => ops.get(path)),
    query: (c, q) => guarded(() => ops.query(c, q)),
    set: (path, data) => guarded(() => ops.set(path, data)),
    delete: (path) => guarded(() => ops.delete(path)),
    setMany: (docs) =>
      mutex.run(() => {
        guard();
        sql.transaction(() => {
          for (const d of docs) {
            const { parent, id } = split(d.path);
            setStmt.run(d.path, parent, id, JSON.stringify(d.data));
          }
        })();
      }),
    deleteTree: (path) =>
      mutex.run(() => {
        guard();
        deleteTreeStmt.run(path, `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`);
      }),
    runTransaction: (fn) =>
      mutex.run(async () => {
        guard();
        sql.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(ops);
          sql.exec('COMMIT');
          return result;
        } catch (err) {
          sql.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      mutex.run(() => {
        if (!closed) {
          closed = true;
          sql.close();
        }
      }),
  };
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_.]*$/;
function fieldExpr(field: string): string {
  if (!FIELD.test(field)) throw new RangeError(`invalid field name "${field}"`);
  return `json_extract(data, '$.${field}')`;
}
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function runQuery(sql: Database.Database, parent: string, query: DocQuery) {
  const clauses = ['parent = ?'];
  const params: unknown[] = [parent];
  for (const [field, op, value] of query.where ?? []) {
    if (op === 'in') {
      clauses.push(`${fieldExpr(field)} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(value));
    } else {
      clauses.push(`${fieldExpr(field)} ${op === '==' ? '=' : op} ?`);
      params.push(bindable(value));
    }
  }
  const order = (query.orderBy ?? []).map(([f, dir]) => `${fieldExpr(f)} ${dir === 'desc' ? 'DESC' : 'ASC'}`);
  order.push('id ASC');
  let text = `SELECT path, id, data FROM documents WHERE ${clauses.join(' AND ')} ORDER BY ${order.join(', ')}`;
  if (query.limit !== undefined) {
    text += ' LIMIT ?';
    params.push(query.limit);
  }
  return sql.prepare(text).all(...params) as { path: string; id: string; data: string }[];
}
