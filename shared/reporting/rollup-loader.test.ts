import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../test/support/attribution-pass';
import { aBrand } from '../../test/support/builders';
import { BEFORE_1006 } from '../../test/support/refunds-join-sql';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import type { Brand } from '../domain/entities/brand';
import type { RevenueDefinition } from '../domain/performance/revenue';
import { systemContext } from '../domain/tenancy';
import { addDays, type LocalDate, localDate } from '../domain/time';
import { seededRandom } from '../kernel/util/random';
import type { Warehouse, WarehouseParam, WarehouseRow } from '../ports/warehouse';
import { loadBrandRollup, loadRollupDays } from './rollup-loader';

/**
 * The loader reads refunds by their own `order_date` instead of joining the brand's orders
 * (decision 1006). The oracle is the SQL it ran before (test/support/refunds-join-sql.ts): on a store with
 * refunds days after their orders, cancelled orders, refunds in another currency, of shipping and
 * of lines, and refunds whose order is not in the warehouse, the refunds per day and the days an
 * update reads are the old query's to the cent, whether `order_date` is filled, NULL or a mix.
 */
const FIRST = localDate('2026-03-02');
const DAYS = 28;

interface Store {
  orders: WarehouseRow[];
  /** Every refund with its order's day filled in (null for an order the warehouse lacks). */
  refunds: WarehouseRow[];
}

function generate(seed: number): Store {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const s: Store = { orders: [], refunds: [] };
  for (let i = 0; i < 300; i++) {
    const id = `o${i}`;
    const date = addDays(FIRST, int(0, DAYS - 1));
    const total = int(1_000, 30_000);
    const cancelled = rand() < 0.1;
    // One order in twenty is not in the warehouse (its refund arrived first).
    const missing = rand() < 0.05;
    if (!missing)
      s.orders.push(
        rows.order({
          id,
          at: `${date}T15:00:00.000Z`,
          date,
          currency: rand() < 0.05 ? 'EUR' : 'USD',
          total,
          shipping: 500,
          tax: 100,
          ...(cancelled ? { cancelledAt: `${addDays(date, int(0, 2))}T16:00:00.000Z` } : {}),
        }),
      );
    if (rand() < 0.4 || missing) {
      const day = addDays(date, int(0, 9));
      const at = `${day}T17:00:00.000Z`;
      const currency = rand() < 0.05 ? 'EUR' : 'USD';
      const orderDate = missing ? null : date;
      s.refunds.push({
        ...rows.refund(id, day, at, int(0, total), 'v0', 1),
        currency,
        order_date: orderDate,
      });
      if (rand() < 0.5)
        s.refunds.push({
          ...rows.refund(id, day, at, int(1, 600), null, 0),
          currency,
          order_date: orderDate,
        });
    }
  }
  return s;
}

/** The refunds as an earlier version wrote them: no order_date. */
const refundsWithout = (s: Store) => s.refunds.map(({ order_date: _, ...r }) => r);

const SETTINGS: RevenueDefinition[] = [
  { basis: 'order_total', refunds: 'refund_day' },
  { basis: 'order_total', refunds: 'order_day' },
  { basis: 'net_sales', refunds: 'refund_day' },
  { basis: 'net_sales', refunds: 'order_day' },
];
/** Which refunds keep their `order_date`: all (written knowing the order), none (rows from before the column), every other. */
const FILLS = { filled: () => true, null: () => false, mixed: (i: number) => i % 2 === 0 } as const;
const RANGE = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-05-31') };

describe.each(SETTINGS)('refunds under $basis on the $refunds, read by order_date', (definition) => {
  let w: TestBrand;
  let brand: Brand;
  const store = generate(SETTINGS.indexOf(definition) + 3);
  const refundsWith = (keep: (i: number) => boolean) =>
    store.refunds.map((r, i) => (keep(i) ? r : { ...r, order_date: null }));
  const params = (days: readonly LocalDate[] | null): Record<string, WarehouseParam> => ({
    brand: 'b1',
    currency: 'USD',
    allKinds: definition.basis === 'order_total',
    ...(days ? { days, from: days[0]!, to: days[days.length - 1]! } : {}),
  });
  /** The old loader's refunds per day, on the given days (null: all). */
  const oldRefunds = async (days: readonly LocalDate[] | null) =>
    new Map(
      (
        await w.deps.warehouse.query<{ d: string; v: number }>(
          w.ctx,
          BEFORE_1006[definition.refunds](days),
          params(days),
        )
      ).map((r) => [r.d, Number(r.v)]),
    );
  /** The old loader's days read for an update of `changed`. */
  const oldDays = async (changed: LocalDate[]) => {
    const linked = await w.deps.warehouse.query<{ d: LocalDate }>(
      w.ctx,
      BEFORE_1006.linked(changed),
      params(changed),
    );
    return [...new Set([...changed, ...linked.map((r) => r.d)])].sort();
  };

  beforeAll(async () => {
    w = await createTestBrand('2026-04-20T12:00:00Z');
    brand = {
      ...w.brand,
      targets: { ...w.brand.targets, revenueBasis: definition.basis, refundTiming: definition.refunds },
    };
    await w.deps.warehouse.replaceRange(w.ctx, 'orders', RANGE, store.orders);
  });
  afterAll(async () => w.close());

  it.each(Object.keys(FILLS) as Array<keyof typeof FILLS>)(
    'a whole history and every updated day give the old join’s refunds with order_date %s',
    async (fill) => {
      await w.deps.warehouse.replaceRange(w.ctx, 'refunds', RANGE, refundsWith(FILLS[fill]));
      const whole = await loadBrandRollup(w.deps.warehouse, w.ctx, brand);
      const expected = await oldRefunds(null);
      expect(expected.size).toBeGreaterThan(DAYS / 2);
      expect(whole.refunds).toEqual(expected);
      for (let k = 0; k < DAYS + 9; k += 3) {
        const changed = [addDays(FIRST, k), addDays(FIRST, k + 1)];
        const { days, rollup } = await loadRollupDays(w.deps.warehouse, w.ctx, brand, changed);
        const linked = await oldDays(changed);
        expect(days).toEqual(linked);
        expect(rollup.refunds).toEqual(await oldRefunds(linked));
      }
    },
  );

  it('a refund written before its order has a NULL order_date, counted as the join counts it, and filled when the order arrives', async () => {
    await w.deps.warehouse.replaceRange(w.ctx, 'refunds', RANGE, store.refunds);
    const late = { id: 'late-1', date: localDate('2026-03-04') };
    const refundDay = localDate('2026-03-20');
    const refund: WarehouseRow = {
      ...rows.refund(late.id, refundDay, `${refundDay}T10:00:00.000Z`, 4_321, 'v0', 1),
      order_date: null,
    };
    await w.deps.warehouse.replaceKeys(
      w.ctx,
      'refunds',
      { brandId: 'b1', keyColumn: 'refund_id', keys: [String(refund.refund_id)] },
      [refund],
    );
    await w.deps.warehouse.fillColumns(w.ctx, 'refunds', 'b1');
    const orderDateOf = async () =>
      (
        await w.deps.warehouse.query<{ order_date: string | null }>(
          w.ctx,
          'SELECT order_date FROM {{refunds}} WHERE refund_id = @id',
          { id: String(refund.refund_id) },
        )
      )[0]?.order_date;
    expect(await orderDateOf()).toBeNull();
    expect((await loadBrandRollup(w.deps.warehouse, w.ctx, brand)).refunds).toEqual(await oldRefunds(null));

    await w.deps.warehouse.replaceKeys(
      w.ctx,
      'orders',
      { brandId: 'b1', keyColumn: 'order_id', keys: [late.id] },
      [rows.order({ id: late.id, at: `${late.date}T15:00:00.000Z`, date: late.date, total: 9_000 })],
    );
    // Between the order's arrival and the fill the row is still read through the join.
    expect((await loadBrandRollup(w.deps.warehouse, w.ctx, brand)).refunds).toEqual(await oldRefunds(null));
    await w.deps.warehouse.fillColumns(w.ctx, 'refunds', 'b1');
    expect(await orderDateOf()).toBe(late.date);
    const whole = await loadBrandRollup(w.deps.warehouse, w.ctx, brand);
    expect(whole.refunds).toEqual(await oldRefunds(null));
    const onDay = definition.refunds === 'order_day' ? late.date : refundDay;
    expect(whole.refunds.get(onDay)).toBeGreaterThanOrEqual(4_321);
    const { days, rollup } = await loadRollupDays(w.deps.warehouse, w.ctx, brand, [refundDay]);
    expect(days).toEqual(await oldDays([refundDay]));
    expect(days).toContain(late.date);
    expect(rollup.refunds).toEqual(await oldRefunds(days));
  });
});

describe('a refunds table made before order_date', () => {
  it('gains the column when opened, filled from the orders there, and every definition reads the same refunds as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-refunds-'));
    const file = join(dir, 'wh.duckdb');
    const ctx = systemContext('t_upgrade', 'test');
    const store = generate(7);
    const read = (w: Warehouse) =>
      Promise.all(
        SETTINGS.map(async (d) =>
          (
            await w.query<{ d: string; v: number }>(ctx, `${BEFORE_1006[d.refunds](null)} ORDER BY 1`, {
              brand: 'b1',
              currency: 'USD',
              allKinds: d.basis === 'order_total',
            })
          ).map((r) => [r.d, Number(r.v)]),
        ),
      );
    try {
      const old = await createDuckdbWarehouse(file);
      await old.ensureTenant(ctx);
      await old.replaceRange(ctx, 'orders', RANGE, store.orders);
      await old.replaceRange(ctx, 'refunds', RANGE, refundsWithout(store));
      await old.query(ctx, 'ALTER TABLE {{refunds}} DROP COLUMN order_date', {});
      const before = await read(old);
      await old.close();

      const upgraded = await createDuckdbWarehouse(file);
      try {
        const stored = await upgraded.query<{ refund_id: string; order_date: string | null }>(
          ctx,
          'SELECT refund_id, order_date FROM {{refunds}} ORDER BY refund_id',
        );
        expect(stored).toEqual(
          store.refunds
            .map((r) => ({ refund_id: String(r.refund_id), order_date: r.order_date as string | null }))
            .sort((a, b) => a.refund_id.localeCompare(b.refund_id)),
        );
        expect(stored.some((r) => r.order_date === null)).toBe(true);
        expect(await read(upgraded)).toEqual(before);
        for (const [i, d] of SETTINGS.entries()) {
          const brand = aBrand('b1', {
            targets: { ...aBrand('b1').targets, revenueBasis: d.basis, refundTiming: d.refunds },
          });
          const { refunds } = await loadBrandRollup(upgraded, ctx, brand);
          expect([...refunds].sort()).toEqual(before[i]);
        }
      } finally {
        await upgraded.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
