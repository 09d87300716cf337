import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { localDate } from '../../shared/domain/time';
import type { Warehouse, WarehouseRow } from '../../shared/ports/warehouse';

/**
 * The finance views are SQL in terraform/bigquery.tf. The AI cost view reads only pp_ops, in the
 * SQL subset DuckDB shares with BigQuery, so it is run here on a DuckDB pp_ops with ledger rows
 * whose totals are known: a view that does not parse, or sums the wrong thing, fails before
 * Looker Studio ever shows it.
 */
let view: string;
let spendView: string;
let rollupSelect: string;
let warehouse: Warehouse;
const dir = mkdtempSync(join(tmpdir(), 'pp-'));

beforeAll(async () => {
  const tf = (await parse(
    'bigquery.tf',
    readFileSync(join(import.meta.dirname, '../../terraform/bigquery.tf'), 'utf8'),
  )) as {
    resource: Record<string, Record<string, Array<{ view?: Array<{ query: string }> }>>>;
    locals: Array<Record<string, string>>;
  };
  const query = tf.resource.google_bigquery_table?.finance_ai_cost_daily?.[0]?.view?.[0]?.query;
  if (!query) throw new Error('terraform/bigquery.tf has no finance_ai_cost_daily view');
  view = query.replace(/`\$\{local\.ops\}\.([a-z_]+)`/g, '{{$1}}');
  const spend = tf.resource.google_bigquery_table?.finance_spend_vs_revenue_daily?.[0]?.view?.[0]?.query;
  const script = tf.locals.find((l) => l.tenant_rollup_sql)?.tenant_rollup_sql;
  // The roll-up script is BigQuery scripting; the per-tenant SELECT it formats is the shared subset.
  const template = script && /FORMAT\(\s*"(SELECT '%s'[^"]*)"/.exec(script)?.[1];
  if (!spend || !template) throw new Error('terraform/bigquery.tf lost the roll-up or the spend view');
  rollupSelect = template
    .replace("'%s'", "'tenant_a'")
    .replace('`%s.%s.unified_performance`', '{{unified_performance}}');
  spendView = spend.replace(/`\$\{local\.ops\}\.tenant_performance_daily`/, 'rollup');
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

describe('finance_spend_vs_revenue_daily over the tenant roll-up', () => {
  const aRow = (over: Partial<WarehouseRow>): WarehouseRow => ({
    brand_id: 'b1',
    date: '2026-11-02',
    channel: 'paid_social',
    platform: 'meta',
    campaign_id: 'meta:act_1:c1',
    currency: 'EUR',
    spend_minor: 10_000,
    revenue_minor: 30_000,
    orders: 3,
    units: 4,
    cogs_minor: 9_000,
    profit_minor: 11_000,
    model: 'last_touch',
    ...over,
  });

  it('rolls a tenant up per brand, day, currency and model, with ROAS and POAS', async () => {
    const ctx = { tenantId: 'tenant_a', uid: 'test', role: 'system' as const };
    await warehouse.replaceRange(
      ctx,
      'unified_performance',
      { brandId: 'b1', from: localDate('2026-11-02'), to: localDate('2026-11-02') },
      [
        aRow({}),
        aRow({
          campaign_id: 'meta:act_1:c2',
          spend_minor: 5_000,
          revenue_minor: 0,
          orders: 0,
          profit_minor: -5_000,
        }),
        aRow({ model: 'linear', revenue_minor: 20_000 }),
      ],
    );
    const rows = await warehouse.query<Record<string, unknown>>(
      ctx,
      `WITH rollup AS (${rollupSelect}) SELECT tenant_id, brand_id, model, spend_minor, attributed_revenue_minor, roas, poas FROM (${spendView}) ORDER BY model`,
    );
    expect(rows).toEqual([
      {
        tenant_id: 'tenant_a',
        brand_id: 'b1',
        model: 'last_touch',
        spend_minor: 15_000,
        attributed_revenue_minor: 30_000,
        roas: 2,
        poas: 6_000 / 15_000,
      },
      {
        tenant_id: 'tenant_a',
        brand_id: 'b1',
        model: 'linear',
        spend_minor: 10_000,
        attributed_revenue_minor: 20_000,
        roas: 2,
        poas: 1.1,
      },
    ]);
  });
});
