import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import { createEventIngestion } from '../customers/events/ingest';
import { orderRow } from '../customers/test-store';
import { localDate } from '../domain/time';
import { createEngagementTriggers } from './triggers';

let w: EngagementWorld;
beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
});
afterEach(() => w.close());

const cartAbandonment = {
  name: 'Cart abandonment',
  triggerEvent: 'checkout_started',
  steps: [
    { waitMinutes: 60, channel: 'email' as const, subject: 'Your cart', text: 'Hi {{first_name|there}}' },
  ],
};

it('a checkout_started event with an email starts one run per event, for the store customer with that email', async () => {
  await w.automations.create(w.scope, cartAbandonment, 'aut_cart');
  await w.warehouse.replaceRange(
    w.ctx,
    'orders',
    { brandId: w.brand.id, from: localDate('2026-10-01'), to: localDate('2026-10-01') },
    [
      {
        ...orderRow({
          brandId: w.brand.id,
          orderId: 'o1',
          customerId: 'gid://shopify/Customer/7',
          date: localDate('2026-10-01'),
          totalMinor: 100,
        }),
        email: 'Ada@Example.com',
      },
    ],
  );
  const ingestion = createEventIngestion(w);
  const event = (id: string, type: string, identifiers: unknown[]) => ({
    id,
    type,
    occurredAt: '2026-11-21T11:00:00.000Z',
    identifiers,
    person: { first_name: 'Ada' },
    data: type === 'checkout_started' ? { checkout: { token: `ck-${id}` } } : {},
  });
  const result = await ingestion.ingest(
    { ctx: w.ctx, brandId: w.brand.id, timeZone: w.brand.timezone },
    [
      event('ev-1', 'checkout_started', [{ kind: 'email', value: 'ada@example.com' }]),
      event('ev-2', 'checkout_started', []),
      event('ev-3', 'page_viewed', [{ kind: 'email', value: 'ada@example.com' }]),
    ],
    'api',
  );
  expect(result.rejected).toEqual([]);
  const triggers = createEngagementTriggers({
    warehouse: w.warehouse,
    automations: w.automations,
    timeZoneOf: async () => w.brand.timezone,
  });
  const message = { tenantId: w.ctx.tenantId, brandId: w.brand.id, eventIds: ['ev-1', 'ev-2', 'ev-3'] };
  expect(await triggers(message)).toEqual({ triggered: 1 });
  // Redelivered: the step task has the same name, so nothing new is queued.
  await triggers(message);
  expect(w.enqueued).toHaveLength(1);
  expect(w.enqueued[0]).toMatchObject({
    queue: 'engagement-steps',
    delayMs: 3_600_000,
    payload: {
      automationId: 'aut_cart',
      occurrence: 'ev-1',
      triggeredAt: '2026-11-21T11:00:00.000Z',
      customer: {
        customerId: 'gid://shopify/Customer/7',
        addresses: { email: 'ada@example.com' },
        values: { first_name: 'Ada' },
      },
    },
  });
});

it('a paused automation is not triggered', async () => {
  await w.automations.create(w.scope, cartAbandonment, 'aut_cart');
  await w.automations.pause(w.scope, 'aut_cart');
  const triggers = createEngagementTriggers({
    warehouse: w.warehouse,
    automations: w.automations,
    timeZoneOf: async () => w.brand.timezone,
  });
  expect(await triggers({ tenantId: w.ctx.tenantId, brandId: w.brand.id, eventIds: ['ev-1'] })).toEqual({
    triggered: 0,
  });
  expect(w.enqueued).toEqual([]);
});
