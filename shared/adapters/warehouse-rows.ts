import { ValidationError } from '../errors';
import type { ReplaceRange, WarehouseRow } from '../ports/warehouse';
import type { ColumnDef, TableDef } from '../ports/warehouse-tables';

/** Checks shared by every Warehouse adapter, so both backends refuse the same writes. */
export function columnOf(def: TableDef, name: string): ColumnDef {
  const c = def.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`table ${def.name} has no column ${name}`);
  return c;
}

/** Rows that would land outside what a replaceRange replaces would survive the next re-run. */
export function assertRowsInRange(def: TableDef, range: ReplaceRange, rows: readonly WarehouseRow[]): void {
  const match = Object.entries(range.match ?? {});
  for (const row of rows) {
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
