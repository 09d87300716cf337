import { SANDBOX_ACCESS_TOKEN, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { startStripeSandbox } from '../../infra/sandbox/stripe/server';
import { createShopifyBillingProvider } from '../../shared/adapters/shopify-billing/provider';
import { createStripeClient } from '../../shared/adapters/stripe/client';
import { createStripeBillingProvider } from '../../shared/adapters/stripe/provider';
import { createShopifyClient } from '../../shared/platforms/shopify/client';
import { systemClock } from '../../shared/ports/clock';
import { TEST_END_DATE } from '../support/shopify-testbed';
import { describeBillingProviderConformance } from './billing-provider.suite';

describeBillingProviderConformance('Stripe (sandbox)', async () => {
  const sandbox = await startStripeSandbox();
  const stripe = createStripeClient({
    secretKey: sandbox.secretKey,
    host: sandbox.host,
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  return {
    provider: createStripeBillingProvider({ stripe }),
    ref: {},
    async approve(url) {
      const res = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
      if (res.status !== 303) throw new Error(`checkout did not complete: ${res.status}`);
    },
    usage: () => ({ count: sandbox.state.meterEvents.size }),
    close: () => sandbox.close(),
  };
});

describeBillingProviderConformance('Shopify app billing (sandbox)', async () => {
  const sandbox = await startShopifySandbox({ endDate: TEST_END_DATE, seedOrdersScale: 0.01 });
  const graphql = createShopifyClient({
    shopDomain: 'demo-brand.myshopify.com',
    accessToken: SANDBOX_ACCESS_TOKEN,
    apiVersion: '2025-10',
    apiBaseUrl: sandbox.url,
    http: { fetch, baseDelayMs: 1, maxDelayMs: 50, maxRetries: 2 },
  });
  return {
    provider: createShopifyBillingProvider({
      clock: systemClock,
      test: true,
      shopFor: async () => ({ graphql, shopDomain: 'demo-brand.myshopify.com' }),
    }),
    ref: { shopBrandId: 'demo-brand' },
    async approve(url) {
      const res = await fetch(url, { method: 'POST', redirect: 'manual' });
      if (res.status !== 303) throw new Error(`approval did not complete: ${res.status}`);
    },
    usage: () => ({ count: sandbox.state.appBilling.usageRecords.length }),
    close: () => sandbox.close(),
  };
});
