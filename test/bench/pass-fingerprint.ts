/**
 * `PP_BENCH_ORDERS=200000 npx tsx test/bench/pass-fingerprint.ts`: runs the attribution pass over
 * the bench tenant and prints each pass table's row count and `SUM(hash(row))` (DuckDB), so a
 * change meant only for speed can show that every table it writes is identical (decisions 985,
 * 987, 1007). Not a benchmark: run it on two worktrees and compare the lines.
 */
import { runAttributionPass } from '../../shared/attribution/pass/run';
import { brandTargetsSchema } from '../../shared/domain/entities/brand';
import { addDays, localDate } from '../../shared/domain/time';
import { createTestBrand } from '../support/attribution-pass';
import { BENCH_DAYS, BENCH_LAST_DAY, benchCatalog, generateBenchTenant } from './attribution-data';

const ORDERS = Number(process.env.PP_BENCH_ORDERS ?? 200_000);
const NOW = `${BENCH_LAST_DAY}T23:00:00Z`;
const TABLES = [
  'attributions',
  'unified_performance',
  'reconciliation',
  'inventory_status',
  'attribution_fit',
];

const world = await createTestBrand(NOW, {
  timezone: 'Etc/UTC',
  targets: brandTargetsSchema.parse({ attributionWindowDays: 7 }),
});
try {
  const { warehouse, store } = world.deps;
  const catalog = benchCatalog(NOW);
  await store.products.upsertMany(world.ctx, world.brand.id, catalog.products);
  await store.inventory.upsertMany(world.ctx, world.brand.id, catalog.levels);
  await generateBenchTenant(warehouse, world.ctx, world.brand.id, ORDERS);
  const range = {
    from: addDays(localDate(BENCH_LAST_DAY), -(BENCH_DAYS - 1)),
    to: localDate(BENCH_LAST_DAY),
  };
  const t0 = performance.now();
  const result = await runAttributionPass(world.deps, world.ctx, world.brand.id, { range });
  const seconds = (performance.now() - t0) / 1000;
  for (const table of TABLES) {
    const [row] = await warehouse.query<{ n: number; h: string }>(
      world.ctx,
      `SELECT COUNT(*) AS n, CAST(SUM(hash(t)) AS VARCHAR) AS h FROM {{${table}}} t`,
      {},
    );
    process.stdout.write(`${table}: ${row?.n} / ${row?.h}\n`);
  }
  const phases = Object.entries(result.timingsMs)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
    .join(', ');
  process.stderr.write(`pass ${seconds.toFixed(2)} s [${phases}]\n`);
} finally {
  await world.close();
}
