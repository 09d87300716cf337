import { UpstreamError } from '../kernel/errors';
import type {
  Warehouse,
  WarehouseBatch,
  WarehouseColumn,
  WarehouseColumnBatch,
  WarehouseColumns,
  WarehouseParam,
  WarehouseRow,
} from './warehouse';
import type { BrandScope } from './warehouse-rows';

/**
 * What a column read expects of each column: a number (never NULL), a number or NULL, a string
 * (never NULL), a string or NULL, a boolean.
 */
export type ColumnKind = 'number' | 'number?' | 'string' | 'string?' | 'boolean';
export type ColumnSpec = Readonly<Record<string, ColumnKind>>;

type ColumnOf<K extends ColumnKind> = K extends 'number'
  ? Float64Array
  : K extends 'number?'
    ? Float64Array | Array<number | null>
    : K extends 'string'
      ? string[]
      : K extends 'string?'
        ? Array<string | null>
        : boolean[];

/** A whole result as one column per expected name, each `length` long. */
export interface ColumnRead<S extends ColumnSpec> {
  readonly length: number;
  readonly columns: { readonly [K in keyof S]: ColumnOf<S[K]> };
}

/** Rows per batch a whole-result read asks for (the batches are joined after). */
const READ_BATCH_ROWS = 1_000_000;

/**
 * Runs a query through `queryColumns` and joins its batches into one column per name of `spec`,
 * checked as `queryRows` checks rows: a missing column or a first value of the wrong kind is an
 * error, and a `number` column must hold no NULL (it arrives as a `Float64Array` only then). A
 * result without rows gives empty columns.
 */
export async function readColumns<S extends ColumnSpec>(
  warehouse: Pick<Warehouse, 'queryColumns'>,
  scope: BrandScope,
  spec: S,
  sql: string,
  params: Record<string, WarehouseParam>,
): Promise<ColumnRead<S>> {
  const batches: WarehouseColumns[] = [];
  for await (const batch of warehouse.queryColumns(
    scope.ctx,
    sql,
    { brand: scope.brandId, ...params },
    READ_BATCH_ROWS,
  ))
    batches.push(batch);
  const columns: Record<string, WarehouseColumn> = {};
  let length = 0;
  for (const [name, kind] of Object.entries(spec)) {
    const parts = batches.map((b) => b[name]);
    if (parts.some((p) => p === undefined))
      throw new UpstreamError(`warehouse columns do not have the expected shape: no column ${name}`);
    const column = joined(parts as WarehouseColumn[], kind);
    checkColumn(name, kind, column);
    columns[name] = column;
    length = column.length;
  }
  return { length, columns: columns as ColumnRead<S>['columns'] };
}

function joined(parts: readonly WarehouseColumn[], kind: ColumnKind): WarehouseColumn {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 0) return kind === 'number' ? new Float64Array(0) : [];
  if (parts.every((p) => p instanceof Float64Array)) {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  // Pushed, not preallocated: `new Array(n)` past 100,000 elements is a slow dictionary (decision 964).
  const out: WarehouseRow[string][] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i]!);
  return out;
}

function checkColumn(name: string, kind: ColumnKind, column: WarehouseColumn): void {
  const wrong = (why: string) =>
    new UpstreamError(`warehouse columns do not have the expected shape: column ${name} ${why}`);
  if (kind === 'number') {
    if (!(column instanceof Float64Array)) throw wrong('is not all numbers');
    return;
  }
  if (column.length === 0 || column instanceof Float64Array) {
    if (column instanceof Float64Array && kind !== 'number?') throw wrong(`holds numbers, not ${kind}`);
    return;
  }
  const first = column[0];
  const type = kind === 'number?' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
  const nullable = kind.endsWith('?');
  if (!(typeof first === type || (nullable && first === null)))
    throw wrong(`starts with ${first === null ? 'NULL' : typeof first}, not ${kind}`);
}

/**
 * Rows as one batch of columns, for a warehouse whose client gives rows: a column whose values are
 * all numbers becomes a `Float64Array`, any other a plain array, as `queryColumns` hands them over.
 */
export function columnsOfRows(rows: readonly WarehouseRow[]): WarehouseColumns {
  const out: WarehouseColumns = {};
  if (rows.length === 0) return out;
  for (const name of Object.keys(rows[0]!)) {
    const values: WarehouseRow[string][] = [];
    let numbers = true;
    for (const row of rows) {
      const v = row[name] ?? null;
      if (typeof v !== 'number') numbers = false;
      values.push(v);
    }
    out[name] = numbers ? Float64Array.from(values as number[]) : values;
  }
  return out;
}

/** Whether a write's batch is columns rather than row objects. */
export function isColumnBatch(batch: WarehouseBatch): batch is WarehouseColumnBatch {
  return !Array.isArray(batch);
}

/** How many rows a write's batch holds. */
export function batchLength(batch: WarehouseBatch): number {
  return isColumnBatch(batch) ? batch.rowCount : batch.length;
}

/**
 * A write's batch as row objects, for a warehouse whose client takes rows: a row per index with
 * every column the batch holds (a column it leaves out stays out, i.e. NULL).
 */
export function rowsOfBatch(batch: WarehouseBatch): readonly WarehouseRow[] {
  if (!isColumnBatch(batch)) return batch;
  const names = Object.keys(batch.columns);
  const columns = names.map((n) => batch.columns[n]!);
  const rows: WarehouseRow[] = [];
  for (let r = 0; r < batch.rowCount; r++) {
    const row: WarehouseRow = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![r] ?? null;
    rows.push(row);
  }
  return rows;
}
