import type { AiOverageMode } from '../domain/billing/account';
import { checkLimit, describeRefusal, type LimitRefusal } from '../domain/billing/limits';
import {
  type AddOnId,
  AI_OVERAGE_CEILING_MULTIPLE,
  effectiveFeatures,
  effectiveLimits,
  type Feature,
  PLANS,
  type PlanId,
  upgradeFor,
  upgradeForFeature,
} from '../domain/billing/plans';
import { type Access, accessOf } from '../domain/billing/subscription';
import { DEFAULT_TENANT_PLAN } from '../domain/entities';
import { amount } from '../domain/phrasing';
import { systemContext, type TenantContext } from '../domain/tenancy';
import type { AiBudgetGate } from '../ports/ai-budget';
import type { CountedUsage } from '../ports/billing-store';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import { FeatureNotInPlanError, PlanLimitError, ReadOnlyError } from './errors';

export interface LimitsDeps {
  store: Pick<OperationalStore, 'billing' | 'tenants' | 'brands' | 'users' | 'apiKeys'>;
  clock: Clock;
}

export interface Standing {
  planId: PlanId;
  addOns: AddOnId[];
  access: Access;
  aiOverage: AiOverageMode;
}

const READ_ONLY_MESSAGES: Record<string, string> = {
  past_due_expired:
    'the last payment failed and the grace period is over: Pulsepoint is read-only until the invoice is paid',
  ended: 'the subscription has ended: Pulsepoint is read-only (all data is kept); choose a plan to continue',
  not_started: 'the subscription has not started: complete checkout to continue',
};

/**
 * The plan, enforced where the action happens: brand creation and seats (users + API keys) call
 * `assertCanAdd`, posts and messages `consume` (counted per UTC month, atomically), AI calls go
 * through `aiBudget`, and every write checks `assertWritable`. Refusals are 402 (the plan does not
 * cover it: the limit and the upgrade are named) or 403 (read-only).
 */
export function createLimitsService(deps: LimitsDeps) {
  const month = () => deps.clock.now().toISOString().slice(0, 7);

  async function standing(ctx: TenantContext): Promise<Standing> {
    const [account, tenant] = await Promise.all([
      deps.store.billing.account(ctx),
      deps.store.tenants.get(ctx),
    ]);
    const sub = account?.subscription;
    return {
      // Without a provider subscription the tenant's own plan field is the plan of record
      // (contracts, comped tenants, tenants created before billing): decision 862.
      planId: sub?.planId ?? tenant?.plan ?? DEFAULT_TENANT_PLAN,
      addOns: sub?.addOns ?? [],
      access: accessOf(sub, deps.clock.now()),
      aiOverage: account?.aiOverage ?? 'metered',
    };
  }

  async function assertWritable(ctx: TenantContext): Promise<Standing> {
    const s = await standing(ctx);
    if (s.access.level === 'read_only')
      throw new ReadOnlyError(READ_ONLY_MESSAGES[s.access.reason] ?? 'Pulsepoint is read-only', {
        reason: s.access.reason,
        plan: s.planId,
      });
    return s;
  }

  const refuse = (r: LimitRefusal): never => {
    throw new PlanLimitError(describeRefusal(r), r);
  };

  async function counted(ctx: TenantContext, limit: 'brands' | 'seats'): Promise<number> {
    const whole = systemContext(ctx.tenantId, 'limits');
    if (limit === 'brands') return (await deps.store.brands.list(whole)).length;
    const [users, keys] = await Promise.all([deps.store.users.list(whole), deps.store.apiKeys.list(whole)]);
    return users.length + keys.length;
  }

  return {
    standing,
    assertWritable,

    async assertCanAdd(ctx: TenantContext, limit: 'brands' | 'seats', n = 1): Promise<void> {
      const s = await assertWritable(ctx);
      const result = checkLimit(s.planId, s.addOns, limit, await counted(ctx, limit), n);
      if (!result.ok) refuse(result.reason);
    },

    /** Takes `n` posts or messages from this month's allowance, or refuses the whole batch. */
    async consume(ctx: TenantContext, counter: CountedUsage, n = 1): Promise<{ remaining: number }> {
      const s = await assertWritable(ctx);
      const allowed = effectiveLimits(s.planId, s.addOns)[counter];
      const result = await deps.store.billing.consume(
        ctx,
        month(),
        counter,
        n,
        (used) => used + n <= allowed,
      );
      if (!result.ok) {
        const check = checkLimit(s.planId, s.addOns, counter, result.before, n);
        if (!check.ok) refuse(check.reason);
      }
      return { remaining: allowed - result.before - n };
    },

    /** A report may reach back `daysBack` days (its first day to today) only within the plan's history. */
    async assertHistory(ctx: TenantContext, daysBack: number): Promise<void> {
      const s = await standing(ctx);
      const allowed = effectiveLimits(s.planId, s.addOns).historyDays;
      if (daysBack <= allowed) return;
      const upgradeTo = upgradeFor(s.planId, 'historyDays', daysBack);
      refuse({
        limit: 'historyDays',
        plan: s.planId,
        allowed,
        used: daysBack,
        requested: 0,
        ...(upgradeTo ? { upgradeTo } : {}),
      });
    },

    async assertFeature(ctx: TenantContext, feature: Feature): Promise<void> {
      const s = await standing(ctx);
      if (!effectiveFeatures(s.planId, s.addOns).includes(feature))
        throw new FeatureNotInPlanError(feature, s.planId, upgradeForFeature(s.planId, feature));
    },

    /** The token ledger's gate: the plan's included AI budget, then metered overage or a hard cap. */
    aiBudget: {
      async assertWithinBudget(ctx: TenantContext, usedMicros: number): Promise<void> {
        const s = await assertWritable(ctx);
        const included = effectiveLimits(s.planId, s.addOns).aiBudgetMicros;
        const metered = s.aiOverage === 'metered' && PLANS[s.planId].aiOverage;
        const ceiling = metered ? included * AI_OVERAGE_CEILING_MULTIPLE : included;
        if (usedMicros < ceiling) return;
        // The next plan that includes more AI.
        const upgradeTo = upgradeFor(s.planId, 'aiBudgetMicros', included + 1);
        const usd = (m: number) => amount(Math.round(m / 1e4), 'USD');
        const why = metered
          ? `this month's AI use reached ${usd(usedMicros)}, ${AI_OVERAGE_CEILING_MULTIPLE}× the ${usd(included)} your ${s.planId} plan includes`
          : `this month's AI budget of ${usd(included)} on the ${s.planId} plan is used up${PLANS[s.planId].aiOverage ? ' (overage is capped by your setting)' : ''}`;
        throw new PlanLimitError(
          `${why}; ${upgradeTo ? `upgrade to ${upgradeTo}` : 'contact us'}${PLANS[s.planId].aiOverage && !metered ? ' or allow metered overage' : ''} to continue`,
          {
            limit: 'aiBudgetMicros',
            plan: s.planId,
            allowed: ceiling,
            used: usedMicros,
            requested: 1,
            ...(upgradeTo ? { upgradeTo } : {}),
          },
        );
      },
    } satisfies AiBudgetGate,
  };
}
export type LimitsService = ReturnType<typeof createLimitsService>;
