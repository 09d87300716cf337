import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { createBudgetCurves } from '../../recommendations/budget-curves';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { budgetCurvesSchema } from '../schemas/curves';

const budgetQuery = z.object({
  /** A daily budget in the brand currency's minor units; today's total when absent. */
  budget: z.coerce.number().int().positive().max(1e12).optional().openapi({ example: 250000 }),
  objective: z.enum(['profit', 'revenue']).optional(),
  /** Revenue objective: spend no more than keeps the total ROAS at this. */
  targetRoas: z.coerce.number().positive().max(1000).optional(),
  /** `false`: the curves without their points to draw (the Budget plan page lists, it does not draw). */
  points: z.enum(['true', 'false']).optional(),
});

const route = createRoute({
  method: 'get',
  path: '/api/brands/{brandId}/budget-curves',
  summary:
    'Each campaign’s fitted response curve (Hill saturation with carry-over, stockout days censored) and the budget allocation that maximises profit (or revenue at a target ROAS)',
  request: { params: brandParams, query: budgetQuery },
  responses: {
    200: jsonResponse(budgetCurvesSchema.openapi('BudgetCurves'), 'Allocation table and curves'),
    ...ERROR_RESPONSES,
  },
});

export function curveRoutes(deps: { store: OperationalStore; warehouse: Warehouse; clock: Clock }) {
  const app = new OpenAPIHono<ApiEnv>();
  const read = createBudgetCurves(deps);
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const result = await read(c.get('tenant'), c.get('brand'), {
      ...(q.budget !== undefined ? { budgetMinor: q.budget } : {}),
      ...(q.objective ? { objective: q.objective } : {}),
      ...(q.targetRoas !== undefined ? { targetRoas: q.targetRoas } : {}),
      points: q.points !== 'false',
    });
    return c.json(budgetCurvesSchema.parse(result), 200);
  });
  return app;
}
