import type { AiOverageMode, BillingAccount } from '../domain/billing/account';
import { overagePriceMicros } from '../domain/billing/overage';
import {
  ADD_ONS,
  type AddOnId,
  AI_OVERAGE_MARKUP_BPS,
  type BillingCurrency,
  effectiveFeatures,
  effectiveLimits,
  PLAN_ORDER,
  PLANS,
  type PlanId,
} from '../domain/billing/plans';
import { type BillingProviderKind, decideSubscriptionUpdate } from '../domain/billing/subscription';
import { systemContext, type TenantContext } from '../domain/tenancy';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import type { BillingProvider, BillingRef, Invoice } from '../ports/billing-provider';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { LimitsService } from './limits';

export interface BillingServiceDeps {
  store: Pick<OperationalStore, 'billing' | 'tenants' | 'brands' | 'users' | 'apiKeys' | 'aiUsage'>;
  providers: Partial<Record<BillingProviderKind, BillingProvider>>;
  limits: LimitsService;
  clock: Clock;
  logger: Logger;
  /** Absolute base URL of the web app (Checkout and the Portal return there). */
  publicUrl: string;
}

export interface CheckoutRequest {
  planId: PlanId;
  currency: BillingCurrency;
  addOns: AddOnId[];
  provider?: BillingProviderKind;
  /** Shopify billing: the brand whose shop pays. */
  brandId?: string;
}

const refOf = (account: BillingAccount | undefined): BillingRef => ({
  ...(account?.customerId ? { customerId: account.customerId } : {}),
  ...(account?.subscription ? { subscriptionId: account.subscription.id } : {}),
  ...(account?.shopBrandId ? { shopBrandId: account.shopBrandId } : {}),
});

/** The owner's billing: what the tenant has and uses, starting and managing a subscription. */
export function createBillingService(deps: BillingServiceDeps) {
  const providerFor = (kind: BillingProviderKind): BillingProvider => {
    const p = deps.providers[kind];
    if (!p) throw new ConflictError(`billing through ${kind} is not configured on this installation`);
    return p;
  };
  const url = (path: string) => `${deps.publicUrl.replace(/\/$/, '')}${path}`;

  async function overview(ctx: TenantContext) {
    const account = await deps.store.billing.account(ctx);
    const standing = await deps.limits.standing(ctx);
    const month = deps.clock.now().toISOString().slice(0, 7);
    const whole = systemContext(ctx.tenantId, 'billing');
    const [brands, users, keys, counters, ai] = await Promise.all([
      deps.store.brands.list(whole),
      deps.store.users.list(whole),
      deps.store.apiKeys.list(whole),
      deps.store.billing.usage(ctx, month),
      deps.store.aiUsage.month(ctx, month),
    ]);
    const limits = effectiveLimits(standing.planId, standing.addOns);
    let invoices: Invoice[] = [];
    let invoicesError: string | undefined;
    if (account) {
      try {
        invoices = await providerFor(account.provider).invoices(ctx, refOf(account), 12);
      } catch (err) {
        // The page still shows plan and usage when the provider is unreachable; it says so.
        deps.logger.warn('could not list invoices', { error: err });
        invoicesError = 'invoices could not be loaded from the billing provider just now';
      }
    }
    const overageMicros = Math.max(0, ai.costMicros - limits.aiBudgetMicros);
    return {
      month,
      provider: account?.provider ?? null,
      plan: { id: standing.planId, name: PLANS[standing.planId].name, addOns: standing.addOns },
      subscription: account?.subscription ?? null,
      access: standing.access,
      aiOverage: standing.aiOverage,
      features: effectiveFeatures(standing.planId, standing.addOns),
      usage: [
        { limit: 'brands' as const, used: brands.length, allowed: limits.brands },
        { limit: 'seats' as const, used: users.length + keys.length, allowed: limits.seats },
        { limit: 'aiBudgetMicros' as const, used: ai.costMicros, allowed: limits.aiBudgetMicros },
        { limit: 'postsPerMonth' as const, used: counters.postsPerMonth, allowed: limits.postsPerMonth },
        {
          limit: 'messagesPerMonth' as const,
          used: counters.messagesPerMonth,
          allowed: limits.messagesPerMonth,
        },
      ],
      ai: {
        usedMicros: ai.costMicros,
        includedMicros: limits.aiBudgetMicros,
        overageMicros,
        overagePriceMicros: overagePriceMicros(overageMicros, AI_OVERAGE_MARKUP_BPS),
      },
      invoices,
      ...(invoicesError ? { invoicesError } : {}),
      plans: PLAN_ORDER.map((id) => {
        const p = PLANS[id];
        return {
          ...p,
          monthlyPrice: { ...p.monthlyPrice },
          limits: { ...p.limits },
          features: [...p.features],
        };
      }),
      addOns: Object.values(ADD_ONS).map((a) => ({
        ...a,
        monthlyPrice: { ...a.monthlyPrice },
        adds: { ...a.adds },
        features: [...a.features],
        availableOn: [...a.availableOn],
      })),
    };
  }

  async function checkout(ctx: TenantContext, request: CheckoutRequest): Promise<{ url: string }> {
    const account = await deps.store.billing.account(ctx);
    const kind = account?.provider ?? request.provider ?? 'stripe';
    if (request.provider && account && request.provider !== account.provider)
      throw new ConflictError(`this tenant is billed through ${account.provider}`);
    const plan = PLANS[request.planId];
    if (request.planId === 'free')
      throw new ValidationError('the free plan needs no checkout: cancel the subscription instead');
    for (const a of request.addOns)
      if (!ADD_ONS[a].availableOn.includes(request.planId))
        throw new ValidationError(`the ${ADD_ONS[a].name} is not sold with the ${plan.name} plan`);
    const live =
      account?.subscription && ['trialing', 'active', 'past_due'].includes(account.subscription.status);
    if (live && kind === 'stripe')
      throw new ConflictError('there is already a subscription: change it in the billing portal');
    let shopBrandId = account?.shopBrandId;
    if (kind === 'shopify') {
      shopBrandId = request.brandId ?? shopBrandId;
      if (!shopBrandId)
        throw new ValidationError('Shopify billing needs the brand whose shop pays (brandId)');
      if (!(await deps.store.brands.get(ctx, shopBrandId)))
        throw new NotFoundError(`brand ${shopBrandId} not found`);
    }
    const tenant = await deps.store.tenants.get(ctx);
    const started = await providerFor(kind).startSubscription(
      ctx,
      { ...refOf(account), ...(shopBrandId ? { shopBrandId } : {}) },
      {
        planId: request.planId,
        currency: request.currency,
        addOns: request.addOns,
        returnUrl: url('/billing?checkout=done'),
        cancelUrl: url('/billing?checkout=canceled'),
        customer: { name: tenant?.name ?? ctx.tenantId },
      },
    );
    const customerId = started.ref.customerId ?? account?.customerId;
    await deps.store.billing.saveAccount(ctx, {
      ...(account ?? { aiOverage: 'metered' as const }),
      provider: kind,
      ...(customerId ? { customerId } : {}),
      ...(shopBrandId ? { shopBrandId } : {}),
      updatedAt: deps.clock.now().toISOString(),
    });
    if (customerId && customerId !== account?.customerId)
      await deps.store.billing.linkCustomer(ctx, kind, customerId);
    return { url: started.redirectUrl };
  }

  async function portal(ctx: TenantContext): Promise<{ url: string }> {
    const account = await deps.store.billing.account(ctx);
    if (!account) throw new ConflictError('there is no subscription to manage yet: choose a plan first');
    return { url: await providerFor(account.provider).manageUrl(ctx, refOf(account), url('/billing')) };
  }

  /**
   * Reads the subscription from the provider and applies it like an event stamped now: the
   * return from Checkout or Shopify's confirmation shows the new plan without waiting for a webhook.
   */
  async function refresh(ctx: TenantContext) {
    const account = await deps.store.billing.account(ctx);
    if (!account) return overview(ctx);
    const snapshot = await providerFor(account.provider).currentSubscription(ctx, refOf(account));
    if (snapshot) {
      const created = Math.floor(deps.clock.now().getTime() / 1000);
      await deps.store.billing.applyEvent(
        ctx,
        {
          id: `refresh:${snapshot.id}:${created}`,
          type: 'refresh',
          created,
          provider: account.provider,
          ...(snapshot.customerId ? { customerId: snapshot.customerId } : {}),
        },
        deps.clock.now().toISOString(),
        (current) => decideSubscriptionUpdate(current?.subscription, snapshot, created),
      );
    }
    return overview(ctx);
  }

  async function setAiOverage(ctx: TenantContext, mode: AiOverageMode) {
    const account = await deps.store.billing.account(ctx);
    if (!account) throw new ConflictError('choose a paid plan before changing AI overage');
    await deps.store.billing.saveAccount(ctx, {
      ...account,
      aiOverage: mode,
      updatedAt: deps.clock.now().toISOString(),
    });
    return overview(ctx);
  }

  return { overview, checkout, portal, refresh, setAiOverage };
}
export type BillingService = ReturnType<typeof createBillingService>;
