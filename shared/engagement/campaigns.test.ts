import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import { orderRow } from '../customers/test-store';
import { assignGroup } from '../domain/engagement/assignment';
import { localDate } from '../domain/time';
import type { Recipient } from './audience';

let w: EngagementWorld;
beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
});
afterEach(() => w.close());

const recipients: Recipient[] = Array.from({ length: 200 }, (_, i) => ({
  customerId: `cust-${i}`,
  timeZone: 'Europe/London',
  addresses: { email: `c${i}@example.com` },
  values: { first_name: i % 2 ? `Name${i}` : null },
}));

const winBack = {
  name: 'Win-back',
  channel: 'email' as const,
  segment: 'at_risk',
  holdoutShare: 0.2,
  variants: [
    {
      id: 'a',
      name: '10% off',
      weight: 1,
      subject: 'We miss you, {{first_name|friend}}',
      text: 'Use WELCOME10',
    },
    {
      id: 'b',
      name: 'Free shipping',
      weight: 1,
      subject: 'Free shipping, {{first_name|friend}}',
      text: 'On us',
    },
  ],
};

it('the holdout group receives nothing and its revenue is reported beside the treated groups', async () => {
  for (const r of recipients)
    await w.consent.set(w.scope, 'email', r.addresses.email ?? '', 'opted_in', 'checkout');
  const campaign = await w.campaigns.create(w.scope, winBack, 'cmp_winback');
  const group = (id: string) => assignGroup(campaign.id, id, 0.2, campaign.variants).group;
  const holdout = recipients.filter((r) => group(r.customerId) === 'holdout');
  const treated = recipients.filter((r) => group(r.customerId) === 'treated');
  expect(holdout.length).toBeGreaterThan(20);

  const tally = await w.campaigns.send(w.scope, campaign.id, { recipients });
  expect(tally).toEqual({ holdout: holdout.length, sent: treated.length });
  const mailed = new Set(w.smtp.received.flatMap((m) => m.to));
  expect(mailed.size).toBe(treated.length);
  for (const h of holdout) expect(mailed.has(h.addresses.email ?? '')).toBe(false);

  // Everyone buys two days later: treated customers spend 30.00, the holdout 20.00.
  const day = localDate('2026-11-23');
  await w.warehouse.replaceRange(
    w.ctx,
    'orders',
    { brandId: w.brand.id, from: day, to: day },
    recipients.map((r) =>
      orderRow({
        brandId: w.brand.id,
        orderId: `o-${r.customerId}`,
        customerId: r.customerId,
        date: day,
        totalMinor: group(r.customerId) === 'holdout' ? 2000 : 3000,
      }),
    ),
  );
  const results = await w.campaigns.results(w.scope, campaign.id);
  expect(results.window).toEqual({ from: '2026-11-21', to: '2026-11-28' });
  expect(results.holdout).toMatchObject({
    customers: holdout.length,
    orders: holdout.length,
    revenueMinor: 2000 * holdout.length,
  });
  expect(results.treated).toMatchObject({ customers: treated.length, revenueMinor: 3000 * treated.length });
  expect(results.incrementalRevenueMinor).toBe(1000 * treated.length);
  expect(results.variants.map((v) => v.variantId)).toEqual(['a', 'b']);
  expect(results.variants.reduce((s, v) => s + v.sent, 0)).toBe(treated.length);
  for (const v of results.variants) expect(v.incrementalRevenueMinor).toBe(1000 * v.customers);
});

it('sending a campaign again sends nothing new', async () => {
  for (const r of recipients.slice(0, 10))
    await w.consent.set(w.scope, 'email', r.addresses.email ?? '', 'opted_in', 'checkout');
  const campaign = await w.campaigns.create(w.scope, winBack);
  await w.campaigns.send(w.scope, campaign.id, { recipients: recipients.slice(0, 10) });
  const before = w.smtp.received.length;
  const again = await w.campaigns.send(w.scope, campaign.id, { recipients: recipients.slice(0, 10) });
  expect(again).toEqual({ duplicate: 10 });
  expect(w.smtp.received.length).toBe(before);
});

it('personalises each message and previews the variants with fallbacks', async () => {
  const campaign = await w.campaigns.create(w.scope, winBack);
  expect(w.campaigns.preview(campaign, { first_name: 'Ada' })).toEqual([
    { variantId: 'a', subject: 'We miss you, Ada', text: 'Use WELCOME10' },
    { variantId: 'b', subject: 'Free shipping, Ada', text: 'On us' },
  ]);
  expect(w.campaigns.preview(campaign, {})[0]?.subject).toBe('We miss you, friend');
});

it("tags each variant's links with the campaign's UTM parameters", async () => {
  const campaign = await w.campaigns.create(w.scope, {
    ...winBack,
    variants: winBack.variants.map((v) => ({ ...v, text: `${v.text}: https://shop.example/sale?x=1` })),
  });
  expect(w.campaigns.preview(campaign, {}).map((v) => v.text)).toEqual([
    'Use WELCOME10: https://shop.example/sale?x=1&utm_source=pulsepoint&utm_medium=email&utm_campaign=win-back&utm_content=a',
    'On us: https://shop.example/sale?x=1&utm_source=pulsepoint&utm_medium=email&utm_campaign=win-back&utm_content=b',
  ]);
});

it('a dry run records what would go out and sends nothing', async () => {
  for (const r of recipients.slice(0, 5))
    await w.consent.set(w.scope, 'email', r.addresses.email ?? '', 'opted_in', 'checkout');
  const campaign = await w.campaigns.create(w.scope, { ...winBack, holdoutShare: 0 });
  const tally = await w.campaigns.send(w.scope, campaign.id, {
    recipients: recipients.slice(0, 5),
    dryRun: true,
  });
  expect(tally).toEqual({ dry_run: 5 });
  expect(w.smtp.received).toHaveLength(0);

  // The rehearsal leaves the campaign a draft, and the real send afterwards is not a duplicate.
  expect(await w.campaigns.get(w.scope, campaign.id)).toMatchObject({ status: 'draft', sentAt: null });
  expect(await w.campaigns.send(w.scope, campaign.id, { recipients: recipients.slice(0, 5) })).toEqual({
    sent: 5,
  });
  expect(w.smtp.received).toHaveLength(5);
  const results = await w.campaigns.results(w.scope, campaign.id);
  expect(results.treated.customers).toBe(5);
});
