import { createMiddleware } from 'hono/factory';
import { RateLimitedError } from '../../kernel/errors';
import type { ApiEnv } from '../env';
import type { RateClass } from '../permissions';
import type { BucketSpec, RateLimiter } from '../rate-limit/token-bucket';

export interface RateLimits {
  user: BucketSpec;
  tenant: BucketSpec;
}

/**
 * Defaults: a person or script gets bursts of 60 and 5 requests/s sustained, a whole tenant 300
 * and 25/s; model-backed routes (ask, MCP) 6 per user and 20 per tenant per minute, because each
 * call spends real money and seconds of model time.
 */
export const DEFAULT_RATE_LIMITS: Record<RateClass, RateLimits> = {
  default: {
    user: { capacity: 60, refillPerSecond: 5 },
    tenant: { capacity: 300, refillPerSecond: 25 },
  },
  ai: {
    user: { capacity: 6, refillPerSecond: 6 / 60 },
    tenant: { capacity: 20, refillPerSecond: 20 / 60 },
  },
};

/** Per-user and per-tenant token buckets for the matched route's class; 429 with Retry-After. */
export function rateLimit(options: { limiter: RateLimiter; limits?: Record<RateClass, RateLimits> }) {
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  return createMiddleware<ApiEnv>(async function rateLimitMiddleware(c, next) {
    const ctx = c.get('tenant');
    const rateClass: RateClass = c.get('policy')?.rate ?? 'default';
    const spec = limits[rateClass];
    const result = await options.limiter.take([
      { key: `${rateClass}:user:${ctx.tenantId}:${ctx.uid}`, spec: spec.user },
      { key: `${rateClass}:tenant:${ctx.tenantId}`, spec: spec.tenant },
    ]);
    if (!result.ok) throw new RateLimitedError('too many requests, slow down', result.retryAfterMs);
    await next();
  });
}
