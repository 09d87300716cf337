import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { type Brand, brandSchema } from '../domain/entities/brand';
import { systemContext } from '../domain/tenancy';
import { addDays, type LocalDate, localDate } from '../domain/time';
import { createMemoryLogger } from '../kernel/logging/logger';
import { fixedClock } from '../ports/clock';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import { createCustomerAnalyticsJob } from './job';
import { orderRow, TEST_AS_OF, testStoreRows } from './test-store';

const ctx = systemContext('shop', 'test');
const brand = (id: string): Brand =>
  brandSchema.parse({
    id,
    name: id,
    shopDomain: `${id}.myshopify.com`,
    currency: 'USD',
    timezone: 'Etc/UTC',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });

let dir: string;
let warehouse: Warehouse;
const clock = fixedClock(`${addDays(TEST_AS_OF, 1)}T06:00:00Z`);
const big = brand('big');
const small = brand('small');

async function load(
  brandId: string,
  rows: Iterable<{ table: 'orders' | 'attributions'; row: WarehouseRow }>,
) {
  const byTable = { orders: [] as WarehouseRow[], attributions: [] as WarehouseRow[] };
  for (const r of rows) byTable[r.table].push(r.row);
  const range = { brandId, from: localDate('2020-01-01'), to: localDate('2027-12-31') };
  await warehouse.replaceRange(ctx, 'orders', range, byTable.orders);
  await warehouse.replaceRange(ctx, 'attributions', range, byTable.attributions);
}

const campaigns = [
  { channel: 'paid_social', platform: 'meta', campaignId: 'meta:act_1:camp_1' },
  { channel: 'paid_search', platform: 'google_ads', campaignId: 'google_ads:1:camp_9' },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-customers-'));
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
  await warehouse.ensureTenant(ctx);
  await load(
    'big',
    testStoreRows({ brandId: 'big', customers: 1500, days: 400, asOf: TEST_AS_OF, seed: 5, campaigns }),
  );
  await load(
    'small',
    testStoreRows({ brandId: 'small', customers: 40, days: 120, asOf: TEST_AS_OF, seed: 9 }),
  );
}, 60_000);

afterAll(async () => {
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

function job(brands: Brand[]) {
  return createCustomerAnalyticsJob({
    directory: { listTenantIds: async () => ['shop'] },
    brands: { list: async () => brands },
    warehouse,
    clock,
    logger: createMemoryLogger('ERROR'),
  });
}

const q = <T>(sql: string, brandId: string, extra: Record<string, string> = {}) =>
  warehouse.query<T>(ctx, sql, { brandId, ...extra });

describe('customer-analytics on a brand with enough history', () => {
  beforeAll(async () => {
    await job([big]).runBrand(ctx, big);
  }, 60_000);

  it('stores a fitted, versioned model with its training window and holdout score', async () => {
    const [m] = await q<Record<string, unknown>>(
      'SELECT * FROM {{customer_models}} WHERE brand_id = @brandId',
      'big',
    );
    expect(m).toMatchObject({
      model_id: `ltv-${TEST_AS_OF}`,
      training_to: TEST_AS_OF,
      customers: 1500,
      bgnbd_source: 'fitted',
      gg_source: 'fitted',
      holdout_from: addDays(TEST_AS_OF, -89),
      holdout_to: TEST_AS_OF,
    });
    // The window starts at the first order in the data, inside the simulated 400 days.
    expect((m!.training_from as string) >= addDays(TEST_AS_OF, -399)).toBe(true);
    expect(m!.holdout_auc as number).toBeGreaterThanOrEqual(0);
    expect(m!.holdout_auc as number).toBeLessThanOrEqual(1);
    expect(m!.holdout_auc_expected as number).toBeGreaterThan(0.65);
    // The population is the model's own, so the holdout total lands close to what happened.
    const ratio = (m!.holdout_predicted as number) / (m!.holdout_actual as number);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it('writes a prediction and a segment for every customer, intervals around the value', async () => {
    const rows = await q<{ n: number; bad: number; segments: number }>(
      `SELECT COUNT(*) AS n,
              SUM(CASE WHEN value_365_low_minor > value_365_minor OR value_365_high_minor < value_365_minor THEN 1 ELSE 0 END) AS bad,
              COUNT(DISTINCT segment) AS segments
       FROM {{customer_predictions}} WHERE brand_id = @brandId`,
      'big',
    );
    expect(rows[0]).toEqual({ n: 1500, bad: 0, segments: 8 });
  });

  it("names the campaign credited with each first order as the customer's acquisition", async () => {
    const rows = await q<{ acquisition_campaign_id: string; n: number }>(
      `SELECT acquisition_campaign_id, COUNT(*) AS n FROM {{customer_predictions}} WHERE brand_id = @brandId
       GROUP BY acquisition_campaign_id ORDER BY acquisition_campaign_id`,
      'big',
    );
    expect(rows).toEqual([
      { acquisition_campaign_id: 'google_ads:1:camp_9', n: 750 },
      { acquisition_campaign_id: 'meta:act_1:camp_1', n: 750 },
    ]);
  });

  it('writes cohorts by month, channel and campaign with 100 % retention in month zero', async () => {
    const rows = await q<{ dimension: string; cohorts: number; m0: number }>(
      `SELECT dimension, COUNT(DISTINCT cohort) AS cohorts, MIN(CASE WHEN month_offset = 0 THEN retention END) AS m0
       FROM {{customer_cohorts}} WHERE brand_id = @brandId GROUP BY dimension ORDER BY dimension`,
      'big',
    );
    expect(rows).toEqual([
      { dimension: 'campaign', cohorts: 2, m0: 1 },
      { dimension: 'channel', cohorts: 2, m0: 1 },
      { dimension: 'month', cohorts: 14, m0: 1 },
    ]);
  });

  it('sums segment sizes to the customers, every newcomer moving in from none on the first run', async () => {
    const rows = await q<{ customers: number; previous_customers: number; moved_in: number }>(
      'SELECT customers, previous_customers, moved_in FROM {{customer_segments}} WHERE brand_id = @brandId',
      'big',
    );
    expect(rows).toHaveLength(8);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(1500);
    expect(rows.reduce((s, r) => s + r.moved_in, 0)).toBe(1500);
    expect(rows.every((r) => r.previous_customers === 0)).toBe(true);
  });

  it("replaces the day's rows when run again, and records movement on the next day", async () => {
    await job([big]).runBrand(ctx, big);
    const [again] = await q<{ n: number }>(
      'SELECT COUNT(*) AS n FROM {{customer_predictions}} WHERE brand_id = @brandId',
      'big',
    );
    expect(again!.n).toBe(1500);
    const next: LocalDate = addDays(TEST_AS_OF, 45);
    // Fifty customers come back in the meantime; scores are ranks, so they climb past the others.
    await warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: 'big', from: addDays(TEST_AS_OF, 1), to: next },
      Array.from({ length: 50 }, (_, i) =>
        orderRow({
          brandId: 'big',
          orderId: `late-${i}`,
          customerId: `cust-${i * 7}`,
          date: addDays(next, -1),
          totalMinor: 9_000,
        }),
      ),
    );
    await job([big]).runBrand(ctx, big, next);
    const moves = await q<{ customers: number }>(
      'SELECT customers FROM {{customer_segment_moves}} WHERE brand_id = @brandId AND date = CAST(@d AS DATE)',
      'big',
      { d: next },
    );
    expect(moves.reduce((s, r) => s + r.customers, 0)).toBeGreaterThan(0);
    const models = await q<{ model_id: string }>(
      'SELECT model_id FROM {{customer_models}} WHERE brand_id = @brandId ORDER BY model_id',
      'big',
    );
    expect(models.map((m) => m.model_id)).toEqual([`ltv-${TEST_AS_OF}`, `ltv-${next}`]);
  }, 60_000);
});

describe('customer-analytics on a small store', () => {
  it('falls back to the stated priors and says why, still predicting every customer', async () => {
    await job([small]).runBrand(ctx, small);
    const [m] = await q<Record<string, unknown>>(
      'SELECT * FROM {{customer_models}} WHERE brand_id = @brandId',
      'small',
    );
    expect(m).toMatchObject({ bgnbd_source: 'prior', gg_source: 'prior', customers: 40 });
    // Both components fall short by it; the notes say it once.
    expect(String(m!.notes).split('40 customers (a fit needs 500)')).toHaveLength(2);
    const [p] = await q<{ n: number }>(
      'SELECT COUNT(*) AS n FROM {{customer_predictions}} WHERE brand_id = @brandId',
      'small',
    );
    expect(p!.n).toBe(40);
  }, 60_000);

  it('leaves guest and cancelled orders out', async () => {
    const range = { brandId: 'guests', from: localDate('2026-01-01'), to: TEST_AS_OF };
    await warehouse.replaceRange(ctx, 'orders', range, [
      orderRow({ brandId: 'guests', orderId: 'g1', customerId: null, date: TEST_AS_OF, totalMinor: 1000 }),
      orderRow({
        brandId: 'guests',
        orderId: 'c1',
        customerId: 'cx',
        date: TEST_AS_OF,
        totalMinor: 1000,
        cancelled: true,
      }),
      orderRow({
        brandId: 'guests',
        orderId: 'k1',
        customerId: 'kept',
        date: addDays(TEST_AS_OF, -3),
        totalMinor: 1000,
      }),
    ]);
    const guests = brand('guests');
    const summary = await job([guests]).runBrand(ctx, guests);
    expect(summary.customers).toBe(1);
  });
});

describe('customer-analytics on a store whose data ends before yesterday', () => {
  it('judges its customers as of its last day with data, not as of yesterday', async () => {
    // An imported store: its orders and its attributed days end 60 days ago.
    const last = addDays(TEST_AS_OF, -60);
    const id = 'imported';
    const range = { brandId: id, from: localDate('2020-01-01'), to: TEST_AS_OF };
    await load(id, testStoreRows({ brandId: id, customers: 40, days: 120, asOf: last, seed: 11 }));
    await warehouse.replaceRange(ctx, 'unified_performance', range, [
      {
        brand_id: id,
        date: last,
        channel: 'direct',
        currency: 'USD',
        spend_minor: 0,
        revenue_minor: 1000,
        orders: 1,
        units: 1,
        cogs_minor: 0,
        profit_minor: 1000,
        model: 'last_touch',
      },
    ]);
    const imported = brand(id);
    const ran = await job([imported]).runIfMissing('shop', id);
    expect(ran?.asOf).toBe(last);
    expect(ran?.modelId).toBe(`ltv-${last}`);
    // Judged as of yesterday, every one of them would have been silent for two months at least.
    const [recency] = await q<{ d: number }>(
      'SELECT MIN(recency_days) AS d FROM {{customer_predictions}} WHERE brand_id = @brandId',
      id,
    );
    expect(Number(recency!.d)).toBeLessThan(60);
    // Run again the same day: the model for that day exists, nothing is redone.
    expect(await job([imported]).runIfMissing('shop', id)).toBeNull();
  }, 60_000);

  it('before its first attribution pass, judges it as of its last order day, not yesterday', async () => {
    // An import's customers refresh runs before the pass: nothing is attributed yet. Judged as of
    // yesterday, that model would be dated after the pass's and stay the one the page reads.
    const last = addDays(TEST_AS_OF, -45);
    const id = 'imported-unpassed';
    const rows = [...testStoreRows({ brandId: id, customers: 20, days: 90, asOf: last, seed: 12 })];
    await load(id, rows);
    const lastOrder = rows
      .filter((r) => r.table === 'orders' && !r.row.cancelled_at)
      .map((r) => String(r.row.date))
      .sort()
      .at(-1);
    const ran = await job([brand(id)]).runBrand(ctx, brand(id));
    expect(ran.asOf).toBe(lastOrder);
    expect(ran.asOf <= last && ran.asOf > addDays(last, -10)).toBe(true);
  }, 60_000);
});

it('runAll skips a failing brand and carries on with the others', async () => {
  const logger = createMemoryLogger('ERROR');
  const broken = { ...small, targets: { ...small.targets, attributionModel: 'nope' } } as unknown as Brand;
  const result = await createCustomerAnalyticsJob({
    directory: { listTenantIds: async () => ['shop'] },
    brands: { list: async () => [broken, small] },
    warehouse,
    clock,
    logger,
  }).runAll();
  expect(result).toEqual({ brands: 1, failed: 1 });
  expect(logger.lines.join('\n')).toContain('customer analytics failed');
}, 60_000);

it('runIfMissing runs a brand once per as-of day, the first time it is asked', async () => {
  const fresh = brand('fresh');
  await load(
    'fresh',
    testStoreRows({ brandId: 'fresh', customers: 30, days: 60, asOf: TEST_AS_OF, seed: 2 }),
  );
  const j = job([fresh]);
  expect(await j.runIfMissing('shop', 'fresh')).toMatchObject({
    brandId: 'fresh',
    asOf: TEST_AS_OF,
    customers: 30,
  });
  expect(await j.runIfMissing('shop', 'fresh')).toBeNull();
  expect(await j.runIfMissing('shop', 'no-such-brand')).toBeNull();
}, 60_000);

it('runIfMissing runs again when the day’s model was fitted before the store’s orders arrived', async () => {
  const early = brand('early');
  const j = job([early]);
  // The first attribution pass of a new brand covers ad spend only: no customers yet.
  expect(await j.runIfMissing('shop', 'early')).toMatchObject({ brandId: 'early', customers: 0 });
  await load(
    'early',
    testStoreRows({ brandId: 'early', customers: 12, days: 30, asOf: TEST_AS_OF, seed: 3 }),
  );
  expect(await j.runIfMissing('shop', 'early')).toMatchObject({ brandId: 'early', customers: 12 });
  expect(await j.runIfMissing('shop', 'early')).toBeNull();
}, 60_000);
