import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { DocumentDb } from '../ports/document-db';

/**
 * When a brand's performance data last changed, kept as one small document so every API instance
 * can notice it: the rollup cache compares it at most once a second per brand and refreshes when it
 * moved, instead of serving a rollup up to its time-to-live old (docs/decisions/305, 503, 963). On
 * Cloud Functions each instance holds its own cache, so a message to "the API" would reach only one
 * of them; a read reaches all.
 *
 * The document also keeps the last few changes with the days each rebuilt, so a cache that holds an
 * older version can re-read only those days. A change without days (a full pass: spend, stock and
 * whole ranges moved) means "anything may have changed".
 */
export interface PerformanceFreshness {
  /** Records a change: a new version (a unique id) from now on; `days` omitted when unknown. */
  touch(
    ctx: TenantContext,
    brandId: string,
    change: { version: string; at: Date; days?: readonly LocalDate[] },
  ): Promise<void>;
  /** The brand's current version (null before any change was recorded). */
  version(ctx: TenantContext, brandId: string): Promise<string | null>;
  /**
   * The current version and the days changed since `since`: null days when they are not known
   * (a change without days, or `since` older than the changes kept) — read everything again.
   * `since` null (nothing was recorded when the cache loaded) gives every change's days while the
   * log still holds them all.
   */
  changesSince(ctx: TenantContext, brandId: string, since: string | null): Promise<FreshnessChanges>;
}

export interface FreshnessChanges {
  version: string | null;
  days: LocalDate[] | null;
}

/** Changes kept in the document: an instance further behind than this reads everything again. */
export const CHANGES_KEPT = 32;

interface Change {
  version: string;
  days: LocalDate[] | null;
}

const pathOf = (ctx: TenantContext, brandId: string) =>
  `tenants/${ctx.tenantId}/brands/${brandId}/freshness/performance`;

function changesOf(data: Record<string, unknown> | undefined): Change[] {
  const changes = data?.changes;
  return Array.isArray(changes) ? (changes as Change[]) : [];
}

export function createPerformanceFreshness(
  documents: Pick<DocumentDb, 'get' | 'runTransaction'>,
): PerformanceFreshness {
  return {
    async touch(ctx, brandId, { version, at, days }) {
      const sorted = days ? [...new Set(days)].sort() : null;
      const path = pathOf(ctx, brandId);
      // In a transaction: two updates landing together must both stay in the log, or an instance
      // between them would skip the days of the one that was overwritten.
      await documents.runTransaction(async (tx) => {
        const before = (await tx.get(path))?.data;
        const changes = changesOf(before);
        const kept = changes.slice(-(CHANGES_KEPT - 1));
        await tx.set(path, {
          version,
          updatedAt: at.toISOString(),
          from: sorted?.[0] ?? null,
          to: sorted?.[sorted.length - 1] ?? null,
          changes: [...kept, { version, days: sorted }],
          // Every change since the document was created is still in the log (none dropped yet).
          complete: (before === undefined || before.complete === true) && kept.length === changes.length,
        });
      });
    },
    async version(ctx, brandId) {
      const doc = await documents.get(pathOf(ctx, brandId));
      const version = doc?.data.version;
      return typeof version === 'string' ? version : null;
    },
    async changesSince(ctx, brandId, since) {
      const data = (await documents.get(pathOf(ctx, brandId)))?.data;
      const version = typeof data?.version === 'string' ? data.version : null;
      if (version === since) return { version, days: [] };
      const changes = changesOf(data);
      // A cache loaded before any change was recorded (`since` null) is behind by every change,
      // which the log holds while none was dropped from it (decision 988).
      const at = since === null ? -1 : changes.findIndex((c) => c.version === since);
      if (since === null ? data?.complete !== true : at === -1) return { version, days: null };
      const days = new Set<LocalDate>();
      for (const change of changes.slice(at + 1)) {
        if (!change.days) return { version, days: null };
        for (const day of change.days) days.add(day);
      }
      return { version, days: [...days].sort() };
    },
  };
}
