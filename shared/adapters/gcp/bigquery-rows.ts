import { ValidationError } from '../../kernel/errors';
import type { WarehouseBatch, WarehouseRow, WarehouseValue } from '../../ports/warehouse';
import { rowsOfBatch } from '../../ports/warehouse-columns';
import type { ColumnDef, TableDef } from '../../ports/warehouse-tables';

/** The BigQuery table resource for a definition: day partitions on its date, clustered by brand. */
export function tableResource(def: TableDef) {
  return {
    description: def.description,
    schema: {
      fields: def.columns.map((c) => ({
        name: c.name,
        type: c.type,
        mode: c.required ? 'REQUIRED' : 'NULLABLE',
        ...(c.pii ? { description: 'personal data' } : {}),
      })),
    },
    timePartitioning: { type: 'DAY', field: def.partitionBy },
    clustering: { fields: [...def.clusterBy] },
  };
}

/**
 * A write's batch as newline-delimited JSON for a load job ('' for no rows): a batch of columns
 * as the rows it stands for, each checked as `toJsonLine` checks a row.
 */
export function toJsonLines(def: TableDef, batch: WarehouseBatch): string {
  return rowsOfBatch(batch)
    .map((r) => toJsonLine(def, r))
    .join('\n');
}

/**
 * One row as a line of newline-delimited JSON for a load job, checked against the column types
 * (BigQuery would reject the whole load with a less useful message). INT64 travels as a string
 * so values beyond 2^53 survive.
 */
export function toJsonLine(def: TableDef, row: WarehouseRow): string {
  const out: Record<string, string | number | boolean> = {};
  for (const col of def.columns) {
    const v = row[col.name];
    if (v === null || v === undefined) {
      if (col.required) throw new ValidationError(`column ${col.name} is required`);
      continue;
    }
    out[col.name] = encode(col, v);
  }
  return JSON.stringify(out);
}

function encode(col: ColumnDef, v: WarehouseValue): string | number | boolean {
  const bad = (what: string) => new ValidationError(`column ${col.name}: not ${what}: ${String(v)}`);
  switch (col.type) {
    case 'DATE': {
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw bad('a date');
      return s;
    }
    case 'TIMESTAMP': {
      const d = v instanceof Date ? v : new Date(String(v));
      if (Number.isNaN(d.getTime())) throw bad('a timestamp');
      return d.toISOString();
    }
    case 'INT64':
      if (typeof v === 'bigint') return v.toString();
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad('an integer');
      return String(v);
    case 'FLOAT64':
      if (typeof v !== 'number') throw bad('a number');
      return v;
    case 'BOOL':
      return Boolean(v);
    default:
      return String(v);
  }
}

/**
 * Query results as the port promises them: plain JSON values. The client wraps DATE and
 * TIMESTAMP in objects holding `value`; integers arrive as numbers with `wrapIntegers: false`.
 */
export function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = normalizeValue(v);
  return out;
}

function normalizeValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalizeValue);
  if (typeof v === 'object') {
    const value = (v as { value?: unknown }).value;
    if (typeof value === 'string') return timestampIso(value);
    if (typeof (v as { toNumber?: unknown }).toNumber === 'function')
      return (v as { toNumber(): number }).toNumber();
    return normalizeRow(v as Record<string, unknown>);
  }
  return v;
}

/** BigQuery prints timestamps with microseconds; the port promises ISO-8601 with milliseconds. */
function timestampIso(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d/.test(value)) return value;
  const d = new Date(value.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
