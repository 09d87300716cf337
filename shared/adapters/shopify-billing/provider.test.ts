import { describe, expect, it } from 'vitest';
import { systemContext } from '../../domain/tenancy';
import { fixedClock } from '../../ports/clock';
import { createShopifyBillingProvider, type ShopifyGraphql, subscriptionName } from './provider';

/**
 * An AppSubscription as the Admin API returns it, written from
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/AppSubscription (fields id, name,
 * status, createdAt, currentPeriodEnd, trialDays, test, lineItems[].plan.pricingDetails as
 * AppRecurringPricing / AppUsagePricing) and the AppSubscriptionStatus enum
 * (https://shopify.dev/docs/api/admin-graphql/latest/enums/AppSubscriptionStatus).
 */
const appSubscription = (status: string, trialDays = 0) => ({
  id: 'gid://shopify/AppSubscription/4019585080',
  name: subscriptionName('agency', ['posting']),
  status,
  createdAt: '2026-11-10T09:00:00Z',
  currentPeriodEnd: '2026-12-10T09:00:00Z',
  trialDays,
  test: true,
  lineItems: [
    {
      id: 'gid://shopify/AppSubscriptionLineItem/4019585080?v=1&index=0',
      plan: {
        pricingDetails: {
          __typename: 'AppRecurringPricing',
          price: { amount: '428.0', currencyCode: 'USD' },
          interval: 'EVERY_30_DAYS',
        },
      },
    },
    {
      id: 'gid://shopify/AppSubscriptionLineItem/4019585080?v=1&index=1',
      plan: {
        pricingDetails: {
          __typename: 'AppUsagePricing',
          cappedAmount: { amount: '900.0', currencyCode: 'USD' },
          balanceUsed: { amount: '0.0', currencyCode: 'USD' },
          terms: 'AI use beyond the budget',
        },
      },
    },
  ],
});

function providerAnswering(node: unknown) {
  const graphql: ShopifyGraphql = {
    request: async (operationName, _query, _vars, schema) => {
      if (operationName !== 'AppSubscription') throw new Error(`unexpected ${operationName}`);
      return schema.parse({ node });
    },
  };
  return createShopifyBillingProvider({
    clock: fixedClock('2026-11-20T00:00:00Z'),
    test: true,
    shopFor: async () => ({ graphql, shopDomain: 'acme.myshopify.com' }),
  });
}
const ctx = systemContext('t1', 'test');
const ref = { shopBrandId: 'acme', subscriptionId: 'gid://shopify/AppSubscription/4019585080' };

describe('Shopify app subscriptions', () => {
  it.each([
    ['ACTIVE', 0, 'active'],
    ['ACTIVE', 30, 'trialing'],
    ['FROZEN', 0, 'past_due'],
    ['DECLINED', 0, 'incomplete_expired'],
    ['PENDING', 0, 'incomplete'],
  ])('%s with %i trial days reads as %s', async (status, trialDays, expected) => {
    const sub = await providerAnswering(appSubscription(status, trialDays)).currentSubscription(ctx, ref);
    expect(sub).toMatchObject({ status: expected, planId: 'agency', addOns: ['posting'], currency: 'USD' });
  });

  it('links to the shop admin’s billing page to manage the charge', async () => {
    expect(await providerAnswering(null).manageUrl(ctx, ref, 'https://app/billing')).toBe(
      'https://admin.shopify.com/store/acme/settings/billing/subscriptions',
    );
  });

  it('writes the usage terms the merchant approves in the app’s money and percent format', async () => {
    const sent: unknown[] = [];
    const graphql: ShopifyGraphql = {
      request: async (_operationName, _query, vars, schema) => {
        sent.push(vars);
        return schema.parse({
          appSubscriptionCreate: {
            appSubscription: { id: 'gid://shopify/AppSubscription/1', status: 'PENDING' },
            confirmationUrl: 'https://admin.shopify.com/confirm',
            userErrors: [],
          },
        });
      },
    };
    await createShopifyBillingProvider({
      clock: fixedClock('2026-11-20T00:00:00Z'),
      test: true,
      shopFor: async () => ({ graphql, shopDomain: 'acme.myshopify.com' }),
    }).startSubscription(ctx, ref, {
      planId: 'growth',
      currency: 'USD',
      addOns: [],
      returnUrl: 'https://app/billing',
      cancelUrl: 'https://app/billing',
      customer: { name: 'x' },
    });
    const terms = JSON.stringify(sent).match(/"terms":"([^"]*)"/)?.[1];
    expect(terms).toMatch(/^AI use beyond the \$\d[\d,]*\.\d\d included each month, at 150% of cost$/);
  });

  it('charges in USD only', async () => {
    await expect(
      providerAnswering(null).startSubscription(ctx, ref, {
        planId: 'growth',
        currency: 'EUR',
        addOns: [],
        returnUrl: 'https://app/billing',
        cancelUrl: 'https://app/billing',
        customer: { name: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
