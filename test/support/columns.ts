import type { ColumnRead, ColumnSpec } from '../../shared/ports/warehouse-columns';

type Row = Record<string, unknown>;

type ValueOf<K> = K extends 'number'
  ? number
  : K extends 'number?'
    ? number | null
    : K extends 'string'
      ? string
      : K extends 'string?'
        ? string | null
        : boolean;
/** One row of a column read of `spec`, written out as an object. */
export type RowOf<S extends ColumnSpec> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Rows as the column read of `spec` that `readColumns` would give for them, for tests of its readers. */
export function columnsFrom<S extends ColumnSpec>(spec: S, rows: readonly Row[]): ColumnRead<S> {
  const columns: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const values = rows.map((r) => (r[name] === undefined ? null : r[name]));
    columns[name] = kind === 'number' ? Float64Array.from(values as number[]) : values;
  }
  return { length: rows.length, columns: columns as ColumnRead<S>['columns'] };
}

/** A column read back as rows, for assertions. */
export function rowsOf<S extends ColumnSpec>(read: ColumnRead<S>): Array<Record<keyof S, unknown>> {
  const names = Object.keys(read.columns) as Array<keyof S>;
  return Array.from(
    { length: read.length },
    (_, i) => Object.fromEntries(names.map((n) => [n, read.columns[n][i]])) as Record<keyof S, unknown>,
  );
}
