import type { AddOnId, BillingCurrency, PlanId } from '../domain/billing/plans';
import type { BillingProviderKind, SubscriptionSnapshot } from '../domain/billing/subscription';
import type { TenantContext } from '../domain/tenancy';
import type { Result } from '../kernel/result';

/**
 * Who bills a tenant: Stripe (direct customers) or Shopify (merchants who installed through the
 * Shopify App Store are billed on their Shopify invoice). Adapters live in shared/adapters/stripe
 * and shared/adapters/shopify-billing; test/conformance/billing-provider.test.ts holds both to
 * this contract.
 */
export interface BillingRef {
  /** Stripe customer id. */
  customerId?: string;
  /** The provider's subscription id (Stripe `sub_…`, Shopify `gid://shopify/AppSubscription/…`). */
  subscriptionId?: string;
  /** Shopify: the brand whose shop pays (its token is in the SecretStore). */
  shopBrandId?: string;
}

export interface StartSubscription {
  planId: PlanId;
  currency: BillingCurrency;
  addOns: readonly AddOnId[];
  /** Where the merchant lands after approving (and, for Stripe, after backing out). */
  returnUrl: string;
  cancelUrl: string;
  trialDays?: number;
  customer: { name: string; email?: string };
}

export interface StartedSubscription {
  /** Stripe Checkout or Shopify's confirmation page. */
  redirectUrl: string;
  /** A new or existing customer id the account should remember (Stripe). */
  ref: BillingRef;
}

export interface Invoice {
  id: string;
  number?: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  currency: string;
  /** Minor units. */
  totalMinor: number;
  amountPaidMinor: number;
  createdAt: string;
  periodStart?: string;
  periodEnd?: string;
  hostedUrl?: string;
}

export interface UsageReport {
  /** One per ledger entry: the provider counts an identifier once, however often it is sent. */
  identifier: string;
  /** AI cost past the included budget, USD micros (the meter's unit). */
  overageMicros: number;
  at: Date;
}

export interface BillingProvider {
  readonly kind: BillingProviderKind;
  startSubscription(
    ctx: TenantContext,
    ref: BillingRef,
    input: StartSubscription,
  ): Promise<StartedSubscription>;
  /** Where the merchant changes plan, payment method or cancels. */
  manageUrl(ctx: TenantContext, ref: BillingRef, returnUrl: string): Promise<string>;
  /** The subscription as the provider has it now; undefined when there is none. */
  currentSubscription(ctx: TenantContext, ref: BillingRef): Promise<SubscriptionSnapshot | undefined>;
  invoices(ctx: TenantContext, ref: BillingRef, limit: number): Promise<Invoice[]>;
  reportUsage(ctx: TenantContext, ref: BillingRef, usage: UsageReport): Promise<void>;
}

/** A provider event after its signature was checked, reduced to what billing acts on. */
export interface BillingEvent {
  id: string;
  type: string;
  /** Epoch seconds, the provider's own event time. */
  created: number;
  provider: BillingProviderKind;
  customerId?: string;
  subscription?: SubscriptionSnapshot;
  /** `invoice.paid`: what finance records as revenue. */
  paidInvoice?: Invoice;
}

export type WebhookRefusal = 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'malformed';

export interface BillingWebhookVerifier {
  verify(
    rawBody: string,
    signatureHeader: string | null,
    receivedAt: Date,
  ): Result<BillingEvent, WebhookRefusal>;
}
