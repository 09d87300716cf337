import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { BucketSpec, RateLimiter } from '../../ports/rate-limiter';

/**
 * The RateLimiter every Cloud Functions instance shares: one Firestore document per allowance
 * (`rateLimits/{key}`), updated in a transaction, so N instances do not mean N times the limit.
 *
 * Each allowance is a sliding-window counter: a window lasts as long as a full refill
 * (capacity / refillPerSecond), and the estimate weighs the previous window's count by how much
 * of it still overlaps the last window-length — the same burst and sustained rate as the token
 * buckets of the embedded runtime, at two numbers per document. All allowances of one request are
 * read and written in one transaction: charged together or not at all.
 *
 * Firestore sustains about one write per second per document; a tenant allowance that busy is
 * already past what one tenant should send, and Firestore's TTL policy on `ttlExpireAt` deletes idle
 * documents (terraform/firestore.tf). docs/decisions/817.
 */
export interface FirestoreRateLimiterDeps {
  db: DocumentDb;
  clock: Clock;
}

interface Counter {
  windowStart: number;
  count: number;
  previous: number;
}

export const RATE_LIMITS_COLLECTION = 'rateLimits';
const pathOf = (key: string) => `${RATE_LIMITS_COLLECTION}/${encodeURIComponent(key)}`;
const windowMs = (spec: BucketSpec) => (spec.capacity / spec.refillPerSecond) * 1000;

/** The counts as seen from `now`: rolled forward when the stored window has passed. */
function current(stored: Counter | undefined, spec: BucketSpec, now: number): Counter {
  const w = windowMs(spec);
  const windowStart = Math.floor(now / w) * w;
  if (!stored || stored.windowStart < windowStart - w) return { windowStart, count: 0, previous: 0 };
  if (stored.windowStart < windowStart) return { windowStart, count: 0, previous: stored.count };
  return stored;
}

const EPSILON = 1e-9;

/** Requests counted in the last window-length, the previous window weighted by its overlap. */
function estimate(c: Counter, spec: BucketSpec, now: number): number {
  const elapsed = (now - c.windowStart) / windowMs(spec);
  return c.previous * (1 - elapsed) + c.count;
}

/** How long until one more request fits. */
function waitMs(c: Counter, spec: BucketSpec, now: number): number {
  const w = windowMs(spec);
  const room = spec.capacity - 1;
  if (c.count <= room && c.previous > 0) {
    // Within this window, once enough of the previous one has slid out.
    const at = c.windowStart + w * (1 - (room - c.count) / c.previous);
    return Math.max(1, Math.ceil(at - now));
  }
  // Next window: this window's count becomes the previous one and slides out.
  const next = c.windowStart + w;
  const into = c.count > 0 ? w * Math.max(0, 1 - room / c.count) : 0;
  return Math.max(1, Math.ceil(next + into - now));
}

export function createFirestoreRateLimiter(deps: FirestoreRateLimiterDeps): RateLimiter {
  return {
    async take(wanted) {
      const now = deps.clock.now().getTime();
      return deps.db.runTransaction(async (tx) => {
        const states = [];
        for (const { key, spec } of wanted) {
          const doc = await tx.get(pathOf(key));
          const counter = current(doc?.data as Counter | undefined, spec, now);
          states.push({ key, spec, counter });
        }
        const short = states.filter((s) => estimate(s.counter, s.spec, now) + 1 > s.spec.capacity + EPSILON);
        if (short.length > 0)
          return { ok: false, retryAfterMs: Math.max(...short.map((s) => waitMs(s.counter, s.spec, now))) };
        for (const { key, spec, counter } of states)
          await tx.set(pathOf(key), {
            windowStart: counter.windowStart,
            count: counter.count + 1,
            previous: counter.previous,
            // Firestore TTL: an idle allowance is full again after two windows anyway.
            ttlExpireAt: new Date(counter.windowStart + 2 * windowMs(spec)),
          });
        return { ok: true };
      });
    },
  };
}
