import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../../test/support/attribution-pass';
import { addDays, localDate } from '../../domain/time';
import { seededRandom } from '../../kernel/util/random';
import type { Warehouse, WarehouseRow } from '../../ports/warehouse';
import { dayFingerprints } from './fingerprint';

/**
 * The fingerprint reads the refunds of a day's orders by their own `order_date` instead of joining
 * every order (decision 1017). The oracle is the join it ran before: on refunds days after their
 * orders, refunds whose order is not in the warehouse, and `order_date` filled, NULL or a mix, each
 * day's "refunds of its orders" part is the join's count and sum.
 */
const FIRST = localDate('2026-03-02');
const DAYS = 20;
const RANGE = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-05-31') };
const OLD_OF_ORDERS = `SELECT CAST(o.date AS STRING) AS date, COUNT(*) AS n, CAST(SUM(r.amount_minor) AS STRING) AS v
  FROM {{refunds}} r JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
  GROUP BY o.date`;

function generate() {
  const rand = seededRandom(11);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const orders: WarehouseRow[] = [];
  const refunds: WarehouseRow[] = [];
  for (let i = 0; i < 200; i++) {
    const date = addDays(FIRST, int(0, DAYS - 1));
    const missing = rand() < 0.05;
    if (!missing) orders.push(rows.order({ id: `o${i}`, at: `${date}T15:00:00.000Z`, date, total: 9_000 }));
    if (rand() < 0.4 || missing) {
      const day = addDays(date, int(0, 9));
      refunds.push({
        ...rows.refund(`o${i}`, day, `${day}T17:00:00.000Z`, int(1, 8_000), 'v0', 1),
        order_date: missing ? null : date,
      });
    }
  }
  return { orders, refunds };
}

/** The queries a warehouse was asked, beside the warehouse itself. */
function recording(warehouse: Warehouse) {
  const sql: string[] = [];
  const spy: Warehouse = {
    ...warehouse,
    query: (ctx, text, params) => {
      sql.push(text);
      return warehouse.query(ctx, text, params);
    },
  };
  return { spy, sql };
}

describe('day fingerprints read refunds by their order_date', () => {
  let w: TestBrand;
  const store = generate();
  const fills = {
    filled: () => true,
    null: () => false,
    mixed: (i: number) => i % 2 === 0,
  } as const;
  const refundsWith = (keep: (i: number) => boolean) =>
    store.refunds.map((r, i) => (keep(i) ? r : { ...r, order_date: null }));
  const range = { from: addDays(FIRST, 2), to: addDays(FIRST, 12) };

  beforeAll(async () => {
    w = await createTestBrand('2026-04-20T12:00:00Z');
    await w.deps.warehouse.replaceRange(w.ctx, 'orders', RANGE, store.orders);
  });
  afterAll(async () => w.close());

  it.each(Object.keys(fills) as Array<keyof typeof fills>)(
    'each day’s refunds of its orders are the old join’s count and sum with order_date %s',
    async (fill) => {
      await w.deps.warehouse.replaceRange(w.ctx, 'refunds', RANGE, refundsWith(fills[fill]));
      const old = await w.deps.warehouse.query<{ date: string; n: number; v: string }>(w.ctx, OLD_OF_ORDERS, {
        brand: 'b1',
        ...range,
      });
      expect(old.length).toBeGreaterThan(5);
      const prints = await dayFingerprints(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' }, range);
      const part = (d: string) => /p(\d+):([^;]*);/.exec(prints.get(d) ?? '')?.slice(1);
      for (const r of old) expect([r.date, part(r.date)]).toEqual([r.date, [String(r.n), r.v]]);
      // No day has a part the join does not have.
      const withPart = [...prints].filter(([, p]) => p.includes('p')).map(([d]) => d);
      expect(withPart.sort()).toEqual(old.map((r) => r.date).sort());
    },
  );

  it('leaves the join out when every refund carries its order’s day, and a new refund still moves its order’s day', async () => {
    // Without the refunds whose order never arrived, the only rows left NULL.
    const carried = store.refunds.filter((r) => r.order_date !== null);
    await w.deps.warehouse.replaceRange(w.ctx, 'refunds', RANGE, carried);
    const { spy, sql } = recording(w.deps.warehouse);
    const scope = { ctx: w.ctx, brandId: 'b1' };
    const before = await dayFingerprints(spy, scope, range);
    expect(sql.filter((s) => /\bJOIN\b/.test(s))).toEqual([]);

    const order = store.orders.find((o) => o.date === range.from)!;
    const refundDay = addDays(range.to, 5);
    await w.deps.warehouse.replaceKeys(
      w.ctx,
      'refunds',
      { brandId: 'b1', keyColumn: 'refund_id', keys: ['late'] },
      [
        {
          ...rows.refund(String(order.order_id), refundDay, `${refundDay}T10:00:00.000Z`, 123, 'v0', 1),
          refund_id: 'late',
          order_date: range.from,
        },
      ],
    );
    const after = await dayFingerprints(spy, scope, range);
    expect([...after].filter(([d, p]) => before.get(d) !== p).map(([d]) => d)).toEqual([range.from]);
  });
});
