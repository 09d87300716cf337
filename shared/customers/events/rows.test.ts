import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../../adapters/embedded/duckdb-warehouse';
import { systemContext } from '../../domain/tenancy';
import { storedEventSchema } from './rows';

const ctx = systemContext('t_rows', 'test');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the events table across versions', () => {
  it('an embedded events table from before the device column gains it, and its rows read as unknown', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-rows-'));
    const file = join(dir, 'wh.duckdb');
    // An earlier version's table: every column but device, with one row in it.
    const old = await createDuckdbWarehouse(file);
    await old.ensureTenant(ctx);
    await old.query(ctx, 'ALTER TABLE {{events}} DROP COLUMN device', {});
    await old.query(
      ctx,
      `INSERT INTO {{events}} (brand_id, event_id, type, source, occurred_at, received_at, day, identifiers)
       VALUES ('b', 'old-1', 'page_viewed', 'pixel', TIMESTAMP '2026-11-01 10:00:00', TIMESTAMP '2026-11-01 10:00:00', DATE '2026-11-01', '[]')`,
      {},
    );
    await old.close();

    const upgraded = await createDuckdbWarehouse(file);
    try {
      await upgraded.ensureTenant(ctx);
      const rows = await upgraded.query(ctx, 'SELECT * FROM {{events}}', {});
      expect(rows).toHaveLength(1);
      expect(rows[0]!.device).toBeNull();
      expect(storedEventSchema.parse(rows[0]).device).toBe('unknown');
    } finally {
      await upgraded.close();
    }
  });
});
