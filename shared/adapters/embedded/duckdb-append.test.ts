import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { anAdRow } from '../../../test/conformance/warehouse.suite';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { TENANT_TABLES } from '../../ports/warehouse-tables';
import { append } from './duckdb-append';
import { createTableSql } from './duckdb-sql';
import { createDuckdbWarehouse } from './duckdb-warehouse';

const ctx = systemContext('t_append', 'test');
const dir = mkdtempSync(join(tmpdir(), 'pp-append-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('appending to an embedded table', () => {
  it('refuses a table whose column has another type than its definition, rather than misreading memory', async () => {
    const w = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
    try {
      await w.ensureTenant(ctx);
      await w.query(ctx, 'ALTER TABLE {{ad_performance}} ALTER spend_minor TYPE INTEGER');
      const range = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-01-01') };
      await expect(w.replaceRange(ctx, 'ad_performance', range, [anAdRow('2026-01-01')])).rejects.toThrow(
        /spend_minor is INTEGER, not INT64/,
      );
      expect(await w.query(ctx, 'SELECT COUNT(*) AS n FROM {{ad_performance}}')).toEqual([{ n: 0 }]);
    } finally {
      await w.close();
    }
  });

  it('leaves nothing behind when a batch fails part-way, even once the appender is garbage-collected', async () => {
    // The appender buffers whole chunks; one dropped unflushed is flushed by its destructor on
    // collection, in a transaction of its own if the caller's has ended (decision 1000).
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      const def = TENANT_TABLES.ad_performance;
      await c.run('CREATE SCHEMA s');
      await c.run(createTableSql('s', def));
      // Four whole chunks of good rows, then a row without its platform.
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        anAdRow('2026-01-01', i === 9_999 ? { platform: null } : { spend_minor: i }),
      );
      await expect(append(c, 's', def, rows)).rejects.toThrow(/platform/);
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      const n = await c.runAndReadAll(`SELECT COUNT(*)::INTEGER FROM s.${def.name}`);
      expect(n.getRows()).toEqual([[0]]);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});
