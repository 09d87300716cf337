import { createShopifyBillingProvider } from '../../shared/adapters/shopify-billing/provider';
import { createStripeClient } from '../../shared/adapters/stripe/client';
import { createStripeBillingProvider } from '../../shared/adapters/stripe/provider';
import { createStripeWebhookVerifier } from '../../shared/adapters/stripe/webhook-verifier';
import type { BillingProviderKind } from '../../shared/domain/billing/subscription';
import { systemContext } from '../../shared/domain/tenancy';
import type { Config } from '../../shared/kernel/config';
import { openShopifyClient } from '../../shared/platforms/shopify/sync/connection';
import type { BillingProvider, BillingWebhookVerifier } from '../../shared/ports/billing-provider';
import type { Backend } from './backend';

export interface BillingAdapters {
  providers: Partial<Record<BillingProviderKind, BillingProvider>>;
  /** Stripe's webhook check; absent when Stripe is not configured. */
  verifier?: BillingWebhookVerifier;
}

/**
 * The billing adapters a composition root passes in: Stripe when STRIPE_SECRET_KEY is set (the
 * SDK pointed at STRIPE_API_HOST/PORT/PROTOCOL when given: the sandbox), Shopify app billing
 * always (it bills through a connected brand's own token).
 */
export function createBillingAdapters(
  config: Config,
  deps: Pick<Backend, 'store' | 'secrets' | 'fetch' | 'logger' | 'clock'>,
): BillingAdapters {
  const shopify = createShopifyBillingProvider({
    clock: deps.clock,
    test: config.NODE_ENV !== 'production',
    async shopFor(ctx, brandId) {
      const brand = await deps.store.brands.get(ctx, brandId);
      if (!brand) return undefined;
      const integration = await deps.store.integrations.getPlatform(ctx, brandId, 'shopify');
      const client = await openShopifyClient(
        { ...deps, config },
        systemContext(ctx.tenantId, 'billing'),
        brand,
        integration,
      );
      return client ? { graphql: client, shopDomain: brand.shopDomain } : undefined;
    },
  });
  if (!config.STRIPE_SECRET_KEY) return { providers: { shopify } };
  const stripe = createStripeClient({
    secretKey: config.STRIPE_SECRET_KEY,
    ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
    ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
    ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
  });
  return {
    providers: { stripe: createStripeBillingProvider({ stripe }), shopify },
    ...(config.STRIPE_WEBHOOK_SECRET
      ? { verifier: createStripeWebhookVerifier({ stripe, secret: config.STRIPE_WEBHOOK_SECRET }) }
      : {}),
  };
}
