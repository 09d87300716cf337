import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../../shared/adapters/document-store/document-store';
import { createSqliteDocumentDb } from '../../../shared/adapters/embedded/sqlite-document-db';
import type { OperationalStore, SystemDirectory } from '../../../shared/ports/operational-store';

/**
 * The operational store alone (SQLite), for CLI look-ups and tenant records. SQLite takes several
 * processes (WAL, busy timeout), so this is safe while a server runs; the DuckDB warehouse is not
 * opened here (it allows one process), which is what keeps the CLI clear of its lock.
 */
export async function withLocalStore<T>(
  dataDir: string,
  fn: (store: OperationalStore, directory: SystemDirectory) => Promise<T>,
): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const db = createSqliteDocumentDb(join(dataDir, 'store.sqlite'));
  try {
    return await fn(createOperationalStore(db), createSystemDirectory(db));
  } finally {
    await db.close();
  }
}

/** The tenants that have a brand with this id (brand ids are unique only within a tenant). */
export async function tenantsOfBrand(dataDir: string, brandId: string): Promise<string[]> {
  return withLocalStore(dataDir, async (store, directory) => {
    const owners: string[] = [];
    for (const tenantId of await directory.listTenantIds()) {
      const ctx = { tenantId, uid: 'cli', role: 'system' as const };
      if (await store.brands.get(ctx, brandId)) owners.push(tenantId);
    }
    return owners;
  });
}

/**
 * Makes the CLI's user an owner member of the tenant, as `pulsepoint token` does: the API checks
 * membership on every request, and the CLI acts as the local administrator.
 */
export async function registerCliOwner(dataDir: string, tenantId: string, uid: string): Promise<void> {
  await withLocalStore(dataDir, async (store) => {
    const ctx = { tenantId, uid, role: 'system' as const };
    if (!(await store.users.get(ctx, uid)))
      await store.users.upsert(ctx, { uid, role: 'owner', createdAt: new Date().toISOString() });
  });
}
