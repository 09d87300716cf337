import type { QueryCost, ThrottleStatus } from './schemas';

/**
 * Shopify's Admin GraphQL rate limit is a leaky bucket of cost points: every response reports
 * `extensions.cost.throttleStatus` (maximumAvailable, currentlyAvailable, restoreRate per second).
 * We keep the last status and when we saw it, project the bucket forward at the restore rate, and
 * wait before a query whose expected cost would run it dry — so THROTTLED is the exception, not
 * the way we learn about the limit. Costs are remembered per operation (the last requestedQueryCost).
 */
export interface ThrottleOptions {
  now: () => number;
  /** Points to keep in reserve for other clients of the same shop (webhook handlers, the UI). */
  reserve?: number;
  /** Cost assumed for an operation not seen yet. */
  defaultCost?: number;
}

export function createCostThrottle(options: ThrottleOptions) {
  const reserve = options.reserve ?? 50;
  const defaultCost = options.defaultCost ?? 100;
  const costs = new Map<string, number>();
  let last: { status: ThrottleStatus; at: number } | undefined;

  function availableAt(t: number): number | undefined {
    if (!last) return undefined;
    const { status, at } = last;
    const restored = status.currentlyAvailable + (status.restoreRate * Math.max(0, t - at)) / 1000;
    return Math.min(status.maximumAvailable, restored);
  }

  return {
    /** How long to wait before sending `operation` (0 when the bucket has room). */
    waitMs(operation: string): number {
      if (!last) return 0;
      const { maximumAvailable, restoreRate } = last.status;
      const needed = Math.min(maximumAvailable, (costs.get(operation) ?? defaultCost) + reserve);
      const available = availableAt(options.now()) ?? maximumAvailable;
      if (available >= needed || restoreRate <= 0) return 0;
      return Math.ceil(((needed - available) / restoreRate) * 1000);
    },
    /** How long until a THROTTLED request of `cost` would fit, from the status in that response. */
    retryAfterMs(cost: QueryCost): number {
      const { currentlyAvailable, restoreRate } = cost.throttleStatus;
      if (restoreRate <= 0) return 1000;
      return Math.max(0, Math.ceil(((cost.requestedQueryCost - currentlyAvailable) / restoreRate) * 1000));
    },
    record(operation: string, cost: QueryCost): void {
      costs.set(operation, cost.requestedQueryCost);
      last = { status: cost.throttleStatus, at: options.now() };
    },
  };
}
export type CostThrottle = ReturnType<typeof createCostThrottle>;
