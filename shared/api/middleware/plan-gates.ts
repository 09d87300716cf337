import type { MiddlewareHandler } from 'hono';
import type { LimitsService } from '../../billing/limits';
import { type Feature, limitEveryPlanHas } from '../../domain/billing/plans';
import { daysBetween, isLocalDate, toLocalDate } from '../../domain/time';
import type { Clock } from '../../ports/clock';
import type { ApiEnv } from '../env';
import type { Permission } from '../permissions';

/**
 * The plan's history retention on brand reports: a `from` further back than the plan keeps is
 * refused with 402 naming `historyDays` and the upgrade (the brand's own today counts). Runs after
 * brandScope; a malformed `from` is left to the route's own validation. A `from` within the
 * history every plan keeps is served without reading the tenant's plan (two documents per
 * request on the dashboard's usual windows; decision 979).
 */
export function historyRetention(options: {
  limits: Pick<LimitsService, 'assertHistory'>;
  clock: Clock;
}): MiddlewareHandler<ApiEnv> {
  const everyPlanKeeps = limitEveryPlanHas('historyDays');
  return async function enforceHistoryRetention(c, next) {
    const from = c.req.query('from');
    const brand = c.get('brand');
    if (c.req.method === 'GET' && from && brand && isLocalDate(from)) {
      const daysBack = daysBetween(from, toLocalDate(options.clock.now(), brand.timezone));
      if (daysBack > everyPlanKeeps) await options.limits.assertHistory(c.get('tenant'), daysBack);
    }
    await next();
  };
}

/** Which plan feature a permission needs: asking the AI and connecting MCP clients are sold features. */
export const PERMISSION_FEATURES: Partial<Record<Permission, Feature>> = {
  'ai:ask': 'ai_questions',
  'mcp:connect': 'mcp',
};

/**
 * The plan's features, by the matched route's permission (set by `authorize`): a route whose
 * permission needs a feature the plan lacks answers 402 `feature_not_in_plan` with the upgrade.
 */
export function planFeatures(options: {
  limits: Pick<LimitsService, 'assertFeature'>;
}): MiddlewareHandler<ApiEnv> {
  return async function enforcePlanFeatures(c, next) {
    const feature = PERMISSION_FEATURES[c.get('policy')?.permission];
    if (feature) await options.limits.assertFeature(c.get('tenant'), feature);
    await next();
  };
}
