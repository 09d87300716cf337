import type { MiddlewareHandler } from 'hono';
import type { LimitsService } from '../../billing/limits';
import type { ApiEnv } from '../env';

export interface SubscriptionAccessOptions {
  limits: Pick<LimitsService, 'assertWritable'>;
  /** Writes still allowed while read-only: billing itself, so the owner can pay or resubscribe. */
  exempt?: readonly string[];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A read-only tenant (subscription ended, or past due beyond the grace period) can still read
 * everything it has; any write is refused with 403 `subscription_read_only`. Runs after
 * authentication, so the tenant is known.
 */
export function subscriptionAccess(options: SubscriptionAccessOptions): MiddlewareHandler<ApiEnv> {
  const exempt = options.exempt ?? ['/api/billing'];
  return async function enforceSubscriptionAccess(c, next) {
    const ctx = c.get('tenant');
    if (
      ctx &&
      !READS.has(c.req.method) &&
      !exempt.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`))
    )
      await options.limits.assertWritable(ctx);
    await next();
  };
}
