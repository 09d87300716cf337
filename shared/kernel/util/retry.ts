/**
 * The one retry delay policy: exponential from `baseMs`, capped at `maxMs`, then jittered by a
 * factor drawn from `jitter` ([low, high]) so retries from many callers do not line up. The HTTP
 * client (connectors) and the embedded queue (redelivery) both use it with their own numbers.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** The capped delay is multiplied by a factor in [low, high]. */
  jitter: readonly [low: number, high: number];
  random?: () => number;
}

/** The delay before retry number `retry` (0 = the first retry). */
export function backoffDelay(policy: BackoffPolicy, retry: number): number {
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry));
  const [low, high] = policy.jitter;
  return capped * (low + (high - low) * (policy.random ?? Math.random)());
}
