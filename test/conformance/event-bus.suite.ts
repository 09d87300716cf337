import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../shared/kernel/errors';
import type { EventBus, MessageHandler, Topic, TopicMessage } from '../../shared/ports/events';

/**
 * What every EventBus backend must do. Delivery is at-least-once: a failed handler sees the
 * message again, and after `maxAttempts` it is dead-lettered instead of retried forever.
 */
export interface BusBackend {
  bus: EventBus;
  subscribe<T extends Topic>(
    topic: T,
    subscription: string,
    handler: MessageHandler<T>,
    options: { maxAttempts: number },
  ): void;
  /** Waits until every deliverable message was handled or dead-lettered. */
  settle(): Promise<void>;
  deadLetters(topic: Topic, subscription: string): Promise<unknown[]>;
  close(): Promise<void>;
}
export type BusFactory = () => Promise<BusBackend>;

/**
 * Every backend dead-letters after this many deliveries. Pub/Sub refuses a dead-letter policy
 * below 5 attempts (its emulator too), so 5 is the one count every backend can be held to.
 */
export const MAX_ATTEMPTS = 5;

const synced = (n: number) => ({
  tenantId: 'tenant_a',
  brandId: 'b1',
  idempotencyKey: `k${n}`,
  platform: 'shopify' as const,
});

async function withBus(make: BusFactory, fn: (b: BusBackend) => Promise<void>) {
  const b = await make();
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

export const eventBusChecks: Record<string, (make: BusFactory) => Promise<void>> = {
  'every subscription receives each message': (make) =>
    withBus(make, async (b) => {
      const seen: string[] = [];
      b.subscribe('brand.synced', 'attribute', async (m) => void seen.push(`attribute:${m.idempotencyKey}`), {
        maxAttempts: MAX_ATTEMPTS,
      });
      b.subscribe('brand.synced', 'audit', async (m) => void seen.push(`audit:${m.idempotencyKey}`), {
        maxAttempts: MAX_ATTEMPTS,
      });
      await b.bus.publish('brand.synced', synced(1));
      await b.settle();
      expect(seen.sort()).toEqual(['attribute:k1', 'audit:k1']);
    }),

  'a failed handler gets the message again until it succeeds': (make) =>
    withBus(make, async (b) => {
      let calls = 0;
      b.subscribe(
        'brand.synced',
        'flaky',
        async () => {
          if (++calls < 3) throw new RetryableError('not yet', 1);
        },
        { maxAttempts: MAX_ATTEMPTS },
      );
      await b.bus.publish('brand.synced', synced(2));
      await b.settle();
      expect(calls).toBe(3);
      expect(await b.deadLetters('brand.synced', 'flaky')).toEqual([]);
    }),

  'the handler is told which delivery attempt it is on': (make) =>
    withBus(make, async (b) => {
      const attempts: number[] = [];
      b.subscribe(
        'brand.synced',
        'counted',
        async (_m, meta) => {
          // Fails by call count, not by meta.attempt, so a backend stuck at attempt 1 ends too.
          if (attempts.push(meta.attempt) < 3) throw new RetryableError('not yet', 1);
        },
        { maxAttempts: MAX_ATTEMPTS },
      );
      await b.bus.publish('brand.synced', synced(4));
      await b.settle();
      expect(attempts).toEqual([1, 2, 3]);
    }),

  'a message that keeps failing is dead-lettered after maxAttempts': (make) =>
    withBus(make, async (b) => {
      let calls = 0;
      b.subscribe(
        'brand.synced',
        'broken',
        async () => {
          calls++;
          throw new RetryableError('always', 1);
        },
        { maxAttempts: MAX_ATTEMPTS },
      );
      await b.bus.publish('brand.synced', synced(3));
      await b.settle();
      expect(calls).toBe(MAX_ATTEMPTS);
      const dead = (await b.deadLetters('brand.synced', 'broken')) as TopicMessage<'brand.synced'>[];
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ idempotencyKey: 'k3' });
    }),

  'a message that does not fit its topic is refused at publish': (make) =>
    withBus(make, async (b) => {
      await expect(b.bus.publish('brand.synced', { tenantId: 't' } as never)).rejects.toThrow();
    }),
};

/** Runs every check against a backend. */
export function describeEventBusConformance(backend: string, make: BusFactory): void {
  describe(`EventBus conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(eventBusChecks)) it(name, () => check(make));
  });
}
