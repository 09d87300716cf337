import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type AlertServiceDeps, createAlertService } from '../../alerts/service';
import { withDeclaredEvidence } from '../../domain/alerts/evidence';
import {
  ALERT_VIEWS,
  MAX_SNOOZE_DAYS,
  SNOOZE_DURATIONS,
  type SnoozeDuration,
} from '../../domain/alerts/snooze';
import { ALERT_TYPES, alertSchema } from '../../domain/entities';
import type { LocalDate } from '../../domain/time';
import { ValidationError } from '../../kernel/errors';
import type { ApiEnv } from '../env';
import { body, brandParams, isoDate, itemParams, json, requireBrand } from './common';

const alert = alertSchema;
const snoozeBody = z
  .union([
    z
      .object({
        for: z.enum(Object.keys(SNOOZE_DURATIONS) as [SnoozeDuration, ...SnoozeDuration[]]),
      })
      .openapi({ description: 'For a day or a week from now' }),
    z.object({ until: isoDate.openapi({ example: '2026-12-24' }) }).openapi({
      description: `Until the start of this day in the brand's timezone (tomorrow at the earliest, at most ${MAX_SNOOZE_DAYS} days ahead)`,
    }),
  ])
  .openapi('AlertSnooze');

const routes = {
  alerts: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/alerts',
    summary: 'Alerts, newest first; `open` and `acknowledged` leave out snoozed ones, which `snoozed` lists',
    request: {
      params: brandParams,
      query: z.object({
        status: z.enum(ALERT_VIEWS).optional(),
        type: z.enum(ALERT_TYPES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: json(z.object({ alerts: z.array(alert) }), 'The alerts') },
  }),
  acknowledge: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/alerts/{id}/acknowledge',
    summary: 'Acknowledge an open alert: seen, being handled (owner, admin, analyst); ends a snooze',
    request: { params: itemParams },
    responses: { 200: json(alert, 'The acknowledged alert') },
  }),
  resolve: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/alerts/{id}/resolve',
    summary:
      'Resolve an alert (owner, admin, analyst); raised again if the next check still finds its condition',
    request: { params: itemParams },
    responses: { 200: json(alert, 'The resolved alert') },
  }),
  snooze: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/alerts/{id}/snooze',
    summary:
      'Snooze an alert for a day, a week or until a date (owner, admin, analyst): hidden from open lists until then, or until its severity gets worse',
    request: { params: itemParams, ...body(snoozeBody) },
    responses: { 200: json(alert, 'The snoozed alert') },
  }),
  wake: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/alerts/{id}/wake',
    summary: 'End a snooze now (owner, admin, analyst)',
    request: { params: itemParams },
    responses: { 200: json(alert, 'The alert, back in the open list') },
  }),
};

/** Alerts of a brand: list; acknowledge, resolve, snooze and wake one. */
export function alertRoutes(deps: AlertServiceDeps) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', { details: result.error.issues });
    },
  });
  const alerts = createAlertService(deps);

  app.openapi(routes.alerts, async (c) => {
    const ctx = c.get('tenant');
    const { brandId } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireBrand(deps.store, ctx, brandId);
    const list = await alerts.list(ctx, brandId, q.status);
    // Each with what its evidence measures, records made before declarations included.
    const shown = list.filter((a) => !q.type || a.type === q.type).slice(0, q.limit);
    return c.json({ alerts: shown.map(withDeclaredEvidence) }, 200);
  });
  app.openapi(routes.acknowledge, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(withDeclaredEvidence(await alerts.acknowledge(c.get('tenant'), brandId, id)), 200);
  });
  app.openapi(routes.resolve, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(withDeclaredEvidence(await alerts.resolve(c.get('tenant'), brandId, id)), 200);
  });
  app.openapi(routes.snooze, async (c) => {
    const { brandId, id } = c.req.valid('param');
    const request = c.req.valid('json');
    const snoozed = await alerts.snooze(
      c.get('tenant'),
      brandId,
      id,
      'for' in request ? request : { until: request.until as LocalDate },
    );
    return c.json(withDeclaredEvidence(snoozed), 200);
  });
  app.openapi(routes.wake, async (c) => {
    const { brandId, id } = c.req.valid('param');
    return c.json(withDeclaredEvidence(await alerts.wake(c.get('tenant'), brandId, id)), 200);
  });
  return app;
}
