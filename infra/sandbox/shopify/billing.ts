/**
 * Shopify app billing, as the GraphQL Admin API serves it to an app:
 * `appSubscriptionCreate` (https://shopify.dev/docs/api/admin-graphql/latest/mutations/appSubscriptionCreate:
 * a recurring and an optional usage line item — one per pricing type — returning the
 * `confirmationUrl` where the merchant approves, and `userErrors`), the merchant's approval on
 * that page (the subscription turns ACTIVE and the browser returns to `returnUrl` with
 * `charge_id`), `currentAppInstallation.activeSubscriptions`
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/AppInstallation), an `AppSubscription`
 * by `node(id:)` (https://shopify.dev/docs/api/admin-graphql/latest/objects/AppSubscription;
 * statuses ACTIVE, CANCELLED, DECLINED, EXPIRED, FROZEN, PENDING), and `appUsageRecordCreate`
 * with its `idempotencyKey` (https://shopify.dev/docs/api/admin-graphql/latest/mutations/appUsageRecordCreate:
 * a repeated key returns the record already created).
 */
export interface SandboxAppSubscription {
  id: string;
  name: string;
  status: 'PENDING' | 'ACTIVE' | 'CANCELLED' | 'DECLINED' | 'EXPIRED' | 'FROZEN';
  createdAt: string;
  currentPeriodEnd: string | null;
  trialDays: number;
  test: boolean;
  returnUrl: string;
  lineItems: { id: string; plan: { pricingDetails: Record<string, unknown> } }[];
}

export interface SandboxUsageRecord {
  id: string;
  subscriptionLineItemId: string;
  price: { amount: string; currencyCode: string };
  description: string;
  idempotencyKey: string | null;
  createdAt: string;
}

export interface AppBillingState {
  subscriptions: SandboxAppSubscription[];
  usageRecords: SandboxUsageRecord[];
}

type Money = { amount: string | number; currencyCode: string };
type LineItemInput = {
  plan?: {
    appRecurringPricingDetails?: { price: Money; interval?: string };
    appUsagePricingDetails?: { cappedAmount: Money; terms: string };
  };
};
const userError = (field: string[] | null, message: string) => ({ field, message });
const decimal = (a: string | number) => Number(a).toFixed(2);

export function createAppSubscription(
  billing: AppBillingState,
  vars: Record<string, unknown>,
  confirmUrl: (n: number) => string,
  now: number,
) {
  const lineItems = Array.isArray(vars.lineItems) ? (vars.lineItems as LineItemInput[]) : [];
  const recurring = lineItems.filter((l) => l.plan?.appRecurringPricingDetails);
  const usage = lineItems.filter((l) => l.plan?.appUsagePricingDetails);
  const errors = [];
  if (typeof vars.name !== 'string' || !vars.name) errors.push(userError(['name'], "Name can't be blank"));
  if (typeof vars.returnUrl !== 'string' || !/^https?:\/\//.test(vars.returnUrl))
    errors.push(userError(['returnUrl'], 'Return url is invalid'));
  if (recurring.length + usage.length === 0)
    errors.push(userError(['lineItems'], 'Line items must be present'));
  if (recurring.length > 1 || usage.length > 1)
    errors.push(userError(['lineItems'], 'Only one pricing plan can be defined for each available type'));
  if (errors.length) return { appSubscription: null, confirmationUrl: null, userErrors: errors };
  const n = billing.subscriptions.length + 1;
  const sub: SandboxAppSubscription = {
    id: `gid://shopify/AppSubscription/${n}`,
    name: String(vars.name),
    status: 'PENDING',
    createdAt: new Date(now).toISOString(),
    currentPeriodEnd: null,
    trialDays: Number(vars.trialDays ?? 0),
    test: Boolean(vars.test),
    returnUrl: String(vars.returnUrl),
    lineItems: [...recurring, ...usage].map((l, i) => {
      const r = l.plan?.appRecurringPricingDetails;
      const u = l.plan?.appUsagePricingDetails;
      return {
        id: `gid://shopify/AppSubscriptionLineItem/${n}${i}?v=1&index=${i}`,
        plan: {
          pricingDetails: r
            ? {
                __typename: 'AppRecurringPricing',
                price: { amount: decimal(r.price.amount), currencyCode: r.price.currencyCode },
                interval: r.interval ?? 'EVERY_30_DAYS',
              }
            : {
                __typename: 'AppUsagePricing',
                cappedAmount: {
                  amount: decimal(u!.cappedAmount.amount),
                  currencyCode: u!.cappedAmount.currencyCode,
                },
                balanceUsed: { amount: '0.00', currencyCode: u!.cappedAmount.currencyCode },
                terms: u!.terms,
              },
        },
      };
    }),
  };
  billing.subscriptions.push(sub);
  return {
    appSubscription: { id: sub.id, status: sub.status },
    confirmationUrl: confirmUrl(n),
    userErrors: [],
  };
}

/** The merchant approves on the confirmation page: one active subscription per app. */
export function approveAppSubscription(
  billing: AppBillingState,
  n: number,
  now: number,
): SandboxAppSubscription {
  const sub = billing.subscriptions[n - 1];
  if (sub?.status !== 'PENDING') throw new Error(`no pending app subscription ${n}`);
  for (const other of billing.subscriptions) if (other.status === 'ACTIVE') other.status = 'CANCELLED';
  sub.status = 'ACTIVE';
  sub.currentPeriodEnd = new Date(now + (sub.trialDays + 30) * 86_400_000).toISOString();
  return sub;
}

export function createUsageRecord(billing: AppBillingState, vars: Record<string, unknown>, now: number) {
  const key = typeof vars.idempotencyKey === 'string' ? vars.idempotencyKey : null;
  if (key && key.length > 255)
    return {
      appUsageRecord: null,
      userErrors: [userError(['idempotencyKey'], 'Idempotency key is too long')],
    };
  const existing = key ? billing.usageRecords.find((r) => r.idempotencyKey === key) : undefined;
  if (existing) return { appUsageRecord: { id: existing.id }, userErrors: [] };
  const lineItemId = String(vars.subscriptionLineItemId ?? '');
  const sub = billing.subscriptions.find((s) => s.lineItems.some((l) => l.id === lineItemId));
  const item = sub?.lineItems.find((l) => l.id === lineItemId);
  if (!sub || item?.plan.pricingDetails.__typename !== 'AppUsagePricing')
    return {
      appUsageRecord: null,
      userErrors: [userError(['subscriptionLineItemId'], 'Subscription line item not found')],
    };
  if (sub.status !== 'ACTIVE')
    return { appUsageRecord: null, userErrors: [userError(null, 'The app subscription is not active')] };
  const price = vars.price as Money;
  const details = item.plan.pricingDetails as { cappedAmount: Money; balanceUsed: Money };
  const balance = Number(details.balanceUsed.amount) + Number(price.amount);
  if (balance > Number(details.cappedAmount.amount))
    return { appUsageRecord: null, userErrors: [userError(null, 'Total price exceeds balance remaining')] };
  details.balanceUsed = { amount: balance.toFixed(2), currencyCode: details.balanceUsed.currencyCode };
  const record: SandboxUsageRecord = {
    id: `gid://shopify/AppUsageRecord/${billing.usageRecords.length + 1}`,
    subscriptionLineItemId: lineItemId,
    price: { amount: decimal(price.amount), currencyCode: price.currencyCode },
    description: String(vars.description ?? ''),
    idempotencyKey: key,
    createdAt: new Date(now).toISOString(),
  };
  billing.usageRecords.push(record);
  return { appUsageRecord: { id: record.id }, userErrors: [] };
}
