import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createCustomerAnalyticsJob } from '../../shared/customers/job';
import { fitBgNbd } from '../../shared/domain/customers/lifetime-value/bg-nbd';
import { fitGammaGamma, spendSummaryOf } from '../../shared/domain/customers/lifetime-value/gamma-gamma';
import { summaryOf } from '../../shared/domain/customers/lifetime-value/summary';
import { ATTRIBUTION_MODELS, brandSchema } from '../../shared/domain/entities/brand';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { fixedClock } from '../../shared/ports/clock';
import { attributionColumns } from '../../shared/ports/warehouse-tables';
import type { BenchLine, Benchmark } from './run';

/**
 * The nightly customer-analytics job on a generated brand (1M customers, 5M orders over two
 * years, every first order attributed to one of 20 campaigns), timed with its peak memory; the
 * baseline is one full scan of the same orders. Then the CDNOW fits' time.
 * `CUSTOMERS_BENCH_SCALE=0.1` runs a tenth of the size.
 */
const SCALE = Number(process.env.CUSTOMERS_BENCH_SCALE ?? '1');
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const ORDERS = 5 * CUSTOMERS;
const DAYS = 730;
const START = '2024-12-01';
const AS_OF = localDate('2026-11-30');

const ctx = systemContext('bench', 'bench');
const u = (expr: string, salt: number) =>
  `(CAST(hash(${expr} * ${salt} + ${salt}) % 1000003 AS DOUBLE) / 1000003.0)`;
const firstDay = (c: string) => `CAST(hash(${c}) % ${DAYS - 30} AS INTEGER)`;

/**
 * 5M orders in one INSERT … SELECT: order i < CUSTOMERS is customer i's first; the rest go to a
 * skewed pick of customers, bunched soon after their first order (as customers who later lapse).
 */
function ordersSql(): string {
  const customer = `CASE WHEN i < ${CUSTOMERS} THEN i ELSE CAST(floor(pow(${u('i', 7)}, 2) * ${CUSTOMERS}) AS BIGINT) END`;
  return `
INSERT INTO {{orders}} (brand_id, order_id, date, created_at, updated_at, customer_id, currency,
  subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor)
SELECT 'bench', 'o' || i, d, CAST(d AS TIMESTAMP), CAST(d AS TIMESTAMP), 'c' || c, 'USD', v, 0, 0, 0, v
FROM (
  SELECT i, c,
    DATE '${START}' + (${firstDay('c')} + CASE WHEN i < ${CUSTOMERS} THEN 0
      ELSE 1 + CAST(floor(pow(${u('i', 13)}, 3) * (${DAYS - 2} - ${firstDay('c')})) AS INTEGER) END) AS d,
    1000 + CAST(floor(${u('i', 17)} * 9000) AS BIGINT) AS v
  FROM (SELECT i, ${customer} AS c FROM range(${ORDERS}) t(i))
)`;
}

function attributionsSql(): string {
  const credits = ATTRIBUTION_MODELS.flatMap((m) => [
    attributionColumns(m).credit,
    attributionColumns(m).revenue,
  ]);
  const values = ATTRIBUTION_MODELS.flatMap(() => ['1.0', 'total_minor']);
  return `
INSERT INTO {{attributions}} (brand_id, date, order_id, channel, platform, campaign_id, method, confidence, currency, ${credits.join(', ')})
SELECT brand_id, date, order_id, 'paid_social', 'meta', 'meta:act_1:camp_' || (CAST(substr(order_id, 2) AS BIGINT) % 20),
  'utm', 0.9, currency, ${values.join(', ')}
FROM {{orders}} WHERE brand_id = 'bench' AND CAST(substr(order_id, 2) AS BIGINT) < ${CUSTOMERS}`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t = performance.now();
  try {
    const value = await fn();
    return {
      ms: performance.now() - t,
      value,
      peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

function cdnowFitMs(): { bgNbd: number; gammaGamma: number } {
  const read = (name: string) =>
    readFileSync(new URL(`../../../shared/datasets/cdnow/${name}`, import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',').map(Number));
  const bg = summaryOf(read('cdnow_customers_summary.csv').map((r) => ({ x: r[1]!, tx: r[2]!, T: r[3]! })));
  const gg = spendSummaryOf(
    read('cdnow_customers_summary_with_transactions.csv')
      .filter((r) => r[1]! > 0)
      .map((r) => ({ x: r[1]!, mean: r[4]! })),
  );
  const median = (f: () => void) => {
    const s = Array.from({ length: 5 }, () => {
      const t = performance.now();
      f();
      return performance.now() - t;
    }).sort((a, b) => a - b);
    return s[2]!;
  };
  return { bgNbd: median(() => fitBgNbd(bg)), gammaGamma: median(() => fitGammaGamma(gg)) };
}

export const bench: Benchmark = {
  name: 'customers: nightly customer-analytics job and CDNOW fit',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pp-bench-customers-'));
    const warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
    try {
      await warehouse.ensureTenant(ctx);
      const gen = await timed(async () => {
        await warehouse.query(ctx, ordersSql());
        await warehouse.query(ctx, attributionsSql());
      });
      const [counts] = await warehouse.query<{ customers: number; orders: number }>(
        ctx,
        `SELECT COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS orders FROM {{orders}} WHERE brand_id = 'bench'`,
      );
      const scan = await timed(() =>
        warehouse.query(
          ctx,
          `SELECT customer_id, COUNT(*) AS n, SUM(total_minor) AS v FROM {{orders}} WHERE brand_id = 'bench' GROUP BY customer_id`,
        ),
      );
      const brand = brandSchema.parse({
        id: 'bench',
        name: 'Bench',
        shopDomain: 'bench.myshopify.com',
        currency: 'USD',
        timezone: 'Etc/UTC',
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2024-01-01T00:00:00Z',
      });
      const job = createCustomerAnalyticsJob({
        directory: { listTenantIds: async () => ['bench'] },
        brands: { list: async () => [brand] },
        warehouse,
        clock: fixedClock('2026-12-01T03:30:00Z'),
        logger: createMemoryLogger('ERROR'),
      });
      const run = await timed(() => job.runBrand(ctx, brand, AS_OF));
      const cdnow = cdnowFitMs();
      const lines: BenchLine[] = [
        { name: `generated brand: customers`, value: counts?.customers ?? 0, unit: '' },
        { name: `generated brand: orders`, value: counts?.orders ?? 0, unit: '' },
        { name: 'data generation (not measured below)', value: gen.ms / 1000, unit: 's' },
        { name: 'baseline: one grouped scan of the orders (into Node)', value: scan.ms / 1000, unit: 's' },
        {
          name: `customer-analytics job (model ${run.value.bgNbdSource})`,
          value: run.ms / 1000,
          unit: 's',
          ratio: run.ms / scan.ms,
          baseline: 'one grouped scan',
          target: SCALE === 1 ? '< 60 s' : `< ${60 * SCALE} s at this scale`,
        },
        {
          name: 'customer-analytics job: peak RSS of the process',
          value: run.peakRssMb / 1024,
          unit: 'GiB',
          target: '< 2 GiB',
        },
        { name: 'CDNOW BG/NBD fit (2,357 customers)', value: cdnow.bgNbd, unit: 'ms', target: '< 1000 ms' },
        {
          name: 'CDNOW Gamma-Gamma fit (946 repeat buyers)',
          value: cdnow.gammaGamma,
          unit: 'ms',
          target: '< 1000 ms',
        },
      ];
      return lines;
    } finally {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
