import { ValidationError } from '../../kernel/errors';
import type { ReplaceKeys, ReplaceRange, WarehouseParam } from '../../ports/warehouse';
import type { TableDef } from '../../ports/warehouse-tables';
import { columnOf } from '../warehouse-rows';

/**
 * The SQL the BigQuery adapter sends, built as pure functions so the contract test and unit
 * tests can read it. Values only ever travel as named, typed query parameters; identifiers come
 * from the table definitions, never from callers.
 */
export interface TableRef {
  projectId: string;
  dataset: string;
  table: string;
}

export const quoteRef = (r: TableRef) => `\`${r.projectId}.${r.dataset}.${r.table}\``;
const ident = (name: string) => `\`${name}\``;

/** `{{orders}}` → `` `project.pp_t.orders` ``; an unknown table name is an error, not a guess. */
export function resolveBigQueryTables(
  sql: string,
  projectId: string,
  dataset: string,
  tables: Record<string, TableDef>,
): string {
  return sql.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(tables, name)) throw new ValidationError(`unknown warehouse table {{${name}}}`);
    return quoteRef({ projectId, dataset, table: name });
  });
}

export type BigQueryParamType =
  | 'STRING'
  | 'INT64'
  | 'FLOAT64'
  | 'BOOL'
  | ['STRING']
  | ['INT64']
  | ['FLOAT64'];

/**
 * BigQuery needs a type for a NULL or an empty array, and infers INT64 vs FLOAT64 from the JS
 * value; so every parameter gets an explicit type. A NULL is typed STRING (compare with
 * `CAST(@p AS ...)` when it stands for another type); an empty array is ARRAY<STRING>.
 */
export function paramTypes(params: Record<string, WarehouseParam>): Record<string, BigQueryParamType> {
  const scalar = (v: unknown): 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' => {
    if (typeof v === 'number') return Number.isInteger(v) ? 'INT64' : 'FLOAT64';
    if (typeof v === 'boolean') return 'BOOL';
    return 'STRING';
  };
  const types: Record<string, BigQueryParamType> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      const numbers = value.length > 0 && value.every((x) => typeof x === 'number');
      types[name] = numbers ? [value.every(Number.isInteger) ? 'INT64' : 'FLOAT64'] : ['STRING'];
    } else {
      types[name] = scalar(value);
    }
  }
  return types;
}

/** Rejects a query that mentions a parameter it was not given (BigQuery would, less clearly). */
export function assertParamsBound(sql: string, params: Record<string, WarehouseParam>): void {
  for (const [, name] of sql.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g))
    if (!Object.hasOwn(params, name!)) throw new ValidationError(`query parameter @${name} has no value`);
}

function matchClause(def: TableDef, match: Record<string, string>) {
  const entries = Object.entries(match);
  for (const [col] of entries) columnOf(def, col);
  return {
    sql: entries.map(([col], i) => ` AND ${ident(col)} = @m${i}`).join(''),
    params: Object.fromEntries(entries.map(([, v], i) => [`m${i}`, v])),
  };
}

const insertFromStage = (def: TableDef, target: TableRef, stage: TableRef) => {
  const cols = def.columns.map((c) => ident(c.name)).join(', ');
  return `INSERT INTO ${quoteRef(target)} (${cols}) SELECT ${cols} FROM ${quoteRef(stage)};`;
};

/**
 * DELETE of the range (with its partition filter, so BigQuery prunes to those days) and INSERT
 * of the staged rows, in one transaction: readers see the old range or the new one, never both
 * or neither. The stage table is dropped after the commit.
 */
export function replaceRangeScript(def: TableDef, target: TableRef, range: ReplaceRange, stage?: TableRef) {
  const m = matchClause(def, range.match ?? {});
  const del = `DELETE FROM ${quoteRef(target)} WHERE brand_id = @brand_id AND ${ident(def.partitionBy)} BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)${m.sql};`;
  return {
    sql: transaction([del, ...(stage ? [insertFromStage(def, target, stage)] : [])], stage),
    params: { brand_id: range.brandId, from: range.from, to: range.to, ...m.params },
  };
}

export function replaceKeysScript(def: TableDef, target: TableRef, keys: ReplaceKeys, stage?: TableRef) {
  columnOf(def, keys.keyColumn);
  const del = `DELETE FROM ${quoteRef(target)} WHERE brand_id = @brand_id AND ${ident(keys.keyColumn)} IN UNNEST(@keys);`;
  return {
    sql: transaction([del, ...(stage ? [insertFromStage(def, target, stage)] : [])], stage),
    params: { brand_id: keys.brandId, keys: [...keys.keys] },
  };
}

export function deleteWhereStatement(
  def: TableDef,
  target: TableRef,
  brandId: string,
  match: Record<string, string>,
) {
  const m = matchClause(def, match);
  return {
    sql: `DELETE FROM ${quoteRef(target)} WHERE brand_id = @brand_id${m.sql}`,
    params: { brand_id: brandId, ...m.params },
  };
}

function transaction(statements: string[], stage?: TableRef): string {
  const lines = ['BEGIN TRANSACTION;', ...statements, 'COMMIT TRANSACTION;'];
  // DDL is not allowed inside a transaction, so the stage goes after the commit.
  if (stage) lines.push(`DROP TABLE IF EXISTS ${quoteRef(stage)};`);
  return lines.join('\n');
}
