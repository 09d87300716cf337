/**
 * The document database under the operational store: Firestore in production, SQLite embedded.
 * Paths are Firestore paths (`tenants/t1/brands/b1`), alternating collection and document ids.
 * Repositories (shared/store) are written once over this port, so both backends hold the same
 * documents at the same paths and tenant scoping lives in one place.
 */
export type DocData = Record<string, unknown>;

export interface StoredDoc {
  readonly path: string;
  readonly id: string;
  readonly data: DocData;
}

export type WhereOp = '==' | '<' | '<=' | '>' | '>=' | 'in';
export interface DocQuery {
  where?: ReadonlyArray<readonly [field: string, op: WhereOp, value: unknown]>;
  orderBy?: ReadonlyArray<readonly [field: string, direction: 'asc' | 'desc']>;
  limit?: number;
}

export interface DocReader {
  get(path: string): Promise<StoredDoc | undefined>;
  query(collectionPath: string, query?: DocQuery): Promise<StoredDoc[]>;
}

export interface DocWriter {
  set(path: string, data: DocData): Promise<void>;
  delete(path: string): Promise<void>;
}

export interface DocTransaction extends DocReader, DocWriter {}

export interface DocumentDb extends DocReader, DocWriter {
  /**
   * Runs `fn` atomically: all its writes land or none do, and reads inside it see a state no
   * concurrent transaction changes underneath (the backend retries or serializes as it must).
   */
  runTransaction<T>(fn: (tx: DocTransaction) => Promise<T>): Promise<T>;
  /** Writes many documents; atomic per call on both backends (Firestore: chunks of ≤500 in one transaction each). */
  setMany(docs: ReadonlyArray<{ path: string; data: DocData }>): Promise<void>;
  /** Deletes a document and every document below it (e.g. a tenant or a brand). */
  deleteTree(path: string): Promise<void>;
  close(): Promise<void>;
}
