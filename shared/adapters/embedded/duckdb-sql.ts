import {
  DOUBLE,
  type DuckDBConnection,
  type DuckDBDateValue,
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
import type { WarehouseParam } from '../../ports/warehouse';
import type { ColumnDef, TableDef } from '../../ports/warehouse-tables';

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

export async function runQuery<T>(
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
