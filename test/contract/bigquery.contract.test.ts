import { PassThroughClient } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigQueryWarehouse } from '../../shared/adapters/gcp/bigquery-warehouse';
import type { TenantContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { ValidationError } from '../../shared/kernel/errors';
import type { Warehouse } from '../../shared/ports/warehouse';
import { TENANT_TABLES } from '../../shared/ports/warehouse-tables';
import { type QueryAnswer, startBigQueryLoopback } from './bigquery-loopback';

const ctx = (tenantId: string): TenantContext => ({ tenantId, uid: 'u1', role: 'owner' });
const anAdRow = (date: string, overrides: Record<string, string | number> = {}) => ({
  brand_id: 'b1',
  date,
  platform: 'meta',
  account_id: 'act_1',
  campaign_id: 'meta:act_1:c1',
  spend_minor: 1250,
  currency: 'EUR',
  spend_original_minor: 1250,
  original_currency: 'EUR',
  fx_rate: 1,
  impressions: 1000,
  clicks: 20,
  platform_conversions: 1.5,
  platform_conversion_value_minor: 4200,
  synced_at: '2026-11-02T10:00:00.000Z',
  ...overrides,
});

describe('BigQuery warehouse contract (loopback BigQuery API)', () => {
  let server: Awaited<ReturnType<typeof startBigQueryLoopback>>;
  let warehouse: Warehouse;
  let answer: (sql: string) => QueryAnswer;

  beforeEach(async () => {
    answer = () => ({ fields: [], rows: [] });
    server = await startBigQueryLoopback((sql) => answer(sql));
    let n = 0;
    warehouse = createBigQueryWarehouse({
      projectId: 'proj',
      location: 'EU',
      apiEndpoint: server.url,
      authClient: new PassThroughClient(),
      newId: () => `s${++n}`,
    });
  });
  afterEach(() => server.close());

  it('creates one dataset per tenant with every table partitioned by date and clustered by brand', async () => {
    await warehouse.ensureTenant(ctx('acme'));
    const datasets = server.requests.filter((r) => r.method === 'POST' && /\/datasets$/.test(r.path));
    expect(
      datasets.map((r) => (r.body as { datasetReference: { datasetId: string } }).datasetReference.datasetId),
    ).toEqual(['pp_acme']);
    // Deleted rows (an erasure) stay readable through time travel for this long, not the default 7 days.
    expect(datasets[0]?.body).toMatchObject({ maxTimeTravelHours: '48' });
    // The project's roles only: the creating function account is not made the dataset's owner.
    expect(datasets[0]?.body).toMatchObject({
      access: [
        { role: 'OWNER', specialGroup: 'projectOwners' },
        { role: 'WRITER', specialGroup: 'projectWriters' },
        { role: 'READER', specialGroup: 'projectReaders' },
      ],
    });
    expect(JSON.stringify(datasets[0]?.body)).not.toContain('userByEmail');
    const tables = server.requests.filter((r) => /\/datasets\/pp_acme\/tables$/.test(r.path));
    expect(tables).toHaveLength(Object.keys(TENANT_TABLES).length);
    for (const t of tables) {
      const body = t.body as {
        tableReference: { tableId: keyof typeof TENANT_TABLES };
        timePartitioning: { type: string; field: string };
        clustering: { fields: string[] };
      };
      // Each table is partitioned by its own date column (`date` for most; `day` for event tables).
      const def = TENANT_TABLES[body.tableReference.tableId];
      expect(def?.columns.find((c) => c.name === def.partitionBy)?.type).toBe('DATE');
      expect(body.timePartitioning).toEqual({ type: 'DAY', field: def.partitionBy });
      expect(body.clustering.fields).toEqual(['brand_id']);
    }
  });

  it('adds columns the definition gained since a tenant table was created, as NULLABLE', async () => {
    const orders = TENANT_TABLES.orders;
    const oldFields = orders.columns
      .filter((c) => c.name !== 'source_name')
      .map((c) => ({ name: c.name, type: c.type, mode: c.required ? 'REQUIRED' : 'NULLABLE' }));
    const old = await startBigQueryLoopback(undefined, {
      'pp_acme/orders': { tableReference: { tableId: 'orders' }, schema: { fields: oldFields } },
    });
    const w = createBigQueryWarehouse({
      projectId: 'proj',
      location: 'EU',
      apiEndpoint: old.url,
      authClient: new PassThroughClient(),
    });
    await w.ensureTenant(ctx('acme'));
    const patch = old.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/bigquery/v2/projects/proj/datasets/pp_acme/tables/orders');
    if (!patch) throw new Error('the adapter sent no PATCH for the table');
    const fields = (patch.body as { schema: { fields: Array<{ name: string; mode: string }> } }).schema
      .fields;
    expect(fields.slice(0, oldFields.length)).toEqual(oldFields);
    expect(fields.slice(oldFields.length)).toEqual([
      { name: 'source_name', type: 'STRING', mode: 'NULLABLE' },
    ]);
    await old.close();
  });

  it('resolves {{table}} to the tenant dataset and sends values only as typed parameters', async () => {
    await warehouse.query(
      ctx('acme'),
      'SELECT order_id FROM {{orders}} WHERE brand_id = @brand AND total_minor > @min AND order_id IN UNNEST(@ids)',
      {
        brand: 'b1',
        min: 100,
        ids: ['o1', 'o2'],
      },
    );
    const [q] = server.queries();
    expect(q?.sql).toContain('`proj.pp_acme.orders`');
    expect(q?.sql).not.toMatch(/'b1'|\b100\b|'o1'/);
    expect(q?.parameters).toEqual([
      { name: 'brand', parameterType: { type: 'STRING' }, parameterValue: { value: 'b1' } },
      { name: 'min', parameterType: { type: 'INT64' }, parameterValue: { value: 100 } },
      {
        name: 'ids',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [{ value: 'o1' }, { value: 'o2' }] },
      },
    ]);
  });

  it('caps the bytes every query job may bill (50 GiB unless configured)', async () => {
    await warehouse.query(ctx('acme'), 'SELECT order_id FROM {{orders}} WHERE brand_id = @brand', {
      brand: 'b1',
    });
    await warehouse.replaceRange(
      ctx('acme'),
      'ad_performance',
      { brandId: 'b1', from: localDate('2026-11-01'), to: localDate('2026-11-01') },
      [anAdRow('2026-11-01')],
    );
    const jobs = server.queries();
    expect(jobs.length).toBeGreaterThan(1);
    for (const job of jobs) expect(job.maximumBytesBilled, job.sql.slice(0, 60)).toBe(String(50 * 1024 ** 3));
    const capped = createBigQueryWarehouse({
      projectId: 'proj',
      location: 'EU',
      apiEndpoint: server.url,
      authClient: new PassThroughClient(),
      maximumBytesBilled: 1024,
    });
    await capped.query(ctx('acme'), 'SELECT 1 AS one', {});
    expect(server.queries().at(-1)?.maximumBytesBilled).toBe('1024');
  });

  it("never names another tenant's dataset, and refuses an unknown table", async () => {
    await warehouse.query(ctx('beta'), 'SELECT * FROM {{ad_performance}}');
    expect(server.requests.some((r) => JSON.stringify(r).includes('pp_acme'))).toBe(false);
    await expect(warehouse.query(ctx('beta'), 'SELECT * FROM {{secrets}}')).rejects.toThrow(ValidationError);
  });

  it('replaces a range by loading a stage table, then DELETE with a partition filter and INSERT in one transaction', async () => {
    const rows = [anAdRow('2026-11-01'), anAdRow('2026-11-02', { campaign_id: 'meta:act_1:c2' })];
    await warehouse.replaceRange(
      ctx('acme'),
      'ad_performance',
      {
        brandId: 'b1',
        from: localDate('2026-11-01'),
        to: localDate('2026-11-02'),
        match: { platform: 'meta' },
      },
      rows,
    );

    const load = server.requests.find((r) => r.path.startsWith('/upload/'));
    const loadConfig = (
      load?.body as {
        configuration: {
          load: { destinationTable: { datasetId: string; tableId: string }; sourceFormat: string };
        };
      }
    )?.configuration.load;
    expect(loadConfig.destinationTable).toMatchObject({
      datasetId: 'pp_acme',
      tableId: '_stage_ad_performance_s1',
    });
    expect(loadConfig.sourceFormat).toBe('NEWLINE_DELIMITED_JSON');
    expect(load?.upload?.split('\n').map((l) => JSON.parse(l).campaign_id)).toEqual([
      'meta:act_1:c1',
      'meta:act_1:c2',
    ]);

    const script = server.queries().at(-1)!;
    const statements = script.sql.split('\n');
    expect(statements[0]).toBe('BEGIN TRANSACTION;');
    expect(statements[1]).toBe(
      'DELETE FROM `proj.pp_acme.ad_performance` WHERE brand_id = @brand_id AND `date` BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE) AND `platform` = @m0;',
    );
    expect(statements[2]).toMatch(
      /^INSERT INTO `proj\.pp_acme\.ad_performance` \(.+\) SELECT .+ FROM `proj\.pp_acme\._stage_ad_performance_s1`;$/,
    );
    expect(statements.slice(3)).toEqual([
      'COMMIT TRANSACTION;',
      'DROP TABLE IF EXISTS `proj.pp_acme._stage_ad_performance_s1`;',
    ]);
    expect(script.parameters.map((p) => [p.name, p.parameterValue.value])).toEqual([
      ['brand_id', 'b1'],
      ['from', '2026-11-01'],
      ['to', '2026-11-02'],
      ['m0', 'meta'],
    ]);
  });

  it('replaces whole records only where newer: stages parent and children, one script, keys written from its last SELECT, stages dropped', async () => {
    answer = (sql) =>
      sql.includes('SET fresh')
        ? { fields: [{ name: 'written', type: 'STRING' }], rows: [['o2']] }
        : { fields: [], rows: [] };
    const order = (id: string) => ({
      brand_id: 'b1',
      order_id: id,
      date: '2026-11-01',
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-20T10:00:00.000Z',
      currency: 'EUR',
      subtotal_minor: 100,
      discount_minor: 0,
      shipping_minor: 0,
      tax_minor: 0,
      total_minor: 100,
    });
    const line = (orderId: string) => ({
      brand_id: 'b1',
      order_id: orderId,
      line_id: `${orderId}-1`,
      date: '2026-11-01',
      quantity: 1,
      price_minor: 100,
      discount_minor: 0,
      total_minor: 100,
      currency: 'EUR',
    });
    const result = await warehouse.replaceNewer(ctx('acme'), {
      brandId: 'b1',
      table: 'orders',
      keyColumn: 'order_id',
      versionColumn: 'updated_at',
      replaceEqual: false,
      rows: [order('o1'), order('o2')],
      children: [
        { table: 'order_lines', rows: [line('o1'), line('o2')] },
        { table: 'refunds', rows: [] },
      ],
    });
    expect(result).toEqual({ written: ['o2'] });
    const loads = server.requests
      .filter((r) => r.path.startsWith('/upload/'))
      .map(
        (r) =>
          (r.body as { configuration: { load: { destinationTable: { tableId: string } } } }).configuration
            .load.destinationTable.tableId,
      );
    expect(loads).toEqual(['_stage_orders_s1', '_stage_order_lines_s2']);
    const script = server.queries().find((q) => q.sql.includes('SET fresh'))!;
    expect(script.sql).toContain('t.`updated_at` >= s.`updated_at`');
    expect(script.sql).toContain(
      'DELETE FROM `proj.pp_acme.refunds` WHERE brand_id = @brand_id AND `order_id` IN UNNEST(fresh);',
    );
    expect(script.parameters.map((p) => [p.name, p.parameterValue.value])).toEqual([['brand_id', 'b1']]);
    const dropped = server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').at(-1));
    expect(dropped).toEqual(['_stage_orders_s1', '_stage_order_lines_s2']);
  });

  it('refuses rows outside the replaced range before sending anything', async () => {
    const before = server.requests.length;
    await warehouse.ensureTenant(ctx('acme'));
    const sent = server.requests.length;
    await expect(
      warehouse.replaceRange(
        ctx('acme'),
        'ad_performance',
        { brandId: 'b1', from: localDate('2026-11-01'), to: localDate('2026-11-01') },
        [anAdRow('2026-11-03')],
      ),
    ).rejects.toThrow(ValidationError);
    expect(server.requests.length).toBe(sent);
    expect(sent).toBeGreaterThan(before);
  });

  it('replaces keys with DELETE … IN UNNEST(@keys) and reports deleted row counts from DML statistics', async () => {
    await warehouse.replaceKeys(
      ctx('acme'),
      'ad_performance',
      { brandId: 'b1', keyColumn: 'campaign_id', keys: ['c1', 'c2'] },
      [],
    );
    const del = server.queries().at(-1)!;
    expect(del.sql).toContain('`campaign_id` IN UNNEST(@keys)');
    expect(del.sql).not.toContain('INSERT');
    expect(await warehouse.deleteWhere(ctx('acme'), 'orders', 'b1', { order_id: 'o1' })).toBe(2);
  });

  it('returns dates, timestamps and integers as plain JSON values', async () => {
    answer = () => ({
      fields: [
        { name: 'date', type: 'DATE' },
        { name: 'at', type: 'TIMESTAMP' },
        { name: 'n', type: 'INTEGER' },
        { name: 'x', type: 'FLOAT' },
        { name: 's', type: 'STRING' },
      ],
      rows: [['2026-11-01', '1793613600123456', '42', '1.5', null]],
    });
    const rows = await warehouse.queryOps('SELECT * FROM {{ai_token_usage}} WHERE tenant_id = @t', {
      t: 'acme',
    });
    expect(rows).toEqual([{ date: '2026-11-01', at: '2026-11-02T10:00:00.123Z', n: 42, x: 1.5, s: null }]);
    expect(server.queries()[0]?.sql).toContain('`proj.pp_ops.ai_token_usage`');
  });

  it('drops the tenant dataset with its tables', async () => {
    await warehouse.dropTenant(ctx('acme'));
    expect(server.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/bigquery/v2/projects/proj/datasets/pp_acme',
    });
  });
});
