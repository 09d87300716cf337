import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantContext } from '../../domain/tenancy';
import type { ResidualDataPurge, ResidualPurgeScope } from '../../ports/residual-purge';
import type { DuckdbWarehouse } from './duckdb-warehouse';
import type { SqliteQueue } from './sqlite-queue';

/**
 * The embedded backends' residual purge: bus messages of the brand that mention the erased data
 * get their payloads emptied (finished and dead-lettered ones; the queue rewrites its file once
 * the message that asked for the erasure is done), the DuckDB file is rewritten without its
 * unreferenced blocks, and the store's SQLite file is vacuumed with its journal emptied.
 */
export function createEmbeddedResidualPurge(parts: {
  store: { compact(): Promise<void> };
  queue: Pick<SqliteQueue, 'scrub'>;
  warehouse: Pick<DuckdbWarehouse, 'compact'>;
  dataDir: string;
}): ResidualDataPurge {
  return {
    async purge(ctx: TenantContext, scope: ResidualPurgeScope) {
      parts.queue.scrub(({ payload }) => {
        const m = payload as { tenantId?: unknown; brandId?: unknown };
        if (m?.tenantId !== ctx.tenantId || m.brandId !== scope.brandId) return false;
        if (!scope.mentions) return true;
        const text = JSON.stringify(payload);
        return scope.mentions.some((s) => s.length > 0 && text.includes(s));
      });
      await parts.warehouse.compact();
      await parts.store.compact();
      restrictDataFiles(parts.dataDir);
    },
  };
}

/**
 * The data directory is the owner's alone (0700) and so is every file in it (0600): SQLite and
 * DuckDB create journals next to their files with the process umask, so this runs at start,
 * after a purge and at close.
 */
export function restrictDataFiles(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    try {
      chmodSync(path, statSync(path).isDirectory() ? 0o700 : 0o600);
    } catch {
      // A journal removed between listing and chmod (a checkpoint) needs nothing.
    }
  }
}
