/**
 * Per-route latency histograms with fixed buckets (ms), cheap enough to update on every request.
 * Percentiles are estimated by linear interpolation inside the bucket, as Prometheus'
 * histogram_quantile does, so they are bounded by the bucket layout's resolution.
 */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;

interface Histogram {
  counts: number[];
  count: number;
  sumMs: number;
  maxMs: number;
}

export interface LatencySummary {
  route: string;
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  buckets: Array<{ leMs: number | null; count: number }>;
}

export function createLatencyHistograms() {
  const byRoute = new Map<string, Histogram>();

  const quantile = (h: Histogram, q: number): number => {
    const rank = q * h.count;
    let seen = 0;
    for (let i = 0; i < h.counts.length; i++) {
      const n = h.counts[i]!;
      if (n > 0 && seen + n >= rank) {
        const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
        const upper = LATENCY_BUCKETS_MS[i] ?? h.maxMs;
        return Math.min(h.maxMs, lower + ((upper - lower) * (rank - seen)) / n);
      }
      seen += n;
    }
    return h.maxMs;
  };

  return {
    observe(route: string, durationMs: number): void {
      let h = byRoute.get(route);
      if (!h) {
        h = { counts: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), count: 0, sumMs: 0, maxMs: 0 };
        byRoute.set(route, h);
      }
      const i = LATENCY_BUCKETS_MS.findIndex((le) => durationMs <= le);
      const idx = i === -1 ? LATENCY_BUCKETS_MS.length : i;
      h.counts[idx] = h.counts[idx]! + 1;
      h.count++;
      h.sumMs += durationMs;
      h.maxMs = Math.max(h.maxMs, durationMs);
    },
    snapshot(): LatencySummary[] {
      return [...byRoute.entries()]
        .map(([route, h]) => ({
          route,
          count: h.count,
          meanMs: h.sumMs / h.count,
          p50Ms: quantile(h, 0.5),
          p95Ms: quantile(h, 0.95),
          p99Ms: quantile(h, 0.99),
          maxMs: h.maxMs,
          buckets: h.counts.map((count, i) => ({ leMs: LATENCY_BUCKETS_MS[i] ?? null, count })),
        }))
        .sort((a, b) => a.route.localeCompare(b.route));
    },
  };
}
export type LatencyHistograms = ReturnType<typeof createLatencyHistograms>;
