/**
 * Column batches for writes built from a table's definition (decision 1007): one column per
 * `ColumnDef`, typed by its `ColumnType` and requiredness, so a writer declares no column list of
 * its own and cannot leave one out, misspell one or give it the wrong kind of value.
 */
import type { WarehouseColumnBatch, WarehouseValue } from './warehouse';
import type { ColumnDef, ColumnsOf, TableDef, ValueOf } from './warehouse-tables';

/**
 * A number column without NULL (a required INT64 or FLOAT64): a `Float64Array` grown by doubling
 * from `capacity`, handed over as a view of its filled part, which the warehouse copies into its
 * own memory in one go (decision 985).
 */
export class NumberColumn {
  private values: Float64Array;
  length = 0;
  constructor(private readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
  take(): Float64Array {
    const filled = this.values.subarray(0, this.length);
    this.values = new Float64Array(this.capacity);
    this.length = 0;
    return filled;
  }
}

/**
 * The builder column for one column definition: a `NumberColumn`, or a plain array for anything
 * else (strings, dates, timestamps, booleans, numbers that may be NULL), emptied in place by
 * `take` so a writer can hold it across batches.
 */
export type BuilderColumn<C> = C extends { type: 'INT64' | 'FLOAT64'; required: true }
  ? NumberColumn
  : C extends { type: infer T extends ColumnDef['type']; required: true }
    ? Array<ValueOf<T>>
    : C extends { type: infer T extends ColumnDef['type'] }
      ? Array<ValueOf<T> | null>
      : never;

/** Every column of a table definition by name, less the ones given one value for the whole batch. */
export type BatchColumns<D, Fixed extends PropertyKey = never> = {
  readonly [C in ColumnsOf<D> as C extends { name: infer N extends string }
    ? Exclude<N, Fixed>
    : never]: BuilderColumn<C>;
};

type NameOf<D> = ColumnsOf<D> extends { name: infer N extends string } ? N : never;

/**
 * A batch builder for table `def`: `columns` has a `BuilderColumn` per column of the definition
 * except those in `fixed`, which hold one value on every row (a brand id, a currency) and are
 * filled when the batch is taken. `take` hands over the rows pushed so far as a
 * `WarehouseColumnBatch` and starts the next batch in the same columns; it refuses a batch whose
 * columns were pushed to unequal lengths (a field forgotten on some row).
 */
export function columnBatchBuilder<
  D extends TableDef,
  const F extends Partial<Record<NameOf<D>, WarehouseValue>>,
>(def: D, fixed: F, capacity = 1024) {
  const fixedNames = Object.keys(fixed);
  const filled: Array<[string, NumberColumn | WarehouseValue[]]> = [];
  const columns: Record<string, NumberColumn | WarehouseValue[]> = {};
  for (const c of def.columns) {
    if (fixedNames.includes(c.name)) continue;
    // Arrays pushed, not preallocated: `new Array(n)` past 100,000 elements is a slow dictionary
    // (decision 964).
    const column =
      c.required && (c.type === 'INT64' || c.type === 'FLOAT64') ? new NumberColumn(capacity) : [];
    columns[c.name] = column;
    filled.push([c.name, column]);
  }
  for (const name of fixedNames)
    if (!def.columns.some((c) => c.name === name)) throw new Error(`${def.name} has no column ${name}`);
  if (filled.length === 0) throw new Error(`a ${def.name} batch needs at least one column that is not fixed`);
  const first = filled[0]![1];
  return {
    /**
     * The columns by name, to be taken into locals once per batch or writer: the object has a
     * property per column, added by name, which V8 keeps as a slow dictionary.
     */
    columns: columns as unknown as BatchColumns<D, keyof F>,
    /** Rows pushed since the last `take` (as many as the first column holds). */
    get length(): number {
      return first.length;
    },
    take(): WarehouseColumnBatch {
      const rowCount = first.length;
      const out: Record<string, Float64Array | WarehouseValue[]> = {};
      for (const [name, column] of filled) {
        if (column.length !== rowCount)
          throw new Error(
            `${def.name} batch: column ${name} holds ${column.length} values for ${rowCount} rows`,
          );
        // An array column is handed over as a copy and emptied in place, so a writer's reference
        // to it stays good for the next batch.
        out[name] = column instanceof NumberColumn ? column.take() : column.splice(0);
      }
      for (const name of fixedNames) {
        const v = fixed[name as keyof F] as WarehouseValue;
        const values: WarehouseValue[] = [];
        for (let i = 0; i < rowCount; i++) values.push(v);
        out[name] = values;
      }
      return { rowCount, columns: out };
    },
  };
}
