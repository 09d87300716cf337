/**
 * Customers after an import (decision 1010). A Shopify file import writes orders without a sync,
 * so nothing announces `brand.synced` and the batch identity re-resolution never runs: the
 * store's emails and Shopify customer ids would never become profiles. The import queues one
 * named, delayed task per brand and window on `customers-refresh` (the attribution requester's
 * debounce: six files in a row make one run); the `refresh-customers` function re-resolves the
 * brand's identities from its orders and events, then runs the brand's customer analytics
 * (segments, lifetime value, cohorts) so they do not wait for the night. The queue is persistent,
 * so a CLI import without a server is refreshed when the server starts.
 */
import { z } from 'zod';
import { defaultRegion } from '../domain/customers/phone';
import { systemContext, type TenantContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { BrandRepository } from '../ports/operational-store';
import { enqueueAtWindowEnd, type TaskQueue } from '../ports/task-queue';
import type { ReresolveIdentitiesJob } from './identity/reresolve-identities';
import type { CustomerAnalyticsJob } from './job';

export const CUSTOMERS_REFRESH_QUEUE = 'customers-refresh';

/** Imports of one brand within a window of this length share one refresh, run at the window's end. */
export const REFRESH_WINDOW_MS = 20_000;

export const customersRefreshTaskSchema = z.object({
  tenantId: z.string().min(1),
  brandId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  traceparent: z.string().optional(),
});
export type CustomersRefreshTask = z.infer<typeof customersRefreshTaskSchema>;

/** Queues the brand's customers refresh at the end of the current window (named: queued once). */
export function createCustomersRefreshRequester(
  deps: { tasks: TaskQueue; clock: Clock },
  windowMs = REFRESH_WINDOW_MS,
) {
  return async function requestCustomersRefresh(ctx: TenantContext, brandId: string): Promise<void> {
    await enqueueAtWindowEnd(deps.tasks, CUSTOMERS_REFRESH_QUEUE, {
      key: `customers-${ctx.tenantId}-${brandId}`,
      nowMs: deps.clock.now().getTime(),
      windowMs,
      payload: (name): CustomersRefreshTask => ({
        tenantId: ctx.tenantId,
        brandId,
        idempotencyKey: name,
        ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
      }),
    });
  };
}

export interface CustomersRefreshJobDeps {
  brands: Pick<BrandRepository, 'get'>;
  reresolve: Pick<ReresolveIdentitiesJob, 'reresolve'>;
  analytics: Pick<CustomerAnalyticsJob, 'runBrand'>;
  logger: Pick<Logger, 'info'>;
}

/** The `refresh-customers` task: identities first (profiles, search, audiences), then analytics. */
export function createCustomersRefreshJob(deps: CustomersRefreshJobDeps) {
  return async function refreshCustomers(payload: unknown) {
    const task = customersRefreshTaskSchema.parse(payload);
    const ctx = systemContext(task.tenantId, 'refresh-customers', task.traceparent);
    const brand = await deps.brands.get(ctx, task.brandId);
    if (!brand) return null;
    const identities = await deps.reresolve.reresolve({ ctx, brandId: brand.id }, defaultRegion(brand));
    const analytics = await deps.analytics.runBrand(ctx, brand);
    deps.logger.info('refresh-customers: done', {
      brandId: brand.id,
      profilesFromRecords: identities.resolvedMissing,
      merges: identities.merges,
      customers: analytics.customers,
    });
    return { identities, analytics };
  };
}
