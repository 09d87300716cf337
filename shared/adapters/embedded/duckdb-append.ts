import { endianness } from 'node:os';
import { type DuckDBAppender, type DuckDBConnection, DuckDBDataChunk, DuckDBTypeId } from '@duckdb/node-api';
import duckdb, { type Vector } from '@duckdb/node-bindings';
import { ValidationError } from '../../kernel/errors';
import type { WarehouseBatch, WarehouseColumnBatch, WarehouseValue } from '../../ports/warehouse';
import { batchLength, isColumnBatch } from '../../ports/warehouse-columns';
import type { ColumnDef, TableDef } from '../../ports/warehouse-tables';

/**
 * Bulk writes into DuckDB: rows appended straight to the table, a data chunk (DuckDB's vector
 * size) at a time, each column written into the vector's memory in DuckDB's own layout with one
 * copy per column (decision 967).
 *
 * Going through the client's vector objects cost a native call per string and a JS BigInt per
 * integer, which is why large batches used to be staged (strings as dictionary codes, integers as
 * DOUBLE) and put back with one `INSERT … SELECT` (decision 304). Here a string of at most 12
 * UTF-8 bytes is written inline into its 16-byte `string_t`; a longer one is handed to DuckDB
 * once per distinct value per chunk and its `string_t` (which points into the vector's own string
 * heap) copied to the rows that repeat it; an integer is written as two 32-bit halves.
 */
export async function append(
  c: DuckDBConnection,
  schema: string,
  def: TableDef,
  batch: WarehouseBatch,
): Promise<void> {
  const length = batchLength(batch);
  if (length === 0) return;
  const appender = await c.createAppender(def.name, schema);
  try {
    appendChunks(appender, schema, def, batch, length);
    appender.flushSync();
  } catch (err) {
    // Rows the appender holds would otherwise be flushed when it is garbage-collected, in a
    // transaction of their own if the caller's has been rolled back by then (decision 1000).
    appender.clear();
    appender.closeSync();
    throw err;
  }
  appender.closeSync();
}

function appendChunks(
  appender: DuckDBAppender,
  schema: string,
  def: TableDef,
  batch: WarehouseBatch,
  length: number,
): void {
  const types = def.columns.map((col, i) => {
    const type = appender.columnType(i);
    // The writers lay out memory for exactly these types: anything else would be misread.
    if (type.typeId !== VECTOR_TYPES[col.type])
      throw new Error(`${schema}.${def.name}.${col.name} is ${type.toString()}, not ${col.type}`);
    return type;
  });
  const writers = def.columns.map(columnWriter);
  const scratch = createScratch();
  // Rows are read into one reusable array per column a chunk at a time; a column batch's own
  // arrays are written from directly (a numeric one copied as it is; decision 985).
  const rows = isColumnBatch(batch) ? undefined : batch;
  const sources = rows
    ? def.columns.map(() => new Array<WarehouseValue>(CHUNK_ROWS).fill(null))
    : def.columns.map((col) => (batch as WarehouseColumnBatch).columns[col.name] ?? missing(col, length));
  for (let start = 0; start < length; start += CHUNK_ROWS) {
    const n = Math.min(length - start, CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, n);
    for (let col = 0; col < writers.length; col++) {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, col);
      scratch.validity.fill(ALL_VALID);
      scratch.nulls = false;
      const source = sources[col]!;
      if (rows) {
        const name = def.columns[col]!.name;
        const values = source as WarehouseValue[];
        for (let r = 0; r < n; r++) values[r] = rows[start + r]![name] ?? null;
        writers[col]!(vector, values, 0, n, scratch);
      } else {
        writers[col]!(vector, source, start, n, scratch);
      }
      if (scratch.nulls) {
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, scratch.validityBuffer, 0, Math.ceil(n / 64) * 8);
      }
    }
    appender.appendDataChunk(chunk);
  }
}

/**
 * A column a batch leaves out: NULL in every row (an empty array, read past its end, gives
 * `undefined`, which the writers take as NULL), or an error when the column is required.
 */
function missing(col: ColumnDef, length: number): readonly WarehouseValue[] {
  if (col.required && length > 0) throw new ValidationError(`column ${col.name} is required`);
  return [];
}

const VECTOR_TYPES: Record<ColumnDef['type'], DuckDBTypeId> = {
  STRING: DuckDBTypeId.VARCHAR,
  INT64: DuckDBTypeId.BIGINT,
  FLOAT64: DuckDBTypeId.DOUBLE,
  BOOL: DuckDBTypeId.BOOLEAN,
  DATE: DuckDBTypeId.DATE,
  TIMESTAMP: DuckDBTypeId.TIMESTAMP,
};

/** DuckDB's vector size: the rows of one data chunk. */
const CHUNK_ROWS = 2048;
const ALL_VALID = 0xffffffff;
/** `string_t`: a 4-byte length, then 12 bytes inline or a 4-byte prefix and a pointer. */
const STRING_BYTES = 16;
const INLINE_BYTES = 12;

// Integers are written as two 32-bit words and the validity mask as 32-bit words of DuckDB's
// 64-bit entries, which holds on a little-endian machine only.
if (endianness() !== 'LE') throw new Error('duckdb-append writes little-endian vector memory');

interface Scratch {
  readonly buffer: ArrayBuffer;
  readonly validityBuffer: ArrayBuffer;
  readonly bytes: Uint8Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  /** One bit per row, cleared for a null. */
  readonly validity: Uint32Array;
  nulls: boolean;
}

function createScratch(): Scratch {
  const buffer = new ArrayBuffer(CHUNK_ROWS * STRING_BYTES);
  const validityBuffer = new ArrayBuffer(CHUNK_ROWS / 8);
  return {
    buffer,
    validityBuffer,
    bytes: new Uint8Array(buffer),
    u32: new Uint32Array(buffer),
    i32: new Int32Array(buffer),
    f64: new Float64Array(buffer),
    i64: new BigInt64Array(buffer),
    validity: new Uint32Array(validityBuffer),
    nulls: false,
  };
}

function setNull(s: Scratch, r: number): void {
  s.validity[r >>> 5]! &= ~(1 << (r & 31));
  s.nulls = true;
}

/** A column's values, rows `at` to `at + n` of them, into the vector (NULL for `null` or `undefined`). */
type Writer = (vector: Vector, values: ColumnValues, at: number, n: number, s: Scratch) => void;
type ColumnValues = Float64Array | ArrayLike<WarehouseValue | undefined>;

/** A column's value: null when absent, an error when the column is required. */
function present(col: ColumnDef): (v: WarehouseValue | undefined) => Exclude<WarehouseValue, null> | null {
  const name = col.name;
  const required = col.required === true;
  return (v) => {
    if (v !== null && v !== undefined) return v;
    if (required) throw new ValidationError(`column ${name} is required`);
    return null;
  };
}

/** Copies the first `bytes` of the scratch buffer into the vector's data. */
function copyData(vector: Vector, s: Scratch, bytes: number): void {
  duckdb.copy_data_to_vector(vector, 0, s.buffer, 0, bytes);
}

const TWO_32 = 4294967296;
const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

/** An integer into row r's 8 bytes: two 32-bit halves when exact in a double, else a BigInt. */
function writeInt64(s: Scratch, r: number, v: number): void {
  if (Number.isSafeInteger(v)) {
    const hi = Math.floor(v / TWO_32);
    s.u32[2 * r] = v - hi * TWO_32;
    s.i32[2 * r + 1] = hi;
  } else {
    s.i64[r] = BigInt(v);
  }
}

function columnWriter(col: ColumnDef): Writer {
  const name = col.name;
  const value = present(col);
  switch (col.type) {
    case 'STRING':
      return stringWriter(value);
    case 'DATE': {
      // Dates repeat across rows: parse each distinct one once.
      const days = new Map<string, number>();
      return (vector, values, at, n, s) => {
        for (let r = 0; r < n; r++) {
          const v = value(values[at + r]);
          if (v === null) {
            setNull(s, r);
            continue;
          }
          const key = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
          let day = days.get(key);
          if (day === undefined) {
            const ms = Date.parse(`${key}T00:00:00Z`);
            if (Number.isNaN(ms)) throw new ValidationError(`column ${name}: not a date: ${key}`);
            day = Math.round(ms / 86_400_000);
            days.set(key, day);
          }
          s.i32[r] = day;
        }
        copyData(vector, s, n * 4);
      };
    }
    case 'TIMESTAMP':
      return (vector, values, at, n, s) => {
        for (let r = 0; r < n; r++) {
          const v = value(values[at + r]);
          if (v === null) {
            setNull(s, r);
            continue;
          }
          const ms = v instanceof Date ? v.getTime() : Date.parse(String(v));
          if (Number.isNaN(ms)) throw new ValidationError(`column ${name}: not a timestamp: ${String(v)}`);
          writeInt64(s, r, ms * 1000);
        }
        copyData(vector, s, n * 8);
      };
    case 'INT64':
      return (vector, values, at, n, s) => {
        if (values instanceof Float64Array) {
          // A numeric column: no NULL, no property read, each value checked and split in halves.
          for (let r = 0; r < n; r++) {
            const v = values[at + r]!;
            if (!(Number.isInteger(v) && v >= INT64_MIN && v < INT64_LIMIT))
              throw new ValidationError(`column ${name}: not an integer: ${String(v)}`);
            writeInt64(s, r, v);
          }
          copyData(vector, s, n * 8);
          return;
        }
        for (let r = 0; r < n; r++) {
          const v = value(values[at + r]);
          if (v === null) {
            setNull(s, r);
          } else if (typeof v === 'bigint') {
            if (v < -(2n ** 63n) || v >= 2n ** 63n)
              throw new ValidationError(`column ${name}: not a 64-bit integer: ${String(v)}`);
            s.i64[r] = v;
          } else if (typeof v === 'number' && Number.isInteger(v) && v >= INT64_MIN && v < INT64_LIMIT) {
            writeInt64(s, r, v);
          } else {
            throw new ValidationError(`column ${name}: not an integer: ${String(v)}`);
          }
        }
        copyData(vector, s, n * 8);
      };
    case 'FLOAT64':
      return (vector, values, at, n, s) => {
        if (values instanceof Float64Array) {
          // Already DuckDB's layout: copied into the vector as it is.
          duckdb.copy_data_to_vector(
            vector,
            0,
            values.buffer as ArrayBuffer,
            values.byteOffset + at * 8,
            n * 8,
          );
          return;
        }
        for (let r = 0; r < n; r++) {
          const v = value(values[at + r]);
          if (v === null) {
            setNull(s, r);
            continue;
          }
          if (typeof v !== 'number') throw new ValidationError(`column ${name}: not a number: ${String(v)}`);
          s.f64[r] = v;
        }
        copyData(vector, s, n * 8);
      };
    case 'BOOL':
      return (vector, values, at, n, s) => {
        for (let r = 0; r < n; r++) {
          const v = value(values[at + r]);
          if (v === null) setNull(s, r);
          s.bytes[r] = v ? 1 : 0;
        }
        copyData(vector, s, n);
      };
  }
}

const encoder = new TextEncoder();

/**
 * Writes s into the 16 bytes at offset o as an inline `string_t` (length, then the UTF-8 bytes,
 * zero-padded — DuckDB compares inline strings on all 16 bytes), or returns false when it takes
 * more than 12 bytes.
 */
function writeInline(text: string, bytes: Uint8Array, u32: Uint32Array, o: number): boolean {
  const length = text.length;
  if (length > INLINE_BYTES) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      const { read, written } = encoder.encodeInto(text, bytes.subarray(o + 4, o + STRING_BYTES));
      if (read < length) {
        bytes.fill(0, o + 4, o + STRING_BYTES);
        return false;
      }
      u32[o >>> 2] = written;
      return true;
    }
    bytes[o + 4 + i] = code;
  }
  u32[o >>> 2] = length;
  return true;
}

function stringWriter(
  value: (v: WarehouseValue | undefined) => Exclude<WarehouseValue, null> | null,
): Writer {
  return (vector, values, at, n, s) => {
    const { bytes, u32 } = s;
    bytes.fill(0, 0, n * STRING_BYTES);
    // Longer strings by value, with the rows that hold each: DuckDB copies each one once.
    let long: Map<string, number[]> | undefined;
    for (let r = 0; r < n; r++) {
      const v = value(values[at + r]);
      if (v === null) {
        setNull(s, r);
        continue;
      }
      const text = typeof v === 'string' ? v : String(v);
      if (writeInline(text, bytes, u32, r * STRING_BYTES)) continue;
      long ??= new Map();
      const holders = long.get(text);
      if (holders) holders.push(r);
      else long.set(text, [r]);
    }
    if (long) {
      for (const [text, holders] of long) duckdb.vector_assign_string_element(vector, holders[0]!, text);
      // Each `string_t` DuckDB made points into the vector's string heap, which lives as long as
      // the chunk: the rows repeating that string take a copy of the same 16 bytes.
      const data = duckdb.vector_get_data(vector, n * STRING_BYTES);
      for (const holders of long.values()) {
        const from = holders[0]! * STRING_BYTES;
        const made = data.subarray(from, from + STRING_BYTES);
        for (const r of holders) bytes.set(made, r * STRING_BYTES);
      }
    }
    copyData(vector, s, n * STRING_BYTES);
  };
}
