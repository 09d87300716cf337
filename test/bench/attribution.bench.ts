import { prepareOrders } from '../../shared/attribution/pass/journeys';
import { createPassReader } from '../../shared/attribution/pass/read';
import { runAttributionPass } from '../../shared/attribution/pass/run';
import { createCampaignDirectory } from '../../shared/domain/attribution/channels';
import { createGeoActivity } from '../../shared/domain/attribution/fallback';
import { createMarkovCounter } from '../../shared/domain/attribution/markov';
import { brandTargetsSchema } from '../../shared/domain/entities/brand';
import type { TenantContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, localDate } from '../../shared/domain/time';
import type { Warehouse } from '../../shared/ports/warehouse';
import { createTestBrand } from '../support/attribution-pass';
import { BENCH_DAYS, BENCH_LAST_DAY, benchCatalog, generateBenchTenant } from './attribution-data';
import { lastTouchSql } from './attribution-sql';
import type { BenchLine, Benchmark } from './run';

/** PP_BENCH_ORDERS=100000 npm run bench attribution — a quick run; the default is the 1M tenant. */
const ORDERS = Number(process.env.PP_BENCH_ORDERS ?? 1_000_000);
const WINDOW = 7;
const NOW = `${BENCH_LAST_DAY}T23:00:00Z`;

export const bench: Benchmark = {
  name: 'attribution',
  async run(): Promise<BenchLine[]> {
    const world = await createTestBrand(NOW, {
      timezone: 'Etc/UTC',
      targets: brandTargetsSchema.parse({ attributionWindowDays: WINDOW }),
    });
    const { warehouse, store } = world.deps;
    const { ctx, brand } = world;
    try {
      const catalog = benchCatalog(NOW);
      await store.products.upsertMany(ctx, brand.id, catalog.products);
      await store.inventory.upsertMany(ctx, brand.id, catalog.levels);
      const { touchpoints } = await generateBenchTenant(warehouse, ctx, brand.id, ORDERS);

      const range = {
        from: addDays(localDate(BENCH_LAST_DAY), -(BENCH_DAYS - 1)),
        to: localDate(BENCH_LAST_DAY),
      };
      const deps = world.deps;
      const memory = sampleRss();
      const t0 = performance.now();
      const result = await runAttributionPass(deps, ctx, brand.id, { range });
      const passSeconds = (performance.now() - t0) / 1000;
      const peakRss = memory.stop();

      const ts = await lastTouchInTypescript(warehouse, ctx, range, brand.currency);
      const sqlStart = performance.now();
      const sql = await warehouse.query<{ campaign_id: string | null; revenue: number; orders: number }>(
        ctx,
        lastTouchSql(WINDOW),
        { brand: brand.id },
      );
      const sqlMs = performance.now() - sqlStart;
      const agree =
        sql.every(
          (r) =>
            ts.byCampaign.get(r.campaign_id ?? '')?.revenue === r.revenue &&
            ts.byCampaign.get(r.campaign_id ?? '')?.orders === r.orders,
        ) && sql.length === ts.byCampaign.size;

      const phases = Object.entries(result.timingsMs)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ');
      return [
        {
          name: `tenant: orders`,
          value: result.orders,
          unit: `orders, ${touchpoints} touchpoints, ${result.attributionRows} attribution rows, ${result.unifiedRows} unified rows`,
        },
        {
          name: 'whole pass (6 models + unified + inventory)',
          value: passSeconds,
          unit: `s [${phases}]`,
          target: '< 10 s on a quiet machine (issue 17)',
        },
        { name: 'throughput', value: result.orders / passSeconds, unit: 'orders/s' },
        { name: 'peak memory (sampled RSS)', value: peakRss / 1e6, unit: 'MB', target: '< 2000 MB' },
        {
          name: 'peak memory (maxRSS, whole process)',
          value: process.resourceUsage().maxRSS / 1e3,
          unit: 'MB',
        },
        {
          name: 'last-touch step (TypeScript, in memory)',
          value: ts.ms,
          unit: `ms; same result as SQL: ${agree ? 'yes' : 'NO'}`,
          ratio: ts.ms / sqlMs,
          baseline: `DuckDB SQL ${sqlMs.toFixed(0)} ms`,
          target: '≤ 1.0×',
        },
      ];
    } finally {
      await world.close();
    }
  },
};

function sampleRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * The pass's last-touch step on its own: rows already read (untimed), then journeys resolved and
 * last touch credited, chunk by chunk as the pass does, revenue and orders summed per campaign.
 */
export async function lastTouchInTypescript(
  warehouse: Warehouse,
  ctx: TenantContext,
  range: { from: LocalDate; to: LocalDate },
  currency: string,
) {
  const read = createPassReader(warehouse, { ctx, brandId: 'b1' });
  const spend = await read.spend(addDays(range.from, -WINDOW), range.to);
  const campaigns = createCampaignDirectory(spend.map((r) => r.campaign_id));
  const geo = createGeoActivity(
    spend.map((r) => ({ ...r, campaignId: r.campaign_id, spendMinor: r.spend_minor })),
  );
  const setup = {
    currency,
    timeZone: 'Etc/UTC',
    campaigns,
    fallback: { campaigns, discountCodeCampaigns: {}, geo, windowDays: WINDOW, geoFallback: true },
    revenueBasis: 'net_sales' as const,
  };
  const byCampaign = new Map<string, { revenue: number; orders: number }>();
  let ms = 0;
  for (let cf = range.from; cf <= range.to; cf = addDays(cf, 31)) {
    const end = addDays(cf, 30);
    const ct = [end, range.to].sort()[0]!;
    const [orders, lines, touches] = await Promise.all([
      read.orders(cf, ct),
      read.lines(cf, ct),
      read.orderTouches(cf, ct, WINDOW),
    ]);
    const t0 = performance.now();
    const { prepared } = prepareOrders(orders, lines, touches, setup, createMarkovCounter());
    // Last touch straight off the packed columns: the journey's latest touch takes the whole
    // revenue (`creditOrder`'s last_touch, as packed.test checks).
    for (let k = 0; k < prepared.length; k++) {
      const key = prepared.lastTouch(k).campaignId ?? '';
      const acc = byCampaign.get(key) ?? { revenue: 0, orders: 0 };
      acc.revenue += prepared.revenueMinor(k);
      acc.orders += 1;
      byCampaign.set(key, acc);
    }
    ms += performance.now() - t0;
  }
  return { ms, byCampaign };
}
