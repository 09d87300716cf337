import { brandTargetsSchema } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import type { Clock } from '../../shared/ports/clock';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { Warehouse } from '../../shared/ports/warehouse';

export const DEMO_TENANT = 'demo';
export const DEMO_BRAND = 'demo-brand';
export const DEMO_SHOP = 'demo-brand.myshopify.com';

/** Seeds the demo tenant, its owner and brand on first run; an existing demo is left as it is. */
export async function seedDemo(deps: {
  store: OperationalStore;
  warehouse: Warehouse;
  clock: Clock;
}): Promise<{ created: boolean }> {
  const ctx = systemContext(DEMO_TENANT, 'seed');
  if (await deps.store.tenants.get(ctx)) return { created: false };
  const now = deps.clock.now().toISOString();
  await deps.store.tenants.upsert(ctx, {
    id: DEMO_TENANT,
    name: 'Demo Agency',
    plan: 'agency',
    aiMonthlyBudgetMicros: 20_000_000,
    createdAt: now,
    updatedAt: now,
  });
  await deps.store.users.upsert(ctx, { uid: `local:${DEMO_TENANT}:owner`, role: 'owner', createdAt: now });
  await deps.store.brands.upsert(ctx, {
    id: DEMO_BRAND,
    name: 'Demo Brand',
    shopDomain: DEMO_SHOP,
    currency: 'USD',
    timezone: 'America/New_York',
    targets: brandTargetsSchema.parse({}),
    discountCodeCampaigns: {},
    createdAt: now,
    updatedAt: now,
  });
  await deps.warehouse.ensureTenant(ctx);
  return { created: true };
}
