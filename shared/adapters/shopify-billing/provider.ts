import type { z } from 'zod';
import { overagePriceMicros } from '../../domain/billing/overage';
import {
  ADD_ONS,
  type AddOnId,
  AI_OVERAGE_CEILING_MULTIPLE,
  AI_OVERAGE_MARKUP_BPS,
  BILLING_CURRENCIES,
  effectiveLimits,
  PLAN_IDS,
  PLANS,
  type PlanId,
} from '../../domain/billing/plans';
import type { SubscriptionSnapshot, SubscriptionStatus } from '../../domain/billing/subscription';
import { amount, share } from '../../domain/phrasing';
import type { TenantContext } from '../../domain/tenancy';
import { ConflictError, UpstreamError, ValidationError } from '../../kernel/errors';
import type { BillingProvider, BillingRef } from '../../ports/billing-provider';
import type { Clock } from '../../ports/clock';
import {
  APP_SUBSCRIPTION,
  APP_SUBSCRIPTION_CREATE,
  APP_USAGE_RECORD_CREATE,
  type AppSubscription,
  CURRENT_APP_INSTALLATION,
  createResultSchema,
  installationSchema,
  nodeSchema,
  usageRecordResultSchema,
} from './queries';

/** The one call the adapter needs from a shop's Admin GraphQL client (ShopifyClient.request). */
export interface ShopifyGraphql {
  request<S extends z.ZodType>(
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    schema: S,
  ): Promise<z.infer<S>>;
}

export interface ShopifyBillingDeps {
  /** The paying shop: its client (the brand's token from the SecretStore) and domain; undefined when not connected. */
  shopFor(
    ctx: TenantContext,
    brandId: string,
  ): Promise<{ graphql: ShopifyGraphql; shopDomain: string } | undefined>;
  clock: Clock;
  /** Development stores must be charged with `test: true`. */
  test: boolean;
}

const STATUS: Record<AppSubscription['status'], SubscriptionStatus> = {
  PENDING: 'incomplete',
  ACCEPTED: 'incomplete',
  ACTIVE: 'active',
  FROZEN: 'past_due',
  CANCELLED: 'canceled',
  DECLINED: 'incomplete_expired',
  EXPIRED: 'incomplete_expired',
};

/** `Pulsepoint Growth + Posting add-on`: the subscription's name is how its plan is read back. */
export const subscriptionName = (planId: PlanId, addOns: readonly AddOnId[]) =>
  [`Pulsepoint ${PLANS[planId].name}`, ...addOns.map((a) => ADD_ONS[a].name)].join(' + ');

function parseName(name: string): { planId: PlanId; addOns: AddOnId[] } | undefined {
  const [head = '', ...rest] = name.split(' + ');
  const planId = PLAN_IDS.find((p) => `Pulsepoint ${PLANS[p].name}` === head);
  const addOns = rest.map((r) => Object.values(ADD_ONS).find((a) => a.name === r)?.id);
  if (!planId || addOns.some((a) => a === undefined)) return undefined;
  return { planId, addOns: addOns as AddOnId[] };
}

const decimal = (minor: number) => (minor / 100).toFixed(2);

/**
 * BillingProvider over Shopify app billing, for merchants who installed from the Shopify App
 * Store: the charge is on their Shopify invoice. One recurring line (plan + add-ons; Shopify takes
 * one line per pricing type) and one usage line capped at the overage ceiling; AI overage becomes
 * usage records keyed by the ledger entry (`idempotencyKey`).
 */
export function createShopifyBillingProvider(deps: ShopifyBillingDeps): BillingProvider {
  async function shop(ctx: TenantContext, ref: BillingRef) {
    if (!ref.shopBrandId) throw new ConflictError('Shopify billing needs the brand whose shop pays');
    const s = await deps.shopFor(ctx, ref.shopBrandId);
    if (!s) throw new ConflictError(`brand ${ref.shopBrandId} is not connected to Shopify`);
    return s;
  }
  const client = async (ctx: TenantContext, ref: BillingRef) => (await shop(ctx, ref)).graphql;

  async function current(ctx: TenantContext, ref: BillingRef): Promise<AppSubscription | undefined> {
    const gql = await client(ctx, ref);
    if (ref.subscriptionId) {
      const { node } = await gql.request(
        'AppSubscription',
        APP_SUBSCRIPTION,
        { id: ref.subscriptionId },
        nodeSchema,
      );
      if (node && node.status !== 'CANCELLED') return node;
    }
    const { currentAppInstallation } = await gql.request(
      'CurrentAppInstallation',
      CURRENT_APP_INSTALLATION,
      {},
      installationSchema,
    );
    return currentAppInstallation.activeSubscriptions.sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    )[0];
  }

  function toSnapshot(sub: AppSubscription): SubscriptionSnapshot | undefined {
    const named = parseName(sub.name);
    const recurring = sub.lineItems.find((l) => l.plan.pricingDetails.__typename === 'AppRecurringPricing');
    const currency = BILLING_CURRENCIES.find(
      (c) =>
        recurring?.plan.pricingDetails.__typename === 'AppRecurringPricing' &&
        recurring.plan.pricingDetails.price.currencyCode === c,
    );
    if (!named || !currency) return undefined;
    const trialEnd = new Date(Date.parse(sub.createdAt) + sub.trialDays * 86_400_000);
    const status =
      sub.status === 'ACTIVE' && sub.trialDays > 0 && deps.clock.now() < trialEnd
        ? 'trialing'
        : STATUS[sub.status];
    return {
      provider: 'shopify',
      id: sub.id,
      status,
      planId: named.planId,
      currency,
      addOns: named.addOns,
      createdAt: new Date(sub.createdAt).toISOString(),
      ...(sub.currentPeriodEnd ? { currentPeriodEnd: new Date(sub.currentPeriodEnd).toISOString() } : {}),
      ...(sub.trialDays > 0 ? { trialEnd: trialEnd.toISOString() } : {}),
      cancelAtPeriodEnd: false,
    };
  }

  return {
    kind: 'shopify',

    async startSubscription(ctx, ref, input) {
      const plan = PLANS[input.planId];
      // Overage is priced from USD costs; Shopify-billed tenants are charged in USD (decision 866).
      if (input.currency !== 'USD') throw new ValidationError('Shopify app charges are in USD');
      if (!plan.selfServe)
        throw new ConflictError(`the ${plan.name} plan is sold by contract: contact sales`);
      const monthly =
        plan.monthlyPrice[input.currency] +
        input.addOns.reduce((s, a) => s + ADD_ONS[a].monthlyPrice[input.currency], 0);
      const included = effectiveLimits(input.planId, input.addOns).aiBudgetMicros;
      const capMicros = overagePriceMicros(
        included * (AI_OVERAGE_CEILING_MULTIPLE - 1),
        AI_OVERAGE_MARKUP_BPS,
      );
      const lineItems = [
        {
          plan: {
            appRecurringPricingDetails: {
              price: { amount: decimal(monthly), currencyCode: input.currency },
              interval: 'EVERY_30_DAYS',
            },
          },
        },
        ...(plan.aiOverage
          ? [
              {
                plan: {
                  appUsagePricingDetails: {
                    cappedAmount: { amount: (capMicros / 1e6).toFixed(2), currencyCode: input.currency },
                    // Shopify shows the terms to the merchant when they approve the charge.
                    terms: `AI use beyond the ${amount(Math.round(included / 1e4), 'USD')} included each month, at ${share(AI_OVERAGE_MARKUP_BPS / 10_000)} of cost`,
                  },
                },
              },
            ]
          : []),
      ];
      const result = await (await client(ctx, ref)).request(
        'AppSubscriptionCreate',
        APP_SUBSCRIPTION_CREATE,
        {
          name: subscriptionName(input.planId, input.addOns),
          returnUrl: input.returnUrl,
          lineItems,
          ...(input.trialDays ? { trialDays: input.trialDays } : {}),
          test: deps.test,
        },
        createResultSchema,
      );
      const payload = result.appSubscriptionCreate;
      if (payload.userErrors.length || !payload.confirmationUrl)
        throw new UpstreamError(
          `Shopify refused the subscription: ${payload.userErrors.map((e) => e.message).join('; ')}`,
        );
      return {
        redirectUrl: payload.confirmationUrl,
        ref: { ...(ref.shopBrandId ? { shopBrandId: ref.shopBrandId } : {}) },
      };
    },

    async manageUrl(ctx, ref) {
      // Shopify has no portal session: the merchant sees and cancels app charges in the admin's
      // billing settings, and changes plan through a new appSubscriptionCreate (it replaces the old).
      const { shopDomain } = await shop(ctx, ref);
      const handle = shopDomain.replace(/\.myshopify\.com$/, '');
      return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/settings/billing/subscriptions`;
    },

    async currentSubscription(ctx, ref) {
      const sub = await current(ctx, ref);
      return sub ? toSnapshot(sub) : undefined;
    },

    // App charges appear on the merchant's Shopify invoice; the Admin API lists no invoices to apps.
    async invoices() {
      return [];
    },

    async reportUsage(ctx, ref, usage) {
      const sub = await current(ctx, ref);
      const line = sub?.lineItems.find((l) => l.plan.pricingDetails.__typename === 'AppUsagePricing');
      if (!sub || !line) throw new ConflictError('the Shopify subscription has no usage line for AI overage');
      const currency =
        line.plan.pricingDetails.__typename === 'AppUsagePricing'
          ? line.plan.pricingDetails.cappedAmount.currencyCode
          : 'USD';
      const amount = (overagePriceMicros(usage.overageMicros, AI_OVERAGE_MARKUP_BPS) / 1e6).toFixed(2);
      // Shopify charges whole cents: an entry under half a cent rounds to nothing and is not sent.
      if (Number(amount) === 0) return;
      const result = await (await client(ctx, ref)).request(
        'AppUsageRecordCreate',
        APP_USAGE_RECORD_CREATE,
        {
          subscriptionLineItemId: line.id,
          price: { amount, currencyCode: currency },
          description: `AI overage ${usage.at.toISOString().slice(0, 10)}`,
          idempotencyKey: usage.identifier,
        },
        usageRecordResultSchema,
      );
      if (result.appUsageRecordCreate.userErrors.length)
        throw new UpstreamError(
          `Shopify refused the usage record: ${result.appUsageRecordCreate.userErrors.map((e) => e.message).join('; ')}`,
        );
    },
  };
}
