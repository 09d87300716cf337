import { createApiApp } from '../api/app';
import type { DevSignIn } from '../api/routes/dev-auth';
import type { HealthCheck } from '../api/routes/health';
import { createCustomerAnalyticsJob } from '../customers/job';
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
}

/**
 * What each manifest function does, given its dependencies. Both composition roots (each
 * `functions/<name>/index.ts` on Google Cloud, `infra/local` embedded) call this and adapt the
 * result to their platform; the manifest test proves every function has its handler.
 */
export function createHandlers(deps: Deps, options: HandlerOptions): Record<string, Handler> {
  const api = createApiApp(deps, options);
  const attribute = createAttributeJob(deps);
  const recommend = createRecommendJob(deps);
  const notify = createNotifyJob(deps);
  const weeklySummary = createWeeklySummaryJob({ ...deps, insights: createInsightsService(deps) });
  const syncShopify = createSyncShopifyJob(deps);
  const scheduleSyncs = createScheduleSyncsJob(deps);
  const customerAnalytics = createCustomerAnalyticsJob({
    directory: deps.directory,
    brands: deps.store.brands,
    warehouse: deps.warehouse,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    api: { kind: 'http', fetch: (req) => api.fetch(req), flush: () => api.opsEvents.flush() },
    'schedule-syncs': { kind: 'schedule', run: async () => void (await scheduleSyncs()) },
    attribute: topicHandler('brand.synced', async (m) => void (await attribute.onBrandSynced(m))),
    'attribute-pass': { kind: 'task', handle: async (payload) => void (await attribute.runPass(payload)) },
    recommend: topicHandler('attribution.completed', async (m) => void (await recommend(m))),
    notify: topicHandler('alert.raised', async (m) => void (await notify(m))),
    'weekly-summary': { kind: 'schedule', run: async () => void (await weeklySummary()) },
    'customer-analytics': { kind: 'schedule', run: async () => void (await customerAnalytics.runAll()) },
    ...createSyncAdsHandlers(deps),
    'shopify-webhooks': { kind: 'http', fetch: createShopifyWebhookReceiver(deps) },
    'apply-shopify-webhook': topicHandler('shopify.webhook', createApplyShopifyWebhookJob(deps)),
    'sync-shopify': { kind: 'task', handle: async (payload) => void (await syncShopify(payload)) },
  };
}
