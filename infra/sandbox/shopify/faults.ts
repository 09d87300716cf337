import { seededRandom } from '../../../shared/kernel/util/random';

/**
 * Faults the sandbox injects per GraphQL request: a 429 with throttle information, Shopify's
 * THROTTLED error in a 200 body, a 500, a response that never arrives in time, and a page cut off
 * mid-body. A plan decides per request; `faultStorm` is the seeded plan the reliability tests use.
 */
export type FaultKind = '429' | 'throttled' | '500' | 'timeout' | 'truncated';
export interface FaultContext {
  operationName: string;
  /** 1-based count of GraphQL requests the sandbox has received. */
  requestNo: number;
}
export type FaultPlan = (ctx: FaultContext) => FaultKind | undefined;

/**
 * Fails `rate` of requests with one of `kinds`, never more than `maxConsecutive` in a row (so a
 * client that retries that many times always gets through: the storm slows it, never stops it).
 */
export function faultStorm(options: {
  rate: number;
  kinds: readonly FaultKind[];
  seed?: number;
  maxConsecutive?: number;
  operations?: readonly string[];
}): FaultPlan {
  const rand = seededRandom(options.seed ?? 1);
  const max = options.maxConsecutive ?? 3;
  let streak = 0;
  return ({ operationName }) => {
    if (options.operations && !options.operations.includes(operationName)) return undefined;
    if (streak >= max || rand() >= options.rate) {
      streak = 0;
      return undefined;
    }
    streak++;
    return options.kinds[Math.floor(rand() * options.kinds.length)];
  };
}
