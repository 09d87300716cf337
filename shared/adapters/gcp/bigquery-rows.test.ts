import { describe, expect, it } from 'vitest';
import type { WarehouseRow } from '../../ports/warehouse';
import { TENANT_TABLES } from '../../ports/warehouse-tables';
import { toJsonLine, toJsonLines } from './bigquery-rows';

const def = TENANT_TABLES.unified_performance;
const rows: WarehouseRow[] = [0, 1, 2].map((i) => ({
  brand_id: 'b1',
  date: '2026-01-01',
  channel: 'paid_social',
  platform: i === 1 ? null : 'meta',
  campaign_id: `a campaign id longer than twelve bytes ${i}`,
  currency: 'USD',
  spend_minor: 2 ** 53 - 1 - i,
  revenue_minor: -(2 ** 31) - i,
  orders: i / 3,
  units: i,
  cogs_minor: 0,
  fulfillment_cost_minor: i === 2 ? null : 5,
  profit_minor: 7,
  roas: i === 0 ? null : 1.5,
  model: 'linear',
}));

describe('a load file for BigQuery', () => {
  it('holds a batch of columns as the lines of the rows it stands for, NULLs and left-out columns as absent', () => {
    const lines = toJsonLines(def, {
      rowCount: 3,
      columns: {
        ...Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k] ?? null)])),
        spend_minor: Float64Array.from(rows.map((r) => r.spend_minor as number)),
        orders: Float64Array.from(rows.map((r) => r.orders as number)),
      },
    });
    expect(lines).toBe(rows.map((r) => toJsonLine(def, r)).join('\n'));
    expect(JSON.parse(lines.split('\n')[0]!)).toMatchObject({ spend_minor: String(2 ** 53 - 1), orders: 0 });
    expect(lines).not.toContain('"platform":null');
  });

  it('refuses a batch of columns without a required column, as it refuses the row', () => {
    const { channel: _, ...columns } = Object.fromEntries(
      Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k] ?? null)]),
    );
    expect(() => toJsonLines(def, { rowCount: 3, columns })).toThrow(/channel is required/);
  });
});
