import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../domain/tenancy';
import type { WarehouseColumns } from '../../ports/warehouse';
import { columnsOfRows } from '../../ports/warehouse-columns';
import { createDuckdbWarehouse, type DuckdbWarehouse } from './duckdb-warehouse';

const ctx = systemContext('t_raw', 'test');

/**
 * Every type the columns are read raw (decision 978) with NULLs in between, across chunks: strings
 * either side of 12 UTF-8 bytes with multi-byte characters and a leading byte-order mark (which
 * the client's decoder drops), integers past 2^53 both ways, days before 1970, booleans.
 */
const RAW = `SELECT
    CASE WHEN i % 9 = 0 THEN NULL ELSE CAST(i AS DOUBLE) / 7 - 300 END AS dbl,
    CASE WHEN i % 8 = 0 THEN NULL ELSE CAST(i AS INTEGER) * -3 END AS int32,
    CASE WHEN i % 7 = 0 THEN NULL
      ELSE (CAST(i AS BIGINT) - 2500) * CAST(3602879701896397 AS BIGINT) END AS int64,
    CASE WHEN i % 6 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
    CASE WHEN i % 5 = 0 THEN NULL ELSE CAST('1969-12-25' AS DATE) + CAST(i % 400 AS INTEGER) END AS day,
    CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN 'short' || CAST(i % 10 AS VARCHAR)
      WHEN 2 THEN 'exactly12byt' WHEN 3 THEN 'a longer string ' || CAST(i AS VARCHAR)
      WHEN 4 THEN chr(65279) || 'bom' || CAST(i % 4 AS VARCHAR) ELSE 'größe-ü-€-𝄞-' || CAST(i % 3 AS VARCHAR) END AS s
  FROM range(5000) t(i) ORDER BY i`;

describe('columns read straight from DuckDB vector memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-raw-'));
  let w: DuckdbWarehouse;
  beforeAll(async () => {
    w = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
  });
  afterAll(async () => {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are the values the client gives value by value, NULLs, long strings and 64-bit integers included', async () => {
    const rows = await w.query(ctx, RAW, {});
    const batches: WarehouseColumns[] = [];
    for await (const b of w.queryColumns(ctx, RAW, {}, 1_000_000)) batches.push(b);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(columnsOfRows(rows));
    const s = batches[0]!.s!;
    expect(s.slice(1, 6)).toEqual(['short1', 'exactly12byt', 'a longer string 3', 'bom0', 'größe-ü-€-𝄞-2']);
    expect(batches[0]!.int64![1]).toBe(Number(-2499n * 3602879701896397n));
    expect(batches[0]!.day!.slice(0, 2)).toEqual([null, '1969-12-26']);
  });
});
