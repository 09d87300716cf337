import type { Brand } from '../domain/entities';
import { canAccessBrand, systemContext, type TenantContext } from '../domain/tenancy';
import { createTtlCache } from '../kernel/util/ttl-cache';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';

/**
 * How long this instance serves a brand document it read before reading it again. Writes made
 * through this instance's API drop it at once; a write from anywhere else (another instance, a
 * job) is seen within this time (docs/decisions/1024).
 */
export const BRAND_CACHE_MS = 1_000;
const MAX_CACHED = 5_000;

export interface BrandCacheDeps {
  store: OperationalStore;
  clock: Clock;
}

/** Freezes a document and everything in it: the cached brand is shared by every request. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The brand document behind every `/api/brands/{brandId}/...` request, read at most once per
 * `ttlMs` per brand on this instance (concurrent misses share one read) instead of once per
 * request. It is the settings document, not an access decision: the brand allow-list is judged on
 * every request from the caller's own context (its membership, 812), before the cache is asked,
 * and the key holds the tenant, so a brand is only ever served within its own tenant.
 *
 * `store` is the operational store with its brand and tenant writes dropping what they change
 * here: the API writes through it, so a brand edited or deleted through this instance is read
 * fresh by the next request.
 */
export function createBrandCache(deps: BrandCacheDeps, ttlMs = BRAND_CACHE_MS) {
  const cache = createTtlCache<Brand | undefined>(deps.clock, ttlMs, MAX_CACHED);
  const keyOf = (tenantId: string, brandId: string) => `${tenantId}\n${brandId}`;
  const forget = (tenantId: string, brandId: string) => cache.delete(keyOf(tenantId, brandId));
  const forgetTenant = (tenantId: string) => cache.deleteWhere((key) => key.startsWith(`${tenantId}\n`));

  async function get(ctx: TenantContext, brandId: string): Promise<Brand | undefined> {
    if (!canAccessBrand(ctx, brandId)) return undefined;
    // Read with a system context of the same tenant: what is kept must not depend on who asked
    // first (the allow-list above is each caller's own).
    return cache.get(keyOf(ctx.tenantId, brandId), async () =>
      deepFreeze(await deps.store.brands.get(systemContext(ctx.tenantId, 'brand-cache'), brandId)),
    );
  }

  const { brands, tenants } = deps.store;
  const store: OperationalStore = {
    ...deps.store,
    brands: {
      ...brands,
      async upsert(ctx, brand) {
        try {
          await brands.upsert(ctx, brand);
        } finally {
          forget(ctx.tenantId, brand.id);
        }
      },
      async delete(ctx, brandId) {
        try {
          await brands.delete(ctx, brandId);
        } finally {
          forget(ctx.tenantId, brandId);
        }
      },
    },
    tenants: {
      ...tenants,
      async delete(ctx) {
        try {
          await tenants.delete(ctx);
        } finally {
          forgetTenant(ctx.tenantId);
        }
      },
    },
  };
  return { get, forget, store };
}
export type BrandCache = ReturnType<typeof createBrandCache>;
