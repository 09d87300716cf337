import { describe, expect, it } from 'vitest';
import { checkLimit, describeRefusal } from './limits';
import { overageByEntry, overagePriceMicros } from './overage';
import { effectiveFeatures, effectiveLimits, PLAN_ORDER, PLANS, upgradeFor } from './plans';
import {
  accessOf,
  decideSubscriptionUpdate,
  type StoredSubscription,
  type SubscriptionSnapshot,
} from './subscription';

const snap = (over: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot => ({
  provider: 'stripe',
  id: 'sub_1',
  customerId: 'cus_1',
  status: 'active',
  planId: 'growth',
  currency: 'USD',
  addOns: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  cancelAtPeriodEnd: false,
  ...over,
});
const stored = (over: Partial<StoredSubscription> = {}): StoredSubscription => ({
  ...snap(),
  eventCreated: 1_000,
  ...over,
});

describe('plans', () => {
  it('grow monotonically from free to enterprise in every limit', () => {
    for (let i = 1; i < PLAN_ORDER.length; i++) {
      const lo = PLANS[PLAN_ORDER[i - 1]!].limits;
      const hi = PLANS[PLAN_ORDER[i]!].limits;
      for (const k of Object.keys(lo) as (keyof typeof lo)[]) expect(hi[k], k).toBeGreaterThanOrEqual(lo[k]);
    }
  });

  it('price every plan in integer minor units in every currency', () => {
    for (const plan of Object.values(PLANS))
      for (const amount of Object.values(plan.monthlyPrice)) expect(Number.isInteger(amount)).toBe(true);
  });

  it('the posting add-on adds posts and scheduled publishing only where it is sold', () => {
    expect(effectiveLimits('growth', ['posting']).postsPerMonth).toBe(
      PLANS.growth.limits.postsPerMonth + 500,
    );
    expect(effectiveFeatures('growth', ['posting'])).toContain('scheduled_publishing');
    expect(effectiveLimits('free', ['posting']).postsPerMonth).toBe(0);
  });

  it('names the smallest plan that lifts a limit, and none past enterprise', () => {
    expect(upgradeFor('free', 'brands', 2)).toBe('growth');
    expect(upgradeFor('growth', 'brands', 4)).toBe('agency');
    expect(upgradeFor('enterprise', 'brands', 1_000)).toBeUndefined();
  });
});

describe('checkLimit', () => {
  it('allows up to the limit and refuses past it, naming the limit and the upgrade', () => {
    expect(checkLimit('starter', [], 'brands', 0)).toEqual({ ok: true, value: { remaining: 0 } });
    const refused = checkLimit('starter', [], 'brands', 1);
    expect(refused).toEqual({
      ok: false,
      reason: { limit: 'brands', plan: 'starter', allowed: 1, used: 1, requested: 1, upgradeTo: 'growth' },
    });
    if (!refused.ok)
      expect(describeRefusal(refused.reason)).toMatch(/starter plan allows 1 brands.*upgrade to growth/);
  });

  it('counts a batch as a whole: 10 messages with 5 left is refused', () => {
    expect(checkLimit('free', [], 'messagesPerMonth', 495, 10).ok).toBe(false);
    expect(checkLimit('free', [], 'messagesPerMonth', 495, 5).ok).toBe(true);
  });
});

describe('decideSubscriptionUpdate', () => {
  it('applies the first snapshot', () => {
    expect(decideSubscriptionUpdate(undefined, snap(), 10)).toMatchObject({ apply: true });
  });

  it('an older customer.subscription.updated after a newer one does not roll back', () => {
    const current = stored({ status: 'canceled', eventCreated: 2_000 });
    expect(decideSubscriptionUpdate(current, snap({ status: 'active' }), 1_999)).toEqual({
      apply: false,
      reason: 'older_event',
    });
  });

  it('within one second, the later lifecycle stage wins and a replay is a no-op', () => {
    const current = stored({ status: 'active', eventCreated: 2_000 });
    expect(decideSubscriptionUpdate(current, snap({ status: 'canceled' }), 2_000)).toMatchObject({
      apply: true,
    });
    expect(decideSubscriptionUpdate(current, snap({ status: 'trialing' }), 2_000)).toMatchObject({
      apply: false,
    });
    expect(decideSubscriptionUpdate(current, snap(), 2_000)).toEqual({ apply: false, reason: 'same_state' });
  });

  it('an event about an older subscription never replaces a newer one', () => {
    const current = stored({ id: 'sub_2', createdAt: '2026-11-10T00:00:00.000Z', eventCreated: 1_000 });
    const old = snap({ id: 'sub_1', status: 'canceled', createdAt: '2026-11-01T00:00:00.000Z' });
    expect(decideSubscriptionUpdate(current, old, 5_000)).toEqual({
      apply: false,
      reason: 'older_subscription',
    });
    const newer = snap({ id: 'sub_3', createdAt: '2026-11-20T00:00:00.000Z' });
    expect(decideSubscriptionUpdate(current, newer, 900)).toMatchObject({ apply: true });
  });

  it('remembers when the subscription first fell past due', () => {
    const first = decideSubscriptionUpdate(stored(), snap({ status: 'past_due' }), 2_000);
    expect(first.apply && first.next.pastDueSince).toBe(new Date(2_000_000).toISOString());
    if (!first.apply) throw new Error('expected apply');
    const again = decideSubscriptionUpdate(
      first.next,
      snap({ status: 'past_due', cancelAtPeriodEnd: true }),
      3_000,
    );
    expect(again.apply && again.next.pastDueSince).toBe(new Date(2_000_000).toISOString());
  });
});

describe('accessOf', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  it.each([
    ['trialing', 'full'],
    ['active', 'full'],
    ['canceled', 'read_only'],
    ['unpaid', 'read_only'],
    ['paused', 'read_only'],
    ['incomplete_expired', 'read_only'],
  ] as const)('%s → %s', (status, level) => {
    expect(accessOf(stored({ status }), now).level).toBe(level);
  });

  it('past_due works with a banner for the grace period, then turns read-only', () => {
    const sub = stored({ status: 'past_due', pastDueSince: '2026-12-01T12:00:00.000Z' });
    expect(accessOf(sub, now)).toEqual({
      level: 'grace',
      reason: 'past_due_grace',
      readOnlyFrom: '2026-12-08T12:00:00.000Z',
    });
    expect(accessOf(sub, new Date('2026-12-08T12:00:00Z')).level).toBe('read_only');
  });

  it('a tenant without a subscription is on the free plan with full access', () => {
    expect(accessOf(undefined, now).level).toBe('full');
  });
});

describe('overageByEntry', () => {
  it('charges only the part of each entry past the included budget, in ledger order', () => {
    const entries = [
      { id: 'c', at: '2026-12-03T00:00:00Z', costMicros: 400 },
      { id: 'a', at: '2026-12-01T00:00:00Z', costMicros: 600 },
      { id: 'b', at: '2026-12-02T00:00:00Z', costMicros: 300 },
    ];
    expect(overageByEntry(entries, 800)).toEqual([
      { id: 'b', at: '2026-12-02T00:00:00Z', overageMicros: 100 },
      { id: 'c', at: '2026-12-03T00:00:00Z', overageMicros: 400 },
    ]);
  });

  it('prices overage with the markup, rounding half up', () => {
    expect(overagePriceMicros(1_001, 15_000)).toBe(1_502);
  });
});
