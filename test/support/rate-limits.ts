import type { RateLimits } from '../../shared/api/middleware/rate-limit';
import type { RateClass } from '../../shared/api/permissions';

/** Rate limits no test reaches, for suites that call many routes quickly and test something else. */
const UNLIMITED: RateLimits = {
  user: { capacity: 1e9, refillPerSecond: 1e9 },
  tenant: { capacity: 1e9, refillPerSecond: 1e9 },
};
export const NO_RATE_LIMITS: Record<RateClass, RateLimits> = { default: UNLIMITED, ai: UNLIMITED };
