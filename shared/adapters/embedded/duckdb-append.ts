import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  dateValue,
  LIST,
  listValue,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import { ValidationError } from '../../kernel/errors';
import type { WarehouseRow } from '../../ports/warehouse';
import type { ColumnDef, TableDef } from '../../ports/warehouse-tables';
import { DUCK_TYPES, ident } from './duckdb-sql';

/**
 * Bulk writes into DuckDB: a batch is appended through a staging table with strings
 * dictionary-encoded and integers staged as DOUBLE (decision 304), then inserted in one statement.
 */
/**
 * Appends rows column by column, a data chunk (DuckDB's vector size) at a time, with each value
 * already in DuckDB's own representation: per-value type dispatch was most of a bulk write's cost.
 *
 * A large batch whose string columns repeat a few values (brand, channel, campaign, region,
 * variant…) is dictionary-encoded on the way: those columns go into a temporary staging table as
 * integer codes and one `INSERT … SELECT` swaps the strings back in, inside DuckDB. Handing a
 * string to DuckDB costs a native call per value; a code is copied with its whole vector.
 */
export async function append(
  c: DuckDBConnection,
  schema: string,
  def: TableDef,
  rows: readonly WarehouseRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const dictionaries = def.columns.map((col) =>
    col.type === 'STRING' && rows.length >= STAGE_MIN_ROWS ? dictionaryOf(rows, col.name) : null,
  );
  if (dictionaries.every((d) => d === null)) {
    await appendChunks(c, { table: def.name, schema }, def.columns.map(columnConverter), rows);
    return;
  }
  const stage = ident(`pp_stage_${def.name}`);
  // Integers are staged as DOUBLE (exact below 2^53) and cast back: a BIGINT takes a JS BigInt
  // per value on the way in.
  const stagedType = (col: ColumnDef, i: number) =>
    dictionaries[i] ? 'INTEGER' : col.type === 'INT64' ? 'DOUBLE' : DUCK_TYPES[col.type];
  const staged = def.columns.map((col, i) => `${ident(col.name)} ${stagedType(col, i)}`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${stage} (${staged.join(', ')})`);
  try {
    const converters = def.columns.map((col, i) => {
      const dictionary = dictionaries[i];
      if (dictionary) return codeConverter(col, dictionary.codes);
      return col.type === 'INT64' ? stagedIntegerConverter(col) : columnConverter(col);
    });
    await appendChunks(
      c,
      { table: `pp_stage_${def.name}`, schema: 'main', catalog: 'temp' },
      converters,
      rows,
    );
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    const select = def.columns.map((col, i) => {
      const dictionary = dictionaries[i];
      if (!dictionary) return col.type === 'INT64' ? `CAST(${ident(col.name)} AS BIGINT)` : ident(col.name);
      values[`d${i}`] = listValue(dictionary.values);
      types[`d${i}`] = LIST(VARCHAR);
      return `list_extract($d${i}, ${ident(col.name)})`;
    });
    await c.run(
      `INSERT INTO ${ident(schema)}.${ident(def.name)} (${def.columns.map((col) => ident(col.name)).join(', ')})
       SELECT ${select.join(', ')} FROM temp.main.${stage}`,
      values,
      types,
    );
  } finally {
    await c.run(`DROP TABLE IF EXISTS temp.main.${stage}`);
  }
}

/** Below this many rows a batch is appended as is: staging costs more than it saves. */
const STAGE_MIN_ROWS = 4096;

/**
 * A column's distinct values and their 1-based codes, or null when it has too many to be worth
 * it (ids unique per row, like order or touchpoint ids).
 */
function dictionaryOf(
  rows: readonly WarehouseRow[],
  name: string,
): { codes: Map<string, number>; values: string[] } | null {
  const limit = Math.max(256, rows.length >> 4);
  const codes = new Map<string, number>();
  const values: string[] = [];
  for (const row of rows) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    const text = typeof v === 'string' ? v : String(v);
    if (codes.has(text)) continue;
    if (values.length >= limit) return null;
    values.push(text);
    codes.set(text, values.length);
  }
  return { codes, values };
}

/** A column's value in a row: null when absent, an error when the column is required. */
function present(col: ColumnDef): (row: WarehouseRow) => Exclude<WarehouseRow[string], null> | null {
  const name = col.name;
  const required = col.required === true;
  return (row) => {
    const v = row[name];
    if (v !== null && v !== undefined) return v;
    if (required) throw new ValidationError(`column ${name} is required`);
    return null;
  };
}

/** An INT64 value for a DOUBLE staging column: an integer, exactly representable. */
function stagedIntegerConverter(col: ColumnDef): (row: WarehouseRow) => DuckDBValue {
  const value = present(col);
  return (row) => {
    const v = value(row);
    if (v === null) return null;
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n))
      throw new ValidationError(`column ${col.name}: not an integer within ±2^53: ${String(v)}`);
    return n;
  };
}

function codeConverter(col: ColumnDef, codes: Map<string, number>): (row: WarehouseRow) => DuckDBValue {
  const value = present(col);
  return (row) => {
    const v = value(row);
    return v === null ? null : codes.get(typeof v === 'string' ? v : String(v))!;
  };
}

async function appendChunks(
  c: DuckDBConnection,
  target: { table: string; schema: string; catalog?: string },
  converters: ReadonlyArray<(row: WarehouseRow) => DuckDBValue>,
  rows: readonly WarehouseRow[],
): Promise<void> {
  const appender = await c.createAppender(target.table, target.schema, target.catalog);
  const types = converters.map((_, i) => appender.columnType(i));
  const size = 2048;
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(rows.length, start + size);
    const chunk = DuckDBDataChunk.create(types, end - start);
    for (let col = 0; col < converters.length; col++) {
      const convert = converters[col]!;
      const values: DuckDBValue[] = new Array(end - start);
      for (let r = start; r < end; r++) values[r - start] = convert(rows[r]!);
      chunk.setColumnValues(col, values);
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

function columnConverter(col: ColumnDef): (row: WarehouseRow) => DuckDBValue {
  const name = col.name;
  const required = col.required === true;
  const missing = () => {
    if (required) throw new ValidationError(`column ${name} is required`);
    return null;
  };
  switch (col.type) {
    case 'DATE': {
      // Dates repeat across rows: parse each distinct one once.
      const days = new Map<string, DuckDBValue>();
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        const key = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        const known = days.get(key);
        if (known !== undefined) return known;
        const ms = Date.parse(`${key}T00:00:00Z`);
        if (Number.isNaN(ms)) throw new ValidationError(`column ${name}: not a date: ${key}`);
        const value = dateValue(Math.round(ms / 86_400_000));
        days.set(key, value);
        return value;
      };
    }
    case 'TIMESTAMP':
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        const ms = v instanceof Date ? v.getTime() : Date.parse(String(v));
        if (Number.isNaN(ms)) throw new ValidationError(`column ${name}: not a timestamp: ${String(v)}`);
        return timestampValue(BigInt(ms) * 1000n);
      };
    case 'INT64':
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        if (typeof v === 'bigint') return v;
        if (typeof v !== 'number' || !Number.isInteger(v))
          throw new ValidationError(`column ${name}: not an integer: ${String(v)}`);
        return BigInt(v);
      };
    case 'FLOAT64':
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        if (typeof v !== 'number') throw new ValidationError(`column ${name}: not a number: ${String(v)}`);
        return v;
      };
    case 'BOOL':
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        return Boolean(v);
      };
    default:
      return (row) => {
        const v = row[name];
        if (v === null || v === undefined) return missing();
        return String(v);
      };
  }
}
