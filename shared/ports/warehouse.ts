import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { OpsTable, TenantTable } from './warehouse-tables';

export type WarehouseValue = string | number | boolean | null | Date | bigint;
export type WarehouseRow = Record<string, WarehouseValue>;
export type WarehouseParam = string | number | boolean | null | readonly string[] | readonly number[];
/**
 * One column of a result batch, a value per row: a numeric column as a `Float64Array`, or, in a
 * batch where it holds a NULL, as a plain array with `null` there; any other column as a plain
 * array of the values `query` gives (NULL as `null`).
 */
export type WarehouseColumn = Float64Array | WarehouseValue[];
/** A batch of result rows as columns, by column name, every column as long as the batch. */
export type WarehouseColumns = Record<string, WarehouseColumn>;
/**
 * Rows to write, as columns: `rowCount` rows, each column (by name) holding a value per row — a
 * numeric column as a `Float64Array` (no NULL) or a plain array, any other as a plain array (NULL
 * as `null`). A column left out is NULL in every row. A writer of millions of rows makes no object
 * per row, and a warehouse that stores columns copies a `Float64Array` whole (decision 985).
 */
export interface WarehouseColumnBatch {
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, Float64Array | readonly WarehouseValue[]>>;
}
/** A batch handed to a write: row objects, or the same rows as columns. */
export type WarehouseBatch = readonly WarehouseRow[] | WarehouseColumnBatch;

/**
 * The analytical store: BigQuery (a dataset per tenant) or DuckDB (a schema per tenant).
 *
 * SQL is written once in the dialect subset both engines share. Tables are referenced as
 * `{{orders}}` and resolved by the adapter to the context's tenant dataset, so a query cannot
 * name another tenant's data. Parameters are `@name`; dates are passed as 'YYYY-MM-DD' strings
 * and cast in SQL (`CAST(@from AS DATE)`), never computed with dialect-specific date functions.
 * Results come back as plain JSON-able values: integers as numbers, DATE as 'YYYY-MM-DD',
 * TIMESTAMP as ISO-8601 strings. BigQuery's SAFE_DIVIDE and UNIX_MILLIS (a timestamp as epoch
 * milliseconds, cheaper to read in bulk than a string to parse) work on both.
 */
export interface Warehouse {
  /** Creates the tenant's dataset and any missing tables. Idempotent. */
  ensureTenant(ctx: TenantContext): Promise<void>;
  query<T = WarehouseRow>(
    ctx: TenantContext,
    sql: string,
    params?: Record<string, WarehouseParam>,
  ): Promise<T[]>;
  /**
   * The same rows as `query`, in the same order, handed over in batches of at most `batchRows`: a
   * result of a million rows is folded batch by batch instead of being held whole as objects.
   * Leaving the loop early releases the query.
   */
  queryBatches<T = WarehouseRow>(
    ctx: TenantContext,
    sql: string,
    params: Record<string, WarehouseParam>,
    batchRows: number,
  ): AsyncIterable<T[]>;
  /**
   * The same result as `queryBatches`, each batch (of at most `batchRows` rows, none empty) as
   * columns instead of row objects: a reader of millions of rows makes no object per row.
   * Leaving the loop early releases the query.
   */
  queryColumns(
    ctx: TenantContext,
    sql: string,
    params: Record<string, WarehouseParam>,
    batchRows: number,
  ): AsyncIterable<WarehouseColumns>;
  /**
   * Replaces exactly the rows of one brand whose partition date is within [from, to] (and that
   * match every `match` column) with `rows`, atomically. Re-running with the same rows is a no-op.
   */
  replaceRange(
    ctx: TenantContext,
    table: TenantTable,
    range: ReplaceRange,
    rows: readonly WarehouseRow[],
  ): Promise<void>;
  /**
   * `replaceRange` with the rows arriving in batches, each written as it comes: the replacement is
   * still one atomic step (a batch source that throws leaves the previous rows), but only a batch
   * at a time need exist. A batch is rows or columns (`WarehouseColumnBatch`), in any mix. The
   * write is open while the batches are made, so making them must not write to the warehouse.
   */
  replaceRangeBatches(
    ctx: TenantContext,
    table: TenantTable,
    range: ReplaceRange,
    batches: AsyncIterable<WarehouseBatch>,
  ): Promise<void>;
  /** Replaces the rows of one brand whose `keyColumn` is in `keys` with `rows`, atomically. */
  replaceKeys(
    ctx: TenantContext,
    table: TenantTable,
    keys: ReplaceKeys,
    rows: readonly WarehouseRow[],
  ): Promise<void>;
  /**
   * Replaces whole records — a parent row per key and the rows keyed the same in child tables —
   * only where the incoming version is newer than the stored one, decided inside the same
   * transaction as the write: concurrent writers of one record end with the newest version,
   * whatever order they run in (a compare-and-set, not a read then a write). Returns the keys
   * that were written; the others were stale.
   */
  replaceNewer(ctx: TenantContext, write: VersionedReplace): Promise<{ written: string[] }>;
  /**
   * Fills one brand's copied columns of the table (TableDef.fills, e.g. refunds.order_date) where
   * they are NULL and the row they copy is now there; the others stay NULL. Idempotent.
   */
  fillColumns(ctx: TenantContext, table: TenantTable, brandId: string): Promise<void>;
  /** Deletes the rows of one brand matching every column given; returns how many went. */
  deleteWhere(
    ctx: TenantContext,
    table: TenantTable,
    brandId: string,
    match: Record<string, string>,
  ): Promise<number>;
  /** Appends to a shared ops table (rows carry tenant_id). */
  insertOps(table: OpsTable, rows: readonly WarehouseRow[]): Promise<void>;
  /** Reads the shared ops dataset (`{{ai_token_usage}}`); callers filter by tenant themselves. */
  queryOps<T = WarehouseRow>(sql: string, params?: Record<string, WarehouseParam>): Promise<T[]>;
  /** Drops the tenant's dataset (tenant deletion). */
  dropTenant(ctx: TenantContext): Promise<void>;
  close(): Promise<void>;
}

export interface ReplaceRange {
  brandId: string;
  from: LocalDate;
  to: LocalDate;
  match?: Record<string, string>;
}

export interface ReplaceKeys {
  brandId: string;
  keyColumn: string;
  keys: readonly string[];
}

export interface VersionedReplace {
  brandId: string;
  /** The table holding one row per key and its version. */
  table: TenantTable;
  keyColumn: string;
  /** A TIMESTAMP column: the record's version (e.g. Shopify's updated_at). */
  versionColumn: string;
  /** Whether an equal version replaces the stored one (a re-run sync converges; a webhook does not). */
  replaceEqual: boolean;
  /** One row per key. */
  rows: readonly WarehouseRow[];
  /** Rows of other tables carrying the same key column, replaced with their parent or not at all. */
  children: ReadonlyArray<{ table: TenantTable; rows: readonly WarehouseRow[] }>;
}
