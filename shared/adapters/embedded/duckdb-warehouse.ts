import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBDateValue,
  DuckDBInstance,
  type DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  dateValue,
  JSDuckDBValueConverter,
  LIST,
  listValue,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { TenantContext } from '../../domain/tenancy';
import { ValidationError } from '../../kernel/errors';
import { createMutex } from '../../kernel/util/mutex';
import type {
  ReplaceKeys,
  ReplaceRange,
  Warehouse,
  WarehouseParam,
  WarehouseRow,
} from '../../ports/warehouse';
import {
  type ColumnDef,
  OPS_DATASET,
  OPS_TABLES,
  type OpsTable,
  type TableDef,
  TENANT_TABLES,
  type TenantTable,
  tenantDatasetName,
} from '../../ports/warehouse-tables';
import { assertRowsInRange, columnOf, type ExistingColumn, schemaPlan } from '../warehouse-rows';

const DUCK_TYPES: Record<ColumnDef['type'], string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The embedded Warehouse: one DuckDB file, one schema per tenant (`pp_<tenant>`), `pp_ops` shared.
 * Writes are serialized by a mutex (DuckDB's optimistic concurrency would otherwise abort one of
 * two overlapping writers); reads run concurrently on their own connections.
 */
export async function createDuckdbWarehouse(filename: string): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(filename);
  const setup = await instance.connect();
  // BigQuery functions and type names the shared SQL subset uses, defined for DuckDB.
  await setup.run(
    `CREATE OR REPLACE MACRO safe_divide(a, b) AS CASE WHEN b = 0 OR b IS NULL THEN NULL ELSE a / b END`,
  );
  await setup.run(`CREATE OR REPLACE MACRO unix_millis(ts) AS epoch_ms(ts)`);
  await setup.run(`CREATE TYPE IF NOT EXISTS FLOAT64 AS DOUBLE`).catch(async () => {
    // Older DuckDB has no IF NOT EXISTS for types; the alias may already be there.
    await setup.run(`CREATE TYPE FLOAT64 AS DOUBLE`).catch(() => undefined);
  });
  await setup.run(`CREATE SCHEMA IF NOT EXISTS ${ident(OPS_DATASET)}`);
  for (const def of Object.values(OPS_TABLES)) await setup.run(createTableSql(OPS_DATASET, def));
  setup.closeSync();

  const writes = createMutex();
  const ensured = new Set<string>();
  let closed = false;

  async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    if (closed) throw new Error('warehouse is closed');
    const c = await instance.connect();
    try {
      return await fn(c);
    } finally {
      c.closeSync();
    }
  }

  async function ensureSchema(tenantId: string): Promise<string> {
    const schema = tenantDatasetName(tenantId);
    if (ensured.has(schema)) return schema;
    await writes.run(() =>
      withConnection(async (c) => {
        await c.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
        const existing = await c.runAndReadAll(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = $schema`,
          { schema },
        );
        const columnsOf = new Map<string, ExistingColumn[]>();
        for (const [table, name, nullable] of existing.getRows() as Array<[string, string, string]>) {
          const list = columnsOf.get(table) ?? [];
          list.push({ name, required: nullable === 'NO' });
          columnsOf.set(table, list);
        }
        for (const def of Object.values(TENANT_TABLES)) {
          const have = columnsOf.get(def.name);
          if (!have) {
            await c.run(createTableSql(schema, def));
            continue;
          }
          const plan = schemaPlan(def, have);
          if (plan.kind === 'recreate') {
            await c.run(`DROP TABLE ${ident(schema)}.${ident(def.name)}`);
            await c.run(createTableSql(schema, def));
          } else if (plan.kind === 'add') {
            for (const col of plan.columns)
              await c.run(
                `ALTER TABLE ${ident(schema)}.${ident(def.name)} ADD COLUMN ${ident(col.name)} ${DUCK_TYPES[col.type]}`,
              );
          }
        }
      }),
    );
    ensured.add(schema);
    return schema;
  }

  async function transactional(fn: (c: DuckDBConnection) => Promise<void>): Promise<void> {
    await writes.run(() =>
      withConnection(async (c) => {
        await c.run('BEGIN TRANSACTION');
        try {
          await fn(c);
          await c.run('COMMIT');
        } catch (err) {
          await c.run('ROLLBACK');
          throw err;
        }
      }),
    );
  }

  return {
    async ensureTenant(ctx) {
      await ensureSchema(ctx.tenantId);
    },
    async query<T>(ctx: TenantContext, sql: string, params: Record<string, WarehouseParam> = {}) {
      const schema = await ensureSchema(ctx.tenantId);
      return runQuery<T>(withConnection, resolveTables(sql, schema, TENANT_TABLES), params);
    },
    async replaceRange(ctx, table, range: ReplaceRange, rows) {
      const schema = await ensureSchema(ctx.tenantId);
      const def = TENANT_TABLES[table];
      const match = Object.entries(range.match ?? {});
      for (const [col] of match) columnOf(def, col);
      await transactional(async (c) => {
        await c.run(
          `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand AND ${ident(def.partitionBy)} BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)${match
            .map(([col], i) => ` AND ${ident(col)} = $m${i}`)
            .join('')}`,
          {
            brand: range.brandId,
            from: range.from,
            to: range.to,
            ...Object.fromEntries(match.map(([, v], i) => [`m${i}`, v])),
          },
        );
        assertRowsInRange(def, range, rows);
        await append(c, schema, def, rows);
      });
    },
    async replaceKeys(ctx, table, keys: ReplaceKeys, rows) {
      const schema = await ensureSchema(ctx.tenantId);
      const def = TENANT_TABLES[table];
      columnOf(def, keys.keyColumn);
      await transactional(async (c) => {
        for (let i = 0; i < keys.keys.length; i += 10_000) {
          await c.run(
            `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand AND ${ident(keys.keyColumn)} IN (SELECT * FROM UNNEST($keys))`,
            { brand: keys.brandId, keys: listValue(keys.keys.slice(i, i + 10_000)) },
            { keys: LIST(VARCHAR) },
          );
        }
        await append(c, schema, def, rows);
      });
    },
    async deleteWhere(ctx, table: TenantTable, brandId, match) {
      const schema = await ensureSchema(ctx.tenantId);
      const def = TENANT_TABLES[table];
      const entries = Object.entries(match);
      for (const [col] of entries) columnOf(def, col);
      let deleted = 0;
      await transactional(async (c) => {
        const r = await c.run(
          `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand${entries.map(([col], i) => ` AND ${ident(col)} = $m${i}`).join('')}`,
          { brand: brandId, ...Object.fromEntries(entries.map(([, v], i) => [`m${i}`, v])) },
        );
        deleted = Number(r.rowsChanged);
      });
      return deleted;
    },
    async insertOps(table: OpsTable, rows) {
      await transactional((c) => append(c, OPS_DATASET, OPS_TABLES[table], rows));
    },
    async queryOps<T>(sql: string, params: Record<string, WarehouseParam> = {}) {
      return runQuery<T>(withConnection, resolveTables(sql, OPS_DATASET, OPS_TABLES), params);
    },
    async dropTenant(ctx) {
      const schema = tenantDatasetName(ctx.tenantId);
      await writes.run(() => withConnection((c) => c.run(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`)));
      ensured.delete(schema);
    },
    async close() {
      await writes.run(() => {
        closed = true;
        instance.closeSync();
      });
    },
  };
}

function createTableSql(schema: string, def: TableDef): string {
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

async function runQuery<T>(
  withConnection: <R>(fn: (c: DuckDBConnection) => Promise<R>) => Promise<R>,
  sql: string,
  params: Record<string, WarehouseParam>,
): Promise<T[]> {
  const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => {
    if (!Object.hasOwn(params, n)) throw new ValidationError(`query parameter @${n} has no value`);
    return `$${n}`;
  });
  const { values, types } = toParams(params);
  const used = Object.fromEntries(Object.entries(values).filter(([k]) => text.includes(`$${k}`)));
  const usedTypes = Object.fromEntries(Object.entries(types).filter(([k]) => k in used));
  return withConnection(async (c) => {
    const result = await c.run(text, used, usedTypes);
    const names = result.columnNames();
    const read = result.columnTypes().map(valueReader);
    const template: Record<string, null> = {};
    for (const name of names) template[name] = null;
    const rows: T[] = [];
    for (let k = 0; k < result.chunkCount; k++) {
      const chunk = result.getChunk(k);
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
    }
    return rows;
  });
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

/**
 * Appends rows column by column, a data chunk (DuckDB's vector size) at a time, with each value
 * already in DuckDB's own representation: per-value type dispatch was most of a bulk write's cost.
 *
 * A large batch whose string columns repeat a few values (brand, channel, campaign, region,
 * variant…) is dictionary-encoded on the way: those columns go into a temporary staging table as
 * integer codes and one `INSERT … SELECT` swaps the strings back in, inside DuckDB. Handing a
 * string to DuckDB costs a native call per value; a code is copied with its whole vector.
 */
async function append(
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
