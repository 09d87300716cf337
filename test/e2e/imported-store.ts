import type { LocalRuntime } from '../../infra/local/runtime';
import { DEMO_TENANT } from '../../infra/local/seed';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { createReresolveIdentitiesJob } from '../../shared/customers/identity/reresolve-identities';
import { createCustomerAnalyticsJob } from '../../shared/customers/job';
import { createCustomersRefreshJob } from '../../shared/customers/refresh-after-import';
import type { LocalDate } from '../../shared/domain/time';
import { BRAND_TZ, importBodies, planStore, START } from './import-store';
import { poster } from './web-runtime';

/** The brand the imported-store browser tests make: Acme Store, its files from import-store.ts. */
export const IMPORTED_BRAND = 'acme-store';

/**
 * Makes the imported store as a merchant would, through the API (the brand, then every export file),
 * then runs at once what the imports queued behind their debounce: the attribution pass from the
 * files' first day, then the customers refresh (identities, then the customer model; decision 1010).
 */
export async function importStore(runtime: LocalRuntime, token: string, runKey: string): Promise<void> {
  const post = poster(runtime.url, token);
  await post('/api/brands', {
    id: IMPORTED_BRAND,
    name: 'Acme Store',
    shopDomain: 'acme-store.myshopify.com',
    currency: 'USD',
    timezone: BRAND_TZ,
  });
  for (const body of importBodies(planStore())) await post(`/api/brands/${IMPORTED_BRAND}/imports`, body);
  await runQueuedJobs(runtime, IMPORTED_BRAND, runKey, START);
}

/** The pass and the customers refresh an import queues, run now rather than after their debounce. */
export async function runQueuedJobs(
  runtime: LocalRuntime,
  brandId: string,
  runKey: string,
  from?: LocalDate,
): Promise<void> {
  const deps = runtime.embedded.deps;
  if (from)
    await createAttributeJob(deps).runPass({ tenantId: DEMO_TENANT, brandId, idempotencyKey: runKey, from });
  await createCustomersRefreshJob({
    brands: deps.store.brands,
    reresolve: createReresolveIdentitiesJob({ ...deps, db: deps.documents, brands: deps.store.brands }),
    analytics: createCustomerAnalyticsJob({ ...deps, brands: deps.store.brands }),
    logger: deps.logger,
  })({ tenantId: DEMO_TENANT, brandId, idempotencyKey: runKey });
}
