/**
 * Request rate limits per user and per tenant. The embedded runtime keeps them in process memory
 * (one process serves everything); on Cloud Functions every instance would count on its own, so
 * production keeps them in Firestore, shared by all instances (docs/decisions/817).
 */
export interface BucketSpec {
  /** Burst size: requests a full allowance holds. */
  capacity: number;
  /** Sustained rate: allowance regained per second. */
  refillPerSecond: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/** Takes one request from every named allowance, or from none (all-or-nothing), e.g. user and tenant. */
export interface RateLimiter {
  take(buckets: ReadonlyArray<{ key: string; spec: BucketSpec }>): Promise<TakeResult>;
}
