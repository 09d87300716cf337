import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import type { DocumentDb } from '../../ports/document-db';
import { createSqliteDocumentDb } from '../embedded/sqlite-document-db';
import { createOperationalStore, createSystemDirectory } from './document-store';

const key = (id: string, hash: string): ApiKey => ({
  id,
  name: id,
  prefix: 'pp_live_abcd',
  hash,
  role: 'viewer',
  createdBy: 'u',
  createdAt: '2026-11-20T00:00:00Z',
});
const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);

let dir: string;
let db: DocumentDb;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pp-'));
  db = createSqliteDocumentDb(join(dir, 's.sqlite'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('API key repository', () => {
  it('indexes a key by hash for the tenant that owns it, also inside a transaction', async () => {
    const store = createOperationalStore(db);
    const directory = createSystemDirectory(db);
    const ctx = systemContext('t_one', 'test');
    await store.apiKeys.create(ctx, key('k1', H1));
    await store.transaction(ctx, (tx) => tx.apiKeys.create(ctx, key('k2', H2)));
    expect(await directory.resolveApiKey(H1)).toEqual({ tenantId: 't_one', keyId: 'k1' });
    expect(await directory.resolveApiKey(H2)).toEqual({ tenantId: 't_one', keyId: 'k2' });
    expect(await store.apiKeys.get(systemContext('t_two', 'test'), 'k1')).toBeUndefined();
  });

  it('removes the index with the key, and with the whole tenant', async () => {
    const store = createOperationalStore(db);
    const directory = createSystemDirectory(db);
    const ctx = systemContext('t_one', 'test');
    await store.apiKeys.delete(ctx, 'k1');
    expect(await directory.resolveApiKey(H1)).toBeUndefined();
    await store.tenants.delete(ctx);
    expect(await directory.resolveApiKey(H2)).toBeUndefined();
  });

  it('ignores anything that is not a SHA-256', async () => {
    expect(await createSystemDirectory(db).resolveApiKey('../tenants')).toBeUndefined();
  });
});
