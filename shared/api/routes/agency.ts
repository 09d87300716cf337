import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Brand } from '../../domain/entities';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { AGENCY_DEFAULT_DAYS, agencyOverview } from '../../reporting/agency';
import type { DashboardQueries } from '../../reporting/dashboard';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonResponse } from '../openapi';
import {
  comparisonFields,
  comparisonOf,
  periodQuery,
  resolveDaysOrPeriod,
  trailingDaysField,
} from '../period-query';

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
    /** The days the figures cover, in the brand's own timezone. */
    period: z.object({ from: z.string(), to: z.string() }),
    openAlerts: z.object({ critical: z.number(), warning: z.number(), info: z.number() }),
    openRecommendations: z.number(),
    /** The first and last day the brand has spend or orders (null: none yet), outside the week too. */
    dataDays: z.object({ from: z.string(), to: z.string() }).nullable(),
    topIssue: z
      .object({
        kind: z.enum(['integration', 'alert', 'recommendation', 'roas']),
        id: z.string().optional(),
        title: z.string(),
        severity: z.string(),
        /** For an alert: the app page of what it is about. */
        link: z.string().optional(),
      })
      .nullable(),
  })
  .openapi('BrandHealth');

/**
 * The dashboard's period (shared/api/period-query.ts): `from`/`to`, the same dates for every brand,
 * or `days`, the last N complete days of each brand in its own timezone (7 without either). Each
 * brand's days differ with its timezone, so a comparison is one relative to them (no custom dates).
 */
const overviewQuery = periodQuery.extend({
  days: trailingDaysField,
  compare: comparisonFields.compare.unwrap().exclude(['custom']).optional().openapi({
    example: 'year',
    description:
      'Revenue change against: previous (default) the same number of days before; year the same dates a year earlier; year_weekday 52 weeks earlier',
  }),
});

const route = createRoute({
  method: 'get',
  path: '/api/agency/overview',
  summary:
    'Brands by urgency (health score ascending) with their top issue, over a period (the last 7 complete days by default)',
  request: { query: overviewQuery },
  responses: {
    200: jsonResponse(z.object({ brands: z.array(brandHealth) }), 'The brands, most urgent first'),
    ...ERROR_RESPONSES,
  },
});

export function agencyRoutes(
  deps: { store: OperationalStore; clock: Clock } & { dashboards: DashboardQueries },
) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const periodOf = (brand: Brand) => resolveDaysOrPeriod(q, brand, deps.clock, AGENCY_DEFAULT_DAYS);
    return c.json({ brands: await agencyOverview(deps, c.get('tenant'), comparisonOf(q), periodOf) }, 200);
  });
  return app;
}
