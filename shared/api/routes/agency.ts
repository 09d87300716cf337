import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { agencyOverview } from '../../reporting/agency';
import type { DashboardQueries } from '../../reporting/dashboard';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonResponse } from '../openapi';

const brandHealth = z
  .object({
    brandId: z.string(),
    name: z.string(),
    currency: z.string(),
    healthScore: z.number().int().min(0).max(100),
    kpis: z.object({
      spendMinor: z.number(),
      revenueMinor: z.number(),
      blendedRoas: z.number().nullable(),
      profitMinor: z.number().nullable(),
      orders: z.number(),
    }),
    revenueChange: z.number().nullable(),
    openAlerts: z.object({ critical: z.number(), warning: z.number(), info: z.number() }),
    openRecommendations: z.number(),
    topIssue: z
      .object({
        kind: z.enum(['integration', 'alert', 'recommendation', 'roas']),
        id: z.string().optional(),
        title: z.string(),
        severity: z.string(),
      })
      .nullable(),
  })
  .openapi('BrandHealth');

const route = createRoute({
  method: 'get',
  path: '/api/agency/overview',
  summary: 'Brands by urgency (health score ascending) with their top issue, over the last 7 days',
  responses: {
    200: jsonResponse(z.object({ brands: z.array(brandHealth) }), 'The brands, most urgent first'),
    ...ERROR_RESPONSES,
  },
});

export function agencyRoutes(
  deps: { store: OperationalStore; clock: Clock } & { dashboards: DashboardQueries },
) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, async (c) => c.json({ brands: await agencyOverview(deps, c.get('tenant')) }, 200));
  return app;
}
