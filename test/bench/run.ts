/**
 * `npm run bench`: each benchmark measures its subject and a baseline in the same run and prints
 * the ratio, because absolute times on these shared machines are noise. Benchmarks are modules
 * in this folder exporting `bench: Benchmark`; they are listed here explicitly.
 */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  /** Subject ÷ baseline, when the benchmark has one. */
  ratio?: number;
  baseline?: string;
  target?: string;
}
export interface Benchmark {
  name: string;
  run(): Promise<BenchLine[]>;
}

const modules: Array<() => Promise<{ bench: Benchmark }>> = [
  () => import('./startup.bench'),
  () => import('./cold-import.bench'),
  () => import('./shopify-backfill.bench'),
  () => import('./ads-sync.bench'),
  () => import('./attribution.bench'),
  () => import('./freshness.bench'),
  () => import('./insights.bench'),
  () => import('./api.bench'),
  () => import('./refund-reads.bench'),
  () => import('./identity.bench'),
  () => import('./customers.bench'),
  () => import('./content.bench'),
  () => import('./engagement.bench'),
  () => import('./curves.bench'),
];

const only = process.argv[2];
for (const load of modules) {
  const { bench } = await load();
  if (only && !bench.name.includes(only)) continue;
  process.stdout.write(`\n## ${bench.name}\n`);
  for (const line of await bench.run()) {
    const ratio =
      line.ratio === undefined ? '' : `  ratio ${line.ratio.toFixed(2)}× vs ${line.baseline ?? 'baseline'}`;
    const target = line.target ? `  (target ${line.target})` : '';
    process.stdout.write(`${line.name}: ${Number(line.value.toFixed(2))} ${line.unit}${ratio}${target}\n`);
  }
}
