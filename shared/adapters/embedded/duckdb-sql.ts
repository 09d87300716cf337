import {
  DOUBLE,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBDateValue,
  type DuckDBResult,
  type DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  JSDuckDBValueConverter,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import { ValidationError } from '../../kernel/errors';
import type { WarehouseColumns, WarehouseParam, WarehouseValue } from '../../ports/warehouse';
import type { ColumnDef, TableDef } from '../../ports/warehouse-tables';
import { listReader, numericReader } from './duckdb-columns';

/**
 * The embedded warehouse's SQL: DuckDB column types, quoting, `CREATE TABLE` from a table
 * definition, `{{table}}` resolution, parameters, and reading a result back into plain values
 * (the BigQuery twin: bigquery-sql.ts / bigquery-rows.ts).
 */
export const DUCK_TYPES: Record<ColumnDef['type'], string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function createTableSql(schema: string, def: TableDef): string {
  const cols = def.columns.map(
    (c) => `${ident(c.name)} ${DUCK_TYPES[c.type]}${c.required ? ' NOT NULL' : ''}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${ident(schema)}.${ident(def.name)} (${cols.join(', ')})`;
}

/** `{{orders}}` → `"pp_t"."orders"`; an unknown table name is an error, not a guess. */
export function resolveTables(sql: string, schema: string, tables: Record<string, TableDef>): string {
  return sql.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(tables, name)) throw new ValidationError(`unknown warehouse table {{${name}}}`);
    return `${ident(schema)}.${ident(name)}`;
  });
}

function toParams(params: Record<string, WarehouseParam>) {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) {
      const numeric = v.length > 0 && typeof v[0] === 'number';
      values[k] = listValue([...v]);
      types[k] = numeric ? LIST(DOUBLE) : LIST(VARCHAR);
    } else if (typeof v === 'number' && Number.isInteger(v)) {
      values[k] = BigInt(v);
    } else {
      values[k] = v as DuckDBValue;
    }
  }
  return { values, types };
}

/** `@name` parameters as DuckDB's `$name`, with the values and types the statement uses. */
function bind(sql: string, params: Record<string, WarehouseParam>) {
  const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => {
    if (!Object.hasOwn(params, n)) throw new ValidationError(`query parameter @${n} has no value`);
    return `$${n}`;
  });
  const { values, types } = toParams(params);
  const used = Object.fromEntries(Object.entries(values).filter(([k]) => text.includes(`$${k}`)));
  const usedTypes = Object.fromEntries(Object.entries(types).filter(([k]) => k in used));
  return { text, used, usedTypes };
}

/**
 * Turns a result's data chunks into plain rows, appended to `rows`. One reader per result: its
 * columns' readers keep their interned strings and formatted days from chunk to chunk.
 */
function rowReader<T>(result: DuckDBResult): (chunk: DuckDBDataChunk, rows: T[]) => void {
  const names = result.columnNames();
  const read = result.columnTypes().map(valueReader);
  const template: Record<string, null> = {};
  for (const name of names) template[name] = null;
  return (chunk, rows) => {
    const count = chunk.rowCount; // a native call: read once per chunk
    const start = rows.length;
    // Every row starts as a copy of one template, so all rows share one shape from the start.
    for (let r = 0; r < count; r++) rows.push({ ...template } as T);
    for (let col = 0; col < names.length; col++) {
      const vector = chunk.getColumnVector(col);
      const name = names[col]!;
      const toJs = read[col]!;
      for (let r = 0; r < count; r++) {
        (rows[start + r] as Record<string, unknown>)[name] = toJs(vector.getItem(r));
      }
    }
  };
}

export async function runQuery<T>(
  withConnection: <R>(fn: (c: DuckDBConnection) => Promise<R>) => Promise<R>,
  sql: string,
  params: Record<string, WarehouseParam>,
): Promise<T[]> {
  const { text, used, usedTypes } = bind(sql, params);
  return withConnection(async (c) => {
    const result = await c.run(text, used, usedTypes);
    const read = rowReader<T>(result);
    const rows: T[] = [];
    for (let k = 0; k < result.chunkCount; k++) read(result.getChunk(k), rows);
    return rows;
  });
}

/**
 * A query's rows in batches of at most `batchRows`, streamed from DuckDB: neither the engine's
 * result nor the rows as objects are ever held whole.
 */
export async function* streamQuery<T>(
  c: DuckDBConnection,
  sql: string,
  params: Record<string, WarehouseParam>,
  batchRows: number,
): AsyncGenerator<T[]> {
  if (!(batchRows >= 1)) throw new ValidationError(`batchRows must be at least 1: ${batchRows}`);
  const { text, used, usedTypes } = bind(sql, params);
  const result = await c.stream(text, used, usedTypes);
  const read = rowReader<T>(result);
  const rows: T[] = [];
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    read(chunk, rows);
    while (rows.length >= batchRows) yield rows.splice(0, batchRows);
  }
  if (rows.length > 0) yield rows;
}

/** DuckDB's numeric types: their columns come out as numbers (`valueReader`), so as a Float64Array. */
const NUMERIC_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/**
 * A batch of a result's rows being gathered as columns: a numeric column into a `Float64Array`
 * (grown by doubling up to the batch size) with its NULLs' positions noted, any other into a plain
 * array of the values `query` gives.
 */
function columnsBuilder(result: DuckDBResult, batchRows: number) {
  const names = result.columnNames();
  const types = result.columnTypes();
  const read = types.map(valueReader);
  const numeric = types.map((t) => NUMERIC_TYPES.has(t.typeId));
  // Straight from the vectors' memory where the type allows (decision 978), else value by value.
  const numericRaw = types.map((t) => numericReader(t.typeId));
  const listRaw = types.map((t, i) => listReader(t.typeId, read[i] as (v: string) => unknown));
  let length = 0;
  let numbers: Float64Array[] = [];
  let nulls: number[][] = [];
  let others: unknown[][] = [];
  const reset = () => {
    length = 0;
    const capacity = Math.min(batchRows, 16_384);
    numbers = numeric.map((n) => (n ? new Float64Array(capacity) : new Float64Array(0)));
    nulls = names.map(() => []);
    others = names.map(() => []);
  };
  reset();
  return {
    get length() {
      return length;
    },
    /** Rows [from, to) of `chunk`. */
    add(chunk: DuckDBDataChunk, from: number, to: number) {
      for (let col = 0; col < names.length; col++) {
        if (!numeric[col]) {
          const list = others[col]!;
          const raw = listRaw[col];
          if (raw) raw(chunk, col, from, to, list);
          else {
            const vector = chunk.getColumnVector(col);
            const toJs = read[col]!;
            for (let r = from; r < to; r++) list.push(toJs(vector.getItem(r)));
          }
          continue;
        }
        let values = numbers[col]!;
        if (values.length < length + to - from) {
          const grown = new Float64Array(
            Math.min(batchRows, Math.max(values.length * 2, length + to - from)),
          );
          grown.set(values);
          numbers[col] = values = grown;
        }
        const nullsOf = nulls[col]!;
        const raw = numericRaw[col];
        if (raw) raw(chunk, col, from, to, values, length, nullsOf);
        else {
          const vector = chunk.getColumnVector(col);
          const toJs = read[col]!;
          for (let r = from, at = length; r < to; r++, at++) {
            const v = toJs(vector.getItem(r)) as number | null;
            if (v === null) nullsOf.push(at);
            else values[at] = v;
          }
        }
      }
      length += to - from;
    },
    /** The batch gathered so far, as columns; the builder starts a new one. */
    take(): WarehouseColumns {
      const out: WarehouseColumns = {};
      for (let col = 0; col < names.length; col++) {
        if (!numeric[col]) {
          out[names[col]!] = others[col] as WarehouseValue[];
          continue;
        }
        const values = numbers[col]!;
        const exact = values.length === length ? values : values.slice(0, length);
        const nullsOf = nulls[col]!;
        if (nullsOf.length === 0) out[names[col]!] = exact;
        else {
          const list: Array<number | null> = Array.from(exact);
          for (const at of nullsOf) list[at] = null;
          out[names[col]!] = list;
        }
      }
      reset();
      return out;
    },
  };
}

/**
 * A query's result in batches of at most `batchRows` rows as columns, streamed from DuckDB: no
 * object per row, and neither the engine's result nor the columns are held whole.
 */
export async function* streamColumns(
  c: DuckDBConnection,
  sql: string,
  params: Record<string, WarehouseParam>,
  batchRows: number,
): AsyncGenerator<WarehouseColumns> {
  if (!(batchRows >= 1)) throw new ValidationError(`batchRows must be at least 1: ${batchRows}`);
  const { text, used, usedTypes } = bind(sql, params);
  const result = await c.stream(text, used, usedTypes);
  const batch = columnsBuilder(result, batchRows);
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const count = chunk.rowCount;
    for (let r = 0; r < count; ) {
      const to = Math.min(count, r + batchRows - batch.length);
      batch.add(chunk, r, to);
      r = to;
      if (batch.length === batchRows) yield batch.take();
    }
  }
  if (batch.length > 0) yield batch.take();
}

const INTERN_LIMIT = 4096;

/**
 * How one column's DuckDB values become the port's plain values: integers as numbers, DATE as
 * 'YYYY-MM-DD', TIMESTAMP as ISO-8601. Read straight from the result's vectors (no Date per value,
 * and each distinct day formatted once); the library's JS conversion for anything else.
 */
function valueReader(type: DuckDBType): (value: DuckDBValue) => unknown {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR: {
      // Most string columns repeat a few values (currency, region, UTMs, variant ids): one copy of
      // each is kept and handed out, so millions of fresh duplicates die young instead of living
      // as long as the rows. A column that turns out to be ids (many distinct values) stops trying.
      const seen = new Map<string, string>();
      let interning = true;
      return (v) => {
        if (v === null || !interning) return v;
        const known = seen.get(v as string);
        if (known !== undefined) return known;
        if (seen.size >= INTERN_LIMIT) {
          interning = false;
          seen.clear();
        } else seen.set(v as string, v as string);
        return v;
      };
    }
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.INTEGER:
      return (v) => v;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return (v) => (v === null ? null : Number(v as bigint));
    case DuckDBTypeId.DATE: {
      const days = new Map<number, string>();
      return (v) => {
        if (v === null) return null;
        const d = (v as DuckDBDateValue).days;
        let text = days.get(d);
        if (text === undefined) {
          text = new Date(d * 86_400_000).toISOString().slice(0, 10);
          days.set(d, text);
        }
        return text;
      };
    }
    case DuckDBTypeId.TIMESTAMP:
      return (v) =>
        v === null ? null : new Date(Number((v as DuckDBTimestampValue).micros / 1000n)).toISOString();
    default:
      return (v) => {
        if (v === null) return null;
        const js = JSDuckDBValueConverter(v, type, JSDuckDBValueConverter);
        if (typeof js === 'bigint') return Number(js);
        if (js instanceof Date) return js.toISOString();
        return js;
      };
  }
}
