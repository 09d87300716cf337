import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { DocumentDb } from '../ports/document-db';

/**
 * When a brand's unified performance last changed outside a full pass (an incremental attribution
 * update), kept as one small document so every API instance can notice it: the rollup cache
 * compares it at most once a second per brand and reloads when it moved, instead of serving a
 * rollup up to its time-to-live old (docs/decisions/305, 503). On Cloud Functions each instance
 * holds its own cache, so a message to "the API" would reach only one of them; a read reaches all.
 */
export interface PerformanceFreshness {
  /** Records that the given days of the brand were rebuilt: a new version (a unique id) from now on. */
  touch(
    ctx: TenantContext,
    brandId: string,
    change: { version: string; at: Date; days: readonly LocalDate[] },
  ): Promise<void>;
  /** The brand's current version (null before any incremental update). */
  version(ctx: TenantContext, brandId: string): Promise<string | null>;
}

const pathOf = (ctx: TenantContext, brandId: string) =>
  `tenants/${ctx.tenantId}/brands/${brandId}/freshness/performance`;

export function createPerformanceFreshness(documents: Pick<DocumentDb, 'get' | 'set'>): PerformanceFreshness {
  return {
    async touch(ctx, brandId, { version, at, days }) {
      const sorted = [...days].sort();
      await documents.set(pathOf(ctx, brandId), {
        version,
        updatedAt: at.toISOString(),
        from: sorted[0] ?? null,
        to: sorted[sorted.length - 1] ?? null,
      });
    },
    async version(ctx, brandId) {
      const doc = await documents.get(pathOf(ctx, brandId));
      const version = doc?.data.version;
      return typeof version === 'string' ? version : null;
    },
  };
}
