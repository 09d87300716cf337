/** Samplers over a seeded uniform source (seededRandom of shared/kernel/util/random): deterministic given the seed. */
export function poisson(lambda: number, rand: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rand)));
  const l = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > l; p *= rand()) k++;
  return k;
}
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}
/** Picks from `items` by weight with one uniform draw `r` in [0, 1). */
export function weighted<T>(items: readonly T[], weight: (t: T) => number, r: number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let acc = 0;
  for (const t of items) {
    acc += weight(t) / total;
    if (acc > r) return t;
  }
  return items[items.length - 1]!;
}
