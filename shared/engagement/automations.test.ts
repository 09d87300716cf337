import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import { orderRow } from '../customers/test-store';
import { localDate } from '../domain/time';
import { stepTaskSchema } from './automations';

let w: EngagementWorld;
beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
  await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
  await w.automations.create(
    w.scope,
    {
      name: 'Cart abandonment',
      triggerEvent: 'checkout_started',
      holdoutShare: 0,
      steps: [
        { waitMinutes: 60, channel: 'sms', text: 'Hi {{first_name|there}}, your cart is waiting' },
        { waitMinutes: 60 * 24, channel: 'sms', text: 'Last call: {{discount_code}} takes 10% off' },
      ],
    },
    'aut_cart',
  );
});
afterEach(() => w.close());

const PHONE = '+15558675310';
const checkout = {
  type: 'checkout_started',
  occurrence: 'checkout-token-1',
  at: '2026-11-21T11:55:00.000Z',
  customer: {
    customerId: 'cus_ada',
    timeZone: 'Europe/London',
    addresses: { sms: PHONE },
    values: { first_name: 'Ada', discount_code: 'COMEBACK10' },
  },
};
const runQueued = async (i: number) =>
  w.automations.runStep(w.scope, stepTaskSchema.parse(w.enqueued[i]?.payload));

it('a duplicate trigger delivery sends nothing new', async () => {
  await w.automations.trigger(w.scope, checkout);
  await w.automations.trigger(w.scope, checkout);
  expect(w.enqueued).toHaveLength(1);
  expect(w.enqueued[0]?.delayMs).toBe(60 * 60_000);
  // The task queue delivers the step twice (at-least-once): one message.
  expect((await runQueued(0)).outcome).toBe('recorded');
  expect((await runQueued(0)).outcome).toBe('duplicate');
  expect(w.twilio.messages.map((m) => m.body)).toEqual(['Hi Ada, your cart is waiting']);
  // The next step was scheduled once, a day later.
  expect(w.enqueued.map((t) => t.delayMs)).toEqual([60 * 60_000, 24 * 60 * 60_000]);
  await runQueued(1);
  expect(w.twilio.messages.map((m) => m.body)).toEqual([
    'Hi Ada, your cart is waiting',
    'Last call: COMEBACK10 takes 10% off',
  ]);
});

it('a customer who orders after the trigger leaves the automation', async () => {
  await w.automations.trigger(w.scope, checkout);
  const day = localDate('2026-11-21');
  await w.warehouse.replaceRange(w.ctx, 'orders', { brandId: w.brand.id, from: day, to: day }, [
    orderRow({ brandId: w.brand.id, orderId: 'o1', customerId: 'cus_ada', date: day, totalMinor: 4200 }),
  ]);
  expect((await runQueued(0)).outcome).toBe('exited');
  expect(w.twilio.messages).toHaveLength(0);
});

it('a paused automation sends nothing until resumed', async () => {
  await w.automations.trigger(w.scope, checkout);
  await w.automations.pause(w.scope, 'aut_cart');
  expect((await runQueued(0)).outcome).toBe('paused');
  expect(await w.automations.trigger(w.scope, { ...checkout, occurrence: 'other' })).toBeUndefined();
  await w.automations.resume(w.scope, 'aut_cart');
  expect((await runQueued(0)).outcome).toBe('recorded');
  expect(w.twilio.messages).toHaveLength(1);
});
