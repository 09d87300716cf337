import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import type { Warehouse } from '../ports/warehouse';
import type { SendRecord } from './send-record';
import { createEngagementTimeline } from './timeline';

let w: EngagementWorld;
let writes: number;
let failNext: boolean;

beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
  writes = 0;
  failNext = false;
});
afterEach(async () => w.close());

/** The world's warehouse, counting (and on demand failing) the event writes. */
function countingWarehouse(): Warehouse {
  const inner = w.warehouse;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'replaceKeys') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<Warehouse['replaceKeys']>) => {
        writes++;
        // Let other callers arrive while this write is in flight, as concurrent webhooks do.
        await new Promise((r) => setTimeout(r, 20));
        if (failNext) {
          failNext = false;
          throw new Error('warehouse unavailable');
        }
        return target.replaceKeys(...args);
      };
    },
  });
}

const timeline = () =>
  createEngagementTimeline({
    warehouse: countingWarehouse(),
    bus: w.bus,
    clock: w.clock,
    timeZoneOf: async () => w.brand.timezone,
  });

const send = (i: number) =>
  ({
    id: `send-${i}`,
    providerId: `SM${i}`,
    channel: 'sms',
    to: `+1555000${String(i).padStart(4, '0')}`,
    source: { kind: 'campaign', id: 'c1' },
  }) as unknown as SendRecord;

async function written(): Promise<Set<string>> {
  return new Set((await w.timelineOf('message_status')).map((e) => String(e.properties?.message_id)));
}

it('concurrent status callbacks share warehouse writes, and each flush resolves only once its own event is stored', async () => {
  const t = timeline();
  const seenAtResolve: boolean[] = [];
  await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      await t.record(w.scope, send(i), 'delivered');
      await t.flush();
      seenAtResolve[i] = (await written()).has(`SM${i}`);
    }),
  );
  expect(seenAtResolve).toEqual(Array(12).fill(true));
  // One write for the first caller, one for everyone who arrived while it ran: not twelve.
  expect(writes).toBeLessThanOrEqual(2);
  expect((await written()).size).toBe(12);
});

it('a failed write rejects the flushes whose events it held; their retry stores each event once', async () => {
  const t = timeline();
  failNext = true;
  const first = await Promise.allSettled(
    [0, 1, 2].map(async (i) => {
      await t.record(w.scope, send(i), 'delivered');
      await t.flush();
    }),
  );
  expect(first.map((r) => r.status)).toContain('rejected');
  // The provider retries what was not acknowledged; event ids make a repeat land once.
  await Promise.all(
    [0, 1, 2].map(async (i) => {
      await t.record(w.scope, send(i), 'delivered');
      await t.flush();
    }),
  );
  const ids = (await w.timelineOf('message_status')).map((e) => String(e.properties?.message_id));
  expect(ids.sort()).toEqual(['SM0', 'SM1', 'SM2']);
});

it('a flush with nothing buffered and nothing in flight resolves at once without a write', async () => {
  const t = timeline();
  await t.flush();
  expect(writes).toBe(0);
});
