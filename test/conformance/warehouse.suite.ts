import { describe, expect, it } from 'vitest';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import type {
  Warehouse,
  WarehouseColumnBatch,
  WarehouseColumns,
  WarehouseRow,
  WarehouseValue,
} from '../../shared/ports/warehouse';

/** What every Warehouse backend must do; see operational-store.suite.ts for how the checks are used. */
export type WarehouseFactory = () => Promise<Warehouse>;

const ctxA = systemContext('tenant_a', 'conformance');
const ctxB = systemContext('tenant_b', 'conformance');

export const anAdRow = (date: string, over: Partial<WarehouseRow> = {}): WarehouseRow => ({
  brand_id: 'b1',
  date,
  platform: 'meta',
  account_id: 'act_1',
  campaign_id: 'meta:act_1:c1',
  campaign_name: 'Campaign 1',
  country: 'US',
  region: 'US-CA',
  spend_minor: 1000,
  currency: 'USD',
  spend_original_minor: 1000,
  original_currency: 'USD',
  fx_rate: 1,
  impressions: 100,
  clicks: 10,
  platform_conversions: 1.5,
  platform_conversion_value_minor: 5000,
  attribution_setting: '7d_click',
  account_timezone: 'America/New_York',
  synced_at: '2026-01-05T12:00:00.000Z',
  ...over,
});

export const anOrderRow = (id: string, updatedAt: string, total: number): WarehouseRow => ({
  brand_id: 'b1',
  order_id: id,
  date: '2026-01-01',
  created_at: '2026-01-01T15:00:00.000Z',
  updated_at: updatedAt,
  currency: 'USD',
  subtotal_minor: total,
  discount_minor: 0,
  shipping_minor: 0,
  tax_minor: 0,
  total_minor: total,
});

const aLineRow = (orderId: string, lineId: string): WarehouseRow => ({
  brand_id: 'b1',
  order_id: orderId,
  line_id: lineId,
  date: '2026-01-01',
  product_id: 'p1',
  variant_id: 'v1',
  quantity: 1,
  price_minor: 100,
  discount_minor: 0,
  total_minor: 100,
  currency: 'USD',
});

const range = (from: string, to: string, match?: Record<string, string>) => ({
  brandId: 'b1',
  from: localDate(from),
  to: localDate(to),
  ...(match ? { match } : {}),
});

const SPEND =
  'SELECT date, SUM(spend_minor) AS spend, COUNT(*) AS n FROM {{ad_performance}} GROUP BY date ORDER BY date';

async function withWarehouse(make: WarehouseFactory, fn: (w: Warehouse) => Promise<void>) {
  const w = await make();
  try {
    await fn(w);
  } finally {
    await w.close();
  }
}

export const warehouseChecks: Record<string, (make: WarehouseFactory) => Promise<void>> = {
  'replacing a range twice with the same rows is idempotent': (make) =>
    withWarehouse(make, async (w) => {
      const rows = [anAdRow('2026-01-01'), anAdRow('2026-01-02', { spend_minor: 2500 })];
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-02'), rows);
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-02'), rows);
      expect(await w.query(ctxA, SPEND)).toEqual([
        { date: '2026-01-01', spend: 1000, n: 1 },
        { date: '2026-01-02', spend: 2500, n: 1 },
      ]);
    }),

  'a replacement touches exactly its dates, brand and match columns': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-03'), [
        anAdRow('2026-01-01'),
        anAdRow('2026-01-02'),
        anAdRow('2026-01-02', { platform: 'tiktok', campaign_id: 'tiktok:1:2' }),
        anAdRow('2026-01-03'),
      ]);
      await w.replaceRange(ctxA, 'ad_performance', { ...range('2026-01-01', '2026-01-03'), brandId: 'b2' }, [
        anAdRow('2026-01-02', { brand_id: 'b2' }),
      ]);
      // A restated day for Meta only.
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-02', '2026-01-02', { platform: 'meta' }), [
        anAdRow('2026-01-02', { spend_minor: 1234 }),
      ]);
      const rows = await w.query<{ brand_id: string; date: string; platform: string; spend_minor: number }>(
        ctxA,
        'SELECT brand_id, date, platform, spend_minor FROM {{ad_performance}} ORDER BY brand_id, date, platform',
      );
      expect(rows).toEqual([
        { brand_id: 'b1', date: '2026-01-01', platform: 'meta', spend_minor: 1000 },
        { brand_id: 'b1', date: '2026-01-02', platform: 'meta', spend_minor: 1234 },
        { brand_id: 'b1', date: '2026-01-02', platform: 'tiktok', spend_minor: 1000 },
        { brand_id: 'b1', date: '2026-01-03', platform: 'meta', spend_minor: 1000 },
        { brand_id: 'b2', date: '2026-01-02', platform: 'meta', spend_minor: 1000 },
      ]);
    }),

  'a failed replacement leaves the previous rows intact': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), [
        anAdRow('2026-01-01'),
      ]);
      const bad = { ...anAdRow('2026-01-01'), spend_minor: null };
      await expect(
        w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), [
          anAdRow('2026-01-01', { spend_minor: 7 }),
          bad,
        ]),
      ).rejects.toThrow();
      expect(await w.query(ctxA, SPEND)).toEqual([{ date: '2026-01-01', spend: 1000, n: 1 }]);
    }),

  'a range replaced from batches holds every batch; a failing batch source leaves the old rows': (make) =>
    withWarehouse(make, async (w) => {
      const days = range('2026-01-01', '2026-01-03');
      await w.replaceRange(ctxA, 'ad_performance', days, [anAdRow('2026-01-01', { spend_minor: 5 })]);
      async function* failing() {
        yield [anAdRow('2026-01-02', { spend_minor: 7 })];
        throw new Error('the source of the batches failed');
      }
      await expect(w.replaceRangeBatches(ctxA, 'ad_performance', days, failing())).rejects.toThrow(
        'the source of the batches failed',
      );
      expect(await w.query(ctxA, SPEND)).toEqual([{ date: '2026-01-01', spend: 5, n: 1 }]);
      async function* batches() {
        yield [anAdRow('2026-01-01'), anAdRow('2026-01-02', { spend_minor: 2500 })];
        yield [];
        yield [anAdRow('2026-01-03', { spend_minor: 300 })];
      }
      await w.replaceRangeBatches(ctxA, 'ad_performance', days, batches());
      expect(await w.query(ctxA, SPEND)).toEqual([
        { date: '2026-01-01', spend: 1000, n: 1 },
        { date: '2026-01-02', spend: 2500, n: 1 },
        { date: '2026-01-03', spend: 300, n: 1 },
      ]);
    }),

  'a query read in batches gives its rows in order, no batch larger than asked': (make) =>
    withWarehouse(make, async (w) => {
      const rows = Array.from({ length: 23 }, (_, i) =>
        anAdRow(`2026-01-${String(i + 1).padStart(2, '0')}`, { spend_minor: 100 + i }),
      );
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-31'), rows);
      const batches: unknown[][] = [];
      for await (const batch of w.queryBatches(ctxA, SPEND, {}, 5)) batches.push(batch);
      expect(batches.every((b) => b.length > 0 && b.length <= 5)).toBe(true);
      expect(batches.flat()).toEqual(await w.query(ctxA, SPEND));
      // Leaving early releases the query; the warehouse goes on answering.
      for await (const batch of w.queryBatches(ctxA, SPEND, {}, 2)) {
        expect(batch).toHaveLength(2);
        break;
      }
      expect(await w.query(ctxA, SPEND)).toHaveLength(23);
    }),

  'a query read as columns gives the values, order and NULLs of its rows': (make) =>
    withWarehouse(make, async (w) => {
      const rows = Array.from({ length: 7 }, (_, i) =>
        anAdRow(`2026-01-0${i + 1}`, {
          spend_minor: 100 + i,
          platform_conversions: i / 4,
          ...(i % 3 === 1 ? { region: null } : {}),
        }),
      );
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-07'), rows);
      const sql = `SELECT date, campaign_id, region, spend_minor, platform_conversions,
          CASE WHEN spend_minor > 103 THEN spend_minor END AS big_spend, spend_minor > 104 AS bigger, synced_at
        FROM {{ad_performance}} WHERE brand_id = @brand ORDER BY date`;
      const expected = await w.query(ctxA, sql, { brand: 'b1' });
      const batches: WarehouseColumns[] = [];
      for await (const batch of w.queryColumns(ctxA, sql, { brand: 'b1' }, 3)) batches.push(batch);
      expect(batches.map((b) => b.date!.length)).toEqual([3, 3, 1]);
      const back = batches.flatMap((b) =>
        Array.from({ length: b.date!.length }, (_, i) =>
          Object.fromEntries(Object.entries(b).map(([name, column]) => [name, column[i]])),
        ),
      );
      expect(back).toEqual(expected);
      // Numbers without a NULL in the batch come as a Float64Array; a NULL is a null, not a 0.
      expect(batches[0]!.spend_minor).toBeInstanceOf(Float64Array);
      expect(batches[0]!.big_spend).toEqual([null, null, null]);
      expect(batches[1]!.big_spend).toEqual([null, 104, 105]);
      expect(batches[2]!.big_spend).toEqual(new Float64Array([106]));
      // Leaving early releases the query; the warehouse goes on answering.
      for await (const batch of w.queryColumns(ctxA, sql, { brand: 'b1' }, 2)) {
        expect(batch.region).toHaveLength(2);
        break;
      }
      expect(await w.query(ctxA, sql, { brand: 'b1' })).toHaveLength(7);
      const none: WarehouseColumns[] = [];
      for await (const batch of w.queryColumns(ctxA, sql, { brand: 'b2' }, 3)) none.push(batch);
      expect(none).toEqual([]);
    }),

  'queries never cross tenants': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), [
        anAdRow('2026-01-01'),
      ]);
      await w.ensureTenant(ctxB);
      expect(await w.query(ctxB, SPEND)).toEqual([]);
      expect(await w.query(ctxA, SPEND)).toHaveLength(1);
    }),

  'replacing keys swaps exactly those keys': (make) =>
    withWarehouse(make, async (w) => {
      const order = (id: string, total: number) => anOrderRow(id, '2026-01-01T15:00:00.000Z', total);
      await w.replaceKeys(ctxA, 'orders', { brandId: 'b1', keyColumn: 'order_id', keys: ['o1', 'o2'] }, [
        order('o1', 100),
        order('o2', 200),
      ]);
      await w.replaceKeys(ctxA, 'orders', { brandId: 'b1', keyColumn: 'order_id', keys: ['o2'] }, [
        order('o2', 250),
      ]);
      const rows = await w.query(ctxA, 'SELECT order_id, total_minor FROM {{orders}} ORDER BY order_id');
      expect(rows).toEqual([
        { order_id: 'o1', total_minor: 100 },
        { order_id: 'o2', total_minor: 250 },
      ]);
    }),

  'a versioned replacement keeps the newest version of each record, with its children, in any order': (
    make,
  ) =>
    withWarehouse(make, async (w) => {
      const v = (id: string, updatedAt: string, total: number) => ({
        rows: [anOrderRow(id, updatedAt, total)],
        lines: [aLineRow(id, `${id}-l-${total}`)],
      });
      const write = (x: ReturnType<typeof v>, replaceEqual = true) =>
        w.replaceNewer(ctxA, {
          brandId: 'b1',
          table: 'orders',
          keyColumn: 'order_id',
          versionColumn: 'updated_at',
          replaceEqual,
          rows: x.rows,
          children: [{ table: 'order_lines', rows: x.lines }],
        });
      const newer = v('o1', '2026-11-20T10:00:00.000Z', 99_999);
      const older = v('o1', '2026-11-10T10:00:00.000Z', 11_111);
      expect(await write(newer)).toEqual({ written: ['o1'] });
      expect(await write(older)).toEqual({ written: [] });
      // Same version: a sync (replaceEqual) rewrites it, a webhook does not.
      expect(await write(v('o1', '2026-11-20T10:00:00.000Z', 99_999), false)).toEqual({ written: [] });
      expect(await write(newer)).toEqual({ written: ['o1'] });
      // Concurrent writers of both versions, many times over: the newest always wins.
      for (let i = 0; i < 10; i++)
        await Promise.all(i % 2 ? [write(older), write(newer)] : [write(newer), write(older)]);
      expect(await w.query(ctxA, 'SELECT order_id, total_minor FROM {{orders}}')).toEqual([
        { order_id: 'o1', total_minor: 99_999 },
      ]);
      expect(await w.query(ctxA, 'SELECT line_id FROM {{order_lines}}')).toEqual([{ line_id: 'o1-l-99999' }]);
    }),
  'a batch of thousands of rows, repeated and unique strings and nulls, reads back exactly': (make) =>
    withWarehouse(make, async (w) => {
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        anAdRow('2026-01-01', {
          campaign_id: `c${i % 7}`,
          // Unit separators, tabs and quotes in values travel like any other character.
          account_id: i === 5 ? 'acct\u001f5' : `acct-${i}`,
          region: i % 3 === 0 ? null : i === 7 ? 'R\t"\u001f' : `R${i % 5}`,
          campaign_name: i % 11 === 0 ? null : `Campaign ${i}`,
          spend_minor: i,
        }),
      );
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), rows);
      const back = await w.query<{
        campaign_id: string;
        account_id: string;
        campaign_name: string | null;
        region: string | null;
        spend_minor: number;
      }>(
        ctxA,
        'SELECT campaign_id, account_id, campaign_name, region, spend_minor FROM {{ad_performance}} ORDER BY spend_minor',
      );
      expect(back).toEqual(
        rows.map((r) => ({
          campaign_id: r.campaign_id,
          account_id: r.account_id,
          campaign_name: r.campaign_name,
          region: r.region,
          spend_minor: r.spend_minor,
        })),
      );
      const missing = rows.map((r, i) => (i === 9_999 ? { ...r, platform: null } : r));
      await expect(
        w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), missing),
      ).rejects.toThrow(/platform/);
      expect(await w.query(ctxA, 'SELECT COUNT(*) AS n FROM {{ad_performance}}')).toEqual([{ n: 10_000 }]);
    }),

  'strings either side of 12 UTF-8 bytes, repeated or not, and integers past 32 bits read back exactly': (
    make,
  ) =>
    withWarehouse(make, async (w) => {
      // 12 and 13 bytes in ASCII, in two- and three-byte characters, and with a surrogate pair;
      // an embedded engine may store up to 12 bytes inline and longer strings by reference.
      const names = [
        '',
        'exactly12byt',
        'thirteenbytes',
        'ééééé12',
        'éééééé1',
        '日本語日本',
        '日本語日',
        '😀😀😀',
        '😀😀😀!',
        'a campaign name repeated on many rows',
        null,
      ];
      const integers = [0, -1, 2 ** 31, -(2 ** 32) - 7, 2 ** 53 - 1, -(2 ** 53) + 1, 123_456_789_012];
      const rows = Array.from({ length: 5_000 }, (_, i) =>
        anAdRow(i % 2 ? '2026-01-01' : '2026-01-02', {
          campaign_id: `meta:act_1:${i}`,
          campaign_name: names[i % names.length] ?? null,
          account_id: i % 3 ? `long account ${i % 13} ${'x'.repeat(i % 5)}` : `a${i % 4}`,
          spend_minor: integers[i % integers.length]! + (i % 11),
          impressions: i,
          synced_at: new Date(Date.UTC(1969, 11, 31) + i * 3_600_123).toISOString(),
        }),
      );
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-02'), rows);
      const back = await w.query<{
        date: string;
        campaign_name: string | null;
        account_id: string;
        spend_minor: number;
        ms: number;
      }>(
        ctxA,
        `SELECT CAST(date AS STRING) AS date, campaign_name, account_id, spend_minor,
                CAST(UNIX_MILLIS(synced_at) AS FLOAT64) AS ms
         FROM {{ad_performance}} ORDER BY impressions`,
      );
      expect(back).toEqual(
        rows.map((r) => ({
          date: r.date,
          campaign_name: r.campaign_name,
          account_id: r.account_id,
          spend_minor: r.spend_minor,
          ms: Date.parse(String(r.synced_at)),
        })),
      );
      const [equal] = await w.query<{ n: number }>(
        ctxA,
        'SELECT COUNT(*) AS n FROM {{ad_performance}} WHERE campaign_name = @name',
        { name: 'thirteenbytes' },
      );
      expect(equal).toEqual({ n: rows.filter((r) => r.campaign_name === 'thirteenbytes').length });
    }),

  'a range replaced from column batches holds what the same rows would, NULLs, long strings and large integers included':
    (make) =>
      withWarehouse(make, async (w) => {
        const names = ['', 'exactly12byt', 'thirteenbytes', 'ééééé12', 'éééééé1', '😀😀😀!', null];
        const integers = [0, -1, 2 ** 31, -(2 ** 32) - 7, 2 ** 53 - 1, -(2 ** 53) + 1];
        const rows: WarehouseRow[] = Array.from({ length: 4_500 }, (_, i) => ({
          brand_id: 'b1',
          date: i % 2 ? '2026-01-01' : '2026-01-02',
          channel: 'paid_social',
          platform: 'meta',
          campaign_id: `meta:act_1:${i}`,
          region: names[i % names.length] ?? null,
          product_id: null,
          currency: 'USD',
          spend_minor: integers[i % integers.length]! + (i % 11),
          revenue_minor: i,
          orders: i / 8,
          units: i % 3,
          cogs_minor: -i,
          fulfillment_cost_minor: i % 5 === 0 ? null : 2 ** 40 + i,
          profit_minor: 0,
          roas: i % 4 === 0 ? null : i / 3,
          model: 'linear',
        }));
        const days = range('2026-01-01', '2026-01-02');
        const SQL = `SELECT CAST(date AS STRING) AS date, campaign_id, region, product_id, spend_minor,
            revenue_minor, orders, units, cogs_minor, fulfillment_cost_minor, profit_minor, roas, model
          FROM {{unified_performance}} ORDER BY revenue_minor`;
        await w.replaceRange(ctxA, 'unified_performance', days, rows);
        const asRows = await w.query(ctxA, SQL);
        // The same rows as columns: numbers without NULL as Float64Array, those with one (`roas`,
        // `fulfillment_cost_minor`) plain arrays, `product_id` left out (NULL in every row); in two
        // column batches around a row batch.
        const asColumns = (part: WarehouseRow[]): WarehouseColumnBatch => {
          const columns: Record<string, Float64Array | WarehouseValue[]> = {};
          for (const name of Object.keys(part[0]!)) {
            if (name === 'product_id') continue;
            const values = part.map((r) => r[name] ?? null);
            columns[name] = values.every((v) => typeof v === 'number')
              ? Float64Array.from(values as number[])
              : values;
          }
          return { rowCount: part.length, columns };
        };
        async function* batches() {
          yield asColumns(rows.slice(0, 2_500));
          yield rows.slice(2_500, 3_000);
          yield asColumns(rows.slice(3_000));
        }
        await w.replaceRangeBatches(ctxA, 'unified_performance', days, batches());
        expect(await w.query(ctxA, SQL)).toEqual(asRows);
        expect(asRows).toHaveLength(rows.length);
        const [equal] = await w.query<{ n: number }>(
          ctxA,
          'SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE region = @name',
          { name: 'thirteenbytes' },
        );
        expect(equal).toEqual({ n: rows.filter((r) => r.region === 'thirteenbytes').length });

        // Refused as rows are: a required column missing or NULL, a fraction in an integer column,
        // a row outside the range; the stored rows stay.
        const one = asColumns(rows.slice(0, 3));
        const without = (name: string) =>
          Object.fromEntries(Object.entries(one.columns).filter(([n]) => n !== name));
        const refused = async (batch: WarehouseColumnBatch, why: RegExp) => {
          async function* single() {
            yield batch;
          }
          await expect(w.replaceRangeBatches(ctxA, 'unified_performance', days, single())).rejects.toThrow(
            why,
          );
        };
        await refused({ rowCount: 3, columns: without('channel') }, /channel/);
        await refused({ rowCount: 3, columns: { ...one.columns, channel: ['a', null, 'a'] } }, /channel/);
        await refused(
          { rowCount: 3, columns: { ...one.columns, spend_minor: Float64Array.of(1, 2.5, 3) } },
          /spend_minor/,
        );
        await refused(
          { rowCount: 3, columns: { ...one.columns, date: ['2026-01-01', '2026-01-03', '2026-01-01'] } },
          /outside the replaced range/,
        );
        expect(await w.query(ctxA, SQL)).toEqual(asRows);
      }),

  'timestamps read back as ISO-8601 strings, and as epoch milliseconds through UNIX_MILLIS': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'touchpoints', range('2026-01-01', '2026-01-01'), [
        {
          brand_id: 'b1',
          touchpoint_id: 't1',
          date: '2026-01-01',
          occurred_at: '2026-01-01T23:30:00.250Z',
        },
      ]);
      expect(
        await w.query(ctxA, 'SELECT occurred_at, UNIX_MILLIS(occurred_at) AS at_ms FROM {{touchpoints}}'),
      ).toEqual([{ occurred_at: '2026-01-01T23:30:00.250Z', at_ms: Date.UTC(2026, 0, 1, 23, 30, 0, 250) }]);
    }),

  'parameters bind dates, strings, numbers and lists': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-03'), [
        anAdRow('2026-01-01', { campaign_id: 'c1' }),
        anAdRow('2026-01-02', { campaign_id: 'c2' }),
        anAdRow('2026-01-03', { campaign_id: 'c3' }),
      ]);
      const rows = await w.query(
        ctxA,
        `SELECT campaign_id, SAFE_DIVIDE(platform_conversion_value_minor, spend_minor) AS roas
         FROM {{ad_performance}}
         WHERE date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND campaign_id IN (SELECT * FROM UNNEST(@ids)) AND spend_minor >= @min
         ORDER BY campaign_id`,
        { from: '2026-01-02', to: '2026-01-03', ids: ['c1', 'c2', 'c3'], min: 1000 },
      );
      expect(rows).toEqual([
        { campaign_id: 'c2', roas: 5 },
        { campaign_id: 'c3', roas: 5 },
      ]);
    }),

  'a copied column is filled from its source row where NULL, for one brand, idempotently, and never overwritten':
    (make) =>
      withWarehouse(make, async (w) => {
        const aRefund = (
          brand: string,
          id: string,
          orderId: string,
          orderDate: string | null,
        ): WarehouseRow => ({
          brand_id: brand,
          refund_id: id,
          order_id: orderId,
          date: '2026-01-05',
          created_at: '2026-01-05T10:00:00.000Z',
          quantity: 1,
          amount_minor: 100,
          currency: 'USD',
          kind: 'line',
          order_date: orderDate,
        });
        await w.replaceRange(ctxA, 'orders', range('2026-01-01', '2026-01-31'), [
          anOrderRow('o1', '2026-01-01T15:00:00.000Z', 500),
        ]);
        await w.replaceRange(ctxA, 'orders', { ...range('2026-01-01', '2026-01-31'), brandId: 'b2' }, [
          { ...anOrderRow('o1', '2026-01-02T15:00:00.000Z', 500), brand_id: 'b2', date: '2026-01-02' },
        ]);
        await w.replaceRange(ctxA, 'refunds', range('2026-01-01', '2026-01-31'), [
          aRefund('b1', 'r1', 'o1', null),
          aRefund('b1', 'r2', 'o-not-here', null),
          aRefund('b1', 'r3', 'o1', '2025-12-31'),
        ]);
        await w.replaceRange(ctxA, 'refunds', { ...range('2026-01-01', '2026-01-31'), brandId: 'b2' }, [
          aRefund('b2', 'r4', 'o1', null),
        ]);
        await w.fillColumns(ctxA, 'refunds', 'b1');
        await w.fillColumns(ctxA, 'refunds', 'b1');
        expect(
          await w.query(ctxA, 'SELECT brand_id, refund_id, order_date FROM {{refunds}} ORDER BY refund_id'),
        ).toEqual([
          { brand_id: 'b1', refund_id: 'r1', order_date: '2026-01-01' },
          { brand_id: 'b1', refund_id: 'r2', order_date: null },
          { brand_id: 'b1', refund_id: 'r3', order_date: '2025-12-31' },
          { brand_id: 'b2', refund_id: 'r4', order_date: null },
        ]);
      }),

  'deleting by column removes only the matching rows of that brand': (make) =>
    withWarehouse(make, async (w) => {
      await w.replaceRange(ctxA, 'ad_performance', range('2026-01-01', '2026-01-01'), [
        anAdRow('2026-01-01', { campaign_id: 'c1' }),
        anAdRow('2026-01-01', { campaign_id: 'c2' }),
      ]);
      expect(await w.deleteWhere(ctxA, 'ad_performance', 'b1', { campaign_id: 'c1' })).toBe(1);
      expect(await w.query(ctxA, 'SELECT campaign_id FROM {{ad_performance}}')).toEqual([
        { campaign_id: 'c2' },
      ]);
    }),

  'an unknown table is refused rather than guessed': (make) =>
    withWarehouse(make, async (w) => {
      await expect(w.query(ctxA, 'SELECT * FROM {{secrets}}')).rejects.toThrow(/unknown warehouse table/);
    }),
};

export function describeWarehouseConformance(backend: string, make: WarehouseFactory): void {
  describe(`Warehouse conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(warehouseChecks)) it(name, () => check(make));
  });
}
