import { type ApiOptions, createApiApp } from '../api/app';
import type { DevSignIn } from '../api/routes/dev-auth';
import type { HealthCheck } from '../api/routes/health';
import { createMeterOverageJob } from '../billing/meter-overage';
import { createBillingWebhookReceiver } from '../billing/webhooks';
import type { BillingWebhookVerifier } from '../ports/billing-provider';
import { createInsightsService } from '../services/insights';
import { createApplyShopifyWebhookJob } from './apply-shopify-webhook';
import { createAttributeJob } from './attribute';
import type { Deps } from './deps';
import { type Handler, topicHandler } from './handlers';
import { createNotifyJob } from './notify';
import { createRecommendJob } from './recommend';
import { createScheduleSyncsJob } from './schedule-syncs';
import { createShopifyWebhookReceiver } from './shopify-webhooks';
import { createSyncAdsHandlers } from './sync-ads';
import { createSyncShopifyJob } from './sync-shopify';
import { createWeeklySummaryJob } from './weekly-summary';

export interface HandlerOptions {
  version: string;
  startedAt: Date;
  healthChecks: HealthCheck[];
  devSignIn?: DevSignIn;
  /** Billing providers and Stripe's webhook check (shared/adapters/billing.ts); none = billing off. */
  billing?: { providers: ApiOptions['billingProviders']; verifier?: BillingWebhookVerifier };
}

/**
 * What each manifest function does, given its dependencies. Both composition roots (each
 * `functions/<name>/index.ts` on Google Cloud, `infra/local` embedded) call this and adapt the
 * result to their platform; the manifest test proves every function has its handler.
 */
export function createHandlers(deps: Deps, options: HandlerOptions): Record<string, Handler> {
  const api = createApiApp(deps, {
    ...options,
    ...(options.billing?.providers ? { billingProviders: options.billing.providers } : {}),
  });
  const verifier = options.billing?.verifier;
  const meterOverage = createMeterOverageJob({ ...deps, providers: options.billing?.providers ?? {} });
  const attribute = createAttributeJob(deps);
  const recommend = createRecommendJob(deps);
  const notify = createNotifyJob(deps);
  const weeklySummary = createWeeklySummaryJob({ ...deps, insights: createInsightsService(deps) });
  const syncShopify = createSyncShopifyJob(deps);
  const scheduleSyncs = createScheduleSyncsJob(deps);
  return {
    api: { kind: 'http', fetch: (req) => api.fetch(req), flush: () => api.opsEvents.flush() },
    'schedule-syncs': { kind: 'schedule', run: async () => void (await scheduleSyncs()) },
    attribute: topicHandler('brand.synced', async (m) => void (await attribute.onBrandSynced(m))),
    'attribute-pass': { kind: 'task', handle: async (payload) => void (await attribute.runPass(payload)) },
    recommend: topicHandler('attribution.completed', async (m) => void (await recommend(m))),
    notify: topicHandler('alert.raised', async (m) => void (await notify(m))),
    'weekly-summary': { kind: 'schedule', run: async () => void (await weeklySummary()) },
    ...createSyncAdsHandlers(deps),
    'shopify-webhooks': { kind: 'http', fetch: createShopifyWebhookReceiver(deps) },
    'apply-shopify-webhook': topicHandler('shopify.webhook', createApplyShopifyWebhookJob(deps)),
    'sync-shopify': { kind: 'task', handle: async (payload) => void (await syncShopify(payload)) },
    'stripe-webhooks': {
      kind: 'http',
      fetch: verifier
        ? createBillingWebhookReceiver({ ...deps, verifier })
        : async () =>
            Response.json(
              {
                error: {
                  code: 'billing_not_configured',
                  message: 'Stripe is not configured on this installation',
                },
              },
              { status: 503 },
            ),
    },
    'meter-ai-overage': { kind: 'schedule', run: async () => void (await meterOverage.run()) },
  };
}
