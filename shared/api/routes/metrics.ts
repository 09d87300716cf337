import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { LatencyHistograms } from '../../kernel/observability/latency-histograms';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonResponse } from '../openapi';

const summary = z
  .object({
    route: z.string(),
    count: z.number(),
    meanMs: z.number(),
    p50Ms: z.number(),
    p95Ms: z.number(),
    p99Ms: z.number(),
    maxMs: z.number(),
    buckets: z.array(z.object({ leMs: z.number().nullable(), count: z.number() })),
  })
  .openapi('RouteLatency');

const route = createRoute({
  method: 'get',
  path: '/api/admin/metrics',
  summary: 'Latency histograms per route, since this instance started (route names only, no tenant data)',
  responses: { 200: jsonResponse(z.object({ routes: z.array(summary) }), 'Histograms'), ...ERROR_RESPONSES },
});

export function metricsRoutes(deps: { histograms: LatencyHistograms }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, (c) => c.json({ routes: deps.histograms.snapshot() }, 200));
  return app;
}
