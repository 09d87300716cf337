import { z } from 'zod';

/**
 * The Admin GraphQL documents Shopify app billing uses, and the shapes read back (validated).
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/appSubscriptionCreate
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/AppSubscription
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/appUsageRecordCreate
 */
const SUBSCRIPTION_FIELDS = `id name status createdAt currentPeriodEnd trialDays test
  lineItems { id plan { pricingDetails { __typename
    ... on AppRecurringPricing { price { amount currencyCode } interval }
    ... on AppUsagePricing { cappedAmount { amount currencyCode } balanceUsed { amount currencyCode } terms } } } }`;

export const APP_SUBSCRIPTION_CREATE = `mutation AppSubscriptionCreate($name: String!, $returnUrl: URL!, $lineItems: [AppSubscriptionLineItemInput!]!, $trialDays: Int, $test: Boolean) {
  appSubscriptionCreate(name: $name, returnUrl: $returnUrl, lineItems: $lineItems, trialDays: $trialDays, test: $test) {
    appSubscription { id status }
    confirmationUrl
    userErrors { field message }
  }
}`;

export const CURRENT_APP_INSTALLATION = `query CurrentAppInstallation {
  currentAppInstallation { activeSubscriptions { ${SUBSCRIPTION_FIELDS} } }
}`;

export const APP_SUBSCRIPTION = `query AppSubscription($id: ID!) {
  node(id: $id) { ... on AppSubscription { ${SUBSCRIPTION_FIELDS} } }
}`;

export const APP_USAGE_RECORD_CREATE = `mutation AppUsageRecordCreate($subscriptionLineItemId: ID!, $price: MoneyInput!, $description: String!, $idempotencyKey: String) {
  appUsageRecordCreate(subscriptionLineItemId: $subscriptionLineItemId, price: $price, description: $description, idempotencyKey: $idempotencyKey) {
    appUsageRecord { id }
    userErrors { field message }
  }
}`;

const userErrors = z.array(
  z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }),
);
const money = z.object({
  amount: z.union([z.string(), z.number()]).transform(String),
  currencyCode: z.string(),
});

export const appSubscriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['PENDING', 'ACTIVE', 'CANCELLED', 'DECLINED', 'EXPIRED', 'FROZEN', 'ACCEPTED']),
  createdAt: z.string(),
  currentPeriodEnd: z.string().nullable().optional(),
  trialDays: z.number().int().nonnegative(),
  test: z.boolean(),
  lineItems: z.array(
    z.object({
      id: z.string(),
      plan: z.object({
        pricingDetails: z.discriminatedUnion('__typename', [
          z.object({ __typename: z.literal('AppRecurringPricing'), price: money, interval: z.string() }),
          z.object({
            __typename: z.literal('AppUsagePricing'),
            cappedAmount: money,
            balanceUsed: money,
            terms: z.string(),
          }),
        ]),
      }),
    }),
  ),
});
export type AppSubscription = z.infer<typeof appSubscriptionSchema>;

export const createResultSchema = z.object({
  appSubscriptionCreate: z.object({
    appSubscription: z.object({ id: z.string(), status: z.string() }).nullable(),
    confirmationUrl: z.string().nullable(),
    userErrors,
  }),
});
export const installationSchema = z.object({
  currentAppInstallation: z.object({ activeSubscriptions: z.array(appSubscriptionSchema) }),
});
export const nodeSchema = z.object({ node: appSubscriptionSchema.nullable() });
export const usageRecordResultSchema = z.object({
  appUsageRecordCreate: z.object({ appUsageRecord: z.object({ id: z.string() }).nullable(), userErrors }),
});
