import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse, type DuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { systemContext } from '../domain/tenancy';
import type { WarehouseColumns } from './warehouse';
import { columnsOfRows, readColumns } from './warehouse-columns';

const ctx = systemContext('t_cols', 'test');
const scope = { ctx, brandId: 'b1' };
/** Rows past DuckDB's 2,048-row chunks and the column builder's first 16,384-row buffer. */
const MANY = `SELECT CAST(i AS INTEGER) AS n, CAST(i AS FLOAT64) / 8 AS x,
    CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i * 3 AS BIGINT) END AS maybe,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || CAST(i % 50 AS VARCHAR) END AS s,
    'id-' || CAST(i AS VARCHAR) AS id, i % 2 = 0 AS even, @brand AS brand
  FROM range(40000) t(i) ORDER BY i`;

const all = async (w: DuckdbWarehouse, sql: string, batchRows: number) => {
  const out: WarehouseColumns[] = [];
  for await (const b of w.queryColumns(ctx, sql, { brand: 'b1' }, batchRows)) out.push(b);
  return out;
};

describe('reading a result as columns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-cols-'));
  let w: DuckdbWarehouse;
  beforeAll(async () => {
    w = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
  });
  afterAll(async () => {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives what the rows give, across engine chunks and batches, as a row-based warehouse builds it', async () => {
    const rows = await w.query(ctx, MANY, { brand: 'b1' });
    const [whole, ...rest] = await all(w, MANY, 1_000_000);
    expect(rest).toEqual([]);
    // The BigQuery adapter builds its columns from rows with columnsOfRows: the same columns.
    expect(whole).toEqual(columnsOfRows(rows));
    expect(whole!.n).toBeInstanceOf(Float64Array);
    expect(whole!.maybe!.slice(0, 8)).toEqual([null, 3, 6, 9, 12, 15, 18, null]);
    const batches = await all(w, MANY, 5_000);
    expect(batches.map((b) => b.n!.length)).toEqual(Array(8).fill(5_000));
    expect(batches.flatMap((b) => Array.from(b.id!))).toEqual(rows.map((r) => r.id));
    expect(batches.flatMap((b) => Array.from(b.maybe!))).toEqual(rows.map((r) => r.maybe));
  });

  it('joins the batches into the columns a read expects, checked', async () => {
    const spec = { n: 'number', maybe: 'number?', s: 'string?', id: 'string', even: 'boolean' } as const;
    const read = await readColumns(w, scope, spec, MANY, {});
    expect(read.length).toBe(40_000);
    expect(read.columns.n[39_999]).toBe(39_999);
    expect(read.columns.s[5]).toBeNull();
    expect(read.columns.even[3]).toBe(false);
    const split = {
      async *queryColumns() {
        yield { n: new Float64Array([1, 2]), s: ['a', null] };
        yield { n: new Float64Array([3]), s: ['c'] };
      },
    };
    const joined = await readColumns(split, scope, { n: 'number', s: 'string?' }, '', {});
    expect(joined).toEqual({ length: 3, columns: { n: new Float64Array([1, 2, 3]), s: ['a', null, 'c'] } });
    const empty = await readColumns(w, scope, spec, `${MANY} LIMIT 0`, {});
    expect(empty).toEqual({
      length: 0,
      columns: { n: new Float64Array(0), maybe: [], s: [], id: [], even: [] },
    });
  });

  it('refuses a missing column, a NULL where a number must be, and a value of another kind', async () => {
    await expect(readColumns(w, scope, { gone: 'string' }, MANY, {})).rejects.toThrow('no column gone');
    await expect(readColumns(w, scope, { maybe: 'number' }, MANY, {})).rejects.toThrow(
      'column maybe is not all numbers',
    );
    await expect(readColumns(w, scope, { id: 'number?' }, MANY, {})).rejects.toThrow(
      'column id starts with string, not number?',
    );
    await expect(readColumns(w, scope, { n: 'string' }, MANY, {})).rejects.toThrow(
      'column n holds numbers, not string',
    );
  });
});
