import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import type { Warehouse, WarehouseRow } from '../../shared/ports/warehouse';

/**
 * The finance views are SQL in terraform/bigquery.tf. The AI cost view reads only pp_ops, in the
 * SQL subset DuckDB shares with BigQuery, so it is run here on a DuckDB pp_ops with ledger rows
 * whose totals are known: a view that does not parse, or sums the wrong thing, fails before
 * Looker Studio ever shows it.
 */
let view: string;
let warehouse: Warehouse;
const dir = mkdtempSync(join(tmpdir(), 'pp-'));

beforeAll(async () => {
  const tf = (await parse(
    'bigquery.tf',
    readFileSync(join(import.meta.dirname, '../../terraform/bigquery.tf'), 'utf8'),
  )) as {
    resource: Record<string, Record<string, Array<{ view?: Array<{ query: string }> }>>>;
  };
  const query = tf.resource.google_bigquery_table?.finance_ai_cost_daily?.[0]?.view?.[0]?.query;
  if (!query) throw new Error('terraform/bigquery.tf has no finance_ai_cost_daily view');
  view = query.replace(/`\$\{local\.ops\}\.([a-z_]+)`/g, '{{$1}}');
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
});
afterAll(async () => {
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

const aCall = (over: Partial<WarehouseRow>): WarehouseRow => ({
  date: '2026-11-02',
  at: '2026-11-02T10:00:00.000Z',
  tenant_id: 'tenant_a',
  operation: 'ask',
  model: 'claude-sonnet-4-5',
  input_tokens: 1000,
  output_tokens: 200,
  cache_creation_tokens: 0,
  cache_read_tokens: 0,
  cost_micros: 6_000,
  pricing_version: '2026-01',
  latency_ms: 900,
  ...over,
});

describe('finance_ai_cost_daily', () => {
  it('sums calls, tokens and cost per tenant, day, operation and model', async () => {
    await warehouse.insertOps('ai_token_usage', [
      aCall({}),
      aCall({ cost_micros: 4_000, latency_ms: 1_100 }),
      aCall({ tenant_id: 'tenant_b', cost_micros: 1_500_000 }),
      aCall({ operation: 'weekly_summary', cost_micros: 10_000 }),
    ]);
    const rows = await warehouse.queryOps<Record<string, unknown>>(
      `SELECT tenant_id, operation, calls, input_tokens, cost_micros, cost_usd, avg_latency_ms FROM (${view}) ORDER BY tenant_id, operation`,
    );
    expect(rows).toEqual([
      {
        tenant_id: 'tenant_a',
        operation: 'ask',
        calls: 2,
        input_tokens: 2000,
        cost_micros: 10_000,
        cost_usd: 0.01,
        avg_latency_ms: 1000,
      },
      {
        tenant_id: 'tenant_a',
        operation: 'weekly_summary',
        calls: 1,
        input_tokens: 1000,
        cost_micros: 10_000,
        cost_usd: 0.01,
        avg_latency_ms: 900,
      },
      {
        tenant_id: 'tenant_b',
        operation: 'ask',
        calls: 1,
        input_tokens: 1000,
        cost_micros: 1_500_000,
        cost_usd: 1.5,
        avg_latency_ms: 900,
      },
    ]);
  });
});
