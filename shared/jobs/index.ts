import { createApiApp } from '../api/app';
import type { HealthCheck } from '../api/routes/health';
import { parseTopicMessage } from '../ports/events';
import { createAttributeJob } from './attribute';
import type { Deps } from './deps';
import type { Handler } from './handlers';
import { createScheduleSyncsJob } from './schedule-syncs';

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
  const attribute = createAttributeJob(deps);
  return {
    api: { kind: 'http', fetch: (req) => api.fetch(req) },
    'schedule-syncs': { kind: 'schedule', run: async () => void (await createScheduleSyncsJob(deps)()) },
    attribute: {
      kind: 'topic',
      topic: 'brand.synced',
      handle: async (m) => void (await attribute.onBrandSynced(parseTopicMessage('brand.synced', m))),
    },
    'attribute-pass': { kind: 'task', handle: async (payload) => void (await attribute.runPass(payload)) },
  };
}
