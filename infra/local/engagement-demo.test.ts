import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEventIngestion } from '../../shared/customers/events/ingest';
import { orderRow } from '../../shared/customers/test-store';
import { assignGroup } from '../../shared/domain/engagement/assignment';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, localDate, toLocalDate, wallClockToInstant } from '../../shared/domain/time';
import { createTestApi, type TestApi } from '../../test/support/api';
import { buildEngagement } from '../compose/engagement';
import { type SmtpSandbox, startSmtpSandbox } from '../sandbox/smtp/server';
import { runEngagementDemo } from './engagement-demo';
import { DEMO_BRAND, DEMO_TENANT, seedDemo } from './seed';

/**
 * The engagement demo over real embedded backends and the SMTP sandbox: the win-back goes, three
 * weeks back, only to customers who were lapsed on that day, and its results read their orders.
 */
let api: TestApi;
let smtp: SmtpSandbox;
const NOW = '2026-12-05T15:00:00Z';

beforeAll(async () => {
  smtp = await startSmtpSandbox();
  api = await createTestApi({
    now: NOW,
    env: { SMTP_URL: `smtp://${smtp.host}:${smtp.port}`, ENGAGEMENT_RATE_PER_SECOND: '1000' },
  });
  await seedDemo(api.deps);
}, 60_000);
afterAll(async () => {
  await api.close();
  await smtp.close();
});

it('sends the win-back to the customers lapsed on the send day and reads their orders after it; plays the cart-abandonment automation over the checkouts started since', async () => {
  const ctx = systemContext(DEMO_TENANT, 'test');
  const sendDay = addDays(addDays(toLocalDate(new Date(NOW), 'America/New_York'), -1), -21);
  const rows = [];
  for (let i = 0; i < 40; i++) {
    const id = `cust-${i}`;
    const lapsed = i % 2 === 0;
    const email = `c${i}@example.com`;
    const day = (d: number) => addDays(sendDay, d);
    // Lapsed: two orders 100 and 60 days before the send day, then one 3 days after it.
    // Active: an order 10 days before the send day.
    const orders = lapsed
      ? [
          [-100, 1_000],
          [-60, 2_000],
          [3, 5_000],
        ]
      : [[-10, 4_000]];
    for (const [k, [d, minor]] of orders.entries())
      rows.push({
        ...orderRow({
          brandId: DEMO_BRAND,
          orderId: `o-${i}-${k}`,
          customerId: id,
          date: day(d as number),
          totalMinor: minor as number,
        }),
        email,
        customer_name: `Name${i} Last`,
      });
  }
  // Started checkouts in the automation's replay window: cust-5 ordered the same day (exits),
  // the others did not (each gets both steps unless the holdout drew them).
  const yesterday = addDays(toLocalDate(new Date(NOW), 'America/New_York'), -1);
  const checkoutDay = addDays(yesterday, -5);
  const abandoners = [1, 5, 7, 9, 11, 13];
  rows.push(
    orderRow({
      brandId: DEMO_BRAND,
      orderId: 'o-5-after',
      customerId: 'cust-5',
      date: checkoutDay,
      totalMinor: 3_000,
    }),
  );
  await api.deps.warehouse.replaceRange(
    ctx,
    'orders',
    { brandId: DEMO_BRAND, from: localDate('2026-01-01'), to: localDate('2026-12-31') },
    rows,
  );
  const checkoutAt = wallClockToInstant(`${checkoutDay} 14:00`, 'America/New_York');
  const ingested = await createEventIngestion(api.deps).ingest(
    { ctx, brandId: DEMO_BRAND, timeZone: 'America/New_York' },
    abandoners.map((i) => ({
      id: `chk-${i}`,
      type: 'checkout_started',
      occurredAt: checkoutAt.toISOString(),
      identifiers: [{ kind: 'email', value: `c${i}@example.com` }],
      data: { checkout: { email: `c${i}@example.com`, currencyCode: 'USD' } },
    })),
    'pixel',
  );
  expect(ingested.rejected).toEqual([]);
  const engagement = buildEngagement(api.deps);
  const scope = { ctx, brandId: DEMO_BRAND };
  // Consent for everyone (the demo's own share comes from scored customers, absent here).
  for (let i = 0; i < 40; i++)
    await engagement.consent.set(scope, 'email', `c${i}@example.com`, 'opted_in', 'checkout');
  await runEngagementDemo(api.deps, DEMO_TENANT, DEMO_BRAND);

  const [campaign] = await engagement.campaigns.list(scope);
  expect(campaign).toMatchObject({ id: 'cmp_demo_winback', status: 'sent', segment: 'at_risk' });
  expect((await engagement.automations.list(scope)).map((a) => [a.name, a.status])).toEqual([
    ['Cart abandonment', 'active'],
  ]);
  const all = await engagement.outbox(scope, { limit: 500 });
  const sends = all.filter((s) => s.source.kind === 'campaign');
  const lapsedIds = new Set(Array.from({ length: 20 }, (_, k) => `cust-${k * 2}`));
  expect(sends.length).toBe(20);
  for (const s of sends) expect(lapsedIds.has(s.customerId), s.customerId).toBe(true);
  const mailed = all.filter((s) => s.status === 'sent');
  expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(mailed.map((s) => s.to).sort());

  const results = await engagement.campaigns.results(scope, 'cmp_demo_winback');
  expect(results.window).toEqual({ from: sendDay, to: addDays(sendDay, 14) });
  // Every lapsed customer bought 50.00 three days after the send, treated or held out.
  expect(results.treated.revenueMinor + results.holdout.revenueMinor).toBe(20 * 5_000);
  expect(results.treated.orders + results.holdout.orders).toBe(20);

  // The cart-abandonment automation, played over the checkouts: an hour later, then a day later.
  const automated = all.filter((s) => s.source.kind === 'automation' && s.group === 'treated');
  const heldOut = all.filter((s) => s.source.kind === 'automation' && s.group === 'holdout');
  for (const s of heldOut) expect(s.sentAt).toBeNull();
  expect(all.some((s) => s.customerId === 'cust-5' && s.source.kind === 'automation')).toBe(false);
  const treated = abandoners
    .filter((i) => i !== 5)
    .map((i) => `cust-${i}`)
    .filter(
      (id) => assignGroup('aut_cart_abandonment', id, 0.1, [{ id: 'a', weight: 1 }]).group === 'treated',
    );
  expect(treated.length).toBeGreaterThan(0);
  expect([...new Set(automated.map((s) => s.customerId))].sort()).toEqual([...treated].sort());
  for (const id of treated) {
    const times = automated
      .filter((s) => s.customerId === id)
      .map((s) => s.sentAt)
      .sort();
    expect(times).toEqual([
      new Date(checkoutAt.getTime() + 60 * 60_000).toISOString(),
      new Date(checkoutAt.getTime() + 25 * 60 * 60_000).toISOString(),
    ]);
  }
  await engagement.close();
});
