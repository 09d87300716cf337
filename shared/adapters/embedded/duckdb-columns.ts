import { endianness } from 'node:os';
import { type DuckDBDataChunk, DuckDBTypeId } from '@duckdb/node-api';
import duckdb, { type Vector } from '@duckdb/node-bindings';

/**
 * Reading result columns straight from DuckDB's vector memory (decision 978), the read-side twin
 * of duckdb-append.ts: a column's values and validity mask are taken once per chunk as bytes and
 * walked here, instead of through the client's `getItem` per value (a validity call, a DataView,
 * a per-vector item cache and, per string, a fresh view to decode). The values are the ones
 * `valueReader` in duckdb-sql.ts gives for the same types; other types go through it.
 */

/** Rows [from, to) of a numeric column into `values` from `at` on, a NULL's batch position into `nulls`. */
export type NumericReader = (
  chunk: DuckDBDataChunk,
  col: number,
  from: number,
  to: number,
  values: Float64Array,
  at: number,
  nulls: number[],
) => void;
/** Rows [from, to) of any other column pushed onto `list` (NULL as null). */
export type ListReader = (
  chunk: DuckDBDataChunk,
  col: number,
  from: number,
  to: number,
  list: unknown[],
) => void;

// Vector memory is read as little-endian 32- and 64-bit entries (as duckdb-append.ts writes it).
if (endianness() !== 'LE') throw new Error('duckdb-columns reads little-endian vector memory');

const STRING_T = 16;
const INLINE = 12;
const decoder = new TextDecoder();

function vectorOf(chunk: DuckDBDataChunk, col: number): Vector {
  return duckdb.data_chunk_get_vector(chunk.chunk, col);
}
/** DuckDB's validity mask (bit r of little-endian 64-bit words), or null when every row is valid. */
function maskOf(vector: Vector, count: number): Uint8Array | null {
  return (duckdb.vector_get_validity(vector, Math.ceil(count / 64) * 8) as Uint8Array | null) ?? null;
}
const valid = (mask: Uint8Array | null, r: number) => mask === null || (mask[r >> 3]! & (1 << (r & 7))) !== 0;

/** `count` entries of `width` bytes, copied when DuckDB's buffer is not aligned for a typed view. */
function entries(
  vector: Vector,
  count: number,
  width: number,
): { buffer: ArrayBufferLike; byteOffset: number } {
  const data = duckdb.vector_get_data(vector, count * width);
  if (data.byteOffset % 8 === 0) return { buffer: data.buffer, byteOffset: data.byteOffset };
  return { buffer: data.slice().buffer, byteOffset: 0 };
}

/** A reader for a column whose entries are numbers of `width` bytes, seen through `view`. */
function fixedWidth(
  width: number,
  view: (buffer: ArrayBufferLike, byteOffset: number, count: number) => ArrayLike<number>,
): NumericReader {
  return (chunk, col, from, to, values, at, nulls) => {
    const vector = vectorOf(chunk, col);
    const mask = maskOf(vector, chunk.rowCount);
    const e = entries(vector, chunk.rowCount, width);
    const data = view(e.buffer, e.byteOffset, chunk.rowCount);
    for (let r = from; r < to; r++, at++)
      if (valid(mask, r)) values[at] = data[r]!;
      else nulls.push(at);
  };
}

/** A reader for a numeric column of `typeId`, or undefined when the client reads it. */
export function numericReader(typeId: DuckDBTypeId): NumericReader | undefined {
  switch (typeId) {
    case DuckDBTypeId.DOUBLE:
      return fixedWidth(8, (buffer, byteOffset, count) => new Float64Array(buffer, byteOffset, count));
    case DuckDBTypeId.INTEGER:
      return fixedWidth(4, (buffer, byteOffset, count) => new Int32Array(buffer, byteOffset, count));
    case DuckDBTypeId.BIGINT:
      // Two 32-bit halves: hi × 2^32 + lo is exact below 2^53 and past it rounded once to the
      // nearest double, as Number(bigint) rounds.
      return (chunk, col, from, to, values, at, nulls) => {
        const vector = vectorOf(chunk, col);
        const mask = maskOf(vector, chunk.rowCount);
        const e = entries(vector, chunk.rowCount, 8);
        const halves = new Int32Array(e.buffer, e.byteOffset, chunk.rowCount * 2);
        for (let r = from; r < to; r++, at++)
          if (valid(mask, r)) values[at] = halves[2 * r + 1]! * 4_294_967_296 + (halves[2 * r]! >>> 0);
          else nulls.push(at);
      };
    default:
      return undefined;
  }
}

/**
 * A reader for a boolean, date or string column, or undefined when the client reads it. `intern`
 * is `valueReader`'s interning of a string column, applied to every string as before.
 */
export function listReader(typeId: DuckDBTypeId, intern: (v: string) => unknown): ListReader | undefined {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return (chunk, col, from, to, list) => {
        const vector = vectorOf(chunk, col);
        const mask = maskOf(vector, chunk.rowCount);
        const data = duckdb.vector_get_data(vector, chunk.rowCount);
        for (let r = from; r < to; r++) list.push(valid(mask, r) ? data[r] !== 0 : null);
      };
    case DuckDBTypeId.DATE: {
      const days = new Map<number, string>();
      return (chunk, col, from, to, list) => {
        const vector = vectorOf(chunk, col);
        const mask = maskOf(vector, chunk.rowCount);
        const e = entries(vector, chunk.rowCount, 4);
        const data = new Int32Array(e.buffer, e.byteOffset, chunk.rowCount);
        for (let r = from; r < to; r++) {
          if (!valid(mask, r)) {
            list.push(null);
            continue;
          }
          const d = data[r]!;
          let text = days.get(d);
          if (text === undefined) {
            text = new Date(d * 86_400_000).toISOString().slice(0, 10);
            days.set(d, text);
          }
          list.push(text);
        }
      };
    }
    case DuckDBTypeId.VARCHAR:
      // A string_t is 16 bytes: its length, then the bytes themselves when at most 12, else a
      // 4-byte prefix and a pointer into the vector's string heap.
      return (chunk, col, from, to, list) => {
        const vector = vectorOf(chunk, col);
        const mask = maskOf(vector, chunk.rowCount);
        const data = duckdb.vector_get_data(vector, chunk.rowCount * STRING_T);
        const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        for (let r = from; r < to; r++) {
          if (!valid(mask, r)) {
            list.push(null);
            continue;
          }
          const o = r * STRING_T;
          const length = bytes.readUInt32LE(o);
          list.push(
            intern(
              length > INLINE
                ? decoder.decode(
                    duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + o + 8, length),
                  )
                : startsWithBom(bytes, o + 4, length)
                  ? decoder.decode(data.subarray(o + 4, o + 4 + length))
                  : bytes.toString('utf8', o + 4, o + 4 + length),
            ),
          );
        }
      };
    default:
      return undefined;
  }
}

/** The client decodes with a TextDecoder, which drops a leading byte-order mark; Buffer keeps it. */
const startsWithBom = (b: Buffer, at: number, length: number) =>
  length >= 3 && b[at] === 0xef && b[at + 1] === 0xbb && b[at + 2] === 0xbf;
