import type { Integration } from '../../../shared/domain/entities';
import { systemContext } from '../../../shared/domain/tenancy';
import { requestSync } from '../../../shared/platforms/sync-requests';
import type { Clock } from '../../../shared/ports/clock';
import type { OperationalStore } from '../../../shared/ports/operational-store';
import type { SecretStore } from '../../../shared/ports/secret-store';
import { integrationSecretName } from '../../../shared/ports/secret-store';
import type { TaskQueue } from '../../../shared/ports/task-queue';
import { DEMO_BRAND, DEMO_SHOP, DEMO_TENANT } from '../../local/seed';
import { SANDBOX_ACCESS_TOKEN } from './server';

/**
 * Connects the seeded demo brand to a running Shopify sandbox, as an OAuth install would: the
 * token into the SecretStore only, the integration pointing at the sandbox (apiBaseUrl), and the
 * backfill requested. `npm start` calls it after starting the sandbox.
 */
export async function connectDemoBrandToShopify(
  deps: { store: OperationalStore; secrets: SecretStore; tasks: TaskQueue; clock: Clock },
  sandboxUrl: string,
  target: { tenantId: string; brandId: string; shopDomain: string } = {
    tenantId: DEMO_TENANT,
    brandId: DEMO_BRAND,
    shopDomain: DEMO_SHOP,
  },
): Promise<void> {
  const ctx = systemContext(target.tenantId, 'connect-demo');
  const secretRef = await deps.secrets.put(
    ctx,
    integrationSecretName(target.brandId, 'shopify'),
    SANDBOX_ACCESS_TOKEN,
  );
  const existing = await deps.store.integrations.getPlatform(ctx, target.brandId, 'shopify');
  const integration: Integration = {
    platform: 'shopify',
    status: 'connected',
    accountIds: [target.shopDomain],
    ...(existing?.cursor ? { cursor: existing.cursor } : {}),
    secretRef,
    apiBaseUrl: sandboxUrl,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.integrations.upsert(ctx, target.brandId, integration);
  await requestSync(deps, ctx, target.brandId, 'shopify', existing?.cursor ? 'incremental' : 'backfill');
}
