import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { EventBus } from '../../ports/events';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import type { Warehouse } from '../../ports/warehouse';
import { type CollectLimiter, createCollectHandler } from './collect';
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
  /** Per-key token buckets; the composition root passes the in-memory ones (docs/decisions/841). */
  limiter: CollectLimiter;
}

/** The `collect` function: `/collect` (pixel batches) and `/collect/woocommerce/{tenant}/{brand}`. */
export function createCollectFunction(deps: CollectFunctionDeps) {
  const ingestion = createEventIngestion(deps);
  const collect = createCollectHandler({ ...deps, ingestion });
  const woocommerce = createWooCommerceReceiver({ ...deps, ingestion });
  return function collectFunction(request: Request): Promise<Response> {
    // Behind Hosting the path keeps its /collect prefix; on the function's own URL it has none.
    const path = new URL(request.url).pathname.replace(/\/+$/, '').replace(/^\/collect/, '');
    if (/^\/woocommerce\/[^/]+\/[^/]+$/.test(path)) return woocommerce(request);
    if (path === '') return collect(request);
    return Promise.resolve(
      Response.json(
        {
          error: {
            code: 'not_found',
            message: `no route for ${request.method} ${new URL(request.url).pathname}`,
          },
        },
        { status: 404 },
      ),
    );
  };
}
