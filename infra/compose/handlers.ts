import type { DevSignIn } from '../../shared/api/routes/dev-auth';
import type { AdPlatform } from '../../shared/domain/entities';
import { type Handler, topicHandler } from '../../shared/ports/function-handler';
import type { FunctionName } from '../manifest';
import type { Backend } from './backend';

export interface HandlerOptions {
  version: string;
  startedAt: Date;
  /** Development sign-in (embedded runtime only). */
  devSignIn?: DevSignIn;
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
  async api(backend, options) {
    const [{ createApiApp }, { backendHealthChecks }, { chooseLlm }, { createBudgetActions }] =
      await Promise.all([
        import('../../shared/api/app'),
        import('../../shared/api/routes/health'),
        import('./llm'),
        import('../../shared/platforms/ads/budget-actions'),
      ]);
    const app = createApiApp(
      {
        ...backend,
        llm: backend.llm ?? chooseLlm(backend.config),
        // Applying a recommendation changes a campaign through the platform's own API.
        budgetActions: backend.budgetActions ?? createBudgetActions(backend),
      },
      {
        version: options.version,
        startedAt: options.startedAt,
        healthChecks: backendHealthChecks(backend),
        ...(options.devSignIn ? { devSignIn: options.devSignIn } : {}),
      },
    );
    return { kind: 'http', fetch: (req) => app.fetch(req), flush: () => app.opsEvents.flush() };
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
  async recommend(backend) {
    const { createRecommendJob } = await import('../../shared/recommendations/recommend-job');
    const job = createRecommendJob(backend);
    return topicHandler('attribution.completed', async (m) => void (await job(m)));
  },
  async notify(backend) {
    const { createNotifyJob } = await import('../../shared/alerts/notify-job');
    const job = createNotifyJob(backend);
    return topicHandler('alert.raised', async (m) => void (await job(m)));
  },
  async 'weekly-summary'(backend) {
    const [{ createWeeklySummaryJob }, { createInsightsService }, { chooseLlm }] = await Promise.all([
      import('../../shared/insights/weekly-summary-job'),
      import('../../shared/insights/service'),
      import('./llm'),
    ]);
    const insights = createInsightsService({ ...backend, llm: backend.llm ?? chooseLlm(backend.config) });
    const run = createWeeklySummaryJob({ ...backend, insights });
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
  'sync-meta': (backend) => syncAds(backend, 'meta'),
  'sync-tiktok': (backend) => syncAds(backend, 'tiktok'),
  'sync-google-ads': (backend) => syncAds(backend, 'google_ads'),
  async 'shopify-webhooks'(backend) {
    const { createShopifyWebhookReceiver } = await import('../../shared/platforms/shopify/webhooks/receiver');
    return { kind: 'http', fetch: createShopifyWebhookReceiver(backend) };
  },
  async 'apply-shopify-webhook'(backend) {
    const { createApplyShopifyWebhookJob } = await import('../../shared/platforms/shopify/webhooks/apply');
    return topicHandler('shopify.webhook', createApplyShopifyWebhookJob(backend));
  },
  async 'sync-shopify'(backend) {
    const { createSyncShopifyJob } = await import('../../shared/platforms/shopify/sync-job');
    const job = createSyncShopifyJob(backend);
    return { kind: 'task', handle: async (payload) => void (await job(payload)) };
  },
};

async function syncAds(backend: Backend, platform: AdPlatform): Promise<Handler> {
  const [{ createSyncAdsJob }, { createConfiguredFxRates }] = await Promise.all([
    import('../../shared/platforms/ads/sync-job'),
    import('../../shared/platforms/fx/ecb'),
  ]);
  const job = createSyncAdsJob({ ...backend, fx: createConfiguredFxRates(backend) }, platform, {
    trailingDays: backend.config.PULSEPOINT_ADS_TRAILING_DAYS,
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
