import { type AddOnId, effectiveLimits, type LimitName, type PlanId, upgradeFor } from './plans';

/** Why an action is refused: the limit, where the tenant stands, and the plan that would allow it. */
export interface LimitRefusal {
  limit: LimitName;
  plan: PlanId;
  allowed: number;
  used: number;
  requested: number;
  upgradeTo?: PlanId;
}

/**
 * May a tenant on `plan` (+ add-ons) with `used` of `limit` add `requested` more? Counted limits
 * only (brands, seats, posts, messages); the AI budget is money and has its own check.
 */
export function checkLimit(
  plan: PlanId,
  addOns: readonly AddOnId[],
  limit: LimitName,
  used: number,
  requested = 1,
): { ok: true; value: { remaining: number } } | { ok: false; reason: LimitRefusal } {
  const allowed = effectiveLimits(plan, addOns)[limit];
  if (used + requested <= allowed) return { ok: true, value: { remaining: allowed - used - requested } };
  const upgradeTo = upgradeFor(plan, limit, used + requested);
  return {
    ok: false,
    reason: { limit, plan, allowed, used, requested, ...(upgradeTo ? { upgradeTo } : {}) },
  };
}

const LABELS: Record<LimitName, string> = {
  brands: 'brands',
  seats: 'seats (users and API keys)',
  aiBudgetMicros: 'AI budget',
  postsPerMonth: 'posts this month',
  messagesPerMonth: 'messages this month',
  historyDays: 'days of history',
};

/** One sentence a merchant can act on. */
export function describeRefusal(r: LimitRefusal): string {
  const label = LABELS[r.limit];
  const upgrade = r.upgradeTo
    ? `upgrade to ${r.upgradeTo} to raise it`
    : 'contact us for an enterprise agreement to raise it';
  if (r.limit === 'historyDays')
    return `reports on the ${r.plan} plan reach back ${r.allowed} days and this one starts ${r.used} days ago — ${upgrade}`;
  return `your ${r.plan} plan allows ${r.allowed} ${label}; you have used ${r.used} and asked for ${r.requested} more — ${upgrade}`;
}
