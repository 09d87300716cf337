import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { questionSchema } from '../../domain/entities';
import { createInsightsService, type InsightsServiceDeps } from '../../insights/service';
import { ValidationError } from '../../kernel/errors';
import type { ApiEnv } from '../env';
import { body, brandParams, itemParams, json } from './common';

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
};

/** Questions asked about a brand: ask (answered by the insights agent), list, rate. */
export function questionRoutes(deps: InsightsServiceDeps) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });
  const insights = createInsightsService(deps);

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
  return app;
}
