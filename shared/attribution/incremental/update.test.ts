import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchCatalog, generateBenchTenant } from '../../../test/bench/attribution-data';
import { createTestBrand, type TestBrand } from '../../../test/support/attribution-pass';
import { ATTRIBUTION_MODELS, type AttributionModel, brandTargetsSchema } from '../../domain/entities/brand';
import { type LocalDate, localDate } from '../../domain/time';
import type { WarehouseRow } from '../../ports/warehouse';
import { createAttributeJob } from '../attribute-job';
import { runAttributionPass } from '../pass/run';
import { consecutiveRuns, runIncrementalUpdate } from './update';

// The bench tenant's generator at a small size: 3,000 orders over 180 days (about 17 a day), two
// journey touches each, paid and email, refunds five days after 1 in 50 orders, cancellations,
// spend for 12 campaigns in 10 regions every day (most of it on days and regions without a sale,
// so the range-wide sales mix decides where it goes), promoted products on some campaigns.
const NOW = '2026-03-31T23:00:00Z';
const ORDERS = 3_000;
const ORDER_TABLES = ['orders', 'order_lines', 'refunds', 'touchpoints'] as const;

async function brandWith(model: AttributionModel): Promise<TestBrand> {
  const w = await createTestBrand(NOW, {
    timezone: 'Etc/UTC',
    targets: brandTargetsSchema.parse({ attributionWindowDays: 7, attributionModel: model }),
  });
  const catalog = benchCatalog(NOW);
  await w.deps.store.products.upsertMany(w.ctx, w.brand.id, catalog.products);
  await w.deps.store.inventory.upsertMany(w.ctx, w.brand.id, catalog.levels);
  await generateBenchTenant(w.deps.warehouse, w.ctx, w.brand.id, ORDERS);
  return w;
}

const UNIFIED_ORDER =
  'date, channel, campaign_id, region, variant_id, spend_minor, revenue_minor, cogs_minor, orders, units';
const ATTRIBUTION_ORDER = 'date, order_id, channel, campaign_id';

async function table(w: TestBrand, name: string, orderBy: string): Promise<WarehouseRow[]> {
  return w.deps.warehouse.query(
    w.ctx,
    `SELECT * FROM {{${name}}} WHERE brand_id = @brand ORDER BY ${orderBy}`,
    {
      brand: w.brand.id,
    },
  );
}

/** Rows of `actual` not in `expected` and the other way round (the first few), as JSON. */
function differences(actual: readonly WarehouseRow[], expected: readonly WarehouseRow[]) {
  const key = (r: WarehouseRow) => JSON.stringify(r);
  const count = (rows: readonly WarehouseRow[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const a = count(actual);
  const e = count(expected);
  const extra = [...a].filter(([k, n]) => (e.get(k) ?? 0) < n).map(([k]) => k);
  const missing = [...e].filter(([k, n]) => (a.get(k) ?? 0) < n).map(([k]) => k);
  return { extra: extra.slice(0, 4), missing: missing.slice(0, 4), counts: [extra.length, missing.length] };
}
const withoutStock = ({ stock_available: _s, days_of_cover: _d, ...money }: WarehouseRow) => money;
const same = { extra: [], missing: [], counts: [0, 0] };

/** The rows of the given orders in every table an order write touches. */
async function orderRowsOf(w: TestBrand, ids: readonly string[]) {
  const out: Record<(typeof ORDER_TABLES)[number], WarehouseRow[]> = {
    orders: [],
    order_lines: [],
    refunds: [],
    touchpoints: [],
  };
  for (const t of ORDER_TABLES)
    out[t] = await w.deps.warehouse.query(
      w.ctx,
      `SELECT * FROM {{${t}}} WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@ids))`,
      { brand: w.brand.id, ids },
    );
  return out;
}

const NO_ROWS = { orders: [], order_lines: [], refunds: [], touchpoints: [] };

/** Writes (or, with no rows, removes) the given orders as a webhook or sync page would. */
async function writeOrderRows(
  w: TestBrand,
  ids: readonly string[],
  rows: Awaited<ReturnType<typeof orderRowsOf>>,
): Promise<LocalDate[]> {
  for (const t of ORDER_TABLES)
    await w.deps.warehouse.replaceKeys(
      w.ctx,
      t,
      { brandId: w.brand.id, keyColumn: 'order_id', keys: ids },
      rows[t].filter((r) => ids.includes(String(r.order_id))),
    );
  const days = [
    ...rows.orders.filter((r) => ids.includes(String(r.order_id))).map((r) => String(r.date)),
    ...rows.refunds.filter((r) => ids.includes(String(r.order_id))).map((r) => String(r.date)),
  ];
  return days.map(localDate);
}

/** Takes the day's latest order out of the warehouse (a webhook not yet arrived); its rows to put back. */
async function withoutLastOrderOf(w: TestBrand, day: LocalDate) {
  const late = (
    await w.deps.warehouse.query<{ order_id: string }>(
      w.ctx,
      'SELECT order_id FROM {{orders}} WHERE brand_id = @brand AND date = CAST(@day AS DATE) ORDER BY created_at DESC LIMIT 1',
      { brand: w.brand.id, day },
    )
  ).map((r) => r.order_id);
  const rows = await orderRowsOf(w, late);
  await writeOrderRows(w, late, NO_ROWS);
  return { late, rows };
}

/**
 * The brand's warehouse, except that `meanwhile` runs once, just before the first write of unified
 * rows: after the reads of whoever writes through it, before its last write.
 */
/** A warehouse that runs `meanwhile` once, just before the first write of unified rows starts. */
function racing(w: TestBrand, meanwhile: () => Promise<void>) {
  let ran = false;
  const before = async (table: string) => {
    if (table === 'unified_performance' && !ran) {
      ran = true;
      await meanwhile();
    }
  };
  const warehouse: TestBrand['deps']['warehouse'] = {
    ...w.deps.warehouse,
    async replaceRange(ctx, table, range, replacement) {
      await before(table);
      return w.deps.warehouse.replaceRange(ctx, table, range, replacement);
    },
    async replaceRangeBatches(ctx, table, range, batches) {
      await before(table);
      return w.deps.warehouse.replaceRangeBatches(ctx, table, range, batches);
    },
  };
  return { warehouse, ran: () => ran };
}

describe.each(ATTRIBUTION_MODELS)('incremental attribution under %s', (model) => {
  let w: TestBrand;
  beforeEach(async () => {
    w = await brandWith(model);
  });
  afterEach(async () => w.close());

  it('a day of orders replayed incrementally gives the full pass its numbers to the cent', async () => {
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const fullUnified = await table(w, 'unified_performance', UNIFIED_ORDER);
    const fullAttributions = await table(w, 'attributions', ATTRIBUTION_ORDER);

    // The day with the most refunds and cancellations among its orders, so the replay covers them.
    const [busiest] = await w.deps.warehouse.query<{ date: string }>(
      w.ctx,
      `SELECT o.date FROM {{orders}} o LEFT JOIN {{refunds}} r ON r.order_id = o.order_id
       WHERE o.brand_id = @brand AND o.date BETWEEN CAST('2026-02-01' AS DATE) AND CAST('2026-03-24' AS DATE)
       GROUP BY o.date ORDER BY COUNT(r.refund_id) + 10 * COUNT(o.cancelled_at) DESC, o.date LIMIT 1`,
      { brand: w.brand.id },
    );
    const day = localDate(busiest!.date);
    const ids = (
      await w.deps.warehouse.query<{ order_id: string }>(
        w.ctx,
        'SELECT order_id FROM {{orders}} WHERE brand_id = @brand AND date = CAST(@day AS DATE) ORDER BY created_at',
        { brand: w.brand.id, day },
      )
    ).map((r) => r.order_id);
    const rows = await orderRowsOf(w, ids);
    expect(ids.length).toBeGreaterThan(10);
    expect(rows.refunds.length).toBeGreaterThan(0);

    // The morning before the day's orders: none of them in the warehouse, their days rebuilt.
    const days = await writeOrderRows(w, ids, NO_ROWS);
    const touched = [...days, day, ...rows.refunds.map((r) => localDate(String(r.date)))];
    expect((await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, touched)).ok).toBe(true);
    expect(await table(w, 'unified_performance', UNIFIED_ORDER)).not.toEqual(fullUnified);

    // The orders arrive: one at a time, then a sync page of several, then the first two again
    // (a webhook delivered twice, and the sync page repeating it).
    const batches = [ids.slice(0, 1), ids.slice(1, 2), ids.slice(2, 9), ids.slice(0, 2), ids.slice(9)];
    for (const batch of batches) {
      const changed = await writeOrderRows(w, batch, rows);
      const outcome = await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, changed);
      expect(outcome.ok).toBe(true);
    }

    expect(differences(await table(w, 'attributions', ATTRIBUTION_ORDER), fullAttributions)).toEqual(same);
    expect(differences(await table(w, 'unified_performance', UNIFIED_ORDER), fullUnified)).toEqual(same);
  });

  it('a refund arriving incrementally lowers its day by exactly what the full pass takes off', async () => {
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const revenueOn = async (d: string) =>
      (
        await w.deps.warehouse.query<{ revenue: number }>(
          w.ctx,
          `SELECT SUM(revenue_minor) AS revenue FROM {{unified_performance}}
           WHERE brand_id = @brand AND date = CAST(@d AS DATE)`,
          { brand: w.brand.id, d },
        )
      )[0]!.revenue;
    const [order] = await w.deps.warehouse.query<{ order_id: string; variant_id: string; price: number }>(
      w.ctx,
      `SELECT o.order_id, l.variant_id, l.price_minor AS price FROM {{orders}} o
       JOIN {{order_lines}} l ON l.order_id = o.order_id
       WHERE o.brand_id = @brand AND o.date = CAST('2026-03-25' AS DATE) AND o.cancelled_at IS NULL
       ORDER BY o.order_id LIMIT 1`,
      { brand: w.brand.id },
    );
    const refundDay = localDate('2026-03-29');
    const before = await revenueOn(refundDay);
    await w.deps.warehouse.replaceKeys(
      w.ctx,
      'refunds',
      { brandId: w.brand.id, keyColumn: 'refund_id', keys: ['r-incremental'] },
      [
        {
          brand_id: w.brand.id,
          refund_id: 'r-incremental',
          order_id: order!.order_id,
          date: refundDay,
          created_at: '2026-03-29T15:00:00.000Z',
          variant_id: order!.variant_id,
          quantity: 1,
          amount_minor: order!.price - 1,
          currency: 'USD',
          kind: 'line',
        },
      ],
    );

    const outcome = await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, [refundDay]);
    expect(outcome).toMatchObject({ ok: true, ranges: [{ from: refundDay, to: refundDay }] });
    expect(await revenueOn(refundDay)).toBe(before - (order!.price - 1));
    const incremental = await table(w, 'unified_performance', UNIFIED_ORDER);

    // The pass restates stock carried back to earlier days (a refunded unit was "sold" one less in
    // between); money, orders and units are the same on every row, and the refund's day is the same whole.
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const full = await table(w, 'unified_performance', UNIFIED_ORDER);
    expect(differences(full.map(withoutStock), incremental.map(withoutStock))).toEqual(same);
    const onDay = (rows: WarehouseRow[]) => rows.filter((r) => r.date === refundDay);
    expect(differences(onDay(full), onDay(incremental))).toEqual(same);
  });
});

describe('rebuilds of one day racing each other', () => {
  let w: TestBrand;
  beforeEach(async () => {
    w = await brandWith('last_touch');
  });
  afterEach(async () => w.close());

  it('of two incremental updates, the one that read before an order landed and commits last rebuilds again', async () => {
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const day = localDate('2026-03-20');
    const { late, rows } = await withoutLastOrderOf(w, day);
    expect((await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, [day])).ok).toBe(true);

    // Update A has read the day; before it writes unified rows, the late order lands and its own
    // update (B) runs to the end.
    const race = racing(w, async () => {
      await writeOrderRows(w, late, rows);
      expect((await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, [day])).ok).toBe(true);
    });
    const outcome = await runIncrementalUpdate({ ...w.deps, warehouse: race.warehouse }, w.ctx, w.brand.id, [
      day,
    ]);
    expect(outcome.ok).toBe(true);
    expect(race.ran()).toBe(true);

    const credited = await w.deps.warehouse.query<{ n: number }>(
      w.ctx,
      'SELECT COUNT(*) AS n FROM {{attributions}} WHERE brand_id = @brand AND order_id = @id',
      { brand: w.brand.id, id: late[0]! },
    );
    expect(credited[0]!.n).toBeGreaterThan(0);
    const unified = await table(w, 'unified_performance', UNIFIED_ORDER);
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    expect(differences(await table(w, 'unified_performance', UNIFIED_ORDER), unified)).toEqual(same);
  });

  it('an order landing while the debounced full pass runs is not put back out by the pass: its day is rebuilt after the pass', async () => {
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const day = localDate('2026-03-30');
    const { late, rows } = await withoutLastOrderOf(w, day);
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const expected = await table(w, 'unified_performance', UNIFIED_ORDER);
    await writeOrderRows(w, late, rows);
    await runAttributionPass(w.deps, w.ctx, w.brand.id);
    const withLate = await table(w, 'unified_performance', UNIFIED_ORDER);
    expect(differences(withLate, expected).counts).not.toEqual([0, 0]);
    await writeOrderRows(w, late, NO_ROWS);
    await runAttributionPass(w.deps, w.ctx, w.brand.id);

    // The pass has read every chunk when it writes unified rows; the order lands then, and its
    // incremental update finishes before the pass writes.
    const race = racing(w, async () => {
      await writeOrderRows(w, late, rows);
      expect((await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, [day])).ok).toBe(true);
    });
    const job = createAttributeJob({
      ...w.deps,
      warehouse: race.warehouse,
      bus: { publish: async () => 'm1' },
      tasks: { enqueue: async () => 't1' },
    });
    await job.runPass({ tenantId: w.ctx.tenantId, brandId: w.brand.id, idempotencyKey: 'k' });
    expect(race.ran()).toBe(true);
    // Money and counts on every row as a pass that saw the order; stock carried back onto earlier
    // days waits for the next pass (decision 305), the order's own day is whole.
    const after = await table(w, 'unified_performance', UNIFIED_ORDER);
    expect(differences(after.map(withoutStock), withLate.map(withoutStock))).toEqual(same);
    const onDay = (rows: WarehouseRow[]) => rows.filter((r) => r.date === day);
    expect(differences(onDay(after), onDay(withLate))).toEqual(same);
  });
});

describe('incremental attribution before any full pass', () => {
  let w: TestBrand;
  beforeEach(async () => {
    w = await brandWith('last_touch');
  });
  afterEach(async () => w.close());

  it('refuses (only a full pass can fit the brand) and writes nothing', async () => {
    const outcome = await runIncrementalUpdate(w.deps, w.ctx, w.brand.id, [localDate('2026-03-30')]);
    expect(outcome).toEqual({ ok: false, reason: 'no_fit' });
    expect(await table(w, 'attributions', ATTRIBUTION_ORDER)).toEqual([]);
    expect(await table(w, 'unified_performance', UNIFIED_ORDER)).toEqual([]);
  });
});

describe('consecutiveRuns', () => {
  it.each([
    [[], []],
    [['2026-03-02'], [['2026-03-02', '2026-03-02']]],
    [
      ['2026-03-05', '2026-03-02', '2026-03-03', '2026-03-02', '2026-03-31', '2026-04-01'],
      [
        ['2026-03-02', '2026-03-03'],
        ['2026-03-05', '2026-03-05'],
        ['2026-03-31', '2026-04-01'],
      ],
    ],
  ])('%j → %j', (days, runs) => {
    expect(consecutiveRuns(days.map(localDate))).toEqual(runs.map(([from, to]) => ({ from, to })));
  });
});
