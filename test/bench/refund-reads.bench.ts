import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { brandSchema } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, localDate } from '../../shared/domain/time';
import { seededRandom } from '../../shared/kernel/util/random';
import type { Warehouse, WarehouseParam, WarehouseRow } from '../../shared/ports/warehouse';
import { loadRollupDays, REFUND_READS } from '../../shared/reporting/rollup-loader';
import { BEFORE_1006 } from '../support/refunds-join-sql';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench refund-reads`: the dashboard rollup's refund reads on a 1M-order brand (env
 * BENCH_REFUND_ORDERS), by the refunds' own `order_date` (decision 1006) against the join to
 * every order they replaced (test/support/refunds-join-sql.ts), in the same run on the same
 * warehouse, alternating, median of BENCH_REFUND_RUNS. A one-day refresh (an incremental update
 * of today) reads the linked days and that day's refunds; the first load reads the whole history.
 * 3% of orders are refunded 0-30 days later, 2% cancelled.
 */
const ORDERS = Number(process.env.BENCH_REFUND_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REFUND_RUNS ?? 15);
const BRAND = 'bench-brand';
const END = localDate('2026-11-19');
const START = addDays(END, -364);

async function seed(warehouse: Warehouse, ctx: ReturnType<typeof systemContext>): Promise<void> {
  const rand = seededRandom(42);
  const orders: WarehouseRow[] = [];
  const refunds: WarehouseRow[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const date = addDays(START, Math.floor(rand() * 365));
    const at = `${date}T15:00:00.000Z`;
    const total = 1_500 + Math.floor(rand() * 20_000);
    orders.push({
      brand_id: BRAND,
      order_id: `o${i}`,
      date,
      created_at: at,
      updated_at: at,
      currency: 'USD',
      subtotal_minor: total,
      discount_minor: 0,
      shipping_minor: 0,
      tax_minor: 0,
      total_minor: total,
      cancelled_at: rand() < 0.02 ? at : null,
    });
    if (rand() < 0.03) {
      const day = [addDays(date, Math.floor(rand() * 31)), END].sort()[0]!;
      refunds.push({
        brand_id: BRAND,
        refund_id: `r${i}`,
        order_id: `o${i}`,
        date: day,
        created_at: `${day}T16:00:00.000Z`,
        quantity: 1,
        amount_minor: total >> 1,
        currency: 'USD',
        kind: 'line',
        order_date: date,
      });
    }
  }
  const range = { brandId: BRAND, from: START, to: END };
  await warehouse.replaceRange(ctx, 'orders', range, orders);
  await warehouse.replaceRange(ctx, 'refunds', range, refunds);
}

type Reads = typeof BEFORE_1006 | typeof REFUND_READS;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const bench: Benchmark = {
  name: 'refund-reads',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pp-bench-refunds-'));
    const warehouse = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
    const ctx = systemContext('bench', 'bench');
    try {
      await seed(warehouse, ctx);
      const params = (days: readonly LocalDate[] | null): Record<string, WarehouseParam> => ({
        brand: BRAND,
        currency: 'USD',
        allKinds: true,
        ...(days ? { days, from: days[0]!, to: days[days.length - 1]! } : {}),
      });
      // What a refresh of today runs before its other (unchanged) queries: the linked days, then the
      // refunds on them; the new reads first ask whether any refund still needs the join.
      const unfilled = async (reads: Reads) =>
        'unfilled' in reads &&
        Number((await warehouse.query<{ n: number }>(ctx, reads.unfilled, params(null)))[0]?.n) > 0;
      const refresh = (reads: Reads, timing: 'refund_day' | 'order_day') => async () => {
        const join = await unfilled(reads);
        const linked = await warehouse.query<{ d: LocalDate }>(ctx, reads.linked([END], join), params([END]));
        const days = [...new Set([END, ...linked.map((r) => r.d)])].sort();
        return warehouse.query(ctx, reads[timing](days, join), params(days));
      };
      const history = (reads: Reads, timing: 'refund_day' | 'order_day') => async () =>
        warehouse.query(ctx, reads[timing](null, await unfilled(reads)), params(null));
      const time = async (fn: () => Promise<unknown>) => {
        const t = performance.now();
        await fn();
        return performance.now() - t;
      };
      const lines: BenchLine[] = [];
      for (const timing of ['order_day', 'refund_day'] as const)
        for (const [what, make] of [
          ['one-day refresh', refresh],
          ['whole history', history],
        ] as const) {
          const subject = make(REFUND_READS, timing);
          const baseline = make(BEFORE_1006, timing);
          const same = JSON.stringify(await subject()) === JSON.stringify(await baseline());
          const ours: number[] = [];
          const join: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            ours.push(await time(subject));
            join.push(await time(baseline));
          }
          lines.push({
            name: `refunds on the ${timing.replace('_', ' ')}, ${what} (${ORDERS} orders)`,
            value: median(ours),
            unit: `ms median of ${RUNS}, join ${median(join).toFixed(1)} ms${same ? '' : ' — RESULTS DIFFER'}`,
            ratio: median(ours) / median(join),
            baseline: 'the join to every order (before decision 1006)',
          });
        }
      const brand = brandSchema.parse({
        id: BRAND,
        name: 'Bench',
        shopDomain: 'bench.myshopify.com',
        currency: 'USD',
        timezone: 'UTC',
        createdAt: `${END}T00:00:00Z`,
        updatedAt: `${END}T00:00:00Z`,
      });
      const whole: number[] = [];
      for (let i = 0; i < RUNS; i++)
        whole.push(await time(() => loadRollupDays(warehouse, ctx, brand, [END])));
      lines.push({
        name: 'whole one-day rollup refresh (loadRollupDays, refunds on the refund day)',
        value: median(whole),
        unit: 'ms median',
      });
      return lines;
    } finally {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
