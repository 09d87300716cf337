import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECOMMENDATION_STATUSES, RECOMMENDATION_TYPES, recommendationSchema } from '../../domain/entities';
import { calibrationPoints, calibrationSummary } from '../../domain/recommendations/calibration';
import { withDeclaredEvidence } from '../../domain/recommendations/evidence';
import { ValidationError } from '../../kernel/errors';
import { createRecommendationService, type RecommendationServiceDeps } from '../../recommendations/service';
import type { ApiEnv } from '../env';
import { body, brandParams, itemParams, json, requireBrand } from './common';

const PRIORITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
type Rec = z.infer<typeof recommendationSchema>;
const RECOMMENDATION_ORDER: Record<
  'score' | 'priority' | 'updated_at' | 'created_at',
  (a: Rec, b: Rec) => number
> = {
  score: (a, b) => b.score - a.score,
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.score - a.score,
  updated_at: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  created_at: (a, b) => b.createdAt.localeCompare(a.createdAt),
};

const routes = {
  recommendations: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/recommendations',
    summary: 'Recommendations, best first by default',
    request: {
      params: brandParams,
      query: z.object({
        status: z.enum(RECOMMENDATION_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        sort_by: z
          .enum(Object.keys(RECOMMENDATION_ORDER) as [keyof typeof RECOMMENDATION_ORDER])
          .default('score'),
      }),
    },
    responses: {
      200: json(z.object({ recommendations: z.array(recommendationSchema) }), 'The recommendations'),
    },
  }),
  calibration: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/recommendations/calibration',
    summary:
      'Predicted against measured effect of every accepted or applied recommendation whose 7-day outcome is in',
    request: { params: brandParams },
    responses: {
      200: json(
        z.object({
          currency: z.string(),
          points: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              type: z.enum(RECOMMENDATION_TYPES),
              measure: z.enum(['profit_change', 'spend_avoided']),
              decidedOn: z.string(),
              predictedMinor: z.number().int(),
              actualMinor: z.number().int(),
            }),
          ),
          summary: z.object({
            measured: z.number().int(),
            predictedMinor: z.number().int(),
            actualMinor: z.number().int(),
            realisedShare: z.number().nullable(),
            directionRight: z.number().int(),
            meanAbsoluteErrorMinor: z.number().int().nullable(),
          }),
        }),
        "Calibration of the brand's recommendations",
      ),
    },
  }),
  accept: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/recommendations/{id}/accept',
    summary: 'Accept a recommendation (owner, admin, analyst); its outcome is measured over the next 7 days',
    request: { params: itemParams },
    responses: { 200: json(recommendationSchema, 'The accepted recommendation') },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/recommendations/{id}/dismiss',
    summary: 'Dismiss a recommendation with a reason (owner, admin, analyst)',
    request: { params: itemParams, ...body(z.object({ reason: z.string().trim().min(1).max(500) })) },
    responses: { 200: json(recommendationSchema, 'The dismissed recommendation') },
  }),
  apply: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/recommendations/{id}/apply',
    summary:
      'Apply an accepted recommendation on the ad platform (owner, admin); audited; dry_run shows the change only',
    request: {
      params: itemParams,
      body: {
        content: { 'application/json': { schema: z.object({ dry_run: z.boolean().default(false) }) } },
      },
    },
    responses: {
      200: json(
        z.object({
          recommendation: recommendationSchema,
          result: z.object({
            dryRun: z.boolean(),
            before: z.object({ status: z.string().optional(), dailyBudgetMinor: z.number().optional() }),
            after: z.object({ status: z.string().optional(), dailyBudgetMinor: z.number().optional() }),
          }),
        }),
        'The applied recommendation and what changed on the platform',
      ),
    },
  }),
};

/** Recommendations of a brand: list, accept, dismiss, apply on the ad platform. */
export function recommendationRoutes(deps: RecommendationServiceDeps) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });
  const recommendations = createRecommendationService(deps);

  app.openapi(routes.recommendations, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireBrand(deps.store, ctx, brandId);
    const all = await deps.store.recommendations.listByStatus(
      ctx,
      brandId,
      q.status ? { status: q.status } : {},
    );
    // Each with what its evidence measures, records made before declarations included.
    return c.json(
      {
        recommendations: all
          .sort(RECOMMENDATION_ORDER[q.sort_by])
          .slice(0, q.limit)
          .map(withDeclaredEvidence),
      },
      200,
    );
  });
  app.openapi(routes.calibration, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    await requireBrand(deps.store, ctx, brandId);
    const decided = [
      ...(await deps.store.recommendations.listByStatus(ctx, brandId, { status: 'accepted' })),
      ...(await deps.store.recommendations.listByStatus(ctx, brandId, { status: 'applied' })),
    ];
    const points = calibrationPoints(decided);
    return c.json({ currency: c.get('brand').currency, points, summary: calibrationSummary(points) }, 200);
  });
  app.openapi(routes.accept, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(withDeclaredEvidence(await recommendations.accept(c.get('tenant'), brandId, id)), 200);
  });
  app.openapi(routes.dismiss, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(
      withDeclaredEvidence(
        await recommendations.dismiss(c.get('tenant'), brandId, id, c.req.valid('json').reason),
      ),
      200,
    );
  });
  app.openapi(routes.apply, async (c) => {
    const { brandId, id } = c.req.valid('param');
    const { dry_run } = c.req.valid('json');
    const applied = await recommendations.apply(c.get('tenant'), brandId, id, { dryRun: dry_run });
    return c.json({ ...applied, recommendation: withDeclaredEvidence(applied.recommendation) }, 200);
  });
  return app;
}
