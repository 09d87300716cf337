import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anAdRow } from '../../../test/conformance/warehouse.suite';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
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
});
