import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { brandSchema } from '../domain/entities/brand';
import { systemContext } from '../domain/tenancy';
import { addDays, localDate } from '../domain/time';
import { createMemoryLogger } from '../kernel/logging/logger';
import { fixedClock } from '../ports/clock';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import { createCustomerAnalyticsJob } from './job';
import { TEST_AS_OF, testStoreRows } from './test-store';

const ctx = systemContext('shop', 'test');
const brand = brandSchema.parse({
  id: 'b',
  name: 'b',
  shopDomain: 'b.myshopify.com',
  currency: 'USD',
  timezone: 'Etc/UTC',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const campaigns = [
  { channel: 'paid_social', platform: 'meta', campaignId: 'meta:act_1:camp_1' },
  { channel: 'paid_search', platform: 'google_ads', campaignId: 'google_ads:1:camp_9' },
];

let dir: string;
const warehouses: Warehouse[] = [];

/** A warehouse holding the same store, with the job run on it a month ago and today. */
async function runWith(batchRows: number | undefined): Promise<Warehouse> {
  const warehouse = await createDuckdbWarehouse(join(dir, `wh-${warehouses.length}.duckdb`));
  warehouses.push(warehouse);
  await warehouse.ensureTenant(ctx);
  const tables = { orders: [] as WarehouseRow[], attributions: [] as WarehouseRow[] };
  const store = { brandId: 'b', customers: 700, days: 400, asOf: TEST_AS_OF, seed: 11, campaigns };
  for (const r of testStoreRows(store)) tables[r.table].push(r.row);
  const range = { brandId: 'b', from: localDate('2020-01-01'), to: localDate('2027-12-31') };
  await warehouse.replaceRange(ctx, 'orders', range, tables.orders);
  await warehouse.replaceRange(ctx, 'attributions', range, tables.attributions);
  const job = createCustomerAnalyticsJob({
    directory: { listTenantIds: async () => ['shop'] },
    brands: { list: async () => [brand] },
    warehouse,
    clock: fixedClock(`${addDays(TEST_AS_OF, 1)}T06:00:00Z`),
    logger: createMemoryLogger('ERROR'),
    ...(batchRows === undefined ? {} : { batchRows }),
  });
  await job.runBrand(ctx, brand, addDays(TEST_AS_OF, -30));
  await job.runBrand(ctx, brand, TEST_AS_OF);
  return warehouse;
}

const TABLES = {
  customer_predictions: 'customer_id',
  customer_segments: 'date, segment',
  customer_segment_moves: 'date, from_segment, to_segment',
  customer_cohorts: 'date, dimension, cohort, month_offset',
  customer_models: 'model_id',
} as const;

const contents = (w: Warehouse, table: keyof typeof TABLES) =>
  w.query(ctx, `SELECT * FROM {{${table}}} ORDER BY ${TABLES[table]}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pp-customers-batches-'));
});

afterAll(async () => {
  for (const w of warehouses) await w.close();
  rmSync(dir, { recursive: true, force: true });
});

it('writes the same rows whether customers are read and written 7 at a time or in one batch', async () => {
  const whole = await runWith(1_000_000);
  const inSevens = await runWith(7);
  for (const table of Object.keys(TABLES) as Array<keyof typeof TABLES>) {
    const expected = await contents(whole, table);
    expect(expected.length, table).toBeGreaterThan(0);
    expect(await contents(inSevens, table), table).toEqual(expected);
  }
  const [moves] = await whole.query<{ n: number }>(
    ctx,
    `SELECT COUNT(*) AS n FROM {{customer_segment_moves}} WHERE date = @asOf AND from_segment <> 'none'`,
    { asOf: TEST_AS_OF },
  );
  // The second run compared against the first: some customers changed segment between them.
  expect(moves?.n).toBeGreaterThan(0);
}, 120_000);
