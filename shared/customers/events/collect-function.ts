import { createMemoryRateLimiter, type RateLimiter } from '../../api/rate-limit/token-bucket';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../ports/clock';
import type { EventBus } from '../../ports/events';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import type { Warehouse } from '../../ports/warehouse';
import { createCollectHandler } from './collect';
import { createEventIngestion } from './ingest';
import { createWooCommerceReceiver } from './woocommerce';

export interface CollectFunctionDeps {
  store: OperationalStore;
  directory: SystemDirectory;
  warehouse: Warehouse;
  bus: EventBus;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Defaults to in-memory token buckets (one instance's view; docs/decisions/841). */
  limiter?: RateLimiter;
}

/** The `collect` function: `/collect` (pixel batches) and `/collect/woocommerce/{tenant}/{brand}`. */
export function createCollectFunction(deps: CollectFunctionDeps) {
  const ingestion = createEventIngestion(deps);
  const limiter = deps.limiter ?? createMemoryRateLimiter({ clock: deps.clock });
  const collect = createCollectHandler({ ...deps, ingestion, limiter });
  const woocommerce = createWooCommerceReceiver({ ...deps, ingestion });
  return function collectFunction(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (/^\/collect\/woocommerce\/[^/]+\/[^/]+$/.test(path)) return woocommerce(request);
    if (path === '/collect') return collect(request);
    return Promise.resolve(
      Response.json(
        { error: { code: 'not_found', message: `no route for ${request.method} ${path}` } },
        { status: 404 },
      ),
    );
  };
}
