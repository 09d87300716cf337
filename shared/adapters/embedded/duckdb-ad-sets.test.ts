import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rows } from '../../../test/support/attribution-pass';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { TENANT_TABLES, tenantDatasetName } from '../../ports/warehouse-tables';
import { createTableSql } from './duckdb-sql';
import { createDuckdbWarehouse } from './duckdb-warehouse';

const ctx = systemContext('t_adsets', 'test');
const dir = mkdtempSync(join(tmpdir(), 'pp-adsets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an embedded warehouse made before ad sets', () => {
  it('gains adset_id and adset_name, keeps its rows, and files new ad-set rows in the right columns', async () => {
    const file = join(dir, 'w.duckdb');
    const before = await createDuckdbWarehouse(file);
    // ad_performance as every version before ad sets made it, with a campaign-level row in it.
    const def = TENANT_TABLES.ad_performance;
    const old = { ...def, columns: def.columns.filter((c) => !c.name.startsWith('adset_')) };
    await before.query(ctx, 'DROP TABLE {{ad_performance}}');
    await before.query(ctx, createTableSql(tenantDatasetName(ctx.tenantId), old));
    await before.query(
      ctx,
      `INSERT INTO {{ad_performance}} (brand_id, date, platform, account_id, campaign_id, spend_minor, currency,
         spend_original_minor, original_currency, fx_rate, impressions, clicks, platform_conversions,
         platform_conversion_value_minor, synced_at)
       VALUES ('b1', DATE '2026-03-01', 'meta', 'act_1', 'meta:act_1:101', 700, 'USD', 700, 'USD', 1, 10, 1, 0, 0,
         TIMESTAMP '2026-03-02 00:00:00')`,
    );
    await before.close();

    // The next process touching the tenant brings the table up to date.
    const after = await createDuckdbWarehouse(file);
    try {
      await after.replaceRange(
        ctx,
        'ad_performance',
        { brandId: 'b1', from: localDate('2026-03-02'), to: localDate('2026-03-02') },
        [
          {
            ...rows.spend('2026-03-02', 'meta', 'meta:act_1:101', 'US-CA', 300),
            adset_id: 'meta:act_1:10101',
            adset_name: 'Broad 18–65',
          },
        ],
      );
      const stored = await after.query(
        ctx,
        `SELECT CAST(date AS VARCHAR) AS date, campaign_id, adset_id, adset_name, region, spend_minor
         FROM {{ad_performance}} ORDER BY date`,
      );
      expect(stored).toEqual([
        {
          date: '2026-03-01',
          campaign_id: 'meta:act_1:101',
          adset_id: null,
          adset_name: null,
          region: null,
          spend_minor: 700,
        },
        {
          date: '2026-03-02',
          campaign_id: 'meta:act_1:101',
          adset_id: 'meta:act_1:10101',
          adset_name: 'Broad 18–65',
          region: 'US-CA',
          spend_minor: 300,
        },
      ]);
    } finally {
      await after.close();
    }
  });
});
