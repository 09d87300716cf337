import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TokenLedger } from '../../insights/ledger';
import { ValidationError } from '../../kernel/errors';
import type { ApiEnv } from '../env';
import { isoDate as date, json, requireRole } from './common';

const routes = {
  usage: createRoute({
    method: 'get',
    path: '/api/admin/usage',
    summary: "The tenant's AI usage by day × operation × model, and this month's budget (owner, admin)",
    request: { query: z.object({ from: date, to: date }) },
    responses: {
      200: json(
        z.object({
          budget: z.object({
            month: z.string(),
            usedMicros: z.number(),
            budgetMicros: z.number(),
            calls: z.number(),
          }),
          rows: z.array(
            z.object({
              date: z.string(),
              operation: z.string(),
              model: z.string(),
              calls: z.number(),
              input_tokens: z.number(),
              output_tokens: z.number(),
              cache_creation_tokens: z.number(),
              cache_read_tokens: z.number(),
              cost_micros: z.number(),
            }),
          ),
        }),
        'Usage rows and budget status',
      ),
    },
  }),
};

/** The tenant's AI usage and monthly budget (owner, admin). */
export function aiUsageRoutes(deps: { ledger: Pick<TokenLedger, 'status' | 'usage'> }) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });

  app.openapi(routes.usage, async (c) => {
    const ctx = c.get('tenant');
    requireRole(ctx, ['owner', 'admin'], 'read AI usage');
    const { from, to } = c.req.valid('query');
    if (from > to) throw new ValidationError('from must not be after to');
    const [budget, rows] = await Promise.all([deps.ledger.status(ctx), deps.ledger.usage(ctx, from, to)]);
    return c.json({ budget, rows }, 200);
  });
  return app;
}
