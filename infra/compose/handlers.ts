import type { DevSignIn } from '../../shared/api/routes/dev-auth';
import type { AdPlatform } from '../../shared/domain/entities';
import {
  AD_PLATFORM_REGISTRY,
  type AdPlatformEntry,
  type AdPlatformRegistry,
  type AdSyncFunctionName,
  adPlatformEntries,
  adSyncFunctionName,
} from '../../shared/platforms/registry';
import { type Handler, topicHandler } from '../../shared/ports/function-handler';
import type { FunctionName } from '../manifest';
import type { Backend } from './backend';

export interface HandlerOptions {
  version: string;
  startedAt: Date;
  /** Development sign-in (embedded runtime only). */
  devSignIn?: DevSignIn;
  /** Severity of a successful API request's log line (see ApiOptions). */
  successLogLevel?: 'info' | 'debug';
}

export type HandlerBuilder = (backend: Backend, options: HandlerOptions) => Promise<Handler>;

/**
 * How each manifest function is built from a backend. Every builder loads (dynamic `import()`)
 * and constructs only the feature its function runs, so a `sync-meta` instance never loads or
 * builds the API, the attribution pass or the insights agent; the per-function bundles split the
 * same way (esbuild `splitting`). The record is keyed by `FunctionName`, so a manifest function
 * without a builder does not compile.
 */
export const handlerBuilders: Record<FunctionName, HandlerBuilder> = {
  ...(adSyncBuildersFor(AD_PLATFORM_REGISTRY) as Record<AdSyncFunctionName, HandlerBuilder>),
  async api(backend, options) {
    const [
      { createApiApp },
      { backendHealthChecks },
      { chooseLlm },
      { createBudgetActions },
      { createBillingAdapters },
      { createConfiguredMail },
      { buildEngagement },
    ] = await Promise.all([
      import('../../shared/api/app'),
      import('../../shared/api/routes/health'),
      import('./llm'),
      import('../../shared/platforms/ads/budget-actions'),
      import('./billing'),
      import('./mail'),
      import('./engagement'),
    ]);
    const mail = createConfiguredMail(backend.config);
    const engagement = buildEngagement(backend);
    const app = createApiApp(
      {
        ...backend,
        llm: backend.llm ?? chooseLlm(backend.config),
        // Applying a recommendation changes a campaign through the platform's own API.
        budgetActions: backend.budgetActions ?? createBudgetActions(backend),
        billingProviders: createBillingAdapters(backend.config, backend).providers,
        ...(mail ? { mail } : {}),
        engagement,
      },
      {
        version: options.version,
        startedAt: options.startedAt,
        healthChecks: backendHealthChecks(backend),
        ...(backend.rateLimiter ? { rateLimiter: backend.rateLimiter } : {}),
        ...(options.devSignIn ? { devSignIn: options.devSignIn } : {}),
        ...(options.successLogLevel ? { successLogLevel: options.successLogLevel } : {}),
      },
    );
    return {
      kind: 'http',
      fetch: (req) => app.fetch(req),
      flush: async () => {
        await app.opsEvents.flush();
        await engagement.close();
      },
    };
  },
  async 'schedule-syncs'(backend) {
    const { createScheduleSyncsJob } = await import('../../shared/platforms/schedule-syncs');
    const run = createScheduleSyncsJob(backend);
    return { kind: 'schedule', run: async () => void (await run()) };
  },
  async attribute(backend) {
    const { createAttributeJob } = await import('../../shared/attribution/attribute-job');
    const job = createAttributeJob(backend);
    return topicHandler('brand.synced', async (m) => void (await job.onBrandSynced(m)));
  },
  async 'attribute-pass'(backend) {
    const { createAttributeJob } = await import('../../shared/attribution/attribute-job');
    const job = createAttributeJob(backend);
    return { kind: 'task', handle: async (payload) => void (await job.runPass(payload)) };
  },
  async 'attribute-incremental'(backend) {
    const { createIncrementalAttributionJob } = await import('../../shared/attribution/incremental/job');
    const job = createIncrementalAttributionJob(backend);
    return topicHandler('orders.changed', async (m) => void (await job.onOrdersChanged(m)));
  },
  async recommend(backend) {
    const [
      { createRecommendJob },
      { createStockoutPause },
      { createCampaignConversion },
      { createWarehouseAudience },
    ] = await Promise.all([
      import('../../shared/recommendations/recommend-job'),
      import('../../shared/engagement/stockout-pause'),
      import('../../shared/engagement/campaign-conversion'),
      import('../../shared/engagement/audience'),
    ]);
    // A product out of stock pauses the automations and campaigns featuring it (decisions 934, 950).
    const engagementPause = createStockoutPause({ db: backend.documents, clock: backend.clock });
    // Engage suggestions use the brand's own campaign conversion once it has sent enough (951).
    const engagementConversion = createCampaignConversion({
      db: backend.documents,
      orders: createWarehouseAudience(backend.warehouse, backend.clock),
    });
    const job = createRecommendJob({ ...backend, engagementPause, engagementConversion });
    return topicHandler('attribution.completed', async (m) => void (await job(m)));
  },
  async notify(backend) {
    const { createNotifyJob } = await import('../../shared/alerts/notify-job');
    const job = createNotifyJob(backend);
    return topicHandler('alert.raised', async (m) => void (await job(m)));
  },
  async 'weekly-summary'(backend) {
    const [{ createWeeklySummaryJob }, { createInsightsService }, { chooseLlm }, { createLimitsService }] =
      await Promise.all([
        import('../../shared/insights/weekly-summary-job'),
        import('../../shared/insights/service'),
        import('./llm'),
        import('../../shared/billing/limits'),
      ]);
    const insights = createInsightsService({
      ...backend,
      llm: backend.llm ?? chooseLlm(backend.config),
      // Summaries spend AI like questions do: the plan's gate applies (read-only tenants get none).
      aiBudget: createLimitsService(backend).aiBudget,
    });
    const run = createWeeklySummaryJob({ ...backend, insights });
    return { kind: 'schedule', run: async () => void (await run()) };
  },
  async 'publish-content'(backend) {
    const { createPublishContentJob } = await import('../../shared/content/publish-job');
    const media = backend.media;
    if (!media)
      return {
        kind: 'schedule',
        run: async () =>
          backend.logger.warn('publish-content: no media store configured; scheduled posts wait'),
      };
    const run = createPublishContentJob({ ...backend, media });
    return { kind: 'schedule', run: async () => void (await run()) };
  },
  async 'customer-analytics'(backend) {
    const { createCustomerAnalyticsJob } = await import('../../shared/customers/job');
    const job = createCustomerAnalyticsJob({
      directory: backend.directory,
      brands: backend.store.brands,
      warehouse: backend.warehouse,
      clock: backend.clock,
      logger: backend.logger,
    });
    return { kind: 'schedule', run: async () => void (await job.runAll()) };
  },
  async 'shopify-webhooks'(backend) {
    const { createShopifyWebhookReceiver } = await import('../../shared/platforms/shopify/webhooks/receiver');
    return { kind: 'http', fetch: createShopifyWebhookReceiver(backend) };
  },
  async collect(backend) {
    const [{ createCollectFunction }, { createMemoryRateLimiter }] = await Promise.all([
      import('../../shared/customers/events/collect-function'),
      import('../../shared/api/rate-limit/token-bucket'),
    ]);
    // Per-key buckets shared by every instance when the backend has a shared limiter (Firestore
    // on Google Cloud), like the API's; else this instance's memory (docs/decisions/841).
    const limiter = backend.rateLimiter ?? createMemoryRateLimiter({ clock: backend.clock });
    return { kind: 'http', fetch: createCollectFunction({ ...backend, limiter }) };
  },
  async 'apply-shopify-webhook'(backend) {
    const { createApplyShopifyWebhookJob } = await import('../../shared/platforms/shopify/webhooks/apply');
    return topicHandler('shopify.webhook', createApplyShopifyWebhookJob(backend));
  },
  async 'stripe-webhooks'(backend) {
    const [{ createBillingWebhookReceiver }, { createBillingAdapters }] = await Promise.all([
      import('../../shared/billing/webhooks'),
      import('./billing'),
    ]);
    const { verifier } = createBillingAdapters(backend.config, backend);
    if (!verifier)
      return {
        kind: 'http',
        fetch: async () =>
          Response.json(
            {
              error: {
                code: 'billing_not_configured',
                message: 'Stripe is not configured on this installation',
              },
            },
            { status: 503 },
          ),
      };
    return { kind: 'http', fetch: createBillingWebhookReceiver({ ...backend, verifier }) };
  },
  async 'engagement-webhooks'(backend) {
    const { buildEngagement } = await import('./engagement');
    const engagement = buildEngagement(backend);
    return {
      kind: 'http',
      fetch: (req) => {
        const { pathname } = new URL(req.url);
        if (pathname.startsWith('/unsubscribe/')) return engagement.unsubscribe(req);
        if (pathname.startsWith('/click/')) return engagement.click(req);
        if (pathname.startsWith('/open/')) return engagement.open(req);
        return engagement.twilioWebhooks(req);
      },
    };
  },
  async 'engagement-steps'(backend) {
    const [{ buildEngagement }, { systemContext }] = await Promise.all([
      import('./engagement'),
      import('../../shared/domain/tenancy'),
    ]);
    const engagement = buildEngagement(backend);
    return {
      kind: 'task',
      handle: async (payload) =>
        void (await engagement.runTask(payload, (t) => systemContext(t, 'engagement-steps'))),
    };
  },
  async 'engagement-campaigns'(backend) {
    const [{ buildEngagement }, { systemContext }] = await Promise.all([
      import('./engagement'),
      import('../../shared/domain/tenancy'),
    ]);
    const engagement = buildEngagement(backend);
    return {
      kind: 'task',
      handle: async (payload, { attempt }) =>
        void (await engagement.runCampaignTask(
          payload,
          (t) => systemContext(t, 'engagement-campaigns'),
          attempt,
        )),
    };
  },
  async 'engagement-triggers'(backend) {
    const [{ buildEngagement }, { createEngagementTriggers }] = await Promise.all([
      import('./engagement'),
      import('../../shared/engagement/triggers'),
    ]);
    const engagement = buildEngagement(backend);
    const onEvents = createEngagementTriggers({ ...backend, ...engagement });
    return topicHandler('customer.events', async (m) => void (await onEvents(m)));
  },
  async 'meter-ai-overage'(backend) {
    const [{ createMeterOverageJob }, { createBillingAdapters }] = await Promise.all([
      import('../../shared/billing/meter-overage'),
      import('./billing'),
    ]);
    const job = createMeterOverageJob({
      ...backend,
      providers: createBillingAdapters(backend.config, backend).providers,
    });
    return { kind: 'schedule', run: async () => void (await job.run()) };
  },
  async 'sync-shopify'(backend) {
    const { createSyncShopifyJob } = await import('../../shared/platforms/shopify/sync-job');
    const job = createSyncShopifyJob(backend);
    return { kind: 'task', handle: async (payload) => void (await job(payload)) };
  },
  async 'resolve-identities'(backend) {
    const { createResolveIdentitiesJob } = await import('../../shared/customers/identity/resolve-identities');
    const job = createResolveIdentitiesJob({
      ...backend,
      db: backend.documents,
      brands: backend.store.brands,
    });
    return topicHandler('customer.events', async (m) => void (await job(m)));
  },
  async 'in-store-alerts'(backend) {
    const { createInStoreAlertsJob } = await import('../../shared/customers/in-store/alerts-job');
    const job = createInStoreAlertsJob({ ...backend, db: backend.documents });
    return topicHandler('customer.events', async (m) => void (await job(m)));
  },
  async 'reresolve-identities'(backend) {
    const { createReresolveIdentitiesJob } = await import(
      '../../shared/customers/identity/reresolve-identities'
    );
    const job = createReresolveIdentitiesJob({
      ...backend,
      db: backend.documents,
      brands: backend.store.brands,
    });
    return topicHandler('brand.synced', async (m) => void (await job.onBrandSynced(m)));
  },
  async 'refresh-customers'(backend) {
    const [{ createReresolveIdentitiesJob }, { createCustomerAnalyticsJob }, { createCustomersRefreshJob }] =
      await Promise.all([
        import('../../shared/customers/identity/reresolve-identities'),
        import('../../shared/customers/job'),
        import('../../shared/customers/refresh-after-import'),
      ]);
    const run = createCustomersRefreshJob({
      brands: backend.store.brands,
      reresolve: createReresolveIdentitiesJob({
        ...backend,
        db: backend.documents,
        brands: backend.store.brands,
      }),
      analytics: createCustomerAnalyticsJob({
        directory: backend.directory,
        brands: backend.store.brands,
        warehouse: backend.warehouse,
        clock: backend.clock,
        logger: backend.logger,
      }),
      logger: backend.logger,
    });
    return { kind: 'task', handle: async (payload) => void (await run(payload)) };
  },
};

/** A `sync-<slug>` builder per registered ad platform (what the manifest's `adSyncFunctions` declares). */
export function adSyncBuildersFor(registry: AdPlatformRegistry): Record<string, HandlerBuilder> {
  return Object.fromEntries(
    adPlatformEntries(registry).map((e) => [
      adSyncFunctionName(e),
      (backend: Backend) => syncAds(backend, e.platform as AdPlatform, e.connector),
    ]),
  );
}

async function syncAds(
  backend: Backend,
  platform: AdPlatform,
  connector: AdPlatformEntry['connector'],
): Promise<Handler> {
  const [{ createSyncAdsJob }, { createConfiguredFxRates }] = await Promise.all([
    import('../../shared/platforms/ads/sync-job'),
    import('../../shared/platforms/fx/ecb'),
  ]);
  const job = createSyncAdsJob({ ...backend, fx: createConfiguredFxRates(backend) }, platform, {
    trailingDays: backend.config.PULSEPOINT_ADS_TRAILING_DAYS,
    connector,
  });
  return { kind: 'task', handle: async (payload) => void (await job(payload)) };
}

/** Builds one function's handler: what a Cloud Functions instance does on its first request. */
export function buildHandler(name: string, backend: Backend, options: HandlerOptions): Promise<Handler> {
  const builder = (handlerBuilders as Record<string, HandlerBuilder>)[name];
  if (!builder) throw new Error(`function ${name} has no handler builder in infra/compose/handlers.ts`);
  return builder(backend, options);
}

/** Every function's handler: the embedded runtime serves them all in one process. */
export async function buildAllHandlers(backend: Backend, options: HandlerOptions) {
  const entries = await Promise.all(
    Object.entries(handlerBuilders).map(
      async ([name, build]) => [name, await build(backend, options)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<FunctionName, Handler>;
}
