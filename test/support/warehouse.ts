import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import type { TenantContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import type { TenantTable } from '../../shared/ports/warehouse-tables';

/** A DuckDB warehouse in a temp dir, and a helper to load rows of one brand into a table. */
export async function createTestWarehouse() {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const warehouse = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
  return {
    warehouse,
    async load(ctx: TenantContext, table: TenantTable, brandId: string, rows: WarehouseRow[]) {
      const dates = rows.map((r) => String(r.date)).sort();
      await warehouse.replaceRange(
        ctx,
        table,
        { brandId, from: localDate(dates[0] ?? '2000-01-01'), to: localDate(dates.at(-1) ?? '2000-01-01') },
        rows,
      );
    },
    async close() {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
