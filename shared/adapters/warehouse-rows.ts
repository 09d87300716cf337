import { ValidationError } from '../kernel/errors';
import type { ReplaceRange, WarehouseBatch } from '../ports/warehouse';
import { isColumnBatch } from '../ports/warehouse-columns';
import type { ColumnDef, ColumnFill, TableDef } from '../ports/warehouse-tables';

/** Checks shared by every Warehouse adapter, so both backends refuse the same writes. */
export function columnOf(def: TableDef, name: string): ColumnDef {
  const c = def.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`table ${def.name} has no column ${name}`);
  return c;
}

/** Rows that would land outside what a replaceRange replaces would survive the next re-run. */
export function assertRowsInRange(def: TableDef, range: ReplaceRange, batch: WarehouseBatch): void {
  const match = Object.entries(range.match ?? {});
  if (isColumnBatch(batch)) {
    // The same checks on the columns, value by value, without making the rows.
    const brands = batch.columns.brand_id ?? [];
    const dates = batch.columns[def.partitionBy] ?? [];
    for (let r = 0; r < batch.rowCount; r++) {
      const d = String(dates[r] ?? '');
      if (brands[r] !== range.brandId || d < range.from || d > range.to)
        throw new ValidationError(
          `row outside the replaced range: brand ${String(brands[r])}, ${def.partitionBy} ${d}`,
        );
    }
    for (const [col, v] of match) {
      const values = batch.columns[col] ?? [];
      for (let r = 0; r < batch.rowCount; r++)
        if (values[r] !== v)
          throw new ValidationError(`row outside the replaced range: ${col}=${String(values[r])}`);
    }
    return;
  }
  for (const row of batch) {
    const d = String(row[def.partitionBy] ?? '');
    if (row.brand_id !== range.brandId || d < range.from || d > range.to)
      throw new ValidationError(
        `row outside the replaced range: brand ${String(row.brand_id)}, ${def.partitionBy} ${d}`,
      );
    for (const [col, v] of match)
      if (row[col] !== v)
        throw new ValidationError(`row outside the replaced range: ${col}=${String(row[col])}`);
  }
}

export interface ExistingColumn {
  readonly name: string;
  readonly required: boolean;
}
export type SchemaPlan =
  | { readonly kind: 'current' }
  | { readonly kind: 'add'; readonly columns: readonly ColumnDef[] }
  | { readonly kind: 'recreate'; readonly removed: readonly string[] };

/**
 * How a table made by an earlier version is brought up to its definition. New columns are added,
 * nullable (a table with rows cannot take a required one; writes still check required values). A
 * derived table that lost columns is dropped and made again: the next attribution pass refills it.
 * A source table keeps a column it no longer gets unless that column is required, which would
 * refuse every new row: that is an error naming it, for a person to migrate.
 */
export function schemaPlan(def: TableDef, existing: readonly ExistingColumn[]): SchemaPlan {
  const wanted = new Set(def.columns.map((c) => c.name));
  const removed = existing.filter((c) => !wanted.has(c.name));
  if (removed.length > 0 && def.derived) return { kind: 'recreate', removed: removed.map((c) => c.name) };
  const stuck = removed.filter((c) => c.required);
  if (stuck.length > 0)
    throw new ValidationError(
      `warehouse table ${def.name} has required column(s) ${stuck.map((c) => c.name).join(', ')} that this version no longer writes; migrate the table before upgrading`,
    );
  const have = new Set(existing.map((c) => c.name));
  const add = def.columns.filter((c) => !have.has(c.name));
  return add.length > 0 ? { kind: 'add', columns: add } : { kind: 'current' };
}

/**
 * The statement that fills a copied column (ColumnFill) where it is NULL and the row it copies is
 * there, in the UPDATE … FROM both engines take: `target` and `source` are the adapter's table
 * names, `brand` its parameter for one brand (null: every brand, as when the column is added).
 */
export function fillStatement(
  fill: ColumnFill,
  target: string,
  source: string,
  brand: string | null,
): string {
  return `UPDATE ${target} AS t SET ${fill.column} = src.${fill.value} FROM ${source} AS src
    WHERE src.brand_id = t.brand_id AND src.${fill.key} = t.${fill.key} AND t.${fill.column} IS NULL${brand ? ` AND t.brand_id = ${brand}` : ''}`;
}

/** The fills of the columns a schema change adds: an added copy starts NULL on every old row. */
export const fillsOfAdded = (def: TableDef, plan: SchemaPlan): readonly ColumnFill[] =>
  plan.kind === 'add' ? (def.fills ?? []).filter((f) => plan.columns.some((c) => c.name === f.column)) : [];
