import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ALERT_TYPES,
  alertSchema,
  questionSchema,
  RECOMMENDATION_STATUSES,
  recommendationSchema,
} from '../../domain/entities';
import type { Role, TenantContext } from '../../domain/tenancy';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Deps } from '../../jobs/deps';
import type { AiBudgetGate } from '../../ports/ai-budget';
import { createInsightsService } from '../../services/insights';
import { createRecommendationService } from '../../services/recommendations';
import type { ApiEnv } from '../env';

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const brandParams = z.object({ brandId: z.string().min(1).max(63) });
const itemParams = brandParams.extend({ id: z.string().min(1).max(128) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
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
  ask: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/ask',
    summary: 'Ask a question about the brand; answered with tools over its data and stored',
    request: { params: brandParams, ...body(z.object({ question: z.string().trim().min(3).max(2000) })) },
    responses: { 200: json(questionSchema, 'The answer, its tool calls, groundedness and cost') },
  }),
  questions: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/questions',
    summary: 'Questions asked about the brand, newest first (weekly summaries included)',
    request: {
      params: brandParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    },
    responses: { 200: json(z.object({ questions: z.array(questionSchema) }), 'The questions') },
  }),
  feedback: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/questions/{id}/feedback',
    summary: 'Rate an answer',
    request: {
      params: itemParams,
      ...body(z.object({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() })),
    },
    responses: { 200: json(questionSchema, 'The question with its feedback') },
  }),
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
  alerts: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/alerts',
    summary: 'Alerts, newest first',
    request: {
      params: brandParams,
      query: z.object({
        status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
        type: z.enum(ALERT_TYPES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: json(z.object({ alerts: z.array(alertSchema) }), 'The alerts') },
  }),
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

function requireRole(ctx: TenantContext, roles: readonly Role[], what: string): void {
  if (ctx.role === 'system' || !roles.includes(ctx.role))
    throw new ForbiddenError(`role ${ctx.role} may not ${what}`);
}

/** Questions, recommendations, alerts and AI usage. Mounted after `authenticate`; every call is tenant-scoped. */
export function insightsRoutes(deps: Deps & { aiBudget?: AiBudgetGate }) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });
  const insights = createInsightsService(deps);
  const recommendations = createRecommendationService(deps);
  const requireBrand = async (ctx: TenantContext, brandId: string) => {
    if (!(await deps.store.brands.get(ctx, brandId))) throw new NotFoundError(`brand ${brandId} not found`);
  };

  app.openapi(routes.ask, async (c) => {
    const { brandId } = c.req.valid('param');
    return c.json(await insights.ask(c.get('tenant'), brandId, c.req.valid('json').question), 200);
  });
  app.openapi(routes.questions, async (c) => {
    const { brandId } = c.req.valid('param');
    return c.json(
      { questions: await insights.list(c.get('tenant'), brandId, c.req.valid('query').limit) },
      200,
    );
  });
  app.openapi(routes.feedback, async (c) => {
    const { brandId, id } = c.req.valid('param');
    const { rating, comment } = c.req.valid('json');
    return c.json(
      await insights.feedback(c.get('tenant'), brandId, id, { rating, ...(comment ? { comment } : {}) }),
      200,
    );
  });
  app.openapi(routes.recommendations, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireBrand(ctx, brandId);
    const all = await deps.store.recommendations.listByStatus(
      ctx,
      brandId,
      q.status ? { status: q.status } : {},
    );
    return c.json({ recommendations: all.sort(RECOMMENDATION_ORDER[q.sort_by]).slice(0, q.limit) }, 200);
  });
  app.openapi(routes.accept, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(await recommendations.accept(c.get('tenant'), brandId, id), 200);
  });
  app.openapi(routes.dismiss, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(
      await recommendations.dismiss(c.get('tenant'), brandId, id, c.req.valid('json').reason),
      200,
    );
  });
  app.openapi(routes.apply, async (c) => {
    const { brandId, id } = c.req.valid('param');
    const { dry_run } = c.req.valid('json');
    return c.json(await recommendations.apply(c.get('tenant'), brandId, id, { dryRun: dry_run }), 200);
  });
  app.openapi(routes.alerts, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireBrand(ctx, brandId);
    const alerts = await deps.store.alerts.listByStatus(ctx, brandId, q.status ? { status: q.status } : {});
    return c.json({ alerts: alerts.filter((a) => !q.type || a.type === q.type).slice(0, q.limit) }, 200);
  });
  app.openapi(routes.usage, async (c) => {
    const ctx = c.get('tenant');
    requireRole(ctx, ['owner', 'admin'], 'read AI usage');
    const { from, to } = c.req.valid('query');
    if (from > to) throw new ValidationError('from must not be after to');
    const [budget, rows] = await Promise.all([
      insights.ledger.status(ctx),
      insights.ledger.usage(ctx, from, to),
    ]);
    return c.json({ budget, rows }, 200);
  });
  return app;
}
