import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import type { Warehouse, WarehouseRow } from '../../shared/ports/warehouse';

/**
 * finance_revenue_vs_ai_cost_monthly (terraform/bigquery.tf) read out of the Terraform and run on
 * DuckDB's pp_ops (the SQL subset it shares with BigQuery) over rows with hand-computed totals.
 */
let view: string;
let warehouse: Warehouse;
const dir = mkdtempSync(join(tmpdir(), 'pp-'));

beforeAll(async () => {
  const tf = (await parse(
    'bigquery.tf',
    readFileSync(join(import.meta.dirname, '../../terraform/bigquery.tf'), 'utf8'),
  )) as { resource: Record<string, Record<string, Array<{ view?: Array<{ query: string }> }>>> };
  const query = tf.resource.google_bigquery_table?.finance_revenue_vs_ai_cost_monthly?.[0]?.view?.[0]?.query;
  if (!query) throw new Error('terraform/bigquery.tf has no finance_revenue_vs_ai_cost_monthly view');
  view = query.replace(/`\$\{local\.ops\}\.([a-z_]+)`/g, '{{$1}}');
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
});
afterAll(async () => {
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

const anInvoice = (over: Partial<WarehouseRow>): WarehouseRow => ({
  date: '2026-11-03',
  at: '2026-11-03T09:00:00.000Z',
  tenant_id: 'tenant_a',
  provider: 'stripe',
  invoice_id: 'in_1',
  plan_id: 'growth',
  currency: 'USD',
  total_minor: 14_900,
  amount_paid_minor: 14_900,
  ...over,
});
const aCall = (over: Partial<WarehouseRow>): WarehouseRow => ({
  date: '2026-11-05',
  at: '2026-11-05T10:00:00.000Z',
  tenant_id: 'tenant_a',
  brand_id: null,
  uid: 'u',
  operation: 'ask',
  model: 'claude-sonnet-4-5',
  input_tokens: 1000,
  output_tokens: 200,
  cache_creation_tokens: 0,
  cache_read_tokens: 0,
  cost_micros: 2_000_000,
  pricing_version: '2026-01',
  latency_ms: 900,
  request_id: null,
  ...over,
});

describe('finance_revenue_vs_ai_cost_monthly', () => {
  it('puts each plan’s revenue per month and currency beside the AI cost of the tenants who paid for it', async () => {
    await warehouse.insertOps('billing_invoices', [
      anInvoice({}),
      anInvoice({ tenant_id: 'tenant_b', invoice_id: 'in_2' }),
      anInvoice({
        tenant_id: 'tenant_c',
        invoice_id: 'in_3',
        plan_id: 'agency',
        total_minor: 39_900,
        amount_paid_minor: 39_900,
      }),
      anInvoice({
        tenant_id: 'tenant_d',
        invoice_id: 'in_4',
        currency: 'EUR',
        total_minor: 13_900,
        amount_paid_minor: 13_900,
      }),
      anInvoice({ date: '2026-12-03', at: '2026-12-03T09:00:00.000Z', invoice_id: 'in_5' }),
    ]);
    await warehouse.insertOps('ai_token_usage', [
      aCall({}),
      aCall({ cost_micros: 500_000 }),
      aCall({ tenant_id: 'tenant_c', cost_micros: 9_000_000 }),
      // A tenant that paid nothing this month is not in any plan's row.
      aCall({ tenant_id: 'tenant_z', cost_micros: 1_000_000 }),
      aCall({ date: '2026-12-01', at: '2026-12-01T00:00:00.000Z', cost_micros: 100_000 }),
    ]);
    const rows = await warehouse.queryOps<Record<string, unknown>>(
      `SELECT month, plan_id, currency, paying_tenants, invoices, revenue_minor, ai_calls, ai_cost_micros, ai_cost_usd
       FROM (${view}) ORDER BY month, plan_id, currency`,
    );
    expect(rows).toEqual([
      {
        month: '2026-11',
        plan_id: 'agency',
        currency: 'USD',
        paying_tenants: 1,
        invoices: 1,
        revenue_minor: 39_900,
        ai_calls: 1,
        ai_cost_micros: 9_000_000,
        ai_cost_usd: 9,
      },
      {
        month: '2026-11',
        plan_id: 'growth',
        currency: 'EUR',
        paying_tenants: 1,
        invoices: 1,
        revenue_minor: 13_900,
        ai_calls: 0,
        ai_cost_micros: 0,
        ai_cost_usd: 0,
      },
      {
        month: '2026-11',
        plan_id: 'growth',
        currency: 'USD',
        paying_tenants: 2,
        invoices: 2,
        revenue_minor: 29_800,
        ai_calls: 2,
        ai_cost_micros: 2_500_000,
        ai_cost_usd: 2.5,
      },
      {
        month: '2026-12',
        plan_id: 'growth',
        currency: 'USD',
        paying_tenants: 1,
        invoices: 1,
        revenue_minor: 14_900,
        ai_calls: 1,
        ai_cost_micros: 100_000,
        ai_cost_usd: 0.1,
      },
    ]);
  });
});
