import { createApiApp } from '../api/app';
import type { HealthCheck } from '../api/routes/health';
import type { MessageHandler } from '../ports/events';
import { createApplyShopifyWebhookJob } from './apply-shopify-webhook';
import type { Deps } from './deps';
import type { Handler } from './handlers';
import { createScheduleSyncsJob } from './schedule-syncs';
import { createShopifyWebhookReceiver } from './shopify-webhooks';
import { createSyncShopifyJob } from './sync-shopify';

export interface HandlerOptions {
  version: string;
  startedAt: Date;
  healthChecks: HealthCheck[];
}

/**
 * What each manifest function does, given its dependencies. Both composition roots (each
 * `functions/<name>/index.ts` on Google Cloud, `infra/local` embedded) call this and adapt the
 * result to their platform; the manifest test proves every function has its handler.
 */
export function createHandlers(deps: Deps, options: HandlerOptions): Record<string, Handler> {
  const api = createApiApp(deps, options);
  const syncShopify = createSyncShopifyJob(deps);
  return {
    api: { kind: 'http', fetch: (req) => api.fetch(req) },
    'schedule-syncs': { kind: 'schedule', run: async () => void (await createScheduleSyncsJob(deps)()) },
    'shopify-webhooks': { kind: 'http', fetch: createShopifyWebhookReceiver(deps) },
    'apply-shopify-webhook': {
      kind: 'topic',
      topic: 'shopify.webhook',
      handle: createApplyShopifyWebhookJob(deps) as MessageHandler,
    },
    'sync-shopify': { kind: 'task', handle: async (payload) => void (await syncShopify(payload)) },
  };
}
