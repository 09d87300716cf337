import { overageLookupKey, planLookupKey } from '../../shared/domain/billing/catalog';
import { decideSubscriptionUpdate } from '../../shared/domain/billing/subscription';
import { systemContext } from '../../shared/domain/tenancy';
import type { BillingProvider } from '../../shared/ports/billing-provider';
import type { Clock } from '../../shared/ports/clock';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { StripeSandbox } from '../sandbox/stripe/server';
import { DEMO_TENANT } from './seed';

export const DEMO_TRIAL_DAYS = 14;

/**
 * `npm start` puts the demo tenant on a 14-day Agency trial in the Stripe sandbox, as a sales-led
 * trial without a card would be: a customer and a trialing subscription, linked to the tenant.
 * The sandbox lives in memory, so a restart over an existing data dir starts a fresh trial whose
 * newer subscription replaces the old one (decision 863).
 */
export async function putDemoOnTrial(
  deps: { store: Pick<OperationalStore, 'billing'>; clock: Clock },
  sandbox: StripeSandbox,
  stripe: BillingProvider,
): Promise<void> {
  const ctx = systemContext(DEMO_TENANT, 'demo-trial');
  const account = await deps.store.billing.account(ctx);
  if (account?.customerId && sandbox.state.customers.has(account.customerId)) return;
  const customer = sandbox.state.createCustomer({
    name: 'Demo Agency',
    metadata: { pp_tenant: DEMO_TENANT },
  });
  const customerId = String(customer.id);
  await deps.store.billing.linkCustomer(ctx, 'stripe', customerId);
  await deps.store.billing.saveAccount(ctx, {
    ...(account ?? { aiOverage: 'metered' as const }),
    provider: 'stripe',
    customerId,
    updatedAt: deps.clock.now().toISOString(),
  });
  const priceOf = (key: string) => sandbox.state.prices.find((p) => p.lookup_key === key)?.id ?? key;
  sandbox.state.createSubscription({
    customer: customerId,
    prices: [
      { price: priceOf(planLookupKey('agency', 'USD')), quantity: 1 },
      { price: priceOf(overageLookupKey('USD')) },
    ],
    trialDays: DEMO_TRIAL_DAYS,
    metadata: { pp_tenant: DEMO_TENANT },
  });
  // The webhook carries the same state; reading it now means the first page load already shows it.
  const snapshot = await stripe.currentSubscription(ctx, { customerId });
  if (!snapshot) throw new Error('the Stripe sandbox did not return the demo trial');
  const created = Math.floor(deps.clock.now().getTime() / 1000);
  await deps.store.billing.applyEvent(
    ctx,
    { id: `demo-trial:${snapshot.id}`, type: 'demo.trial', created, provider: 'stripe', customerId },
    deps.clock.now().toISOString(),
    (current) => decideSubscriptionUpdate(current?.subscription, snapshot, created),
  );
}
